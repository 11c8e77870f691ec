"""Store the register's layer styles and attribute forms in the database's standard ``layer_styles`` table.

An officer who adds coworking.brownfield or coworking.vacancy in plain QGIS then gets the same form (widgets,
aliases, constraints, tabs: core/capture/formconfig.py, derived from the catalogue) and the same symbols (by review
status). The style is saved through QGIS's own ``saveStyleToDatabase``, so the table and its columns are exactly
what QGIS creates and reads. No credentials end up in the stored style: value-relation widgets name the
value-list table by a connection string stripped of user and password.
"""

from __future__ import annotations

import logging
from typing import Dict, List

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsDataSourceUri,
    QgsEditorWidgetSetup,
    QgsRendererCategory,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..core.capture import formconfig, validation
from ..core.capture.wcstyle import STATUS_COLOURS
from ..core.i18n import tr
from ..core.register import catalogue as cat

LOG = logging.getLogger(__name__)

STYLE_NAME = "coworking_register"


def _uri(dsn: str, table: str, geometry_column: str = "geom") -> QgsDataSourceUri:
    uri = QgsDataSourceUri(dsn)
    uri.setDataSource("coworking", table, geometry_column, "", "uuid" if geometry_column else "")
    return uri


def public_source(dsn: str, table: str) -> str:
    """The layer source of a register table without user name or password (safe to store)."""
    uri = _uri(dsn, table, "")
    uri.setUsername("")
    uri.setPassword("")
    uri.setAuthConfigId("")
    return uri.uri(False)


def status_renderer(kind: str) -> QgsCategorizedSymbolRenderer:
    """Symbols by review status: what needs a decision stands out."""
    geom_type = (QgsWkbTypes.GeometryType.PolygonGeometry if kind == cat.BROWNFIELD
                 else QgsWkbTypes.GeometryType.PointGeometry)
    status = cat.VALUE_LISTS["status"]
    categories: List[QgsRendererCategory] = []
    lang = validation.label_language()
    for choice in status.choices:
        symbol = QgsSymbol.defaultSymbol(geom_type)
        symbol.setColor(QColor(STATUS_COLOURS.get(choice.key, "#666666")))
        if kind == cat.BROWNFIELD:
            symbol.setOpacity(0.7)
        categories.append(QgsRendererCategory(choice.key, symbol, choice.label_de if lang == "de" else choice.label_en))
    return QgsCategorizedSymbolRenderer("status", categories)


def configured_layer(dsn: str, kind: str, lang: str = "de") -> QgsVectorLayer:
    """A layer of the register table ``kind`` with the catalogue's form and the status symbols."""
    layer = QgsVectorLayer(_uri(dsn, kind).uri(False), kind, "postgres")
    if not layer.isValid():
        raise RuntimeError(tr("Could not open the table coworking.{table} to store its style.").format(table=kind))
    value_list = QgsVectorLayer(_uri(dsn, "value_list", "").uri(False), "value_list", "postgres")
    formconfig.configure_layer(layer, kind, lang, value_list if value_list.isValid() else None)
    safe_source = public_source(dsn, "value_list")
    for idx in range(layer.fields().count()):
        setup = layer.editorWidgetSetup(idx)
        if setup.type() == "ValueRelation":
            config = dict(setup.config())
            config["LayerSource"] = safe_source
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("ValueRelation", config))
    layer.setRenderer(status_renderer(kind))
    return layer


def store_styles(conn, dsn: str, lang: str = "de") -> Dict[str, str]:
    """Save the default style of both site tables into ``layer_styles``; returns {kind: error or ""}.

    The previous style of the same name is removed first (through ``conn``, committed): QGIS would otherwise
    ask on screen whether to overwrite it, which blocks an unattended install."""
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL")
        if cur.fetchone()[0]:
            cur.execute("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database()"
                        " AND f_table_schema = 'coworking' AND f_table_name = ANY (%s) AND stylename = %s",
                        (list(cat.KINDS), STYLE_NAME))
    conn.commit()
    results = {}
    for kind in cat.KINDS:
        layer = configured_layer(dsn, kind, lang)
        error = layer.saveStyleToDatabase(STYLE_NAME, tr("Coworking register: form and symbols by review status"),
                                          True, "")
        results[kind] = error or ""
        if error:
            LOG.warning("style of %s not stored: %s", kind, error)
    return results


def grant_style_access(conn) -> None:
    """Let every working role read the stored styles (QGIS reads them when a layer is added)."""
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL")
        if cur.fetchone()[0]:
            cur.execute("GRANT SELECT ON public.layer_styles TO coworking_admin, coworking_reviewer, coworking_editor")
    conn.commit()
