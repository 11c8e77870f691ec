"""scripts/demo_register.py: the demo register installs, its samples are labelled and added only once."""

from __future__ import annotations

import psycopg2

from scripts import demo_register


def test_demo_register_install_is_repeatable(postgis_db):
    first = demo_register.install(postgis_db, styles=False)
    second = demo_register.install(postgis_db, styles=False)
    assert len(first["samples_added"]) == len(demo_register.SAMPLES) and second["samples_added"] == []
    conn = psycopg2.connect(postgis_db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT name, status FROM coworking.vacancy UNION ALL SELECT name, status"
                        " FROM coworking.brownfield")
            rows = cur.fetchall()
            assert len(rows) == len(demo_register.SAMPLES)
            assert all(name.startswith("Beispiel: ") for name, _ in rows)
            assert {s for _, s in rows} == {"approved", "pending"}
            cur.execute("SELECT name, blurred FROM coworking.public_site ORDER BY name")
            public = dict(cur.fetchall())
        conn.rollback()
    finally:
        conn.close()
    assert public["Beispiel: Gründerzeitvilla (sensibel)"] is True
    assert "Beispiel: Alte Dorfschule" not in public  # pending
    assert len(public) == 4
