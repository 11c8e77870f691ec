"""Backup and restore (admin guide, chapter "Datensicherung"), with exactly the commands the guide gives: the roles
(pg_dumpall --roles-only) and the schema coworking (pg_dump) of the session's server, restored into a new database
on a fresh server. The register works there as before: the plugin's push lands and is checked, row-level security
holds for an editor's login (same name, same password), and the installer finds the register up to date."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg2
import psycopg2.extensions
import pytest
from qgis.core import QgsGeometry, QgsPointXY

from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from coworking_plugin.db import migrate as mig
from coworking_plugin.db.install import install
from tests.sync_helpers import add_site, vacancy_values
from tests.test_db_location import MEISSEN, P_MEISSEN, P_RIESA, RIESA, insert

pytestmark = pytest.mark.postgis

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "admin-guide.md"
#: run in the backup folder with PGHOST, PGPORT, PGUSER, PGDATABASE and the password from a .pgpass (PGPASSFILE)
BACKUP = ("pg_dumpall --roles-only --file=rollen.sql",
          "pg_dump --schema=coworking --format=custom --file=coworking.dump")
RESTORE = ("psql --dbname=postgres --file=rollen.sql",
           "createdb coworking_neu",
           'psql --dbname=coworking_neu --command="CREATE EXTENSION postgis"',
           "pg_restore --dbname=coworking_neu --exit-on-error --single-transaction coworking.dump")
#: a backup of a register before version 3: restored without the trigger that version 3 made restorable
OLD_BACKUP_RESTORE = (
    "pg_restore --list coworking.dump | grep -v 'TRIGGER coworking .* site_15_location_update' > liste.txt",
    "pg_restore --dbname=coworking_neu --exit-on-error --single-transaction --use-list=liste.txt coworking.dump")


def test_the_guide_gives_these_commands():
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [c for c in BACKUP + RESTORE + OLD_BACKUP_RESTORE if c not in guide]
    assert not missing, missing


def _run(commands, folder: Path, server: dict, pgpass: Path, database: str, check: bool = True) -> str:
    """Run the commands in ``folder`` as the guide has the DBA do; stderr of the last one."""
    from scripts.pgcluster import bin_dir

    env = dict(os.environ, PATH=f"{bin_dir()}:{os.environ['PATH']}", PGHOST=server["host"], PGPORT=str(server["port"]),
               PGUSER=server["user"], PGDATABASE=database, PGPASSFILE=str(pgpass))
    env.pop("PGPASSWORD", None)
    for command in commands:
        proc = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0 or not check, f"{command}: {proc.stderr[-2000:]}"
    return proc.stderr


def _write_pgpass(path: Path, *servers: dict) -> None:
    """A libpq password file (mode 0600 from the first byte on), as the guide has the DBA keep one."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        for s in servers:
            f.write(f"{s['host']}:{s['port']}:*:{s['user']}:{s['password']}\n")


def _server(dsn: str) -> dict:
    params = psycopg2.extensions.parse_dsn(dsn)
    return {"host": params.get("host", "127.0.0.1"), "port": int(params.get("port", 5432)),
            "user": params["user"], "password": params["password"]}


