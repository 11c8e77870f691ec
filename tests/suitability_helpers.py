"""Shared steps of the suitability dock tests: wait for a task, a dock with the demo layers and scored sites."""

from __future__ import annotations

import time
from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from coworking_plugin.gui.suitability_dock import SuitabilityDock

DATA = Path(__file__).resolve().parent.parent / "resources" / "data"


def wait_for(condition, timeout=120.0):
    end = time.monotonic() + timeout
    while not condition():
        QgsApplication.processEvents()
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)


def scored_dock(iface) -> SuitabilityDock:
    """The dock with the shipped demo layers assigned and the 40 SYNTHETIC sample sites scored (in a task)."""
    dock = SuitabilityDock(iface)
    dock.add_demo_layers()
    sites = QgsVectorLayer(str(DATA / "synthetic_sites.geojson"), "SYNTHETIC sites", "ogr")
    QgsProject.instance().addMapLayer(sites)
    dock.sites_combo.setLayer(sites)
    assert dock.score_sites() is not None
    wait_for(lambda: dock.run is not None and dock.result_layer is not None)
    return dock


def rows_by_fid(layer):
    return sorted(layer.getFeatures(), key=lambda f: f.id())


def score_bare_site(dock, name: str = "ohne Angaben", site_name: object = "Alte Post") -> None:
    """Score one site that has nothing but a name (``site_name``, None for none) and a point (no broadband,
    floor area, …) in the dock."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    sites = QgsVectorLayer("Point?crs=EPSG:25833&field=name:string", name, "memory")
    feat = QgsFeature(sites.fields())
    feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(392_000.0, 5_668_000.0)))
    feat.setAttributes([site_name])
    sites.dataProvider().addFeatures([feat])
    QgsProject.instance().addMapLayer(sites)
    dock.sites_combo.setLayer(sites)
    dock.run = None
    dock.score_sites()
    wait_for(lambda: dock.run is not None and len(dock.run.features) == 1 and dock.result_layer.featureCount() == 1)
