"""The QGIS Server project that publishes the register's public view in the county's Geoportal.

``write_project`` builds a project with the approved, published sites of ``coworking.public_site`` as three layers
(vacant buildings as points, brownfields as polygons, sensitive sites as their 1 km grid cell), German names,
aliases from the catalogue, symbols and labels, the municipality boundaries for orientation, and the service
metadata QGIS Server answers GetCapabilities with (WMS, WFS, OGC API Features): title, abstract, contact, fees,
access constraints with the data licences and attribution, extent and CRSs.

The layers name the database by a libpq service only (``service='NAME'``): the server's login and password stay in
the server's pg_service.conf, never in the project. The view decides what is public (db/catalogue_sync.py); the
project only shows it. The public photos (``coworking.public_photo``: public photos of published, unblurred sites,
as approved) are written as JPEG files ``fotos/<uuid>.jpg`` beside the project, and a table layer "Fotos" without
the image (site, caption, credit, ``datei``) tells the Geoportal which file belongs to which site (WFS, OGC API).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Set, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsFeatureRequest,
    QgsField,
    QgsLayerMetadata,
    QgsMapLayer,
    QgsPalLayerSettings,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsSymbol,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtXml import QDomDocument

from ..capture.formconfig import DATE_CONFIG, VALUE_MAP_NULL, value_map
from ..i18n import tr
from ..paths import resource
from ..qtcompat import FieldTypes
from . import catalogue as cat

#: what GetCapabilities offers besides the register's own CRS: WGS 84 and Web Mercator for web maps
CRS_LIST = (cat.REGISTER_CRS, "EPSG:4326", "EPSG:3857")
BOUNDARIES_FILE = "lk_meissen_gemeinden_vg5000.geojson"
BKG_ATTRIBUTION = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
DL_DE_BY = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
DL_DE_BY_URL = "https://www.govdata.de/dl-de/by-2-0"

#: how an empty coded value reads in GetFeatureInfo and the OGC API (the project is German whatever the UI language)
NO_VALUE = "(keine Angabe)"
#: the view's columns that are not catalogue fields, with their German aliases
VIEW_ALIASES = {
    "uuid": "Kennung", "kind": "Art", "municipality_ags": "Gemeindeschlüssel", "municipality_name": "Gemeinde",
    "version": "Version", "approved_on": "Freigegeben am", "blurred": "Lage unscharf (1-km-Raster)",
}
#: the view's own fields that are a yes/no or a date (formatted like the catalogue's)
VIEW_TYPES = {"blurred": cat.FieldType.BOOLEAN, "approved_on": cat.FieldType.DATE}
#: a yes/no field as the Geoportal shows it (the value QGIS Server reads from PostgreSQL is "true"/"false")
YES_NO = [{"Ja": "true"}, {"Nein": "false"}, {NO_VALUE: VALUE_MAP_NULL}]


@dataclass
class ServiceInfo:
    """What GetCapabilities says about the service (German, for the Geoportal)."""

    title: str = "Leerstände und Brachflächen im Landkreis Meißen"
    abstract: str = ("Freigegebene Brachflächen und Leerstände aus dem Coworking-Leerstandsmelder des Landkreises "
                     "Meißen. Private Standorte nur mit Einwilligung der Eigentümer bzw. nach § 200 Abs. 3 BauGB, "
                     "sensible Standorte nur als 1-km-Rasterzelle, ohne personenbezogene Daten.")
    organization: str = "Landkreis Meißen"
    contact_mail: str = ""
    online_resource: str = ""
    register_licence: str = DL_DE_BY + ", Landkreis Meißen"
    fees: str = "keine"

    def access_constraints(self) -> str:
        return (f"Standortdaten: {self.register_licence}. "
                f"Gemeindegrenzen: {BKG_ATTRIBUTION}, {DL_DE_BY} ({DL_DE_BY_URL}).")


@dataclass(frozen=True)
class PublicLayer:
    short_name: str  # the WMS/WFS type name and the OGC API Features collection id
    name: str
    filter: str
    wkb_type: int
    colour: str
    kind: Optional[str]  # None: both kinds


PUBLIC_LAYERS: Tuple[PublicLayer, ...] = (
    PublicLayer("brachflaechen", "Brachflächen", "\"kind\" = 'brownfield' AND NOT \"blurred\"",
                QgsWkbTypes.MultiPolygon, "#8d5524", cat.BROWNFIELD),
    PublicLayer("leerstaende", "Leerstände", "\"kind\" = 'vacancy' AND NOT \"blurred\"", QgsWkbTypes.Point, "#c2185b",
                cat.VACANCY),
    PublicLayer("unscharf", "Standorte mit unscharfer Lage (1-km-Raster)", "\"blurred\"", QgsWkbTypes.Polygon,
                "#607d8b", None),
)


def layer_source(service: str, layer: PublicLayer) -> str:
    """The datasource of one public layer: the libpq service's name, no user, no password, no authcfg."""
    uri = QgsDataSourceUri()
    uri.setConnection(service, "", "", "")
    uri.setDataSource("coworking", "public_site", "geom", layer.filter, "uuid")
    uri.setWkbType(layer.wkb_type)
    uri.setSrid(cat.REGISTER_CRS.split(":")[1])
    uri.setUseEstimatedMetadata(True)
    uri.setParam("checkPrimaryKeyUnicity", "0")  # a view: uuid is unique by construction, no scan at startup
    return uri.uri(False)


