"""The dossier as a QGIS print layout built in code, one A4 page per site, exported with QgsLayoutExporter.

Runs on the main thread (QGIS's own layout export algorithms do too). The layout lives in a project of its own,
with fresh copies of the map layers, so the user's project is never touched. The map is the site highlighted over
the municipalities and the given reference layers; no internet basemap (a dossier is printed and sent).
"""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional, Sequence, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutItem,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..i18n import tr
from ..paths import resource
from ..qtcompat import text_always_as_text
from ..register.catalogue import REGISTER_CRS
from ..suitability.chartpaint import render_image
from ..tasks import TaskCanceled
from .collect import DossierSite
from .facts import Fact, format_date

MM = Qgis.LayoutUnit.Millimeters if hasattr(Qgis, "LayoutUnit") else QgsUnitTypes.LayoutUnit.LayoutMillimeters
#: the legend's label component: ``Qgis.LegendComponent`` from QGIS 3.32, ``QgsLegendStyle.Style`` before
SYMBOL_LABEL = (Qgis.LegendComponent.SymbolLabel if hasattr(Qgis, "LegendComponent")
                else QgsLegendStyle.Style.SymbolLabel)
PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 15.0
MAP_H = 92.0
ATTRIBUTION = "Gemeindegrenzen: © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0"


@dataclass
class MapLayer:
    """A layer for the dossier's map, as a recipe: the layout's project loads its own copy."""

    source: str
    name: str
    provider: str = "ogr"
    renderer: object = None  # a QgsFeatureRenderer clone, or None for the default style
    label_field: str = ""

    @classmethod
    def of(cls, layer) -> MapLayer:
        renderer = layer.renderer().clone() if layer.renderer() is not None else None
        return cls(layer.source(), layer.name(), layer.providerType(), renderer)


def municipalities_layer() -> MapLayer:
    """The municipality boundaries shipped with the plugin: a light fill, outlines and names."""
    sym = QgsFillSymbol.createSimple({"color": "#ebe6da", "outline_color": "#777777", "outline_width": "0.3"})
    return MapLayer(str(resource("data", "lk_meissen_gemeinden_vg5000.geojson")), tr("Municipalities"), "ogr",
                    QgsSingleSymbolRenderer(sym), label_field="GEN")


def other_sites_layer(layer) -> MapLayer:
    """The site layer itself, small and grey: the neighbouring sites as context."""
    if layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry:
        sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#8c8c8c", "size": "2",
                                            "outline_color": "#ffffff", "outline_width": "0.3"})
    else:
        sym = QgsFillSymbol.createSimple({"color": "140,140,140,80", "outline_color": "#8c8c8c",
                                          "outline_width": "0.3"})
    return MapLayer(layer.source(), tr("Other sites"), layer.providerType(), QgsSingleSymbolRenderer(sym))


def _highlight(site: DossierSite) -> QgsVectorLayer:
    geom = QgsGeometry(site.geometry)
    point = geom.type() == QgsWkbTypes.GeometryType.PointGeometry
    layer = QgsVectorLayer(f"{'Point' if point else 'MultiPolygon'}?crs={site.crs or REGISTER_CRS}",
                           site.name, "memory")
    feat = QgsFeature()
    feat.setGeometry(geom)
    layer.dataProvider().addFeatures([feat])
    if point:
        sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#d7191c", "size": "4.5",
                                            "outline_color": "#ffffff", "outline_width": "0.6"})
    else:
        sym = QgsFillSymbol.createSimple({"color": "215,25,28,90", "outline_color": "#d7191c",
                                          "outline_width": "0.9"})
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    return layer