def test_backup_restores_into_a_new_database_and_the_register_works(register, own_pg_server, tmp_path, qgis_app):
    source = _server(register.superuser_dsn)
    target = _server(own_pg_server.dsn())
    pgpass = tmp_path / "pgpass"
    _write_pgpass(pgpass, source, target)
    folder = tmp_path / "sicherung"
    folder.mkdir()

    # what the register holds before: a pending site of Riesa (with its history) and the settings
    riesa = register.connect("editor_riesa")
    riesa_site = insert(riesa, P_RIESA, ags=RIESA)
    riesa.close()
    with register.connect() as su, su.cursor() as cur:
        cur.execute("UPDATE coworking.setting SET value = '250' WHERE key = 'location_tolerance_m'")
        cur.execute("SELECT count(*) FROM coworking.history")
        history = cur.fetchone()[0]

    _run(BACKUP, folder, source, pgpass, register.dbname)
    assert (folder / "rollen.sql").stat().st_size and (folder / "coworking.dump").stat().st_size
    _run(RESTORE[:1], folder, target, pgpass, "postgres")
    # the roles file sets the saved password of every role, the new server's superuser's too (as the guide says)
    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(own_pg_server.dsn()).close()
    target["password"] = source["password"]
    _write_pgpass(pgpass, source, target)
    _run(RESTORE[1:], folder, target, pgpass, "postgres")

    def on_target(key=None) -> str:
        params = psycopg2.extensions.parse_dsn(register.dsn(key))
        params.update(host=target["host"], port=target["port"], dbname="coworking_neu")
        if key is None:
            params.update(user=target["user"], password=target["password"])
        return psycopg2.extensions.make_dsn(**params)

    with psycopg2.connect(on_target()) as su, su.cursor() as cur:
        cur.execute("SELECT (SELECT count(*) FROM coworking.municipality), (SELECT count(*) FROM coworking.history),"
                    " (SELECT value FROM coworking.setting WHERE key = 'location_tolerance_m'),"
                    " (SELECT status FROM coworking.vacancy WHERE uuid = %s)", (riesa_site,))
        assert cur.fetchone() == (28, history, "250", "pending")

    # the editor of Meißen logs in with the same name and password, and sees only what is hers to see
    editor = psycopg2.connect(on_target("editor_meissen"))
    with editor.cursor() as cur:
        cur.execute("SELECT count(*) FROM coworking.vacancy WHERE uuid = %s", (riesa_site,))
        assert cur.fetchone() == (0,)  # Riesa's pending site
    with pytest.raises(psycopg2.Error) as caught:
        insert(editor, P_RIESA, ags=RIESA)
    assert caught.value.pgcode == "RG001"
    editor.rollback()
    with pytest.raises(psycopg2.Error) as caught:
        insert(editor, P_RIESA, ags=MEISSEN)  # in Riesa, labelled Meißen: the location rule holds
    assert caught.value.pgcode == "RG016" and "zulässig sind 250 m" in caught.value.diag.message_primary
    editor.close()
    with pytest.raises(psycopg2.Error) as caught, psycopg2.connect(on_target("reader")) as reader, \
            reader.cursor() as cur:
        cur.execute("SELECT count(*) FROM coworking.vacancy")
    assert caught.value.pgcode == "42501"

    # the plugin's checkout and push against the restored register
    wc = str(tmp_path / "wc.gpkg")
    checkout(on_target("editor_meissen"), wc)
    uid = add_site(wc, **vacancy_values(name="Nach der Wiederherstellung"),
                   geometry=QgsGeometry.fromPointXY(QgsPointXY(*P_MEISSEN)))
    report = push(on_target("editor_meissen"), wc)
    assert report.committed and report.inserted == 1, report.summary()
    with psycopg2.connect(on_target()) as su, su.cursor() as cur:
        cur.execute("SELECT status, version, created_by FROM coworking.vacancy WHERE uuid = %s", (uid,))
        assert cur.fetchone() == ("pending", 1, register.role("editor_meissen"))

    # the installer finds the register current and stores the layer styles again (public.layer_styles)
    result = install(on_target())
    assert (result.applied, result.version) == ([], mig.latest_version())
    assert set(result.styles) == {"brownfield", "vacancy"} and not any(result.styles.values())


