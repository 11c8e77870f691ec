"""Forms reach officers who add the register's tables from QGIS's Browser (issue 12): the styles in layer_styles
carry the tables' geometry types, so a layer whose source names type=Point or type=MultiPolygon (as the Browser
writes it) loads the stored form, labels and symbols; every working role, the reader too, may read them, and
the value list the target-group widget names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from qgis.core import QgsDataSourceUri, QgsProject, QgsVectorLayer, QgsWkbTypes
from test_db_install import _query

from coworking_plugin.core.register import catalogue as cat

pytestmark = pytest.mark.postgis

BROWSER_TYPES = {cat.VACANCY: QgsWkbTypes.Type.Point, cat.BROWNFIELD: QgsWkbTypes.Type.MultiPolygon}


def browser_layer(dsn: str, kind: str) -> QgsVectorLayer:
    """The layer as QGIS's Browser adds it: key, SRID and geometry type in the source."""
    uri = QgsDataSourceUri(dsn)
    uri.setDataSource("coworking", kind, "geom", "", "uuid")
    uri.setWkbType(BROWSER_TYPES[kind])
    uri.setSrid("25833")
    layer = QgsVectorLayer(uri.uri(False), cat.KIND_LABELS[kind][0], "postgres")
    assert layer.isValid(), layer.error().summary()
    return layer


@pytest.fixture
def installed(processing_ready, register):
    import processing

    processing.run("coworking:install_database", {"DATABASE": register.dsn()})
    return register


def test_styles_serve_layers_with_and_without_a_type_in_their_source(installed):
    """QGIS loads the default style whose type is the one the layer's source names, or NULL: stored as "Unknown
    geometry" (the type of a source without one) it reached no layer the Browser adds; stored as "Point" it would
    reach no layer added without the type. NULL, for the one geometry column each table has, serves both."""
    rows = _query(installed.dsn(), "SELECT f_table_name, f_geometry_column, type FROM public.layer_styles "
                                   "ORDER BY f_table_name")
    assert rows == [("brownfield", "geom", None), ("vacancy", "geom", None)]
    for kind in cat.KINDS:
        uri = QgsDataSourceUri(installed.dsn("editor_meissen"))
        uri.setDataSource("coworking", kind, "geom", "", "uuid")
        for layer in (QgsVectorLayer(uri.uri(False), kind, "postgres"), browser_layer(uri.connectionInfo(), kind)):
            assert layer.editorWidgetSetup(layer.fields().indexOf("ownership")).type() == "ValueMap", layer.source()


@pytest.mark.parametrize("kind", cat.KINDS)
def test_a_browser_layer_of_an_editor_gets_the_stored_form(installed, kind):
    layer = browser_layer(installed.dsn("editor_meissen"), kind)
    assert QgsDataSourceUri(layer.source()).wkbType() == BROWSER_TYPES[kind]
    fields = layer.fields()
    assert layer.attributeAlias(fields.indexOf("name")) in ("Bezeichnung", "Name")
    assert layer.editorWidgetSetup(fields.indexOf("ownership")).type() == "ValueMap"
    assert layer.editorWidgetSetup(fields.indexOf("target_groups")).type() == "ValueRelation"
    assert layer.editorWidgetSetup(fields.indexOf("publication_consent_date")).type() == "DateTime"
    config = layer.editFormConfig()
    assert config.layout() == config.EditorLayout.TabLayout and len(config.tabs()) >= 3
    assert config.readOnly(fields.indexOf("version"))
    assert layer.renderer().type() == "categorizedSymbol"
    assert [c.value() for c in layer.renderer().categories()] == ["pending", "approved", "rejected", "archived"]


