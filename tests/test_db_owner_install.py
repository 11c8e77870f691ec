"""Installing the register as the usual county setup has it: a DBA creates the database for an owner login with
CREATEROLE (no superuser), and the owner installs, upgrades and hands out the roles.

PostgreSQL 16 changed CREATEROLE: such a login grants only roles it holds WITH ADMIN OPTION (those it created, or
those a superuser granted it so). The group roles coworking_* are cluster-wide, so the tests cover a server
without them (a server of its own), group roles a DBA created (a server of its own), and group roles left by an
earlier install in another database (the session's server). Role names are unique per test; on a server of its
own the test leaves the roles to the server's removal, on the session's server it drops its logins.
"""

from __future__ import annotations

import secrets
import uuid

import psycopg2
import psycopg2.extensions
import pytest
from psycopg2 import sql

from coworking_plugin.db import migrate as mig
from coworking_plugin.db.roles import assign_editor

ADMIN_OPTION_SINCE = 160000  # server_version_num of PostgreSQL 16

#: the versions a fresh install applies: the baseline and the migrations shipped after it
SHIPPED = [m.version for m in mig.migrations()]


class Owner:
    """A login that owns a fresh database with PostGIS, made by the DBA (the superuser ``su``)."""

    def __init__(self, server, su, createrole: bool = True):
        self.name = "o_" + uuid.uuid4().hex[:10]
        self.login = self.name + "_owner"
        self.password = secrets.token_urlsafe(12)
        with su.cursor() as cur:
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN {} PASSWORD %s").format(
                sql.Identifier(self.login), sql.SQL("CREATEROLE" if createrole else "NOCREATEROLE")),
                (self.password,))
        self.params = psycopg2.extensions.parse_dsn(server.create_database(self.name))
        with su.cursor() as cur:
            cur.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(self.name),
                                                                       sql.Identifier(self.login)))

    def dsn(self, user=None) -> str:
        return psycopg2.extensions.make_dsn(**dict(self.params, user=user or self.login, password=self.password))

    def connect(self, user=None):
        return psycopg2.connect(self.dsn(user))

    def drop(self, su) -> None:
        """The DBA removes database and logins: the editor login first (the owner granted its membership)."""
        with su.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))
            for login in (self.login + "_ed", self.login):
                cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))


def _superuser(server):
    su = psycopg2.connect(server.dsn("postgres"))
    su.autocommit = True
    return su


def _admin_options(su):
    """Which group roles coworking_admin holds WITH ADMIN OPTION (it hands them out)."""
    with su.cursor() as cur:
        cur.execute("SELECT array_agg(DISTINCT r.rolname ORDER BY r.rolname) FROM pg_auth_members m"
                    " JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles a ON a.oid = m.member"
                    " WHERE a.rolname = 'coworking_admin' AND m.admin_option")
        return cur.fetchone()[0]


def _owner_hands_out_roles_and_rules_hold(owner: Owner) -> None:
    """The owner upgrades (nothing to do), creates an editor login, assigns it Riesa; the editor's rules hold with
    triggers owned by a non-superuser."""
    conn = owner.connect()
    try:
        assert mig.migrate(conn).applied == []
        with conn.cursor() as cur:
            cur.execute("SELECT tableowner FROM pg_tables WHERE schemaname = 'coworking' AND tablename = 'vacancy'")
            assert cur.fetchone() == (owner.login,)
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s").format(sql.Identifier(owner.login + "_ed")),
                        (owner.password,))
        conn.commit()
        assert assign_editor(conn, owner.login + "_ed", ["Riesa"]) == ["14627230"]
    finally:
        conn.close()
    ed = owner.connect(owner.login + "_ed")
    try:
        with ed.cursor() as cur:
            cur.execute("INSERT INTO coworking.vacancy (municipality_ags, name, building_type, geom) VALUES"
                        " ('14627230', 'x', 'office', 'SRID=25833;POINT(381100 5685300)')"
                        " RETURNING uuid, status, version, created_by")
            site, *bookkeeping = cur.fetchone()
            assert bookkeeping == ["pending", 1, owner.login + "_ed"]
            with pytest.raises(psycopg2.Error) as info:
                cur.execute("UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (site,))
    finally:
        ed.close()  # nothing committed
    assert info.value.pgcode == "RG002"


def _create_group_roles(su) -> None:
    """What a DBA may have done before: the group roles, and nothing else."""
    with su.cursor() as cur:
        for role in mig.GROUP_ROLES:
            cur.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))


