"""Map overlays: styles for scored sites and the grid, catchments of reference layers at the profile's distances.

Catchments here are for display (buffers with 32 segments a quarter); scores never use buffers.
"""

from __future__ import annotations

from typing import Dict, List, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsEditorWidgetSetup,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsGraduatedSymbolRenderer,
    QgsMarkerSymbol,
    QgsProperty,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from ..capture.formconfig import VALUE_MAP_NULL
from ..qtcompat import FieldTypes, symbol_property_size
from ..register.catalogue import REGISTER_CRS
from .indicators import Reference, of_services
from .profile import Criterion, Profile

#: one colour per model, in profile order (colour-blind safe, Okabe-Ito)
MODEL_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
SCORE_CLASSES = ((0, 20, "#f7fcf5"), (20, 40, "#c7e9c0"), (40, 60, "#74c476"), (60, 80, "#238b45"),
                 (80, 100.001, "#00441b"))


def model_colours(profile: Profile) -> Dict[str, str]:
    return {m.id: MODEL_COLOURS[i % len(MODEL_COLOURS)] for i, m in enumerate(profile.models)}


def style_sites(layer: QgsVectorLayer, profile: Profile, lang: str = "en", knocked_label: str = "—") -> None:
    """Categorised by best model; marker size grows with the best score; knocked-out sites grey."""
    cats = []
    for m in profile.models:
        sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": model_colours(profile)[m.id],
                                           "outline_color": "#333333"})
        sym.symbolLayer(0).setDataDefinedProperty(
            symbol_property_size(), QgsProperty.fromExpression('2 + coalesce("best_score", 0) / 12'))
        cats.append(QgsRendererCategory(m.id, sym, m.label(lang)))
    grey = QgsMarkerSymbol.createSimple({"name": "cross2", "color": "#888888", "size": "3"})
    cats.append(QgsRendererCategory(None, grey, knocked_label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("best_model", cats))
    # the attribute table and Identify show the model's name, not its key ("pendlerhafen")
    best = layer.fields().indexOf("best_model")
    if best >= 0:
        models = [{m.label(lang): m.id} for m in profile.models] + [{knocked_label: VALUE_MAP_NULL}]
        layer.setEditorWidgetSetup(best, QgsEditorWidgetSetup("ValueMap", {"map": models}))
    layer.triggerRepaint()


def style_grid(layer: QgsVectorLayer, model_id: str) -> None:
    """Graduated by the model's score in five classes of 20 points."""
    ranges = []
    for lo, hi, colour in SCORE_CLASSES:
        sym = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#ffffff", "outline_width": "0.1"})
        sym.setOpacity(0.75)
        ranges.append(QgsRendererRange(lo, hi, sym, f"{lo:g}–{min(hi, 100):g}"))
    layer.setRenderer(QgsGraduatedSymbolRenderer(f"s_{model_id}", ranges))
    layer.triggerRepaint()


def reference_renderer(role: str) -> QgsSingleSymbolRenderer:
    """Quiet styles for polygon reference layers: municipality outlines, a light green tint for landscape."""
    if role == "landscape":
        sym = QgsFillSymbol.createSimple({"color": "#a1d99b", "outline_style": "no"})
        sym.setOpacity(0.5)
    else:
        sym = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#555555", "outline_width": "0.4"})
    return QgsSingleSymbolRenderer(sym)


def catchment_distances(c: Criterion) -> List[float]:
    """Distances (m) a criterion's overlay draws: the count radius, or the curve's breakpoints that still score."""
    if c.kind == "count":
        return [c.radius_m]
    xs = sorted({float(x) / (c.scale or 1.0) for x, y in c.curve if x > 0 and y > 0})
    return xs or [float(c.curve[-1][0]) / (c.scale or 1.0)]


def catchment_layer(refs: Dict[str, Reference], c: Criterion, name: str,
                    distances: Optional[List[float]] = None) -> QgsVectorLayer:
    """Dissolved rings around the criterion's reference features at each distance (largest drawn first)."""
    layer = QgsVectorLayer(f"MultiPolygon?crs={REGISTER_CRS}", name, "memory")
    layer.dataProvider().addAttributes([QgsField("distance_m", FieldTypes.DOUBLE, "Real")])
    layer.updateFields()
    which = "points" if c.kind == "count" else "samples"
    pts = [p for role in c.layers if refs.get(role) is not None  # only the services the criterion counts
           for p in of_services(refs[role], which, c.services)]
    polys = [poly for role in c.layers if refs.get(role) is not None for poly in refs[role].polygons]
    feats = []
    for d in sorted(distances or catchment_distances(c), reverse=True):
        geoms = [QgsGeometry.fromWkt(f"POINT({x} {y})").buffer(d, 32) for x, y in pts]
        if c.kind != "count":
            geoms += [QgsGeometry.fromWkt(_poly_wkt(poly)).buffer(d, 32) for poly in polys]
        if not geoms:
            continue
        f = QgsFeature(layer.fields())
        geom = QgsGeometry.unaryUnion(geoms)
        if not geom.convertToMultiType():
            continue
        f.setGeometry(geom)
        f.setAttributes([d])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    sym = QgsFillSymbol.createSimple({"color": "#3182bd", "outline_color": "#08519c", "outline_width": "0.3"})
    sym.setOpacity(0.25)
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    return layer


def _poly_wkt(rings) -> str:
    return "POLYGON(" + ",".join("(" + ",".join(f"{x} {y}" for x, y in r) + ")" for r in rings) + ")"