PHOTO_DIR = "fotos"
PHOTO_ALIASES = {
    "uuid": "Kennung", "site_uuid": "Kennung des Standorts", "kind": "Art", "site_name": "Standort",
    "municipality_name": "Gemeinde", "caption": "Bildunterschrift", "credit": "Urheber/in", "changed_on": "Stand",
    "datei": "Datei (Ordner fotos/)",
}
_PHOTO_FILE = re.compile(r"^[0-9a-f-]{36}\.jpg$")


def photo_source(service: str) -> str:
    """The datasource of the photo table: coworking.public_photo without geometry, through the service."""
    uri = QgsDataSourceUri()
    uri.setConnection(service, "", "", "")
    uri.setDataSource("coworking", "public_photo", "", "", "uuid")
    uri.setWkbType(QgsWkbTypes.NoGeometry)
    uri.setParam("checkPrimaryKeyUnicity", "0")
    return uri.uri(False)


def _photo_layer(service: str, info: ServiceInfo) -> QgsVectorLayer:
    layer = QgsVectorLayer(photo_source(service), "Fotos", "postgres")
    if not layer.isValid():
        raise RuntimeError(tr("The public photos (coworking.public_photo) could not be read through the service "
                              "“{service}”. Upgrade the register (coworking:install_database) and check the "
                              "service's login (coworking:assign_reader).").format(service=service))
    _hide_from_services(layer, {"image"})
    fields = layer.fields()
    for name, alias in PHOTO_ALIASES.items():
        if fields.indexOf(name) >= 0:
            layer.setFieldAlias(fields.indexOf(name), alias)
    kinds = [{label_de: kind} for kind, (label_de, _en) in cat.KIND_LABELS.items()]
    layer.setEditorWidgetSetup(fields.indexOf("kind"), QgsEditorWidgetSetup("ValueMap", {"map": kinds}))
    _describe(layer, "fotos", "Öffentliche Fotos der veröffentlichten Standorte; die Bilder liegen als "
              "fotos/<Kennung>.jpg beim Dienst. Urheber/in je Foto im Feld „Urheber/in“.",
              info.register_licence, info.online_resource, info.register_licence)
    return layer


