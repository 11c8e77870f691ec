"""Demo register: install the schema into a local PostGIS and play the sample sites' stories, clearly labelled.

Used by ``make demo`` (scripts/demo.py calls ``install(dsn, login, before_samples=...)``); the schema alone:

    python -m scripts.demo_register "host=127.0.0.1 port=55432 dbname=coworking user=postgres password=..."

The samples are invented ("Beispiel: ..."), placed near the inner point of Meißen or Riesa, and go through the
register's real workflow with the demo's logins (scripts/demo_roles.py): the municipality's editor submits, the
reviewer decides (four eyes), the editor changes or archives. Every state is there afterwards: pending new,
pending change of an approved site, approved, rejected with a standard reason, archived. Their identifiers are
fixed, so running the script again adds nothing twice.
"""

from __future__ import annotations

import argparse
import logging
import sys
import uuid
from pathlib import Path
from typing import Callable, List, Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LOG = logging.getLogger("demo_register")
_NS = uuid.UUID("8a0e6c8e-4f5b-4c1e-9a57-2d1d0b6c7a10")

#: story -> what happens to a sample: an editor submits it; the reviewer approves or rejects it; the editor then
#: changes an approved site (back to review, the approved version stays public) or archives it
STORIES = ("pending", "approved", "change", "rejected", "archived")

#: (kind, key, editor, story, offset from the municipality's inner point in metres, attributes)
SAMPLES = (
    ("vacancy", "meissen-post", "meissen", "change", (0, 0),
     {"name": "Beispiel: Ehemalige Post am Markt", "building_type": "commercial", "ownership": "municipal",
      "floor_area_m2": 420.0, "rooms": 9, "floors": 2, "broadband_mbps": 250, "condition": "needs_renovation",
      "target_groups": ["commuters", "freelancers"], "notes": "Beispieldatensatz (Demo), keine echten Angaben."}),
    ("vacancy", "meissen-schule", "meissen", "pending", (-400, 300),
     {"name": "Beispiel: Alte Dorfschule", "building_type": "public", "ownership": "municipal",
      "floor_area_m2": 600.0, "rooms": 12, "notes": "Beispieldatensatz (Demo), wartet auf Prüfung."}),
    ("brownfield", "meissen-ziegelei", "meissen", "archived", (500, -300),
     {"name": "Beispiel: Alte Ziegelei (archiviert)", "ownership": "business", "previous_use": "industry",
      "contamination": "none", "development_status": "full", "notes": "Beispieldatensatz (Demo), archiviert."}),
    ("vacancy", "riesa-laden", "riesa", "approved", (0, 0),
     {"name": "Beispiel: Ladenlokal Hauptstraße", "building_type": "retail", "ownership": "private",
      "publication_consent": True, "publication_consent_date": "2025-03-01", "floor_area_m2": 140.0,
      "rooms": 3, "broadband_mbps": 100, "target_groups": ["startups", "crafts"],
      "notes": "Beispieldatensatz (Demo), keine echten Angaben."}),
    ("vacancy", "riesa-villa", "riesa", "approved", (600, 500),
     {"name": "Beispiel: Gründerzeitvilla (sensibel)", "building_type": "residential", "ownership": "business",
      "sensitive": True, "floor_area_m2": 310.0, "rooms": 8, "notes": "Beispieldatensatz (Demo)."}),
    ("vacancy", "riesa-lager", "riesa", "rejected", (-500, -400),
     {"name": "Beispiel: Lagerhalle ohne Angaben", "building_type": "commercial", "ownership": "business",
      "notes": "Beispieldatensatz (Demo), abgelehnt."}),
    ("brownfield", "riesa-stahl", "riesa", "approved", (-900, 600),
     {"name": "Beispiel: Gewerbebrache an der Bahn", "ownership": "business", "previous_use": "industry",
      "contamination": "suspected", "development_status": "partial", "buildings_present": True,
      "notes": "Beispieldatensatz (Demo), keine echten Angaben."}),
    ("brownfield", "riesa-gaertnerei", "riesa", "pending", (900, -700),
     {"name": "Beispiel: Frühere Gärtnerei", "ownership": "private", "previous_use": "agriculture",
      "contamination": "none", "development_status": "full", "notes": "Beispieldatensatz (Demo)."}),
)
#: the pending change of "meissen-post": moved 150 m, more floor area, faster broadband, new notes
CHANGE = {"floor_area_m2": 465.0, "broadband_mbps": 1000, "condition": "good",
          "notes": "Beispieldatensatz (Demo): Glasfaser liegt an, Fläche nach Aufmaß korrigiert."}
MOVE = (150.0, 60.0)
REJECT_REASON = "incomplete"


def sample_uuid(key: str) -> str:
    return str(uuid.uuid5(_NS, key))


def _exec(conn, statement, params) -> None:
    try:
        with conn.cursor() as cur:
            cur.execute(statement, params)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def _submit(conn, kind: str, site: str, offset, attrs: dict) -> None:
    """INSERT as the editor: the register sets status pending, version 1 and created_by."""
    from psycopg2 import sql

    point = "ST_Translate(ST_PointOnSurface(m.geom), %s, %s)"
    geom = point if kind == "vacancy" else f"ST_Multi(ST_Buffer({point}, 80, 'quad_segs=2'))"
    cols = list(attrs)
    _exec(conn, sql.SQL(
        "INSERT INTO coworking.{table} (uuid, municipality_ags, geom, {cols})"
        " SELECT %s, m.ags, {geom}, {values} FROM coworking.municipality m"
        " JOIN coworking.editor_municipality e ON e.ags = m.ags WHERE e.role_name = current_user"
    ).format(table=sql.Identifier(kind), cols=sql.SQL(", ").join(map(sql.Identifier, cols)),
             geom=sql.SQL(geom), values=sql.SQL(", ").join(sql.Placeholder() * len(cols))),
        [site, *offset] + [attrs[c] for c in cols])


