"""On QGIS 3.40+ the plugin's main paths call nothing QGIS has deprecated (QGIS 3.44 marks what QGIS 4 drops) and
nothing that makes GDAL warn about GDAL 4's default (exceptions on).

PyQGIS reports a call of a deprecated method as a DeprecationWarning attributed to the calling line, so every
such warning whose line is in the plugin's package counts, whatever the module that raised it. On QGIS 3.22 the
plugin takes the 3.22 API on purpose (core/qtcompat.py chooses), so there is nothing to check.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List

import pytest
from qgis.core import Qgis

import coworking_plugin

pytestmark = pytest.mark.skipif(
    Qgis.QGIS_VERSION_INT < 34000,
    reason=f"QGIS {Qgis.QGIS_VERSION}: the deprecations of the QGIS 4 API are marked from QGIS 3.40 on",
)

PACKAGE = Path(coworking_plugin.__file__).resolve().parent


@contextmanager
def deprecations_from_the_plugin() -> Iterator[List[str]]:
    """Records every warning of the block (all threads); yields the list of offending ones, filled at exit."""
    from osgeo import gdal

    found: List[str] = []
    # GDAL warns only once per process: forget that it did, so that a first warning inside the block shows
    if hasattr(gdal, "hasWarnedAboutUserHasNotSpecifiedIfUsingExceptions"):
        del gdal.hasWarnedAboutUserHasNotSpecifiedIfUsingExceptions
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield found
    for w in caught:
        in_plugin = Path(w.filename).resolve().is_relative_to(PACKAGE)
        gdal4 = issubclass(w.category, FutureWarning) and "GDAL 4.0" in str(w.message)
        if gdal4 or (in_plugin and issubclass(w.category, DeprecationWarning)):
            found.append(f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}")


def test_load_open_every_dock_unload(desktop_iface, no_coworking_provider):
    from coworking_plugin.plugin import dock_specs

    with deprecations_from_the_plugin() as found:
        plugin = coworking_plugin.classFactory(desktop_iface)
        plugin.initGui()
        for spec in dock_specs():
            assert plugin.show_dock(spec[0]).parent() is desktop_iface.mainWindow()
        plugin.unload()
    assert found == []


def test_working_copy_and_its_forms(qgis_app, tmp_path):
    from qgis.core import QgsProject

    from coworking_plugin.core.capture import formconfig
    from coworking_plugin.core.register import catalogue as cat
    from coworking_plugin.core.sync import workingcopy as wc

    with deprecations_from_the_plugin() as found:
        path = wc.create(str(tmp_path / "wc.gpkg"))
        layers = {kind: wc.layer(str(path), kind) for kind in cat.KINDS}
        formconfig.configure_working_copy(str(path), layers, "de", QgsProject.instance())
    assert found == []
    tabs = layers[cat.KINDS[0]].editFormConfig().tabs()
    assert tabs and all(tab.type() == Qgis.AttributeEditorContainerType.Tab for tab in tabs)


def test_install_algorithm_stores_the_styles(processing_ready, postgis_db):
    """The Processing algorithm the county runs first: migrations, then the forms saved into layer_styles."""
    import processing

    with deprecations_from_the_plugin() as found:
        result = processing.run("coworking:install_database", {"DATABASE": postgis_db})
    assert found == []
    assert result["VERSION"]
    import psycopg2

    with psycopg2.connect(postgis_db) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'coworking'")
        assert cur.fetchone()[0] == 2
