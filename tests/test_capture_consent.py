"""One consent, asked where the error points (issue 12): a private vacancy marked for publication needs the date
of the owner's consent, a field of the site on the "Publication" tab (the one the register's RG013 and the public
view check). The owner tab has no second consent date; the message names the field and its tab, and the dock
switches to that tab and puts the cursor into the field."""

from __future__ import annotations

import pytest
from qgis.core import QgsGeometry
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtWidgets import QApplication
from test_capture_dock import MARKT, UTM, rows
from test_capture_dock import dock as dock  # noqa: F401 (the fixture)

from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.register.messages import user_message


def tab_titles_of(dock, name):
    editor = dock.widgets[name].editor
    return [dock.tabs.tabText(i) for i in range(dock.tabs.count()) if dock.tabs.widget(i).isAncestorOf(editor)]


def test_consent_error_points_to_the_one_consent_date(dock):
    dock.vacancy_radio.click()
    assert [n for n in dock.widgets if "consent" in n and cat.field_by_name(n).type == cat.FieldType.DATE] == [
        "publication_consent_date"]
    assert tab_titles_of(dock, "publication_consent_date") == ["Publication"]
    assert "consent_given_at" not in dock.widgets  # the owner tab asks no second date
    dock.set_value("name", "Privathaus am Markt")
    dock.set_value("building_type", "residential")
    dock.set_value("ownership", "private")
    dock.set_value("publication_consent", True)
    dock.set_value("owner_name", "Erika Muster")
    dock.set_geometry(QgsGeometry.fromPointXY(MARKT), UTM)
    owner_tab = dock.tabs.count() - 1
    dock.tabs.setCurrentIndex(owner_tab)  # the officer is on the owner tab
    dock.activateWindow()
    QApplication.processEvents()
    dock.save_button.click()
    assert rows(dock, cat.VACANCY) == []
    message = ("A private vacancy can only be marked for publication when the owner's consent is recorded. Enter "
               "“Date of consent” on the tab “Publication”, or untick “Consent to publication”.")
    assert dock.widgets["publication_consent_date"].error.text() == message
    assert dock.tabs.tabText(dock.tabs.currentIndex()) == "Publication"
    editor = dock.widgets["publication_consent_date"].editor
    QApplication.processEvents()
    assert QApplication.focusWidget() is not None and (QApplication.focusWidget() is editor
                                                       or editor.isAncestorOf(QApplication.focusWidget()))
    editor.setDate(QDate(2026, 1, 5))
    dock.save_button.click()
    assert [f["publication_consent_date"] for f in rows(dock, cat.VACANCY)] == [QDate(2026, 1, 5)]


@pytest.mark.postgis
def test_register_refusal_names_the_field_and_its_tab(register):
    import psycopg2

    conn = register.connect("editor_meissen")
    with pytest.raises(psycopg2.Error) as caught, conn.cursor() as cur:
        cur.execute("INSERT INTO coworking.vacancy (municipality_ags, name, building_type, ownership, "
                    "publication_consent, geom) VALUES ('14627140', 'Privathaus', 'residential', 'private', true, "
                    "ST_SetSRID(ST_MakePoint(%s, %s), 25833))", (MARKT.x(), MARKT.y()))
    conn.rollback()
    assert caught.value.pgcode == "RG013" and caught.value.diag.column_name == "publication_consent_date"
    assert "“Date of consent” on the tab “Publication”" in user_message(caught.value)
    with conn.cursor() as cur:  # the register has one consent date: none on the owner's contact
        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = 'coworking' "
                    "AND table_name = 'owner_contact' AND column_name LIKE 'consent%%'")
        assert [r[0] for r in cur.fetchall()] == ["consent_purpose"]
    conn.close()