def _update(conn, kind: str, site: str, values: dict, move=None) -> None:
    """UPDATE as the editor (the register sends the site back to review, or archives it)."""
    from psycopg2 import sql

    sets = [sql.SQL("{} = %s").format(sql.Identifier(c)) for c in values]
    if move:
        sets.append(sql.SQL("geom = ST_Translate(geom, %s, %s)"))
    _exec(conn, sql.SQL("UPDATE coworking.{} SET {} WHERE uuid = %s").format(
        sql.Identifier(kind), sql.SQL(", ").join(sets)), [*values.values(), *(move or ()), site])


def add_samples(login: Callable[[str], object]) -> List[str]:
    """Play each sample's story with the demo's logins (``login(key)`` opens a psycopg2 connection as the demo
    role ``key``: meissen, riesa, pruefung); samples already there are left alone. Returns the new uuids."""
    from psycopg2 import sql

    from coworking_plugin.core.register.review import decisions

    conns = {key: login(key) for key in ("meissen", "riesa", "pruefung")}
    reviewer = conns["pruefung"]
    added = []
    try:
        for kind, key, editor, story, offset, attrs in SAMPLES:
            site = sample_uuid(key)
            with reviewer.cursor() as cur:  # the reviewer sees every site
                cur.execute(sql.SQL("SELECT 1 FROM coworking.{} WHERE uuid = %s").format(sql.Identifier(kind)),
                            (site,))
                there = cur.fetchone() is not None
            reviewer.rollback()
            if there:
                continue
            _submit(conns[editor], kind, site, offset, attrs)
            if story == "rejected":
                decisions.reject(reviewer, kind, site, 1, None, reason=REJECT_REASON)
            elif story != "pending":
                decisions.approve(reviewer, kind, site, 1)
            if story == "change":
                _update(conns[editor], kind, site, CHANGE, MOVE)
            elif story == "archived":
                _update(conns[editor], kind, site, {"status": "archived"})
            added.append(site)
    finally:
        for conn in conns.values():
            conn.close()
    return added


#: the local draft in the Meißen editor's working copy (not pushed: the sync dock counts it)
DRAFT = {"name": "Beispiel: Leeres Ladenlokal Elbstraße (Entwurf)", "building_type": "retail",
         "ownership": "municipal", "floor_area_m2": 95.0,
         "notes": "Lokaler Entwurf der Arbeitskopie, noch nicht hochgeladen."}


def working_copy_with_draft(service: str, path: Path):
    """Check out the working copy of the login behind ``service`` (core/sync) to ``path`` (replaced) and add
    DRAFT through the QGIS layer API, as the capture dock would, next to one of the login's sites."""
    from qgis.core import QgsFeature, QgsGeometry

    from coworking_plugin.core.sync import pull
    from coworking_plugin.core.sync import workingcopy as wc

    for stale in path.parent.glob(path.name + "*"):  # with its -wal/-shm
        stale.unlink()
    report = pull.checkout(f"service={service}", str(path))
    layer = wc.layer(str(path), "vacancy")
    template = next(f for f in layer.getFeatures() if f["status"] == "pending")  # one of the login's own
    draft = QgsFeature(layer.fields())
    for name, value in {"uuid": wc.new_uuid(), "sync_state": wc.SYNC_NEW,
                        "municipality_ags": template["municipality_ags"], **DRAFT}.items():
        draft[name] = value
    point = template.geometry().asPoint()
    draft.setGeometry(QgsGeometry.fromWkt(f"POINT({point.x() + 250} {point.y() - 200})"))
    if not (layer.startEditing() and layer.addFeature(draft) and layer.commitChanges()):
        raise RuntimeError(f"could not add the draft to {path}: {layer.commitErrors()}")
    return report


def install(dsn: str, login: Optional[Callable[[str], object]] = None, styles: Optional[bool] = None,
            before_samples: Optional[Callable[[object], None]] = None) -> dict:
    """Migrate the register in ``dsn`` (superuser or owner); ``before_samples(conn)`` (the demo's logins) runs
    on the admin connection next; then, with ``login``, the samples' stories; the styles when QGIS runs."""
    import psycopg2

    from coworking_plugin.db.migrate import migrate

    conn = psycopg2.connect(dsn, application_name="coworking_demo")
    try:
        result = migrate(conn)
        if before_samples is not None:
            before_samples(conn)
        added = add_samples(login) if login is not None else []
        stored = {}
        if styles is None:
            try:
                from qgis.core import QgsApplication

                styles = QgsApplication.instance() is not None
            except ImportError:
                styles = False
        if styles:
            from coworking_plugin.db import styles as st

            stored = st.store_styles(conn, dsn)
            st.grant_style_access(conn)
    finally:
        conn.close()
    LOG.info("register version %s, %d sample sites added", result.version, len(added))
    return {"version": result.version, "applied": result.applied, "samples_added": added, "styles": stored}


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dsn", help="libpq connection string of the demo database (superuser or owner)")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    report = install(a.dsn, styles=False)
    LOG.info("applied migrations: %s", report["applied"] or "none (up to date)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
