"""After a checkout the working copy is on the map (issue 12): its two site layers, added once (a second checkout
reloads them), with the catalogue's form and symbols by review and sync state, German legend in a German QGIS."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsProject,
)

from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.register import review
from coworking_plugin.core.sync import conflicts, maplayers
from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from tests.sync_helpers import add_site, edit_site, vacancy_values
from tests.sync_helpers import wait_for_task as _wait
from tests.test_sync_dock import dock as dock  # noqa: F401 (the fixture)

pytestmark = pytest.mark.postgis


def legend_classes(layer):
    """{site name: the legend label its symbol has}, evaluated as the renderer does."""
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    expression = QgsExpression(renderer.classAttribute())
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    result = {}
    for feature in layer.getFeatures():
        context.setFeature(feature)
        index = renderer.categoryIndexForValue(expression.evaluate(context))
        result[feature["name"]] = renderer.categories()[index].label() if index >= 0 else None
    return result


def site_layers():
    return [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.name() in ("Brachfläche", "Leerstand")]


def test_checkout_adds_the_styled_layers_once(german_ui, dock, register):
    dsn = register.dsn("editor_meissen")
    dock.database.setCurrentText(dsn)
    path = dock.working_copy()
    # in the register: one approved, one rejected, one pending site of Meißen
    checkout(dsn, path)  # core alone puts nothing on the map
    sites = {}
    for name in ("Freigegeben", "Abgelehnt", "Wartet"):
        sites[name] = add_site(path, **vacancy_values(name=name))
    assert push(dsn, path).committed
    reviewer = register.connect("reviewer")
    review.approve(reviewer, cat.VACANCY, sites["Freigegeben"], 1)
    review.reject(reviewer, cat.VACANCY, sites["Abgelehnt"], 1, "Kein Leerstand")
    reviewer.close()
    assert site_layers() == []

    dock.run("checkout")
    _wait(dock)
    layers = site_layers()
    assert sorted(lyr.name() for lyr in layers) == ["Brachfläche", "Leerstand"]
    vacancy = next(lyr for lyr in layers if lyr.name() == "Leerstand")
    assert maplayers.working_copy_kind(vacancy, path) == cat.VACANCY
    # the catalogue's form: German aliases, value maps, tabs
    assert vacancy.attributeAlias(vacancy.fields().indexOf("building_type")) == "Gebäudeart"
    assert vacancy.editorWidgetSetup(vacancy.fields().indexOf("ownership")).type() == "ValueMap"
    assert "Register" in [t.name() for t in vacancy.editFormConfig().tabs()]
    labels = [c.label() for c in vacancy.renderer().categories()]
    assert labels == ["Entwurf (nicht hochgeladen)", "Konflikt mit dem Register", "Zur Prüfung", "Freigegeben",
                      "Abgelehnt", "Archiviert"]
    assert legend_classes(vacancy) == {"Freigegeben": "Freigegeben", "Abgelehnt": "Abgelehnt",
                                       "Wartet": "Zur Prüfung"}

    # a new draft and a local change are drafts; a second checkout adds nothing twice and shows them
    add_site(path, **vacancy_values(name="Neu erfasst"))
    edit_site(path, sites["Wartet"], notes="geändert")
    dock.run("checkout")
    _wait(dock)
    assert len(site_layers()) == 2 and site_layers()[0] in layers
    assert legend_classes(vacancy)["Neu erfasst"] == "Entwurf (nicht hochgeladen)"
    assert legend_classes(vacancy)["Wartet"] == "Entwurf (nicht hochgeladen)"


def test_conflicts_and_archival_have_their_own_symbols(german_ui, qgis_new_project, register, tmp_path):
    dsn = register.dsn("editor_meissen")
    mine, theirs = str(tmp_path / "mine.gpkg"), str(tmp_path / "theirs.gpkg")
    checkout(dsn, mine)
    uid = add_site(mine, **vacancy_values(name="Strittig"))
    gone = add_site(mine, **vacancy_values(name="Wird archiviert"))
    assert push(dsn, mine).committed
    checkout(register.dsn("editor_meissen2"), theirs)
    edit_site(theirs, uid, notes="von der Kollegin")
    assert push(register.dsn("editor_meissen2"), theirs).committed
    edit_site(mine, uid, notes="von mir")
    edit_site(mine, gone, sync_state="archive")
    push(dsn, mine)
    assert [c.uuid for c in conflicts.list_conflicts(mine)] == [uid]
    layers = maplayers.add_working_copy_layers(mine)
    assert legend_classes(layers[cat.VACANCY]) == {"Strittig": "Konflikt mit dem Register",
                                                   "Wird archiviert": "Archiviert"}
    again = maplayers.add_working_copy_layers(mine)
    assert again == layers and len(site_layers()) == 2
    QgsProject.instance().removeAllMapLayers()
