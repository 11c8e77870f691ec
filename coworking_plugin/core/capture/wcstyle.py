"""Symbols of the working copy's site layers by where a site stands: a local draft not pushed yet, a conflict
to resolve, or the register's status as last pulled (pending, approved, rejected, archived)."""

from __future__ import annotations

from typing import List

from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory, QgsSymbol, QgsWkbTypes
from qgis.PyQt.QtGui import QColor

from ..i18n import tr
from ..register import catalogue as cat

#: colours of the review states, shared with the register's own layer style (db/styles.py)
STATUS_COLOURS = {"pending": "#f0a202", "approved": "#2e8b57", "rejected": "#c0392b", "archived": "#9e9e9e"}
DRAFT_COLOUR, CONFLICT_COLOUR = "#1f78b4", "#8e24aa"

#: the category of a feature: a local edit or conflict first, else the register's status
STATE_EXPRESSION = ("CASE WHEN \"sync_state\" = 'conflict' THEN 'conflict' "
                    "WHEN \"sync_state\" IN ('new', 'modified', 'archive') THEN 'draft' "
                    "ELSE coalesce(\"status\", 'draft') END")


def working_copy_renderer(kind: str) -> QgsCategorizedSymbolRenderer:
    geom_type = (QgsWkbTypes.GeometryType.PolygonGeometry if kind == cat.BROWNFIELD
                 else QgsWkbTypes.GeometryType.PointGeometry)
    labels = {"draft": tr("Draft (not pushed yet)"), "conflict": tr("Conflict"), "pending": tr("Pending review"),
              "approved": tr("Approved"), "rejected": tr("Rejected"), "archived": tr("Archived")}
    colours = {"draft": DRAFT_COLOUR, "conflict": CONFLICT_COLOUR, **STATUS_COLOURS}
    categories: List[QgsRendererCategory] = []
    for key, label in labels.items():
        symbol = QgsSymbol.defaultSymbol(geom_type)
        symbol.setColor(QColor(colours[key]))
        if kind == cat.BROWNFIELD:
            symbol.setOpacity(0.7)
        categories.append(QgsRendererCategory(key, symbol, label))
    return QgsCategorizedSymbolRenderer(STATE_EXPRESSION, categories)
