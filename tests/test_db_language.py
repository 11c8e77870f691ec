"""The register speaks the language set at install, German by default (issue 12): an officer in plain QGIS reads
what to fix in German; the SQLSTATEs stay the same, and the plugin translates by them either way."""

from __future__ import annotations

import re

import psycopg2
import pytest

from coworking_plugin.core.register.messages import user_message
from coworking_plugin.db import migrate as mig
from coworking_plugin.db.install import install

pytestmark = pytest.mark.postgis

P_MEISSEN = (393300.0, 5669100.0)


def refusal(conn, statement, params=()):
    with pytest.raises(psycopg2.Error) as caught, conn.cursor() as cur:
        cur.execute(statement, params)
    conn.rollback()
    return caught.value


def riesa_site(conn):
    return refusal(conn, "INSERT INTO coworking.vacancy (municipality_ags, name, building_type, geom) VALUES "
                         "('14627230', 'Fremd', 'office', ST_SetSRID(ST_MakePoint(381100, 5685300), 25833))")


def nameless_site(conn):
    return refusal(conn, "INSERT INTO coworking.vacancy (municipality_ags, building_type, geom) VALUES "
                         "('14627140', 'office', ST_SetSRID(ST_MakePoint(%s, %s), 25833))", P_MEISSEN)


def test_german_by_default_english_when_chosen_at_install(register):
    editor = register.connect("editor_meissen")
    exc = riesa_site(editor)
    assert exc.pgcode == "RG001"
    assert exc.diag.message_primary == (f"Sie ({register.role('editor_meissen')}) bearbeiten keine Standorte der "
                                        "Gemeinde 14627230 (Riesa).")
    assert exc.diag.message_hint.startswith("Wählen Sie eine Ihrer Gemeinden")
    exc = nameless_site(editor)
    assert exc.pgcode == "RG006" and exc.diag.message_primary == "Das Feld „Bezeichnung“ (name) ist ein Pflichtfeld."
    plugin_text = user_message(exc)  # the plugin's own words, by SQLSTATE

    install(register.dsn(), with_styles=False, language="en")
    exc = riesa_site(editor)
    assert exc.pgcode == "RG001" and exc.diag.message_primary == (
        f"You ({register.role('editor_meissen')}) do not edit sites of the municipality 14627230 (Riesa).")
    exc = nameless_site(editor)
    assert exc.pgcode == "RG006" and exc.diag.message_primary == 'The field "Name" (name) is required.'
    assert user_message(exc) == plugin_text
    with pytest.raises(psycopg2.errors.CheckViolation):
        install(register.dsn(), with_styles=False, language="fr")
    editor.close()


def test_tolerance_set_at_install_for_finer_boundaries(register):
    install(register.dsn(), with_styles=False, location_tolerance_m=25.0)
    with register.connect("reader") as reader, reader.cursor() as cur:  # any role reads the settings
        cur.execute("SELECT key, value FROM coworking.setting ORDER BY key")
        assert cur.fetchall() == [("four_eyes", "true"), ("language", "de"), ("location_tolerance_m", "25")]


def test_every_message_the_rules_raise_exists_in_both_languages(register):
    text = "\n".join(m.text for m in mig.migrations())
    ids = set(re.findall(r"coworking\.msg(?:_hint)?\('([A-Z0-9]+(?:\.[a-z]+)?)'", text))
    ids |= {"RG012.approved", "RG012.rejected", "RG009.site", "RG014.approved", "RG014.rejected"}  # by status, table
    ids |= {f"{code}.{problem}" for code, problem in (("RG006", "required"), ("RG005", "choice"), ("RG007", "range"),
                                                      ("RG007", "future"), ("RG007", "length"),
                                                      ("RG007", "pattern"))}  # coworking.validate's variants
    with register.connect() as su, su.cursor() as cur:
        cur.execute("SELECT id, array_agg(lang ORDER BY lang) FROM coworking.message GROUP BY id")
        known = dict(cur.fetchall())
    assert {i: known.get(i) for i in ids if known.get(i) != ["de", "en"]} == {}
    assert len(ids) >= 25  # the regular expression found the RAISEs
