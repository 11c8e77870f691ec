"""An optional Zensus 2022 population grid (100 m cells) the user supplies, as the reference layer ``zensus_grid``.

The official download ("Bevölkerungszahlen in Gitterzellen", Zensus 2022, Statistische Ämter des Bundes und der
Länder, dl-de/by-2-0) is a CSV with semicolons and the columns ``GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner``:
the cell centre in ETRS89-LAEA (EPSG:3035) and the inhabitants; secret or empty cells carry no number and are left
out. The file covers Germany (about 3 million rows): it is streamed and only the cells around the county kept, as
points in EPSG:25833 with the field ``einwohner``; the criterion ``population_2km`` sums the cells whose centre
lies within 2 km of a site.
"""

from __future__ import annotations

import csv
import io
from typing import Callable, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsWkbTypes,
)

from ..i18n import tr
from ..qtcompat import FieldTypes
from ..register.catalogue import REGISTER_CRS
from . import refgpkg

ROLE = "zensus_grid"
ATTRIBUTION = "© Statistisches Bundesamt (Destatis), Zensus 2022"
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
X, Y, VALUE = "x_mp_100m", "y_mp_100m", "Einwohner"
#: metres around the county's bounding box whose cells are kept (a site at the border sums 2 km beyond it)
MARGIN_M = 3000.0


class ZensusError(Exception):
    """A grid file that cannot be used; the message says what to fix."""


def county_box_3035(margin_m: float = MARGIN_M) -> QgsRectangle:
    from .osm import county_bbox

    west, south, east, north = county_bbox(0.0)
    xf = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:3035"),
                                QgsCoordinateTransformContext())
    box = xf.transformBoundingBox(QgsRectangle(west, south, east, north))
    box.grow(margin_m)
    return box


def _number(text: str) -> Optional[float]:
    try:
        value = float(text.strip().replace(",", "."))
    except (AttributeError, ValueError):
        return None
    return value if value >= 0 else None


def read_grid(path: str, box: Optional[QgsRectangle] = None,
              is_canceled: Callable[[], bool] = lambda: False) -> refgpkg.LayerData:
    """The cells of the CSV inside ``box`` (EPSG:3035; default: the county + 3 km) as points in EPSG:25833."""
    from ..tasks import TaskCanceled

    box = box or county_box_3035()
    xf = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3035"),
                                QgsCoordinateReferenceSystem(REGISTER_CRS), QgsCoordinateTransformContext())
    fields = QgsFields()
    fields.append(QgsField("gitter_id", FieldTypes.STRING))
    fields.append(QgsField("einwohner", FieldTypes.DOUBLE))
    feats = []
    try:
        with open(path, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as fh:
            head = fh.readline()
            delimiter = ";" if head.count(";") >= head.count(",") else ","
            columns = [c.strip() for c in next(csv.reader([head], delimiter=delimiter))]
            missing = [c for c in (X, Y, VALUE) if c not in columns]
            if missing:
                raise ZensusError(tr("{path} is not a Zensus 2022 grid: the columns {columns} are missing (expected "
                                     "x_mp_100m, y_mp_100m and Einwohner, separated by semicolons).").format(
                    path=path, columns=", ".join(missing)))
            ix, iy, iv = (columns.index(c) for c in (X, Y, VALUE))
            iid = next((k for k, c in enumerate(columns) if c.lower().startswith("gitter_id")), None)
            for k, row in enumerate(csv.reader(fh, delimiter=delimiter)):
                if not k % 100_000 and is_canceled():
                    raise TaskCanceled()
                if len(row) <= max(ix, iy, iv):
                    continue
                x, y, value = _number(row[ix]), _number(row[iy]), _number(row[iv])
                if x is None or y is None or not value or not box.contains(QgsPointXY(x, y)):
                    continue
                feat = QgsFeature(fields)
                feat.setGeometry(QgsGeometry.fromPointXY(xf.transform(QgsPointXY(x, y))))
                feat.setAttributes([row[iid] if iid is not None else None, value])
                feats.append(feat)
    except OSError as exc:
        raise ZensusError(tr("Cannot read the Zensus grid {path}: {error}").format(path=path, error=exc)) from exc
    if not feats:
        raise ZensusError(tr("{path} has no inhabited cell in or around the county. Is it the 100 m grid of the Zensus "
                             "2022 (coordinates in EPSG:3035)?").format(path=path))
    return refgpkg.LayerData(ROLE, fields, QgsWkbTypes.Type.Point, feats, title="Zensus 2022: Einwohner (100-m-Gitter)",
                             abstract="Zensus 2022, Bevölkerungszahlen in Gitterzellen (100 m), Zellmittelpunkte",
                             attribution=ATTRIBUTION, licence=LICENCE)


def load_zensus(grid: str, path: str, box: Optional[QgsRectangle] = None,
                is_canceled: Callable[[], bool] = lambda: False) -> Tuple[int, float]:
    """Write ``zensus_grid`` into the reference GeoPackage; returns (cells, inhabitants)."""
    data = read_grid(grid, box, is_canceled)
    refgpkg.write_layers(path, [data])
    return len(data.features), sum(f["einwohner"] for f in data.features)
