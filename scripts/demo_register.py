"""Demo register: install the schema into a local PostGIS and add a few sample sites, clearly labelled.

Used by ``make demo`` (scripts/demo.py calls ``install(dsn)``); also runnable on its own:

    python -m scripts.demo_register "host=127.0.0.1 port=55432 dbname=coworking user=postgres password=..."

The samples are invented ("Beispiel: ..."), placed at a point inside their municipality; their identifiers are
fixed, so running the script again adds nothing twice.
"""

from __future__ import annotations

import argparse
import logging
import sys
import uuid
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LOG = logging.getLogger("demo_register")
_NS = uuid.UUID("8a0e6c8e-4f5b-4c1e-9a57-2d1d0b6c7a10")

#: (kind, key, ags, status, attributes)
SAMPLES = (
    ("vacancy", "meissen-post", "14627140", "approved",
     {"name": "Beispiel: Ehemalige Post am Markt", "building_type": "commercial", "ownership": "municipal",
      "floor_area_m2": 420.0, "rooms": 9, "floors": 2, "broadband_mbps": 250, "condition": "needs_renovation",
      "target_groups": ["commuters", "freelancers"], "notes": "Beispieldatensatz (Demo), keine echten Angaben."}),
    ("vacancy", "riesa-laden", "14627230", "approved",
     {"name": "Beispiel: Ladenlokal Hauptstraße", "building_type": "retail", "ownership": "private",
      "publication_consent": True, "publication_consent_date": "2025-03-01", "floor_area_m2": 140.0,
      "rooms": 3, "broadband_mbps": 100, "target_groups": ["startups", "crafts"],
      "notes": "Beispieldatensatz (Demo), keine echten Angaben."}),
    ("vacancy", "grossenhain-villa", "14627060", "approved",
     {"name": "Beispiel: Gründerzeitvilla (sensibel)", "building_type": "residential", "ownership": "business",
      "sensitive": True, "floor_area_m2": 310.0, "rooms": 8, "notes": "Beispieldatensatz (Demo)."}),
    ("vacancy", "coswig-schule", "14627010", "pending",
     {"name": "Beispiel: Alte Dorfschule", "building_type": "public", "ownership": "municipal",
      "floor_area_m2": 600.0, "rooms": 12, "notes": "Beispieldatensatz (Demo), wartet auf Prüfung."}),
    ("brownfield", "riesa-stahl", "14627230", "approved",
     {"name": "Beispiel: Gewerbebrache an der Bahn", "ownership": "business", "previous_use": "industry",
      "contamination": "suspected", "development_status": "partial", "buildings_present": True,
      "notes": "Beispieldatensatz (Demo), keine echten Angaben."}),
    ("brownfield", "radebeul-gaertnerei", "14627210", "pending",
     {"name": "Beispiel: Frühere Gärtnerei", "ownership": "private", "previous_use": "agriculture",
      "contamination": "none", "development_status": "full", "notes": "Beispieldatensatz (Demo)."}),
)


def sample_uuid(key: str) -> str:
    return str(uuid.uuid5(_NS, key))


def add_samples(conn) -> List[str]:
    """Insert the samples missing in the register (as the installing superuser/reviewer); returns new uuids."""
    from psycopg2 import sql

    added = []
    with conn.cursor() as cur:
        for kind, key, ags, status, attrs in SAMPLES:
            site = sample_uuid(key)
            cur.execute(sql.SQL("SELECT 1 FROM coworking.{} WHERE uuid = %s").format(sql.Identifier(kind)), (site,))
            if cur.fetchone():
                continue
            geom = ("ST_PointOnSurface(m.geom)" if kind == "vacancy"
                    else "ST_Multi(ST_Buffer(ST_PointOnSurface(m.geom), 80, 'quad_segs=1'))")
            cols = list(attrs)
            cur.execute(sql.SQL(
                "INSERT INTO coworking.{table} (uuid, municipality_ags, geom, {cols})"
                " SELECT %s, m.ags, {geom}, {values} FROM coworking.municipality m WHERE m.ags = %s"
            ).format(table=sql.Identifier(kind), cols=sql.SQL(", ").join(map(sql.Identifier, cols)),
                     geom=sql.SQL(geom), values=sql.SQL(", ").join(sql.Placeholder() * len(cols))),
                [site] + [attrs[c] for c in cols] + [ags])
            if status != "pending":
                cur.execute(sql.SQL("UPDATE coworking.{} SET status = %s WHERE uuid = %s").format(
                    sql.Identifier(kind)), (status, site))
            added.append(site)
    conn.commit()
    return added


def install(dsn: str, samples: bool = True, styles: Optional[bool] = None) -> dict:
    """Migrate the register in ``dsn`` (superuser or owner) and add the samples; styles when QGIS runs."""
    import psycopg2

    from coworking_plugin.db.migrate import migrate

    conn = psycopg2.connect(dsn, application_name="coworking_demo")
    try:
        result = migrate(conn)
        added = add_samples(conn) if samples else []
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
    p.add_argument("--no-samples", action="store_true")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    report = install(a.dsn, samples=not a.no_samples, styles=False)
    LOG.info("applied migrations: %s", report["applied"] or "none (up to date)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
