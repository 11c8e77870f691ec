"""The native QGIS attribute form of working-copy layers follows the catalogue (widgets, rules, defaults)."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsFieldConstraints, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayerUtils

from coworking_plugin.core.capture import formconfig
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.sync import workingcopy as wc


def _layers(tmp_path):
    path = wc.create(str(tmp_path / "wc.gpkg"))
    layers = {k: wc.layer(str(path), k) for k in cat.KINDS}
    QgsProject.instance().addMapLayers(list(layers.values()))
    formconfig.configure_working_copy(str(path), layers, lang="de")
    return path, layers


def test_widgets_aliases_and_tabs(qgis_app, tmp_path):
    _, layers = _layers(tmp_path)
    vac = layers[cat.VACANCY]
    idx = vac.fields().indexOf
    assert vac.editorWidgetSetup(idx("building_type")).type() == "ValueMap"
    labels = [list(e.keys())[0] for e in vac.editorWidgetSetup(idx("building_type")).config()["map"]]
    assert "Wohngebäude" in labels  # German labels, catalogue keys stored
    assert vac.editorWidgetSetup(idx("floors")).type() == "Range"
    assert vac.editorWidgetSetup(idx("floors")).config()["Max"] == 100
    assert vac.editorWidgetSetup(idx("barrier_free")).type() == "CheckBox"
    date = vac.editorWidgetSetup(idx("vacant_since"))
    assert date.type() == "DateTime" and date.config()["calendar_popup"] is True
    assert vac.editorWidgetSetup(idx("notes")).config()["IsMultiline"] is True
    rel = vac.editorWidgetSetup(idx("target_groups"))
    assert rel.type() == "ValueRelation" and rel.config()["AllowMulti"] is True
    assert QgsProject.instance().mapLayer(rel.config()["Layer"]).featureCount() > 0
    assert vac.attributeDisplayName(idx("floors")) == "Geschosse"
    assert vac.editFormConfig().readOnly(idx("uuid")) and vac.editFormConfig().readOnly(idx("sync_state"))
    assert not vac.editFormConfig().readOnly(idx("name"))
    assert len(vac.editFormConfig().tabs()) == 4
    assert layers[cat.BROWNFIELD].editFormConfig().readOnly(layers[cat.BROWNFIELD].fields().indexOf("area_m2"))


def test_constraints_match_validation(qgis_app, tmp_path):
    _, layers = _layers(tmp_path)
    vac = layers[cat.VACANCY]
    fields = vac.fields()
    feat = QgsVectorLayerUtils.createFeature(vac, QgsGeometry.fromPointXY(QgsPointXY(410000, 5670000)))
    assert feat["ownership"] == "unknown" and feat["vacancy_degree"] == "complete"
    assert len(str(feat["uuid"])) == 36 and feat["sync_state"] == "new"

    def ok(name, value, **others):
        f = QgsFeature(feat)
        for k, v in others.items():
            f[k] = v
        f[name] = value
        good, errors = QgsVectorLayerUtils.validateAttribute(
            vac, f, fields.indexOf(name), QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
        return good, errors

    assert ok("floors", 5)[0]
    good, errors = ok("floors", 101)
    assert not good and any("between 0 and 100" in e for e in errors)
    assert not ok("rent_per_m2", -1)[0]
    assert not ok("broadband_mbps", 10001)[0]
    assert not ok("postcode", "1662")[0] and ok("postcode", "01662")[0]
    assert not ok("municipality_ags", "14628010")[0] and ok("municipality_ags", "14627140")[0]
    assert not ok("vacant_since", "2999-01-01")[0] and ok("vacant_since", "2020-01-01")[0]
    assert not ok("name", "  ")[0] and ok("name", "Alte Post")[0]
    good, errors = ok("publication_consent_date", None, ownership="private", publication_consent=True)
    assert not good and any("on the tab “Publication”" in e for e in errors)
    assert ok("publication_consent_date", "2024-05-01", ownership="private", publication_consent=True)[0]
    assert ok("publication_consent_date", None, ownership="municipal", publication_consent=True)[0]
    assert not ok("publication_consent_date", "2999-01-01", ownership="private", publication_consent=True)[0]


def test_postgis_register_layer_gets_the_same_form(qgis_app, register):
    from qgis.core import QgsDataSourceUri, QgsVectorLayer

    uri = QgsDataSourceUri(register.dsn("editor_meissen"))
    uri.setDataSource("coworking", "vacancy", "geom", "", "uuid")
    layer = QgsVectorLayer(uri.uri(False), "vacancy", "postgres")
    assert layer.isValid()
    formconfig.configure_layer(layer, cat.VACANCY, lang="de")
    idx = layer.fields().indexOf
    assert layer.editorWidgetSetup(idx("floors")).type() == "Range"
    assert layer.editorWidgetSetup(idx("building_type")).type() == "ValueMap"
    assert layer.attributeDisplayName(idx("rent_per_m2")) == "Miete (€/m²)"
    assert layer.editFormConfig().readOnly(idx("status"))
    feat = QgsVectorLayerUtils.createFeature(layer)
    feat["floors"] = 150
    good, errors = QgsVectorLayerUtils.validateAttribute(layer, feat, idx("floors"),
                                                         QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    assert not good and any("between 0 and 100" in e for e in errors)


def test_native_edit_marks_synced_site_modified(qgis_app, tmp_path):
    from coworking_plugin.core.capture import drafts

    path, layers = _layers(tmp_path)
    uid = drafts.save_site(str(path), cat.VACANCY, {"name": "Alte Post", "municipality_ags": "14627140",
                                                    "building_type": "office"},
                            QgsGeometry.fromPointXY(QgsPointXY(393295, 5669111)))
    vac = layers[cat.VACANCY]
    fid = next(vac.getFeatures()).id()
    vac.dataProvider().changeAttributeValues({fid: {vac.fields().indexOf("sync_state"): wc.SYNC_SYNCED}})
    vac.reload()
    assert vac.startEditing()
    assert vac.changeAttributeValue(fid, vac.fields().indexOf("floors"), 4)
    assert vac.commitChanges()
    feat = vac.getFeature(fid)
    assert feat["floors"] == 4 and feat["sync_state"] == wc.SYNC_MODIFIED and feat["uuid"] == uid


def test_working_copy_form_shows_bookkeeping_dates_and_sync_state(qgis_app, register, tmp_path):
    """A checked-out site in QGIS's own form: Version and Basis-Version as numbers (an int spin box cannot hold
    the range ±1e12 and showed NULL), dates as dates, Abgleichstatus in words."""
    import pytest

    pytest.importorskip("psycopg2")
    from qgis.gui import QgsAttributeForm, QgsEditorWidgetWrapper, QgsGui
    from qgis.PyQt.QtWidgets import QComboBox, QDateTimeEdit, QSpinBox

    from coworking_plugin.core.sync.pull import checkout
    from coworking_plugin.core.sync.push import push
    from tests.sync_helpers import add_site, vacancy_values

    QgsGui.editorWidgetRegistry().initEditors()
    dsn = register.dsn("editor_meissen")
    first = str(tmp_path / "first.gpkg")
    checkout(dsn, first)
    add_site(first, **vacancy_values(vacant_since="2019-05-01", available_from="2027-02-01", rooms=4))
    push(dsn, first)
    path = str(tmp_path / "wc.gpkg")
    checkout(dsn, path)
    layer = wc.layer(path, cat.VACANCY)
    QgsProject.instance().addMapLayer(layer)
    formconfig.configure_working_copy(path, {cat.VACANCY: layer}, lang="de")
    form = QgsAttributeForm(layer, next(layer.getFeatures()))
    shown = {}
    for widget in form.findChildren(QSpinBox) + form.findChildren(QDateTimeEdit) + form.findChildren(QComboBox):
        wrapper = QgsEditorWidgetWrapper.fromWidget(widget)
        if wrapper is not None:
            shown[layer.fields()[wrapper.fieldIdx()].name()] = (
                widget.currentText() if isinstance(widget, QComboBox) else widget.text())
    assert (shown["version"], shown["base_version"], shown["rooms"]) == ("1", "1", "4")
    assert (shown["vacant_since"], shown["available_from"]) == ("01.05.2019", "01.02.2027")
    assert shown["sync_state"] == "Wie im Register" and shown["status"] == "Zur Prüfung"
    QgsProject.instance().removeMapLayer(layer.id())