def _extent(site: DossierSite, ratio: float) -> QgsRectangle:
    """The site and about 700 m around it, in EPSG:25833, with the map frame's width:height ratio."""
    geom = QgsGeometry(site.geometry)
    crs = QgsCoordinateReferenceSystem(site.crs or REGISTER_CRS)
    ok = not geom.isNull() and not geom.isEmpty()
    if ok and crs.authid() != REGISTER_CRS:
        xform = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(REGISTER_CRS), QgsProject.instance())
        ok = geom.transform(xform) == Qgis.GeometryOperationResult.Success
    if not ok:  # no usable geometry: the whole county
        return QgsRectangle(360000, 5646000, 428000, 5711000)
    box = geom.boundingBox()
    half_h = max(box.height(), box.width() / ratio) / 2 + 700.0
    c = box.center()
    return QgsRectangle(c.x() - half_h * ratio, c.y() - half_h, c.x() + half_h * ratio, c.y() + half_h)


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _label(layout, page: int, text: str, x: float, y: float, w: float, h: float, size: float = 9.0,
           bold: bool = False, colour: str = "#222222") -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    font = _font(size, bold)
    if hasattr(label, "setTextFormat"):  # QGIS >= 3.24 (setFont is deprecated there)
        fmt = QgsTextFormat.fromQFont(font)
        fmt.setColor(QColor(colour))
        label.setTextFormat(fmt)
    else:
        label.setFont(font)
        label.setFontColor(QColor(colour))
    layout.addLayoutItem(label)
    label.attemptResize(QgsLayoutSize(w, h, MM))
    label.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    return label


def _table(layout, page: int, rows: Sequence[Fact], x: float, y: float, w: float, size: float = 8.5) -> float:
    """Label/value rows as two aligned text columns (long labels and values wrap); returns the height used."""
    if not rows:
        return 0.0
    label_w = w * 0.45
    per_char = size * 0.2  # mm per character of DejaVu Sans at this size, generously
    label_chars, value_chars = max(int(label_w / per_char), 10), max(int((w - label_w) / per_char), 12)
    lefts: List[str] = []
    rights: List[str] = []
    for label, value in rows:
        left = textwrap.wrap(label, label_chars) or [""]
        right = textwrap.wrap(value, value_chars) or [""]
        n = max(len(left), len(right))
        lefts += left + [""] * (n - len(left))
        rights += right + [""] * (n - len(right))
    line_h = size * 0.47
    h = line_h * len(lefts) + 1.0
    _label(layout, page, "\n".join(lefts), x, y, label_w - 1, h, size, colour="#555555")
    _label(layout, page, "\n".join(rights), x + label_w, y, w - label_w, h, size)
    return h


def _heading(layout, page: int, text: str, x: float, y: float, w: float) -> float:
    _label(layout, page, text, x, y, w, 6, 11, bold=True, colour="#0b4f6c")
    return 6.5


PHOTO_H = 45.0


def _photos(layout, page: int, photos: Sequence[Tuple[str, str]], x: float, y: float, w: float) -> float:
    """Up to two photos (file, caption) side by side with their captions; returns the height used."""
    if not photos:
        return 0.0
    top = y + _heading(layout, page, tr("Photos"), x, y, w)
    slot = (w - 6) / 2
    for i, (path, caption) in enumerate(photos[:2]):
        px = x + i * (slot + 6)
        picture = QgsLayoutItemPicture(layout)
        picture.setPicturePath(path)
        picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
        layout.addLayoutItem(picture)
        picture.attemptResize(QgsLayoutSize(slot, PHOTO_H, MM))
        picture.attemptMove(QgsLayoutPoint(px, top, MM), page=page)
        _label(layout, page, caption, px, top + PHOTO_H + 0.5, slot, 4, 7, colour="#555555")
    return top - y + PHOTO_H + 5.5


