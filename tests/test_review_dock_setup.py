"""The review dock before and around the queue (pytest-qgis, real register): what it says when no register is set
up or the connection fails (in German, with the button to the plugin's settings and the server's words, never the
password), the one connection its tasks share (closed on unload), and the dossier (PDF) of the selected sites."""

from __future__ import annotations

import subprocess

import psycopg2.extensions
import pytest
from qgis.core import Qgis

from tests import test_review_dock
from tests.test_dossier import _pages as pages
from tests.test_review_dock import _settle, _wait
from tests.test_suitability_dock import wait_for

pytestmark = pytest.mark.postgis
reg, sites = test_review_dock.reg, test_review_dock.sites  # the same register and sites, for this module


def _options_recorder(iface, monkeypatch):
    calls = []
    monkeypatch.setattr(iface, "showOptionsDialog", lambda parent, page: calls.append(page), raising=False)
    return calls


def test_no_register_set_up_says_where_in_german(qgis_app, qgis_iface, clean_settings, german_translator,
                                                  monkeypatch):
    from coworking_plugin.core.settings import PluginSettings
    from coworking_plugin.gui.options import PAGE_NAME
    from coworking_plugin.gui.review_dock import ReviewDock

    calls = _options_recorder(qgis_iface, monkeypatch)
    dock = ReviewDock(qgis_iface)
    try:
        dock.show()  # opening the dock loads it, or says what is missing
        assert dock.task is None and dock.hint.isVisible()
        text = dock.hint.label.text()
        assert "Keine Verbindung zum Register" in text and "Optionen ▸ Coworking" in text, text
        assert dock.hint.button.text() == "Einstellungen des Plugins öffnen…"
        dock.hint.button.click()
        assert calls == [PAGE_NAME]
        assert not dock.approve_button.isVisible() and dock.model.rowCount() == 0

        # the Options page names a register nobody answers at: the dock tries at once and shows libpq's words
        PluginSettings(database="host=127.0.0.1 port=1 dbname=register user=niemand connect_timeout=3").save()
        _wait(dock.task)
        text = dock.hint.label.text()
        assert dock.hint.isVisible() and "Das Register ist nicht erreichbar" in text, text
        assert "127.0.0.1" in text and "port 1" in text, text  # the server's (libpq's) own message
        PluginSettings(database="").save()
        assert "Keine Verbindung zum Register" in dock.hint.label.text()
    finally:
        dock.unload()
        dock.close()


def test_failed_login_shows_the_servers_message_without_the_password(qgis_app, qgis_iface, reg, sites,
                                                                      german_translator):
    from coworking_plugin.gui.review_dock import ReviewDock

    params = psycopg2.extensions.parse_dsn(reg.dsn("reviewer"))
    params["password"] = "Falsch-Geheim-4711"
    dock = ReviewDock(qgis_iface, database=psycopg2.extensions.make_dsn(**params))
    try:
        _wait(dock.refresh())
        text = dock.hint.label.text()
        assert not dock.hint.isHidden() and "Das Register ist nicht erreichbar" in text, text
        assert params["user"] in text  # the server says whose login failed…
        assert "Falsch-Geheim-4711" not in text + dock.status.text()  # …and never the password
        messages = qgis_iface.messageBar().get_messages(int(Qgis.MessageLevel.Warning))
        assert messages and not any("Falsch-Geheim-4711" in m for m in messages)
    finally:
        dock.unload()
        dock.close()


def test_tasks_share_one_connection_until_unload(qgis_app, qgis_iface, reg, sites):
    from coworking_plugin.gui.review_dock import ReviewDock

    dock = ReviewDock(qgis_iface, database=reg.dsn("reviewer"))
    try:
        _wait(dock.refresh())
        assert dock.hint.isHidden() and dock.model.rowCount() > 0
        pid = dock.connection._conn.get_backend_pid()
        dock.select([sites["Beispiel D00"]])
        _settle(dock)
        assert "Beispiel D00" in dock.detail.title.text()  # the detail came over the same connection
        _wait(dock.refresh())
        assert dock.connection.is_open and dock.connection._conn.get_backend_pid() == pid
        backends = reg.connect(None)

        def count(condition, *args):
            with backends.cursor() as cur:
                cur.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "  # noqa: S608
                            + condition, args)
                n = cur.fetchone()[0]
            backends.rollback()  # the activity view is a snapshot per transaction
            return n

        assert count("application_name = 'coworking_review'") == 1
        dock.unload()
        assert not dock.connection.is_open
        wait_for(lambda: count("pid = %s", pid) == 0, timeout=10)
        backends.close()
    finally:
        dock.unload()
        dock.close()


@pytest.mark.skipif(subprocess.run(["which", "pdfinfo"], capture_output=True).returncode != 0,
                    reason="poppler-utils (make setup) missing")
def test_dossier_of_the_selected_sites(qgis_app, qgis_iface, reg, sites, tmp_path):
    from coworking_plugin.gui.review_dock import ReviewDock

    dock = ReviewDock(qgis_iface, database=reg.dsn("reviewer"))
    try:
        _wait(dock.refresh())
        assert not dock.dossier_button.isEnabled()  # nothing selected
        chosen = [sites["Beispiel D02"], sites["Beispiel D03"]]
        dock.select(chosen)
        _settle(dock)
        assert dock.dossier_button.isEnabled() and dock.dossier_button.text() == "Dossier (PDF)…"
        out = tmp_path / "pruefung.pdf"
        assert dock.export_dossier(str(out)) is not None
        wait_for(lambda: any(str(out) in m for m in qgis_iface.messageBar().get_messages(
            int(Qgis.MessageLevel.Success))))
        assert pages(out) == 2  # one page per selected site
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Beispiel D02" in text and "Beispiel D03" in text
    finally:
        dock.unload()
        dock.close()
