"""The baseline's guard_site (2a_rules.sql) remembers an editor's municipality per transaction; the rule stays whole.

The remembered municipalities (transaction-local setting coworking.seen_municipalities) are a cache for the
friendly RG001 message: a site in another municipality is still refused with RG001 after the editor's own
municipality was remembered, and an editor who forges the setting is still refused by the row-level security.
"""

from __future__ import annotations

import uuid

import psycopg2
import pytest

from tests.test_db_register import MEISSEN, P_MEISSEN, P_RIESA, RIESA, _point, insert_vacancy, superuser_query


@pytest.fixture(scope="module")
def reg(register_module):
    return register_module


def _insert(cur, ags, xy):
    site = str(uuid.uuid4())
    cur.execute("INSERT INTO coworking.vacancy (uuid, municipality_ags, name, building_type, geom)"
                " VALUES (%s, %s, 'x', 'office', %s)", (site, ags, _point(xy)))
    return site


def _count(reg, sites):
    return superuser_query(reg, "SELECT count(*) FROM coworking.vacancy WHERE uuid = ANY(%s::uuid[])",
                           (list(sites),))[0][0]


def test_other_municipality_refused_after_own_was_remembered(reg):
    conn = reg.connect("editor_meissen")
    try:
        with conn.cursor() as cur:
            mine = [_insert(cur, MEISSEN, P_MEISSEN) for _ in range(3)]
            cur.execute("SELECT current_setting('coworking.seen_municipalities', true)")
            assert MEISSEN in cur.fetchone()[0]
            with pytest.raises(psycopg2.Error) as info:
                _insert(cur, RIESA, P_RIESA)
        assert info.value.pgcode == "RG001" and RIESA in info.value.pgerror
        conn.rollback()
        assert _count(reg, mine) == 0
        # a multi-row statement: rows of the own municipality first, then a foreign one
        with conn.cursor() as cur, pytest.raises(psycopg2.Error) as info:
            cur.execute("INSERT INTO coworking.vacancy (uuid, municipality_ags, name, building_type, geom)"
                        " SELECT gen_random_uuid(), a, 'x', 'office', %s::geometry"
                        " FROM unnest(ARRAY[%s, %s, %s]) WITH ORDINALITY u(a, i) ORDER BY i",
                        (_point(P_MEISSEN), MEISSEN, MEISSEN, RIESA))
        assert info.value.pgcode == "RG001"
        conn.rollback()
    finally:
        conn.close()


def test_forged_setting_does_not_open_another_municipality(reg):
    conn = reg.connect("editor_meissen")
    try:
        with conn.cursor() as cur:
            role = reg.role("editor_meissen")
            cur.execute("SELECT set_config('coworking.seen_municipalities', %s, false)", (f"{role}/{RIESA}",))
            with pytest.raises(psycopg2.Error) as info:
                site = _insert(cur, RIESA, P_RIESA)
        assert info.value.pgcode in ("RG001", "42501")  # the row-level security refuses it
        conn.rollback()
        # an update moving an own site to the forged municipality is refused as well
        site = insert_vacancy(conn)
        with conn.cursor() as cur:
            cur.execute("SELECT set_config('coworking.seen_municipalities', %s, false)", (f"{role}/{RIESA}",))
            with pytest.raises(psycopg2.Error):
                cur.execute("UPDATE coworking.vacancy SET municipality_ags = %s WHERE uuid = %s", (RIESA, site))
        conn.rollback()
        assert superuser_query(reg, "SELECT municipality_ags FROM coworking.vacancy WHERE uuid = %s",
                               (site,)) == [(MEISSEN,)]
    finally:
        conn.close()