def _page(layout, project: QgsProject, page: int, site: DossierSite, base_layers: List[QgsVectorLayer],
          chart_path: str, pages_of: Tuple[int, int], lang: str,
          photo_files: Sequence[Tuple[str, str]] = ()) -> None:
    x, w = MARGIN, PAGE_W - 2 * MARGIN
    kind_text = next((v for k, v in site.facts if k == tr("Kind")), "")
    municipality = site.facts[1][1] if len(site.facts) > 1 else ""
    status = site.status[0][1] if site.status else ""
    _label(layout, page, site.name, x, 10, w, 9, 17, bold=True, colour="#0b4f6c")
    _label(layout, page, " · ".join(t for t in (kind_text, municipality, status) if t), x, 19.5, w, 6, 10,
           colour="#555555")
    highlight = _highlight(site)
    if project.addMapLayer(highlight) is None:
        raise OSError(tr("The map of {site} could not be prepared.").format(site=site.name))
    item = QgsLayoutItemMap(layout)
    item.setCrs(QgsCoordinateReferenceSystem(REGISTER_CRS))
    item.setLayers([highlight] + base_layers)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    item.attemptResize(QgsLayoutSize(w, MAP_H, MM))
    item.attemptMove(QgsLayoutPoint(x, 27, MM), page=page)
    item.setExtent(_extent(site, w / MAP_H))
    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(item)
    legend.setLegendFilterByMapEnabled(True)
    legend.setTitle("")
    legend.setSymbolHeight(3.0)
    legend.setSymbolWidth(4.5)
    style = legend.rstyle(SYMBOL_LABEL)
    if hasattr(style, "setTextFormat"):  # QGIS >= 3.30 (setFont is deprecated there)
        style.setTextFormat(QgsTextFormat.fromQFont(_font(7.5)))
    else:
        style.setFont(_font(7.5))
    legend.setBackgroundColor(QColor(255, 255, 255, 220))
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(x + w - 2, 29, MM), page=page)
    legend.setReferencePoint(QgsLayoutItem.ReferencePoint.UpperRight)
    legend.attemptMove(QgsLayoutPoint(x + w - 2, 29, MM), page=page)
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(item)
    bar.applyDefaultSize()
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x + 2, 27 + MAP_H - 12, MM), page=page)
    top = 27 + MAP_H + 5
    col_w = (w - 6) / 2
    y = top + _heading(layout, page, tr("Key facts"), x, top, col_w)
    y += _table(layout, page, site.facts[2:] if len(site.facts) > 2 else site.facts, x, y, col_w)
    if site.owner or site.owner_note:
        y += 3
        y += _heading(layout, page, tr("Owner (confidential)"), x, y, col_w)
        y += _table(layout, page, site.owner, x, y, col_w)
        if site.owner_note:
            _label(layout, page, site.owner_note, x, y, col_w, 9, 8, colour="#555555")
    rx = x + col_w + 6
    ry = top + _heading(layout, page, tr("Suitability for coworking (0–100)"), rx, top, col_w)
    rows = list(site.scores)
    rows.append((tr("Best model"), site.best or tr("none (knocked out)")))
    if site.knockouts:
        rows.append((tr("Knock-outs"), ", ".join(site.knockouts)))
    ry += _table(layout, page, rows, rx, ry, col_w)
    ry += 3
    ry += _heading(layout, page, tr("Status in the register"), rx, ry, col_w)
    ry += _table(layout, page, site.status, rx, ry, col_w)
    chart_y = max(y, ry) + 4
    chart_y += _photos(layout, page, photo_files, x, chart_y, w)
    picture = QgsLayoutItemPicture(layout)
    picture.setPicturePath(chart_path)
    picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    layout.addLayoutItem(picture)
    picture.attemptResize(QgsLayoutSize(w, max(PAGE_H - 14 - chart_y, 30), MM))
    picture.attemptMove(QgsLayoutPoint(x, chart_y, MM), page=page)
    today = format_date(QDate.currentDate(), lang)
    footer = tr("Site dossier, {date} · Coworking Leerstandsmelder").format(date=today) + "\n" + ATTRIBUTION
    _label(layout, page, footer, x, PAGE_H - 12, w - 30, 8, 7, colour="#777777")
    number = _label(layout, page, tr("Page {page} of {pages}").format(page=pages_of[0], pages=pages_of[1]),
                    PAGE_W - MARGIN - 30, PAGE_H - 12, 30, 4, 7, colour="#777777")
    number.setHAlign(Qt.AlignmentFlag.AlignRight)