def test_owner_installs_on_a_fresh_server(own_pg_server):
    """No coworking_* roles yet: the owner creates them, grants them to coworking_admin and hands them out."""
    su = _superuser(own_pg_server)
    owner = Owner(own_pg_server, su)
    conn = owner.connect()
    try:
        result = mig.migrate(conn)
        assert result.applied == SHIPPED and result.version == mig.latest_version()
        assert result.municipalities_loaded == 28
    finally:
        conn.close()
    assert _admin_options(su) == ["coworking_editor", "coworking_reader", "coworking_reviewer"]
    _owner_hands_out_roles_and_rules_hold(owner)
    su.close()


def test_owner_installs_where_a_dba_created_the_group_roles(own_pg_server, qgis_app):
    """Group roles created by a superuser: up to PostgreSQL 15 the owner grants them anyway; from 16 on the
    installer stops before writing anything and says what the DBA runs once, and then installs."""
    from coworking_plugin.db.install import InstallError, install

    su = _superuser(own_pg_server)
    _create_group_roles(su)
    owner = Owner(own_pg_server, su)
    if su.server_version >= ADMIN_OPTION_SINCE:
        with pytest.raises(InstallError) as info:
            install(owner.dsn(), with_styles=False)
        grant = (f'GRANT "coworking_admin", "coworking_reviewer", "coworking_editor", "coworking_reader"'
                 f' TO "{owner.login}" WITH ADMIN OPTION;')
        assert grant in str(info.value) and owner.login in str(info.value)
        conn = owner.connect()
        assert mig.applied_versions(conn) == []
        conn.close()
        with su.cursor() as cur:
            cur.execute(grant)
    report = install(owner.dsn(), with_styles=False)
    assert report.applied == SHIPPED and report.municipalities_loaded == 28
    assert _admin_options(su) == ["coworking_editor", "coworking_reader", "coworking_reviewer"]
    _owner_hands_out_roles_and_rules_hold(owner)
    su.close()


def test_owner_without_admin_option_is_told_what_to_grant(own_pg_server, german_translator):
    """An owner that may not grant the DBA's group roles (here: without CREATEROLE, on every version) gets the
    statement the DBA runs once, in the user's language (German here: RG101 stops the install before the register's
    messages exist, so the plugin says it by the SQLSTATE); nothing is written until then."""
    from coworking_plugin.db.install import InstallError, install

    su = _superuser(own_pg_server)
    _create_group_roles(su)
    owner = Owner(own_pg_server, su, createrole=False)
    with pytest.raises(InstallError) as info:
        install(owner.dsn(), with_styles=False)
    assert str(info.value).startswith(f"Die Login-Rolle „{owner.login}“ darf die Gruppenrollen des Registers ")
    assert "Bitten Sie die Administration des Servers (einen Superuser), einmalig auszuführen: GRANT " in (
        str(info.value))
    conn = owner.connect()
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('coworking.vacancy')")
        assert cur.fetchone() == (None,)
    conn.close()
    conn = owner.connect()
    with pytest.raises(mig.RoleAdminMissing) as raw:  # the same without QGIS (scripts, migrate() directly)
        mig.migrate(conn)
    conn.close()
    assert f"einmalig auszuführen: {raw.value.grant} Installieren Sie danach erneut." in str(info.value)
    with su.cursor() as cur:
        cur.execute(raw.value.grant)
    assert install(owner.dsn(), with_styles=False).applied == SHIPPED
    assert _admin_options(su) == ["coworking_editor", "coworking_reader", "coworking_reviewer"]
    su.close()


def test_install_by_database_owner_without_superuser(pg_server, register):
    """Group roles from an earlier install in another database (the fixture's, by a superuser): the owner installs
    and upgrades on every version, granting nothing again. Since PostgreSQL 16 it hands out roles only once the
    DBA granted it the group roles WITH ADMIN OPTION."""
    su = _superuser(pg_server)
    owner = Owner(pg_server, su)
    try:
        conn = owner.connect()
        try:
            result = mig.migrate(conn)
            assert result.version == mig.latest_version() and result.municipalities_loaded == 28
        finally:
            conn.close()
        if su.server_version >= ADMIN_OPTION_SINCE:
            conn = owner.connect()
            with conn.cursor() as cur:
                cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(owner.login + "_ed")))
            conn.commit()
            with pytest.raises(psycopg2.Error) as info:
                assign_editor(conn, owner.login + "_ed", ["Riesa"])
            assert info.value.pgcode == "42501"
            with conn.cursor() as cur:
                cur.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(owner.login + "_ed")))
            conn.commit()
            conn.close()
            with su.cursor() as cur:
                cur.execute(sql.SQL("GRANT coworking_admin, coworking_reviewer, coworking_editor, coworking_reader"
                                    " TO {} WITH ADMIN OPTION").format(sql.Identifier(owner.login)))
        _owner_hands_out_roles_and_rules_hold(owner)
    finally:
        owner.drop(su)
        su.close()
