"""Symbols of site layers by where a site stands: in review (pending, approved, rejected, archived) and, in a
working copy, in sync (a draft not pushed yet, a conflict). The one place these symbols are defined: the
working-copy layers (core/sync/maplayers.py), the register's stored default style (db/styles.py) and the review
layers all call ``status_renderer``.

One categorized renderer on an expression, so every site falls into exactly one class; the legend is German or
English like the catalogue's labels.
"""

from __future__ import annotations

from typing import List

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsRendererCategory,
    QgsSymbol,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from . import catalogue as cat

DRAFT, CONFLICT = "draft", "conflict"

#: class -> colour; drafts and conflicts are what the officer must act on, pending what the county must decide
STATUS_COLOURS = {
    DRAFT: "#1f78b4",
    CONFLICT: "#8e24aa",
    "pending": "#f0a202",
    "approved": "#2e8b57",
    "rejected": "#c0392b",
    "archived": "#9e9e9e",
}

#: the working copy's own classes (German, English); the review states' labels are the catalogue's
SYNC_LABELS = {
    DRAFT: ("Entwurf (nicht hochgeladen)", "Draft (not pushed)"),
    CONFLICT: ("Konflikt mit dem Register", "Conflict with the register"),
}


def status_expression(with_sync_state: bool) -> str:
    """The class of a site: its review status, or in a working copy first its unpushed or conflicting state."""
    status = QgsExpression.quotedColumnRef("status")
    if not with_sync_state:
        return status
    sync = QgsExpression.quotedColumnRef("sync_state")
    return (f"CASE WHEN {sync} = 'conflict' THEN 'conflict' WHEN {sync} = 'archive' THEN 'archived' "
            f"WHEN {sync} IN ('new', 'modified') THEN 'draft' ELSE coalesce({status}, 'pending') END")


def _symbol(kind: str, colour: QColor, key: str) -> QgsSymbol:
    if kind == cat.BROWNFIELD:
        symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PolygonGeometry)
        fill = QColor(colour)
        fill.setAlpha(110)
        symbol.setColor(fill)
        layer = symbol.symbolLayer(0)
        layer.setStrokeColor(colour.darker(130))
        layer.setStrokeWidth(0.6 if key in (DRAFT, CONFLICT) else 0.3)
        layer.setStrokeWidthUnit(QgsUnitTypes.RenderUnit.RenderMillimeters)
        return symbol
    symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PointGeometry)
    symbol.setColor(colour)
    symbol.setSize(3.6 if key in (DRAFT, CONFLICT) else 3.0)
    symbol.symbolLayer(0).setStrokeColor(QColor("#ffffff"))
    return symbol


def status_renderer(kind: str, lang: str = "de", with_sync_state: bool = False) -> QgsCategorizedSymbolRenderer:
    """Symbols by review status (``with_sync_state``: drafts and conflicts of a working copy first)."""
    if kind not in cat.KINDS:
        raise ValueError(kind)
    entries: List[tuple] = []
    if with_sync_state:
        entries += [(key, SYNC_LABELS[key][0 if lang == "de" else 1]) for key in (DRAFT, CONFLICT)]
    entries += [(c.key, c.label_de if lang == "de" else c.label_en) for c in cat.VALUE_LISTS["status"].choices]
    categories = [QgsRendererCategory(key, _symbol(kind, QColor(STATUS_COLOURS[key]), key), label)
                  for key, label in entries]
    return QgsCategorizedSymbolRenderer(status_expression(with_sync_state), categories)

