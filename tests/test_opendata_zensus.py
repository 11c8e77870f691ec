"""The Zensus 2022 100 m grid (a small CSV generated here in the official format) and "inhabitants within 2 km"."""

from __future__ import annotations

import math

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsPointXY,
)

from coworking_plugin.core.opendata import refgpkg, zensus
from coworking_plugin.core.suitability import layers
from coworking_plugin.core.suitability import profile as profiles
from tests.test_suitability_defects import real_references, site_layer

MEISSEN_MARKT = (13.4741, 51.1637)


def _laea(lon: float, lat: float):
    p = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:3035"),
                               QgsCoordinateTransformContext()).transform(QgsPointXY(lon, lat))
    return p.x(), p.y()


def write_grid(path, centre):
    """Cells of a 100 m grid (centres at 50 m offsets, as the Zensus has them) in a 5 km square around
    ``centre``, each holding (i + j) % 7 inhabitants (0: left out, as the Zensus leaves empty cells out); a
    secret cell ("–") and one far away in Bavaria. Returns {(x, y): inhabitants} of the cells written."""
    cx, cy = _laea(*centre)
    x0, y0 = math.floor(cx / 100) * 100 + 50, math.floor(cy / 100) * 100 + 50
    cells = {}
    lines = ["GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner"]
    for i in range(-25, 26):
        for j in range(-25, 26):
            n = (i + j) % 7
            if n:
                x, y = x0 + 100 * i, y0 + 100 * j
                cells[(x, y)] = n
                lines.append(f"CRS3035RES100mN{int(y - 50)}E{int(x - 50)};{x};{y};{n}")
    lines.append(f"CRS3035RES100mN{int(y0 + 50)}E{int(x0 + 50)};{x0 + 100};{y0 + 100};–")
    lines.append("CRS3035RES100mN2800000E4400000;4400050;2800050;99")  # Bavaria: outside the county
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cells, (cx, cy)


def test_inhabitants_within_2km(qgis_app, tmp_path):
    cells, (cx, cy) = write_grid(tmp_path / "Zensus2022_Bevoelkerungszahl_100m-Gitter.csv", MEISSEN_MARKT)
    gpkg = tmp_path / "ref.gpkg"
    n, people = zensus.load_zensus(str(tmp_path / "Zensus2022_Bevoelkerungszahl_100m-Gitter.csv"), str(gpkg))
    assert n == len(cells) and people == sum(cells.values())  # the secret cell and Bavaria left out
    grid = refgpkg.open_layer(str(gpkg), "zensus_grid")
    assert grid.featureCount() == n and grid.crs().authid() == "EPSG:25833"
    assert "Zensus 2022" in grid.metadata().rights()[0]
    # expected: the cells whose centre lies within 2 km of the site, measured in EPSG:3035 (equal-area; the
    # distances differ from EPSG:25833 by far less than a cell)
    expected = sum(v for (x, y), v in cells.items() if math.hypot(x - cx, y - cy) <= 2000)
    p = profiles.default_profile()
    run = layers.compute_run(site_layer([MEISSEN_MARKT, (13.30, 51.10)]), {**real_references(), "zensus_grid": grid}, p)
    got = run.values["population_2km"]
    assert got[0] == pytest.approx(expected, rel=0.01) and got[1] == 0.0
    # without a grid the municipality's population counts instead (its fallback)
    plain = layers.compute_run(site_layer([MEISSEN_MARKT]), real_references(), p).scores
    c, f = p.criterion_ids.index("population_2km"), p.criterion_ids.index("population")
    assert plain.partials[0, c] == plain.partials[0, f]


def test_grid_problems_are_named(qgis_app, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id;x;y;pop\n1;2;3;4\n", encoding="utf-8")
    with pytest.raises(zensus.ZensusError, match="x_mp_100m, y_mp_100m, Einwohner"):
        zensus.read_grid(str(bad))
    empty = tmp_path / "empty.csv"
    empty.write_text("GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\nX;4400050;2800050;5\n", encoding="utf-8")
    with pytest.raises(zensus.ZensusError, match="no inhabited cell"):
        zensus.read_grid(str(empty))


def test_processing_algorithm(processing_ready, tmp_path):
    import processing

    cells, _ = write_grid(tmp_path / "grid.csv", MEISSEN_MARKT)
    out = processing.run("coworking:load_zensus", {"GRID": str(tmp_path / "grid.csv"),
                                                   "OUTPUT": str(tmp_path / "ref.gpkg")})
    assert refgpkg.open_layer(out["OUTPUT"], "zensus_grid").featureCount() == len(cells)
