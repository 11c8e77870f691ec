"""The sync speaks the officer's language (issue 12): the register's sync functions raise their errors in the
register's language (German by default) with stable SQLSTATEs (RG102, RG103), and the plugin says what to do about
them, and about PostgreSQL's own refusals, in the user's language whatever the server speaks."""

from __future__ import annotations

import psycopg2
import pytest
from psycopg2 import sql

from coworking_plugin.core.sync.pull import checkout, pull
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.report import SyncError
from coworking_plugin.db.install import install
from tests.sync_helpers import add_site, vacancy_values

pytestmark = pytest.mark.postgis

UPDATE_HINT_DE = ("Bitten Sie die Administration des Landkreises, das Register zu aktualisieren, oder aktualisieren "
                  "Sie das Plugin und checken Sie eine neue Arbeitskopie aus.")


def _refusal(conn, *statements):
    with pytest.raises(psycopg2.Error) as caught, conn.cursor() as cur:
        for statement in statements:
            cur.execute(statement)
    conn.rollback()
    return caught.value


def _protocol_errors(conn):
    columns = _refusal(conn, "SELECT coworking.push_begin(ARRAY['name', 'notes', 'no_such_column'], NULL::uuid[])")
    not_begun = _refusal(conn, "SELECT coworking.push_staged(NULL::jsonb, NULL::uuid)")
    owners = _refusal(conn, "SELECT coworking.push_begin(ARRAY['name', 'notes'], NULL::uuid[])",
                      """SELECT coworking.push_staged('{"columns": ["phone", "shoe_size"], "rows": []}', NULL)""")
    return columns, not_begun, owners


def test_sync_protocol_errors_in_the_register_language(register):
    editor = register.connect("editor_meissen")
    columns, not_begun, owners = _protocol_errors(editor)
    assert (columns.pgcode, not_begun.pgcode, owners.pgcode) == ("RG102", "RG103", "RG102")
    assert columns.diag.message_primary == ("Die Arbeitskopie sendet Spalten, die das Register nicht hat oder die "
                                            "nur der Server setzt: no_such_column.")
    assert columns.diag.message_hint == UPDATE_HINT_DE
    assert not_begun.diag.message_primary == "In dieser Transaktion wurde kein Hochladen begonnen."
    assert not_begun.diag.message_hint.startswith("Rufen Sie zuerst coworking.push_begin auf")
    assert owners.diag.message_primary == ("Die Arbeitskopie sendet Spalten der Eigentümerkontakte, die das "
                                           "Register nicht hat.")
    assert owners.diag.message_hint == UPDATE_HINT_DE

    install(register.dsn(), with_styles=False, language="en")
    columns, not_begun, owners = _protocol_errors(editor)
    assert (columns.pgcode, not_begun.pgcode, owners.pgcode) == ("RG102", "RG103", "RG102")
    assert columns.diag.message_primary == ("The working copy sends columns the register does not have or that only "
                                            "the server sets: no_such_column.")
    assert not_begun.diag.message_primary == "No push was started in this transaction."
    assert owners.diag.message_primary == "The working copy sends owner contact columns the register does not have."
    editor.close()


@pytest.mark.parametrize("language", ["de", "en"])
def test_german_officer_told_what_to_do_when_the_register_lacks_a_field(german_translator, register, tmp_path,
                                                                        language):
    """A plugin newer than the register (here: the register lacks the column ``parking``): the push is refused
    with the plugin's German words, whatever language the register speaks, and the register's details."""
    install(register.dsn(), with_styles=False, language=language)
    path = str(tmp_path / "wc.gpkg")
    dsn = register.dsn("editor_meissen")
    checkout(dsn, path)
    add_site(path, **vacancy_values(name="Alte Post"))
    with register.connect() as su, su.cursor() as cur:
        cur.execute("ALTER TABLE coworking.vacancy DROP COLUMN parking CASCADE")
    with pytest.raises(SyncError) as info:
        push(dsn, path)
    text = str(info.value)
    assert text.startswith("Das Register hat das Hochladen abgewiesen: Das Register hat einige Felder dieser "
                           "Arbeitskopie nicht: Das Plugin und das Register haben nicht dieselbe Version. ")
    assert text.endswith(": parking.)")
    assert ("Die Arbeitskopie sendet Spalten" in text) == (language == "de")


def test_german_officer_without_a_register_role_is_told_in_german(german_translator, register, tmp_path):
    """PostgreSQL's own refusal (42501, in the server's language) becomes the plugin's German words, for a refresh as
    for a push; the working copy is left as it was."""
    login = register.role("nobody")
    with register.connect(autocommit=True) as su, su.cursor() as cur:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'kein-register'").format(sql.Identifier(login)))
    try:
        params = psycopg2.extensions.parse_dsn(register.dsn())
        params.update(user=login, password="kein-register")
        dsn = psycopg2.extensions.make_dsn(**params)
        path = str(tmp_path / "wc.gpkg")
        checkout(register.dsn("editor_meissen"), path)
        uid = add_site(path, **vacancy_values(name="Alte Post"))
        expected = ("Ihrer Datenbankrolle fehlt dafür die Berechtigung. Wenden Sie sich an die Administration des "
                    "Landkreises. (Das Register: ")
        with pytest.raises(SyncError) as info:
            pull(dsn, path)
        assert str(info.value).startswith("Das Register hat es abgelehnt, die Standorte zu senden: " + expected)
        with pytest.raises(SyncError) as info:
            push(dsn, path)
        assert str(info.value).startswith("Das Register hat das Hochladen abgewiesen: " + expected)
        assert push(register.dsn("editor_meissen"), path).inserted == 1  # nothing lost on the way
        with register.connect() as su, su.cursor() as cur:
            cur.execute("SELECT name FROM coworking.vacancy WHERE uuid = %s", (uid,))
            assert cur.fetchone() == ("Alte Post",)
    finally:
        with register.connect(autocommit=True) as su, su.cursor() as cur:
            cur.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))


def test_german_officer_told_when_the_working_copy_cannot_be_written(german_translator, register, tmp_path):
    """GDAL's failure to create the GeoPackage (here: the folder is a file) in the officer's language, with GDAL's
    own words for the details."""
    blocker = tmp_path / "kein_ordner"
    blocker.write_text("", encoding="utf-8")
    path = blocker / "wc.gpkg"
    with pytest.raises(OSError) as info:
        checkout(register.dsn("editor_meissen"), str(path))
    assert str(info.value).startswith(f"Die Arbeitskopie {path} konnte nicht geschrieben werden (")
    assert str(info.value).endswith("Prüfen Sie, ob der Ordner beschreibbar ist und genug Platz hat und ob kein "
                                    "anderes Programm die Datei geöffnet hält.")