def write_photos(layer: QgsVectorLayer, folder: Path) -> int:
    """The images of ``layer`` (public_photo) as ``folder/<uuid>.jpg``; photos no longer public are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = set()
    request = QgsFeatureRequest().setSubsetOfAttributes(["datei", "image"], layer.fields())
    for feature in layer.getFeatures(request):
        name, data = str(feature["datei"]), feature["image"]
        if not _PHOTO_FILE.match(name) or data is None:
            continue
        (folder / name).write_bytes(bytes(data))
        written.add(name)
    for old in folder.glob("*.jpg"):
        if _PHOTO_FILE.match(old.name) and old.name not in written:
            old.unlink()  # withdrawn, made internal or its site no longer published
    return len(written)


def _server_properties(layer: QgsMapLayer):
    """Short name, title, abstract, attribution: on the layer's serverProperties() from QGIS 3.38, the layer before."""
    props = layer.serverProperties() if hasattr(layer, "serverProperties") else None
    return props if props is not None and hasattr(props, "setShortName") else layer


def _describe(layer: QgsMapLayer, short_name: str, abstract: str, attribution: str, attribution_url: str,
              licence: str) -> None:
    target = _server_properties(layer)
    target.setShortName(short_name)
    target.setTitle(layer.name())
    target.setAbstract(abstract)
    target.setAttribution(attribution)
    target.setAttributionUrl(attribution_url)
    metadata = QgsLayerMetadata()
    metadata.setTitle(layer.name())
    metadata.setAbstract(abstract)
    metadata.setLicenses([licence])
    metadata.setRights([attribution])
    layer.setMetadata(metadata)


def _label(layer: QgsVectorLayer, field: str, size: float = 8.0) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    text = QgsTextFormat()
    text.setFont(QFont("DejaVu Sans"))
    text.setSize(size)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setColor(QColor("white"))
    buffer.setSize(0.8)
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _hide_from_services(layer: QgsVectorLayer, names: Set[str], services: Tuple[str, ...] = ("Wms", "Wfs")) -> None:
    """Leave fields out of WMS GetFeatureInfo (``Wms``) and of WFS and OGC API Features (``Wfs``) (QGIS's field
    configuration flags)."""
    if not names:
        return
    flags = getattr(Qgis, "FieldConfigurationFlag", None)
    if flags is not None and hasattr(layer, "setFieldConfigurationFlag"):
        for name in names:
            for service in services:
                layer.setFieldConfigurationFlag(layer.fields().indexOf(name), getattr(flags, "HideFrom" + service),
                                                True)
        return
    # QGIS 3.22 has the flags but not their Python API (the old exclude lists are ignored): set them in the
    # layer's field configuration as XML and read that back
    fields_only = QgsMapLayer.StyleCategory.Fields
    doc = QDomDocument()
    layer.exportNamedStyle(doc, QgsReadWriteContext(), fields_only)
    elements = doc.elementsByTagName("field")
    for i in range(elements.count()):
        element = elements.at(i).toElement()
        if element.attribute("name") in names and element.hasAttribute("configurationFlags"):
            element.setAttribute("configurationFlags", "|".join("HideFrom" + s for s in services))
    ok, error = layer.importNamedStyle(doc, fields_only)
    if not ok:
        raise RuntimeError(error)


def _list_labels(layer: QgsVectorLayer, f: cat.FieldDef) -> str:
    """For GetFeatureInfo, a multiple-choice field (a text array of keys, "startups, freelancers") as a virtual
    field of its German labels ("Start-ups, Freiberufler"); the keys stay in WFS and the OGC API, the labels stay
    out of them. Returns the virtual field's name."""
    pairs = ", ".join(f"{QgsExpression.quotedString(c.key)}, {QgsExpression.quotedString(c.label_de)}"
                      for c in f.choices.choices)
    expression = (f"array_to_string(array_foreach({QgsExpression.quotedColumnRef(f.name)}, "
                  f"coalesce(map_get(map({pairs}), @element), @element)), ', ')")
    name = f.name + "_de"
    field = QgsField(name, FieldTypes.STRING, "string")
    field.setAlias(f.label_de)
    layer.addExpressionField(expression, field)
    return name


