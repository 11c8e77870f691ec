"""Helpers for the sync tests: edit a working copy as an officer would (through the QGIS layer API) and read
the register as the superuser."""

from __future__ import annotations

import sqlite3
from typing import Any, Dict

from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

from coworking_plugin.core.sync import workingcopy as wc

MEISSEN = "14627140"
RIESA = "14627230"
_POINTS: Dict[str, tuple] = {}


def point_in(ags: str) -> tuple:
    """A point inside the municipality (EPSG:25833), from the boundaries shipped with the plugin."""
    if ags not in _POINTS:
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

        from coworking_plugin.core.paths import resource

        src = QgsVectorLayer(str(resource("data", "lk_meissen_gemeinden_vg5000.geojson")), "g", "ogr")
        xform = QgsCoordinateTransform(src.crs(), QgsCoordinateReferenceSystem("EPSG:25833"),
                                       QgsProject.instance().transformContext())
        for f in src.getFeatures():
            geom = f.geometry()
            geom.transform(xform)
            p = geom.pointOnSurface().asPoint()
            _POINTS[str(f["AGS"] if "AGS" in f.fields().names() else f["ags"])] = (round(p.x(), 1), round(p.y(), 1))
    return _POINTS[ags]


def vacancy_values(ags: str = MEISSEN, **extra: Any) -> Dict[str, Any]:
    values = {"name": "Ehemaliger Konsum", "municipality_ags": ags, "ownership": "private",
              "building_type": "retail", "address": "Hauptstraße 1", "notes": "leer seit 2019"}
    values.update(extra)
    return values


def add_site(path: str, kind: str = "vacancy", geometry: QgsGeometry | None = None, **values: Any) -> str:
    """Capture a site through the QGIS API (as the capture dock or the attribute table would); its uuid."""
    layer = QgsVectorLayer(f"{path}|layername={kind}", kind, "ogr")
    assert layer.isValid()
    feat = QgsFeature(layer.fields())
    uuid = values.pop("uuid", None) or wc.new_uuid()
    feat["uuid"] = uuid
    feat["sync_state"] = wc.SYNC_NEW
    for k, v in values.items():
        feat[k] = v
    if geometry is None:
        x, y = point_in(values.get("municipality_ags", MEISSEN))
        ring = f"{x} {y},{x + 50} {y},{x + 50} {y + 40},{x} {y + 40},{x} {y}"
        geometry = QgsGeometry.fromWkt(f"POINT({x} {y})" if kind == "vacancy" else f"MULTIPOLYGON((({ring})))")
    feat.setGeometry(geometry)
    assert layer.startEditing()
    assert layer.addFeature(feat)
    assert layer.commitChanges(), layer.commitErrors()
    return uuid


def edit_site(path: str, uuid: str, kind: str = "vacancy", geometry: QgsGeometry | None = None,
              **values: Any) -> None:
    """Change attributes (and the geometry) of a site through the QGIS API, like the attribute table."""
    layer = QgsVectorLayer(f"{path}|layername={kind}", kind, "ogr")
    feat = next(layer.getFeatures(f"uuid = '{uuid}'"))
    assert layer.startEditing()
    for k, v in values.items():
        assert layer.changeAttributeValue(feat.id(), layer.fields().indexOf(k), v)
    if geometry is not None:
        assert layer.changeGeometry(feat.id(), geometry)
    assert layer.commitChanges(), layer.commitErrors()


def archive_site(path: str, uuid: str, kind: str = "vacancy") -> None:
    edit_site(path, uuid, kind, sync_state=wc.SYNC_ARCHIVE)


def local_row(path: str, uuid: str, kind: str = "vacancy") -> Dict[str, Any]:
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        row = db.execute(f'SELECT * FROM "{kind}" WHERE uuid = ?', (uuid,)).fetchone()
        return dict(row) if row else {}


def server_row(register, uuid: str, kind: str = "vacancy") -> Dict[str, Any]:
    conn = register.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT to_jsonb(t) - 'geom', ST_AsText(t.geom) FROM coworking.{kind} t WHERE uuid = %s",
                        (uuid,))
            row = cur.fetchone()
        return dict(row[0], wkt=row[1]) if row else {}
    finally:
        conn.close()


def server_count(register, kind: str = "vacancy") -> int:
    conn = register.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM coworking.{kind}")
            return cur.fetchone()[0]
    finally:
        conn.close()


def history_count(register) -> int:
    conn = register.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM coworking.history")
            return cur.fetchone()[0]
    finally:
        conn.close()


def review(register, uuid: str, status: str, comment: str | None = None, kind: str = "vacancy",
           reviewer: str = "reviewer") -> None:
    conn = register.connect(reviewer)
    with conn, conn.cursor() as cur:
        cur.execute(f"UPDATE coworking.{kind} SET status = %s, review_comment = %s WHERE uuid = %s",
                    (status, comment, uuid))
        assert cur.rowcount == 1
    conn.close()


def via_proxy(dsn: str, proxy) -> str:
    """``dsn`` through a LatencyProxy (bench/latency_proxy.py) on 127.0.0.1."""
    import psycopg2.extensions

    params = psycopg2.extensions.parse_dsn(dsn)
    params.update(host="127.0.0.1", port=str(proxy.port))
    return psycopg2.extensions.make_dsn(**params)


def wait_for_task(dock, timeout: float = 60) -> None:
    """Let the dock's sync task run to its end (events processed meanwhile)."""
    import time

    from qgis.PyQt.QtCore import QCoreApplication

    deadline = time.time() + timeout
    while dock.task is not None and time.time() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert dock.task is None, "the sync task did not finish"