def test_a_reviewer_accepts_a_site_outside_its_municipality_in_plain_qgis(installed):
    """The stored form lets a reviewer type the reason; the register then takes the site, and only from staff."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    def commit(key, reason):
        layer = browser_layer(installed.dsn(key), cat.VACANCY)
        idx = layer.fields().indexOf("location_override_reason")
        assert not layer.editFormConfig().readOnly(idx)
        feature = QgsFeature(layer.fields())
        for name, value in (("municipality_ags", "14627140"), ("name", "Stadtgut auf Riesaer Flur"),
                            ("building_type", "public"), ("ownership", "municipal"),
                            ("location_override_reason", reason)):
            feature[name] = value
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(381100.0, 5685300.0)))  # in Riesa
        assert layer.startEditing() and layer.addFeature(feature)
        ok = layer.commitChanges()
        errors = " ".join(layer.commitErrors())
        layer.rollBack()
        return ok, errors

    ok, errors = commit("editor_meissen", "Grenzbereinigung 2019")
    assert not ok and "Nur die Prüfung des Landkreises lässt einen Standort außerhalb seiner Gemeinde zu" in errors
    ok, errors = commit("reviewer", "")
    assert not ok and "Der Standort liegt nicht in der angegebenen Gemeinde Meißen" in errors
    assert commit("reviewer", "Grenzbereinigung 2019")[0]
    assert _query(installed.dsn(), "SELECT location_override_reason, created_by FROM coworking.vacancy") == [
        ("Grenzbereinigung 2019", installed.role("reviewer"))]


def test_every_role_reads_the_styles_and_the_value_list(installed):
    for key in ("editor_meissen", "reviewer", "reader"):
        dsn = installed.dsn(key)
        assert _query(dsn, "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'coworking'") == [(2,)]
        assert _query(dsn, "SELECT count(*) FROM coworking.value_list WHERE list = 'target_group'") == [(6,)]


def test_qgis_loads_the_value_list_through_the_officers_own_connection(installed):
    """What QGIS does when a layer with the stored form is added and value_list is missing from the project
    (QgisApp/QgsAppLayerHandling::resolveVectorLayerDependencies): it reads schema and table from the widget's
    LayerSource and opens them through the added layer's own connection (QgsMapLayerUtils::databaseConnection),
    so the stored source needs neither user nor password, and every officer's own login serves."""
    from qgis.core import QgsMapLayerUtils, QgsProviderRegistry, QgsValueRelationFieldFormatter

    project = QgsProject.instance()
    project.removeAllMapLayers()
    for key in ("editor_meissen", "reviewer"):
        layer = project.addMapLayer(browser_layer(installed.dsn(key), cat.VACANCY))
        config = layer.editorWidgetSetup(layer.fields().indexOf("target_groups")).config()
        parts = QgsProviderRegistry.instance().providerMetadata("postgres").decodeUri(config["LayerSource"])
        assert (parts["schema"], parts["table"]) == ("coworking", "value_list")
        assert not parts.get("username") and not parts.get("password") and not parts.get("authcfg")
        conn = QgsMapLayerUtils.databaseConnection(layer)
        value_list = QgsVectorLayer(conn.tableUri(parts["schema"], parts["table"]), config["LayerName"],
                                    config["LayerProviderName"])
        assert value_list.isValid() and value_list.featureCount() > 0
        project.addMapLayer(value_list)
        assert QgsValueRelationFieldFormatter.resolveLayer(config, project) is value_list
        del conn
        project.removeAllMapLayers()


@pytest.mark.desktop
@pytest.mark.skipif(shutil.which("qgis") is None or shutil.which("xvfb-run") is None, reason="qgis or xvfb-run missing")
def test_qgis_desktop_adds_the_value_list_with_a_browser_layer(installed, tmp_path):
    """Plain QGIS desktop, no plugin: adding coworking.vacancy as the Browser does brings coworking.value_list along
    (QGIS says "Layer dependency 'value_list' required by 'Leerstand' was automatically loaded"), so the
    target-group drop-down works without the officer adding anything."""
    from scripts.desktop import run_qgis

    layer = browser_layer(installed.dsn("editor_meissen"), cat.VACANCY)
    run = run_qgis(tmp_path / "profiles", tmp_path, headless=True, timeout=90,
                   code=Path(__file__).with_name("desktop_browser_layer.py"),
                   extra_env={"COWORKING_BROWSER_URI": layer.source()})
    assert "error" not in run.report and run.report.get("added"), (run.report, run.output[-2000:])
    by_name = {name: (provider, valid, count) for name, provider, valid, count in run.report["layers"]}
    assert by_name["value_list"][:2] == ("postgres", True) and by_name["value_list"][2] > 0, run.report
    assert any("value_list" in text for text in run.report["message_bar"]), run.report


def test_the_target_group_widget_finds_the_value_list_added_from_the_browser(installed):
    """The officer who added coworking.value_list by hand: the stored widget finds it by table and name."""
    project = QgsProject.instance()
    project.removeAllMapLayers()
    uri = QgsDataSourceUri(installed.dsn("editor_meissen"))
    uri.setDataSource("coworking", "value_list", None, "", "")
    value_list = project.addMapLayer(QgsVectorLayer(uri.uri(False), "value_list", "postgres"))
    assert value_list.isValid() and value_list.featureCount() > 0
    layer = browser_layer(installed.dsn("editor_meissen"), cat.VACANCY)
    config = layer.editorWidgetSetup(layer.fields().indexOf("target_groups")).config()
    assert config["LayerName"] == "value_list" and config["LayerProviderName"] == "postgres"
    assert QgsDataSourceUri(config["LayerSource"]).table() == "value_list"
    assert "password" not in config["LayerSource"] and "user=" not in config["LayerSource"]
    from qgis.core import QgsValueRelationFieldFormatter

    assert QgsValueRelationFieldFormatter.resolveLayer(config, project) is value_list  # as the widget resolves it
    idx = layer.fields().indexOf("target_groups")
    shown = QgsValueRelationFieldFormatter().representValue(layer, idx, config, None, "{startups,crafts}")
    assert shown in ("{Handwerk, Start-ups}", "{Crafts, Start-ups}")
    project.removeAllMapLayers()
