"""Store the register's layer styles and attribute forms in the database's standard ``layer_styles`` table.

An officer who adds coworking.brownfield or coworking.vacancy in plain QGIS then gets the same form (widgets,
aliases, constraints, tabs: core/capture/formconfig.py, derived from the catalogue) and the same symbols (by review
status). The style is saved through QGIS's own ``saveStyleToDatabase(V2)``, so the table and its columns are exactly
what QGIS creates and reads. No credentials end up in the stored style: value-relation widgets name the
value-list table by a connection string stripped of user and password. In plain QGIS the target-group widget's
layer, coworking.value_list, comes along: QGIS desktop loads a form's missing layer by schema and table through the
added layer's own connection (resolveVectorLayerDependencies); every role of the register may read it and the styles.
"""

from __future__ import annotations

import logging
from typing import Dict

from qgis.core import QgsDataSourceUri, QgsEditorWidgetSetup, QgsVectorLayer, QgsWkbTypes

from ..core.capture import formconfig
from ..core.i18n import tr
from ..core.qtcompat import save_style_to_database
from ..core.register import catalogue as cat
from ..core.register.styles import status_renderer

LOG = logging.getLogger(__name__)

STYLE_NAME = "coworking_register"


def _uri(dsn: str, table: str, geometry_column: str = "geom") -> QgsDataSourceUri:
    uri = QgsDataSourceUri(dsn)
    uri.setDataSource("coworking", table, geometry_column, "", "uuid" if geometry_column else "")
    if table in cat.KINDS:
        # opened as QGIS's Browser adds the table (geometry type and SRID in the source), so the stored style is
        # one of a point or polygon layer (store_styles says for which layers QGIS loads it)
        uri.setWkbType(QgsWkbTypes.parseType(cat.GEOMETRY_TYPES[table]))
        uri.setSrid(cat.REGISTER_CRS.split(":")[1])
    return uri


def public_source(dsn: str, table: str) -> str:
    """The layer source of a register table without user name or password (safe to store)."""
    uri = _uri(dsn, table, "")
    uri.setUsername("")
    uri.setPassword("")
    uri.setAuthConfigId("")
    return uri.uri(False)


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
    # a reviewer accepts a site outside its municipality by typing the reason in the register's own layer (the
    # server refuses it from anyone else: RG003); in a working copy it stays read-only, as the server sets it
    form = layer.editFormConfig()
    form.setReadOnly(layer.fields().indexOf("location_override_reason"), False)
    layer.setEditFormConfig(form)
    layer.setRenderer(status_renderer(kind, lang))
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
        error = save_style_to_database(layer, STYLE_NAME, tr("Coworking register: form and symbols by review status"),
                                       True)
        results[kind] = error or ""
        if error:
            LOG.warning("style of %s not stored: %s", kind, error)
    # QGIS loads the default style WHERE type = <the geometry type the layer's source names> OR type IS NULL:
    # saved as "Point" it reaches no layer added without a type in its source, saved as "Unknown geometry" (what
    # a layer opened without one stores) none the Browser adds (type=Point, type=MultiPolygon). Each table has
    # one geometry column, named in f_geometry_column: NULL serves every layer of it.
    with conn.cursor() as cur:
        cur.execute("UPDATE public.layer_styles SET type = NULL WHERE f_table_catalog = current_database()"
                    " AND f_table_schema = 'coworking' AND f_table_name = ANY (%s) AND stylename = %s",
                    (list(cat.KINDS), STYLE_NAME))
    conn.commit()
    return results


def grant_style_access(conn) -> None:
    """Let every role of the register read the stored styles (QGIS reads them when a layer is added), the reader
    too. PostgreSQL grants a table, not rows: styles of other schemas in the same table are readable as well
    (a style is no secret; row-level security on a table other applications share would hide their rows)."""
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL")
        if cur.fetchone()[0]:
            cur.execute("GRANT SELECT ON public.layer_styles TO coworking_admin, coworking_reviewer, coworking_editor,"
                        " coworking_reader")
    conn.commit()
