"""Installing and upgrading the register: idempotent runs, upgrade from the baseline by a later migration,
catalogue growth, a failed migration, assigning municipalities as the admin login role."""

from __future__ import annotations

import psycopg2
import pytest
from psycopg2 import sql

from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.db import migrate as mig
from coworking_plugin.db.roles import RoleError, assign_editor


def _schema_fingerprint(conn):
    """Everything the installer creates, as comparable data."""
    with conn.cursor() as cur:
        cur.execute("""
            SELECT (SELECT array_agg(c.relname || ':' || c.relkind::text || ':' || c.oid::text ORDER BY c.relname)
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'coworking'),
                   (SELECT array_agg(table_name || '.' || column_name || ':' || data_type ORDER BY 1)
                      FROM information_schema.columns WHERE table_schema = 'coworking'),
                   (SELECT array_agg(polname || '@' || polrelid::regclass::text ORDER BY 1) FROM pg_policy),
                   (SELECT array_agg(tgname || '@' || tgrelid::regclass::text ORDER BY 1) FROM pg_trigger
                     WHERE NOT tgisinternal),
                   (SELECT count(*) FROM coworking.value_list), (SELECT count(*) FROM coworking.field),
                   (SELECT count(*) FROM coworking.municipality)""")
        return cur.fetchone()


def test_install_is_idempotent(postgis_db):
    conn = psycopg2.connect(postgis_db)
    try:
        first = mig.migrate(conn)
        assert first.applied == [m.version for m in mig.migrations()] and first.catalogue_updated
        assert first.municipalities_loaded == 28 and first.version == mig.latest_version()
        before = _schema_fingerprint(conn)
        second = mig.migrate(conn)
        assert (second.applied, second.catalogue_updated, second.municipalities_loaded) == ([], False, 0)
        assert _schema_fingerprint(conn) == before
        assert mig.applied_versions(conn) == [m.version for m in mig.migrations()]
        with conn.cursor() as cur:
            cur.execute("SELECT count(*), min(source) FROM coworking.municipality WHERE ags LIKE '14627%%'")
            count, source = cur.fetchone()
            assert count == 28 and "GeoBasis-DE / BKG" in source
            cur.execute("SELECT name, ST_SRID(geom), ST_Contains(geom, ST_SetSRID(ST_MakePoint(393300, 5669100),"
                        " 25833)) FROM coworking.municipality WHERE ags = '14627140'")
            assert cur.fetchone() == ("Meißen", 25833, True)
            # every catalogue field is a column of the right type; value lists are data
            cur.execute("SELECT column_name, udt_name FROM information_schema.columns"
                        " WHERE table_schema = 'coworking' AND table_name = 'vacancy'")
            cols = dict(cur.fetchall())
            for f in cat.fields_for(cat.VACANCY):
                assert f.name in cols, f.name
            assert cols["target_groups"] == "_text" and cols["rooms"] == "int4" and cols["geom"] == "geometry"
            cur.execute("SELECT label_de FROM coworking.value_list WHERE list = 'ownership' AND key = 'private'")
            assert cur.fetchone() == ("Privat",)
        conn.rollback()
    finally:
        conn.close()


def _migrations_copy(tmp_path, monkeypatch):
    """The shipped migrations (the baseline) in a folder a test may add later migrations to."""
    import shutil

    folder = tmp_path / "migrations"
    shutil.copytree(mig.MIGRATIONS_DIR, folder)
    monkeypatch.setattr(mig, "MIGRATIONS_DIR", folder)
    return folder


#: a change after 1.0, as a maintainer would add it: a column the server fills in, and a new rule
LATER_MIGRATION = """
ALTER TABLE coworking.brownfield ADD COLUMN test_checked boolean NOT NULL DEFAULT false;
ALTER TABLE coworking.brownfield ADD CONSTRAINT test_name_not_x CHECK (name IS DISTINCT FROM 'x');
"""