def _aliases_and_values(layer: QgsVectorLayer, kind: Optional[str]) -> None:
    """German aliases from the catalogue, coded values shown by their German labels (GetFeatureInfo, OGC API);
    fields of the other kind (always empty) and the view's second geometry left out of the services."""
    fields = layer.fields()
    other_kind = {f.name for f in cat.FIELDS} - {f.name for f in cat.fields_for(kind)} if kind else set()
    # location: the point of a polygon, nothing to publish twice
    _hide_from_services(layer, {n for n in fields.names() if n == "location" or n in other_kind})
    for idx in range(fields.count()):
        name = fields.at(idx).name()
        if name in VIEW_ALIASES:
            layer.setFieldAlias(idx, VIEW_ALIASES[name])
            kind_of_field = VIEW_TYPES.get(name)
        else:
            try:
                f = cat.field_by_name(name)
            except KeyError:
                continue
            layer.setFieldAlias(idx, f.label_de)
            kind_of_field = f.type
            if f.type == cat.FieldType.CHOICE:
                labels = [{NO_VALUE: VALUE_MAP_NULL}] + value_map(f, "de", with_null=False)  # not "(NULL)"
                layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("ValueMap", {"map": labels}))
        # GetFeatureInfo and the OGC API show Ja/Nein and 31.12.2024, not 'true' and 2024-12-31
        if kind_of_field == cat.FieldType.BOOLEAN:
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("ValueMap", {"map": YES_NO}))
        elif kind_of_field == cat.FieldType.DATE:
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("DateTime", dict(DATE_CONFIG)))
    kind_idx = fields.indexOf("kind")
    if kind_idx >= 0:
        kinds = [{label_de: kind} for kind, (label_de, _en) in cat.KIND_LABELS.items()]
        layer.setEditorWidgetSetup(kind_idx, QgsEditorWidgetSetup("ValueMap", {"map": kinds}))
    lists = [cat.field_by_name(n) for n in fields.names() if n not in other_kind and n not in VIEW_ALIASES
             and n in {f.name for f in cat.FIELDS if f.type == cat.FieldType.MULTI_CHOICE}]
    labelled = [_list_labels(layer, f) for f in lists]
    _hide_from_services(layer, {f.name for f in lists}, ("Wms",))
    _hide_from_services(layer, set(labelled), ("Wfs",))


def _site_layer(service: str, spec: PublicLayer, info: ServiceInfo) -> QgsVectorLayer:
    layer = QgsVectorLayer(layer_source(service, spec), spec.name, "postgres")
    if not layer.isValid():
        raise RuntimeError(tr("The public view coworking.public_site could not be read through the service "
                              "“{service}”. Check the service's entry in pg_service.conf and that its login may "
                              "read the published sites (coworking:assign_reader).").format(service=service))
    symbol = QgsSymbol.defaultSymbol(layer.geometryType())
    symbol.setColor(QColor(spec.colour))
    if layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry:
        symbol.setOpacity(0.6 if spec.short_name != "unscharf" else 0.35)
    else:
        symbol.symbolLayer(0).setSize(3.0)
    layer.renderer().setSymbol(symbol)
    _label(layer, "name")
    _aliases_and_values(layer, spec.kind)
    _describe(layer, spec.short_name, info.abstract, info.register_licence, info.online_resource, info.register_licence)
    return layer


def _boundaries_layer(project_dir: Path) -> QgsVectorLayer:
    """The 28 municipalities (BKG VG5000), copied beside the project so the server reads them by relative path."""
    target = project_dir / BOUNDARIES_FILE
    shutil.copyfile(resource("data", BOUNDARIES_FILE), target)
    layer = QgsVectorLayer(str(target), "Gemeindegrenzen", "ogr")
    symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PolygonGeometry)
    symbol.setColor(QColor(0, 0, 0, 0))
    symbol.symbolLayer(0).setStrokeColor(QColor("#616161"))
    symbol.symbolLayer(0).setStrokeWidth(0.4)
    layer.renderer().setSymbol(symbol)
    _label(layer, "GEN", 9.0)
    fields = layer.fields()
    for name, alias in (("AGS", "Gemeindeschlüssel"), ("GEN", "Gemeinde"), ("BEZ", "Bezeichnung")):
        if fields.indexOf(name) >= 0:
            layer.setFieldAlias(fields.indexOf(name), alias)
    _describe(layer, "gemeindegrenzen", "Gemeinden des Landkreises Meißen (VG5000, Stand 01.01.2021)",
              BKG_ATTRIBUTION, DL_DE_BY_URL, DL_DE_BY)
    return layer


