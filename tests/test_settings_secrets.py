"""No password is ever stored in the plugin's settings (issue 12): the Options page names and removes a typed
password and keeps the rest, offers QGIS connections, libpq services and QGIS authentication configurations;
core/settings.py strips a password arriving by any path, and one stored by an older version is removed on
load with a single warning."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg2
import pytest
from qgis.core import Qgis, QgsApplication, QgsAuthMethodConfig, QgsSettings

from coworking_plugin.core.connection import connect
from coworking_plugin.core.conninfo import has_password, redact_password, strip_password
from coworking_plugin.core.settings import PREFIX, PluginSettings
from coworking_plugin.gui.options import CoworkingOptionsPage

SECRET = "Geheim-4711 x"


def _stored_anywhere(secret: str) -> list:
    """Settings keys whose value holds ``secret``, and the settings file itself (QGIS3.ini) on disk."""
    s = QgsSettings()
    s.sync()
    hits = [k for k in s.allKeys() if secret in str(s.value(k))]
    ini = Path(s.fileName())
    if ini.exists() and secret in ini.read_text(encoding="utf-8", errors="replace"):
        hits.append(str(ini))
    return hits


@pytest.mark.parametrize("typed, kept", [
    ("host=db.kreis port=5432 dbname=register user=meissen password=S3cret!",
     "host=db.kreis port=5432 dbname=register user=meissen"),
    ("host=db.kreis password = 'a b\\'c' dbname=register application_name='x  y'",
     "host=db.kreis dbname=register application_name='x  y'"),
    ("postgresql://meissen:S3cret!@db.kreis:5432/register?sslmode=require",
     "postgresql://meissen@db.kreis:5432/register?sslmode=require"),
    ("postgresql://db.kreis/register?password=S3cret!&sslmode=require",
     "postgresql://db.kreis/register?sslmode=require"),
    ("service=register", "service=register"),
])
def test_strip_and_redact(typed, kept):
    assert strip_password(typed) == (kept, typed != kept)
    assert has_password(typed) is (typed != kept)
    redacted = redact_password(typed)
    assert "S3cret" not in redacted and "a b" not in redacted
    assert ("***" in redacted) is (typed != kept)


def test_typed_password_is_named_removed_and_the_rest_kept(clean_settings, caplog):
    page = CoworkingOptionsPage()
    assert page.password_warning.isHidden()
    typed = f"host=db.kreis port=5432 dbname=register user=meissen password='{SECRET}'"
    page.database.setCurrentText(typed)
    assert not page.password_warning.isHidden()  # said at once, before OK
    assert "never stored" in page.password_warning.text()
    with caplog.at_level(logging.WARNING, logger="coworking_plugin"):
        page.apply()
    assert PluginSettings.load().database == "host=db.kreis port=5432 dbname=register user=meissen"
    assert page.database.currentText() == "host=db.kreis port=5432 dbname=register user=meissen"
    assert [r for r in caplog.records if "Passwords are never stored" in r.getMessage()]
    assert _stored_anywhere("Geheim-4711") == []


def test_typed_authcfg_is_kept_when_the_password_is_removed(clean_settings):
    page = CoworkingOptionsPage()
    page.database.setCurrentText("host=db.kreis dbname=register authcfg=ab12cd3 password=S3cret!")
    page.apply()
    assert PluginSettings.load().database == "host=db.kreis dbname=register authcfg=ab12cd3"


def test_password_from_any_path_is_stripped_by_the_settings(clean_settings, caplog):
    """The sync dock, a script or Processing may hand a connection string to the settings object."""
    with caplog.at_level(logging.WARNING, logger="coworking_plugin"):
        PluginSettings(database=f"postgresql://meissen:{SECRET.replace(' ', '')}@db.kreis/register").save()
    assert PluginSettings.load().database == "postgresql://meissen@db.kreis/register"
    assert caplog.records and _stored_anywhere("Geheim-4711") == []


def test_stored_password_is_removed_on_load_with_one_warning(clean_settings, qgis_iface, monkeypatch,
                                                             no_coworking_provider):
    """A QGIS3.ini written by an older version: the plugin strips it at start and says so once."""
    import coworking_plugin

    clean_settings.setValue(PREFIX + "database", f"host=db.kreis dbname=register password={SECRET.split()[0]}")
    monkeypatch.setattr(qgis_iface, "registerOptionsWidgetFactory", lambda f: None, raising=False)
    monkeypatch.setattr(qgis_iface, "unregisterOptionsWidgetFactory", lambda f: None, raising=False)
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    for _start in range(2):  # QGIS started twice
        plugin = coworking_plugin.classFactory(qgis_iface)
        plugin.initGui()
        plugin.unload()
    warnings = [m for m in bar.get_messages(Qgis.MessageLevel.Warning) if "never stored" in m]
    assert len(warnings) == 1, bar.get_messages(Qgis.MessageLevel.Warning)
    assert PluginSettings.load().database == "host=db.kreis dbname=register"
    assert _stored_anywhere("Geheim-4711") == []


def test_options_offer_libpq_services(clean_settings, tmp_path, monkeypatch):
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text("[kreis_register]\nhost=db.kreis\ndbname=register\n\n[kreis_test]\nhost=test\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    page = CoworkingOptionsPage()
    choices = [page.database.itemText(i) for i in range(page.database.count())]
    assert "service=kreis_register" in choices and "service=kreis_test" in choices
    page.database.setCurrentText("service=kreis_register")
    assert page.authcfg.isEnabled() and page.password_warning.isHidden()
    page.database.setCurrentText("Kreis Register")  # a QGIS connection brings its own credentials
    assert not page.authcfg.isEnabled()


@pytest.mark.postgis
def test_connection_string_with_auth_configuration_connects_as_the_login(clean_settings, register):
    """Typed host/dbname plus a QGIS authentication configuration: stored without password, and the stored
    setting opens a session as the officer's real login role."""
    auth = QgsApplication.authManager()
    if not auth.masterPasswordIsSet():
        assert auth.setMasterPassword("test-master-password", True)
    params = psycopg2.extensions.parse_dsn(register.dsn("editor_meissen"))
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("Meißen Bauamt")
    cfg.setConfig("username", params["user"])
    cfg.setConfig("password", params["password"])
    assert auth.storeAuthenticationConfig(cfg)[0]
    try:
        page = CoworkingOptionsPage()
        page.database.setCurrentText(f"host={params['host']} port={params['port']} dbname={params['dbname']} "
                                     f"password={params['password']}")
        page.authcfg.setConfigId(cfg.id())
        page.apply()
        stored = PluginSettings.load().database
        assert stored == (f"host={params['host']} port={params['port']} dbname={params['dbname']} "
                          f"authcfg={cfg.id()}")
        assert _stored_anywhere(params["password"]) == []
        conn = connect(stored)
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT current_user, pg_has_role('coworking_editor', 'MEMBER')")
                assert cur.fetchone() == (register.role("editor_meissen"), True)
        finally:
            conn.close()
        again = CoworkingOptionsPage()  # the page shows what is stored: text and chosen configuration
        assert again.database.currentText() == f"host={params['host']} port={params['port']} dbname={params['dbname']}"
        assert again.authcfg.configId() == cfg.id()
        again.apply()
        assert PluginSettings.load().database == stored
    finally:
        auth.removeAuthenticationConfig(cfg.id())