def test_upgrade_from_first_migration_keeps_data(postgis_db, tmp_path, monkeypatch):
    """A register installed with the baseline takes a later migration (and a grown catalogue) in place."""
    folder = _migrations_copy(tmp_path, monkeypatch)
    conn = psycopg2.connect(postgis_db)
    try:
        shipped = [m.version for m in mig.migrations()]  # the baseline and the migrations after it
        later = shipped[-1] + 1
        r = mig.migrate(conn)
        assert r.applied == shipped and shipped[0] == 1 and r.catalogue_updated
        with conn.cursor() as cur:
            cur.execute("INSERT INTO coworking.brownfield (municipality_ags, name, geom) VALUES ('14627230', 'Werk',"
                        " 'SRID=25833;MULTIPOLYGON(((381100 5685300,381200 5685300,381200 5685400,381100 5685400,"
                        "381100 5685300)))') RETURNING uuid")
            site = cur.fetchone()[0]
        conn.commit()

        (folder / f"{later:04d}_test_later.sql").write_text(LATER_MIGRATION, encoding="utf-8")
        r = mig.migrate(conn)
        # the catalogue step runs again after a migration: the history trigger now knows the new column
        assert r.applied == [later] and r.catalogue_updated and r.version == later
        assert mig.applied_versions(conn) == shipped + [later]
        with conn.cursor() as cur:
            cur.execute("SELECT version, status, contamination, test_checked FROM coworking.brownfield"
                        " WHERE uuid = %s", (site,))
            assert cur.fetchone() == (1, "pending", "unknown", False)  # old row kept, the new column's default
            cur.execute("UPDATE coworking.brownfield SET name = 'Altbestand', test_checked = true WHERE uuid = %s",
                        (site,))
            cur.execute("SELECT version, area_m2 FROM coworking.brownfield WHERE uuid = %s", (site,))
            assert cur.fetchone() == (2, 10000.0)  # the baseline's rules still apply
            cur.execute("SELECT new_values FROM coworking.history WHERE site_uuid = %s AND version = 2", (site,))
            assert cur.fetchone()[0] == {"name": "Altbestand", "test_checked": True}
        conn.commit()
        with conn.cursor() as cur:
            with pytest.raises(psycopg2.Error) as info:
                cur.execute("UPDATE coworking.brownfield SET name = 'x' WHERE uuid = %s", (site,))
            assert info.value.pgcode == "23514"  # and so does the later migration's rule
        conn.rollback()
        assert mig.migrate(conn).applied == []

        # a newer plugin whose catalogue has one more field upgrades the database in place
        extra = cat.FieldDef("test_extra_note", cat.FieldType.TEXT, "Zusatz", "Extra", max_length=5)
        monkeypatch.setattr(cat, "FIELDS", cat.FIELDS + (extra,))
        r = mig.migrate(conn)
        assert r.applied == [] and r.catalogue_updated
        with conn.cursor() as cur:
            cur.execute("SELECT test_extra_note, name FROM coworking.brownfield WHERE uuid = %s", (site,))
            assert cur.fetchone() == (None, "Altbestand")
            cur.execute("SELECT test_extra_note FROM coworking.public_site LIMIT 0")
            with pytest.raises(psycopg2.Error) as info:
                cur.execute("UPDATE coworking.brownfield SET test_extra_note = 'too long' WHERE uuid = %s", (site,))
            assert info.value.pgcode == "RG007"
        conn.rollback()
    finally:
        conn.close()


def test_failed_migration_leaves_nothing_half_written(postgis_db, tmp_path, monkeypatch):
    folder = _migrations_copy(tmp_path, monkeypatch)
    broken = folder / "0099_broken.sql"
    broken.write_text("CREATE TABLE coworking.half (x int); SELECT 1/0;", encoding="utf-8")
    conn = psycopg2.connect(postgis_db)
    try:
        # a first install with a broken later migration: not even the baseline stays
        with pytest.raises(psycopg2.Error):
            mig.migrate(conn)
        assert mig.applied_versions(conn) == []
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('coworking.brownfield'), to_regclass('coworking.half')")
            assert cur.fetchone() == (None, None)
        conn.rollback()

        # an upgrade: the register and its data stay as they were
        broken.unlink()
        shipped = [m.version for m in mig.migrations()]
        assert mig.migrate(conn).applied == shipped
        with conn.cursor() as cur:
            cur.execute("INSERT INTO coworking.vacancy (municipality_ags, name, building_type, geom) VALUES"
                        " ('14627230', 'Alte Post', 'office', 'SRID=25833;POINT(381100 5685300)')")
        conn.commit()
        broken.write_text("CREATE TABLE coworking.half (x int); SELECT 1/0;", encoding="utf-8")
        with pytest.raises(psycopg2.Error):
            mig.migrate(conn)
        assert mig.applied_versions(conn) == shipped
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('coworking.half'), (SELECT count(*) FROM coworking.vacancy)")
            assert cur.fetchone() == (None, 1)
        conn.rollback()
    finally:
        conn.close()


def test_admin_assigns_municipalities(register):
    su = register.connect()
    with su.cursor() as cur:
        name = register.dbname + "_new_editor"
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'x'").format(sql.Identifier(name)))
    su.commit()
    try:
        admin = register.connect("admin")
        assert assign_editor(admin, name, ["Riesa", "14627140"]) == ["14627140", "14627230"]
        assert assign_editor(admin, name, ["Coswig"]) == ["14627010"]
        with pytest.raises(RoleError):
            assign_editor(admin, name, ["Dresden"])
        with pytest.raises(RoleError):
            assign_editor(admin, "no_such_role_xyz", ["Riesa"])
        with su.cursor() as cur:
            cur.execute("SELECT pg_has_role(%s, 'coworking_editor', 'MEMBER')", (name,))
            assert cur.fetchone() == (True,)
        su.rollback()
        # an editor cannot hand out municipalities to itself
        editor = register.connect("editor_riesa")
        with pytest.raises(psycopg2.Error):
            assign_editor(editor, register.role("editor_riesa"), ["Meißen"])
        with su.cursor() as cur:
            cur.execute("SELECT ags FROM coworking.editor_municipality WHERE role_name = %s",
                        (register.role("editor_riesa"),))
            assert cur.fetchall() == [("14627230",)]
        su.rollback()
        for c in (admin, editor):
            c.close()
    finally:
        with su.cursor() as cur:
            cur.execute("DELETE FROM coworking.editor_municipality WHERE role_name = %s", (name,))
            cur.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))
        su.commit()
        su.close()