def county_extent(boundaries: QgsVectorLayer, project: QgsProject, margin_m: float = 2000.0) -> QgsRectangle:
    """The county's extent in the register's CRS, with a margin."""
    transform = QgsCoordinateTransform(boundaries.crs(), QgsCoordinateReferenceSystem(cat.REGISTER_CRS), project)
    extent = QgsRectangle()
    extent.setMinimal()
    for feature in boundaries.getFeatures(QgsFeatureRequest().setNoAttributes()):
        extent.combineExtentWith(transform.transformBoundingBox(feature.geometry().boundingBox()))
    return extent.buffered(margin_m)


def _service_properties(project: QgsProject, info: ServiceInfo, extent: QgsRectangle,
                        wfs_layers: List[QgsMapLayer]) -> None:
    """The project entries QGIS Server reads for GetCapabilities (WMS, WFS and OGC API Features)."""
    entries = {
        "WMSServiceCapabilities": True, "WMSServiceTitle": info.title, "WMSServiceAbstract": info.abstract,
        "WMSContactOrganization": info.organization, "WMSContactMail": info.contact_mail,
        "WMSOnlineResource": info.online_resource, "WMSFees": info.fees,
        "WMSAccessConstraints": info.access_constraints(),
        "WMSKeywordList": ["Leerstand", "Brachflächen", "Baulandkataster", "Coworking", "Landkreis Meißen"],
        "WMSExtent": [f"{v:.1f}" for v in (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                              extent.yMaximum())],
        "WMSCrsList": list(CRS_LIST), "WMSUseLayerIDs": False, "WMSFeatureInfoUseAttributeFormSettings": True,
        "WMSAddWktGeometry": False, "WFSLayers": [layer.id() for layer in wfs_layers],
        "WFSTLayers/Update": [], "WFSTLayers/Insert": [], "WFSTLayers/Delete": [],
    }
    for key, value in entries.items():
        project.writeEntry(key, "/", value)
    for layer in wfs_layers:
        project.writeEntry("WFSLayersPrecision", "/" + layer.id(), 2)  # centimetres in EPSG:25833


def write_project(path: str, service: str, info: Optional[ServiceInfo] = None) -> Path:
    """Write the Geoportal project to ``path`` (.qgs or .qgz) and the boundaries beside it; returns the path."""
    info = info or ServiceInfo()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(cat.REGISTER_CRS))
    project.setTitle(info.title)
    metadata = project.metadata()
    metadata.setTitle(info.title)
    metadata.setAbstract(info.abstract)
    metadata.setAuthor(info.organization)
    project.setMetadata(metadata)
    boundaries = _boundaries_layer(target.parent)
    sites = [_site_layer(service, spec, info) for spec in PUBLIC_LAYERS]
    photos = _photo_layer(service, info)
    write_photos(photos, target.parent / PHOTO_DIR)
    added = project.addMapLayers(sites + [boundaries, photos])  # the first on top: boundaries drawn below
    if len(added) != len(sites) + 2:
        raise RuntimeError(tr("The layers could not be added to the Geoportal project."))
    _service_properties(project, info, county_extent(boundaries, project), sites + [photos])
    project.writeEntry("Paths", "/Absolute", False)
    written = project.write(str(target))
    error = project.error()
    project.clear()  # the layers and their connections go now, not when Python collects the project at exit
    if not written:
        raise RuntimeError(tr("The project could not be written to {path}: {error}").format(
            path=str(target), error=error))
    return target
