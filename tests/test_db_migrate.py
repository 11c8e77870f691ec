"""Installing and upgrading the register: idempotent runs, upgrade from the first migration, catalogue growth,
assigning municipalities as the admin login role."""

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


def test_upgrade_from_first_migration_keeps_data(postgis_db, monkeypatch):
    conn = psycopg2.connect(postgis_db)
    try:
        r = mig.migrate(conn, target=1)
        assert r.applied == [1] and not r.catalogue_updated
        with conn.cursor() as cur:
            cur.execute("INSERT INTO coworking.brownfield (municipality_ags, geom) VALUES ('14627230',"
                        " 'SRID=25833;MULTIPOLYGON(((0 0,100 0,100 100,0 100,0 0)))') RETURNING uuid")
            site = cur.fetchone()[0]
            cur.execute("SELECT to_regclass('coworking.public_site')")
            assert cur.fetchone() == (None,)
        conn.commit()

        r = mig.migrate(conn)
        assert r.applied == [m.version for m in mig.migrations()][1:] and r.catalogue_updated
        with conn.cursor() as cur:
            cur.execute("SELECT version, status, contamination FROM coworking.brownfield WHERE uuid = %s", (site,))
            assert cur.fetchone() == (1, "pending", "unknown")  # old row kept, new columns get their defaults
            cur.execute("UPDATE coworking.brownfield SET name = 'Altbestand' WHERE uuid = %s", (site,))
            cur.execute("SELECT version, area_m2 FROM coworking.brownfield WHERE uuid = %s", (site,))
            assert cur.fetchone() == (2, 10000.0)  # the rules of the later migrations now apply
        conn.commit()

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
    broken = tmp_path / "migrations"
    broken.mkdir()
    for m in mig.migrations():
        (broken / m.path.name).write_text(m.path.read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "0099_broken.sql").write_text("CREATE TABLE coworking.half (x int); SELECT 1/0;", encoding="utf-8")
    monkeypatch.setattr(mig, "MIGRATIONS_DIR", broken)
    conn = psycopg2.connect(postgis_db)
    try:
        with pytest.raises(psycopg2.Error):
            mig.migrate(conn)
        assert mig.applied_versions(conn) == []
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('coworking.brownfield'), to_regclass('coworking.half')")
            assert cur.fetchone() == (None, None)
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


def test_install_by_database_owner_without_superuser(pg_server):
    """The usual county setup: a DBA creates the database (with PostGIS) for an owner login with CREATEROLE;
    the owner installs and later upgrades the register without being a superuser."""
    import secrets
    import uuid as _uuid

    name = "o_" + _uuid.uuid4().hex[:10]
    owner, password = name + "_owner", secrets.token_urlsafe(12)
    su = psycopg2.connect(pg_server.dsn("postgres"))
    su.autocommit = True
    with su.cursor() as cur:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD %s").format(sql.Identifier(owner)), (password,))
    dsn = pg_server.create_database(name)
    with su.cursor() as cur:
        cur.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(name), sql.Identifier(owner)))
    params = psycopg2.extensions.parse_dsn(dsn)
    params.update(user=owner, password=password)
    conn = psycopg2.connect(psycopg2.extensions.make_dsn(**params))
    try:
        result = mig.migrate(conn)
        assert result.version == mig.latest_version() and result.municipalities_loaded == 28
        assert mig.migrate(conn).applied == []
        with conn.cursor() as cur:
            cur.execute("SELECT tableowner FROM pg_tables WHERE schemaname = 'coworking' AND tablename = 'vacancy'")
            assert cur.fetchone() == (owner,)
            # the owner hands out roles; the rules hold with non-superuser-owned triggers too
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s").format(sql.Identifier(owner + "_ed")),
                        (password,))
        conn.commit()
        assert assign_editor(conn, owner + "_ed", ["Riesa"]) == ["14627230"]
        params.update(user=owner + "_ed")
        ed = psycopg2.connect(psycopg2.extensions.make_dsn(**params))
        with ed.cursor() as cur:
            cur.execute("INSERT INTO coworking.vacancy (municipality_ags, name, building_type, geom) VALUES"
                        " ('14627230', 'x', 'office', 'SRID=25833;POINT(381100 5685300)') RETURNING uuid")
            site = cur.fetchone()[0]
            with pytest.raises(psycopg2.Error) as info:
                cur.execute("UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (site,))
            assert info.value.pgcode == "RG002"
        ed.rollback()
        ed.close()
    finally:
        conn.close()
        with su.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(owner + "_ed")))
            cur.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(owner)))
        su.close()