def _label_features(layer: QgsVectorLayer, field_name: str) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = field_name
    # along the boundaries: a name in the polygon's middle would sit on the highlighted site
    placement = getattr(Qgis, "LabelPlacement", None)  # QGIS >= 3.26
    settings.placement = placement.Line if placement is not None else QgsPalLayerSettings.Line
    fmt = QgsTextFormat()
    fmt.setFont(_font(9, bold=True))
    fmt.setSize(9)
    fmt.setColor(QColor("#555555"))
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _load(specs: Sequence[MapLayer], project: QgsProject) -> List[QgsVectorLayer]:
    result = []
    for spec in specs:
        layer = QgsVectorLayer(spec.source, spec.name, spec.provider)
        if not layer.isValid():
            continue
        if spec.renderer is not None:
            layer.setRenderer(spec.renderer.clone())
        if spec.label_field:
            _label_features(layer, spec.label_field)
        if project.addMapLayer(layer) is not None:  # in the layer tree: the legend lists it
            result.append(layer)
    return result


def export_pdf(sites: Sequence[DossierSite], path: str, map_layers: Sequence[MapLayer], lang: str = "en",
               progress: Callable[[float], None] = lambda p: None,
               is_canceled: Callable[[], bool] = lambda: False) -> str:
    """One PDF with one page per site; returns ``path``."""
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(REGISTER_CRS))
    base = _load(map_layers, project)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 page, landscape
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
    layout.setName(tr("Site dossier"))
    with tempfile.TemporaryDirectory(prefix="coworking_dossier_") as tmp:
        for k, site in enumerate(sites):
            if is_canceled():
                raise TaskCanceled()
            if k > 0:
                page = QgsLayoutItemPage(layout)
                page.setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
                layout.pageCollection().addPage(page)
            chart = os.path.join(tmp, f"chart_{k}.png")
            render_image(chart, site.chart_title, site.bars, site.colour, lang)
            photo_files = []
            for n, photo in enumerate(site.photos):
                photo_path = Path(tmp) / f"photo_{k}_{n}.jpg"
                photo_path.write_bytes(photo.data)
                photo_files.append((str(photo_path), photo.caption))
            _page(layout, project, k, site, base, chart, (k + 1, len(sites)), lang, photo_files)
            progress(80.0 * (k + 1) / len(sites))
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = 150
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = text_always_as_text()
        result = QgsLayoutExporter(layout).exportToPdf(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise OSError(tr("The PDF {path} could not be written (error {code}).").format(path=path, code=int(result)))
    progress(100.0)
    return path


def file_name(site: DossierSite) -> str:
    """A file name for the site's own PDF: its name (letters, digits, dashes) and the start of its uuid."""
    stem = re.sub(r"[^\w-]+", "_", site.name, flags=re.UNICODE).strip("_")[:60] or "site"
    return f"{stem}_{site.uuid[:8]}.pdf" if site.uuid else f"{stem}.pdf"


def export(sites: Sequence[DossierSite], output: str, per_site: bool, map_layers: Sequence[MapLayer],
           lang: str = "en", progress: Callable[[float], None] = lambda p: None,
           is_canceled: Callable[[], bool] = lambda: False) -> List[str]:
    """One PDF for all sites at ``output``, or (``per_site``) one PDF per site in the folder ``output``."""
    if not per_site:
        return [export_pdf(sites, output, map_layers, lang, progress, is_canceled)]
    os.makedirs(output, exist_ok=True)
    paths: List[str] = []
    for k, site in enumerate(sites):
        paths.append(export_pdf([site], os.path.join(output, file_name(site)), map_layers, lang,
                                lambda p, k=k: progress(100.0 * (k + p / 100.0) / len(sites)), is_canceled))
    return paths


def default_output(directory: Optional[str] = None) -> str:
    return os.path.join(directory or tempfile.gettempdir(), "dossier.pdf")