def test_a_backup_from_before_version_3_restores_as_the_guide_says(own_pg_server, tmp_path, monkeypatch):
    """Version 2's location trigger broke pg_restore; the guide's list without it restores, the upgrade adds it."""
    shipped = mig.MIGRATIONS_DIR
    old = tmp_path / "migrations"
    old.mkdir()
    for m in mig.migrations():
        if m.version <= 2:
            (old / m.path.name).symlink_to(m.path, target_is_directory=m.path.is_dir())
    monkeypatch.setattr(mig, "MIGRATIONS_DIR", old)
    server = _server(own_pg_server.dsn())
    dsn = own_pg_server.create_database("coworking")
    with psycopg2.connect(dsn) as conn:
        assert mig.migrate(conn).version == 2
        site = insert(conn, P_MEISSEN)
    pgpass = tmp_path / "pgpass"
    _write_pgpass(pgpass, server)
    folder = tmp_path / "sicherung"
    folder.mkdir()
    _run(BACKUP[1:], folder, server, pgpass, "coworking")
    stderr = _run(RESTORE[1:], folder, server, pgpass, "postgres", check=False)
    assert "operator is not unique: public.geometry = public.geometry" in stderr

    with psycopg2.connect(own_pg_server.dsn("coworking_neu")) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'coworking'")
        assert cur.fetchone() == (0,)  # one transaction: the failed restore left nothing behind
    _run(OLD_BACKUP_RESTORE, folder, server, pgpass, "postgres")
    monkeypatch.setattr(mig, "MIGRATIONS_DIR", shipped)
    with psycopg2.connect(own_pg_server.dsn("coworking_neu")) as conn:
        assert mig.migrate(conn).applied == [m.version for m in mig.migrations() if m.version > 2]
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'site_15_location_update'")
            assert cur.fetchone() == (2,)
            with pytest.raises(psycopg2.Error) as caught:  # the rule holds again for a move
                cur.execute("UPDATE coworking.vacancy SET geom = ST_SetSRID(ST_MakePoint(%s, %s), 25833)"
                            " WHERE uuid = %s", (*P_RIESA, site))
    assert caught.value.pgcode == "RG016"


def test_the_guides_erasure_statements_work_for_the_administrator(register):
    """Chapter 5, Datenschutz: an owner's contact, names in the notes (site, history, approved snapshot) are erased
    by an administrator; an editor may not delete the contact."""
    from tests.sync_helpers import review

    editor = register.connect("editor_meissen")
    uid = insert(editor, P_MEISSEN, notes="Herr Beispiel, Tel. 03521 000000")
    with editor.cursor() as cur:
        cur.execute("INSERT INTO coworking.owner_contact (site_uuid, kind, owner_name) VALUES (%s, 'vacancy', %s)",
                    (uid, "Erika Beispiel"))
    editor.commit()
    review(register, uid, "approved")
    with pytest.raises(psycopg2.Error) as caught, editor.cursor() as cur:
        cur.execute("DELETE FROM coworking.owner_contact WHERE site_uuid = %s", (uid,))
    assert caught.value.pgcode == "RG009"
    editor.rollback()
    with editor.cursor() as cur:  # the municipality changes the notes in the form
        cur.execute("UPDATE coworking.vacancy SET notes = NULL WHERE uuid = %s", (uid,))
    editor.commit()
    editor.close()

    admin = register.connect("admin")
    with admin, admin.cursor() as cur:
        cur.execute("DELETE FROM coworking.owner_contact WHERE site_uuid = %s", (uid,))
        cur.execute("UPDATE coworking.history SET old_values = old_values - 'notes', new_values = new_values - 'notes'"
                    " WHERE site_uuid = %s", (uid,))
        cur.execute("UPDATE coworking.vacancy_approved SET notes = NULL WHERE uuid = %s", (uid,))
    admin.close()
    with register.connect() as su, su.cursor() as cur:
        cur.execute("SELECT count(*) FROM coworking.history WHERE site_uuid = %s"
                    " AND (old_values::text LIKE '%%Beispiel%%' OR new_values::text LIKE '%%Beispiel%%')", (uid,))
        assert cur.fetchone() == (0,)
        cur.execute("SELECT (SELECT notes FROM coworking.vacancy_approved WHERE uuid = %s),"
                    " (SELECT count(*) FROM coworking.owner_contact WHERE site_uuid = %s),"
                    " (SELECT array_agg(action ORDER BY id) FROM coworking.history WHERE site_uuid = %s)",
                    (uid, uid, uid))
        notes, contacts, actions = cur.fetchone()
        assert (notes, contacts) == (None, 0) and actions[-1] == "owner_contact_delete"
