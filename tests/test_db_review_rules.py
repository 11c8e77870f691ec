"""The register's review rules (guard_site, 0002_review.sql) against a real PostGIS with real login roles: four
eyes and the admin's switch, a rejection needs visible characters or a standard reason, the reasons as data, the
last approved version for the editors of the site's municipality (no snapshot access)."""

from __future__ import annotations

import psycopg2
import pytest

from tests.test_db_review import _exec

MEISSEN = "14627140"
POINT = "SRID=25833;POINT(393300 5669100)"


@pytest.fixture(scope="module")
def reg(register_module):
    return register_module


def _fails(reg, who, statement, params=()):
    with pytest.raises(psycopg2.Error) as info:
        _exec(reg, who, statement, params)
    return info.value


def _insert(reg, who="editor_meissen", name="Beispiel Vier Augen"):
    return _exec(reg, who, "INSERT INTO coworking.vacancy (municipality_ags, name, building_type, geom)"
                           " VALUES (%s, %s, 'office', %s) RETURNING uuid::text", (MEISSEN, name, POINT))[0][0]


def _row(reg, site):
    return _exec(reg, None, "SELECT status, version, review_comment, review_reason, reviewed_by"
                            " FROM coworking.vacancy WHERE uuid = %s", (site,))[0]


def _decide(reg, who, site, status, comment=None, reason=None):
    return _exec(reg, who, "UPDATE coworking.vacancy SET status = %s, review_comment = %s, review_reason = %s"
                           " WHERE uuid = %s", (status, comment, reason, site))


def test_four_eyes_refuses_own_submission_and_own_change(reg):
    # own submission: a reviewer who captured the site cannot decide on it, another reviewer can
    own = _insert(reg, "reviewer", "Beispiel: selbst erfasst")
    err = _fails(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (own,))
    assert err.pgcode == "RG014" and "Vier-Augen-Prinzip" in err.diag.message_primary  # German: the register's language
    assert _row(reg, own)[0] == "pending"
    assert _decide(reg, "reviewer2", own, "approved") == 1
    # deciding at once on insert is a decision on one's own submission
    err = _fails(reg, "reviewer", "INSERT INTO coworking.vacancy (municipality_ags, name, building_type, geom, status)"
                                  " VALUES (%s, 'x', 'office', %s, 'approved')", (MEISSEN, POINT))
    assert err.pgcode == "RG014"

    # own change: the reviewer corrected an editor's submission; rejecting it is someone else's call
    site = _insert(reg)
    _exec(reg, "reviewer", "UPDATE coworking.vacancy SET rooms = 4 WHERE uuid = %s", (site,))
    err = _fails(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'rejected', review_comment = 'x'"
                                  " WHERE uuid = %s", (site,))
    assert err.pgcode == "RG014"
    # changing and approving in one statement is the same
    other = _insert(reg)
    err = _fails(reg, "reviewer", "UPDATE coworking.vacancy SET rooms = 9, status = 'approved' WHERE uuid = %s",
                 (other,))
    assert err.pgcode == "RG014" and _row(reg, other)[0:2] == ("pending", 1)
    assert _decide(reg, "reviewer2", site, "approved") == 1

    # a reviewer's own decision is not content: rejecting and then approving the same version is allowed
    third = _insert(reg)
    _decide(reg, "reviewer", third, "rejected", "Bitte Fotos")
    assert _decide(reg, "reviewer", third, "approved") == 1
    # ... but after the reviewer's own change, decided by another, the history still names the author
    _exec(reg, "reviewer", "UPDATE coworking.vacancy SET floors = 2 WHERE uuid = %s", (third,))
    _decide(reg, "reviewer2", third, "rejected", "Geschosse?")
    err = _fails(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (third,))
    assert err.pgcode == "RG014"


def test_admin_switches_four_eyes_off_recorded_in_history(reg):
    err = _fails(reg, "reviewer", "UPDATE coworking.setting SET value = 'false' WHERE key = 'four_eyes'")
    assert err.pgcode == "42501"
    site = _insert(reg, "reviewer", "Beispiel: Einzelprüfer")
    assert _exec(reg, "admin", "UPDATE coworking.setting SET value = 'false' WHERE key = 'four_eyes'") == 1
    try:
        assert _decide(reg, "reviewer", site, "approved") == 1
    finally:
        assert _exec(reg, "admin", "UPDATE coworking.setting SET value = 'true' WHERE key = 'four_eyes'") == 1
    history = _exec(reg, "reviewer", "SELECT actor, old_values, new_values FROM coworking.history"
                                     " WHERE kind = 'setting' ORDER BY id")
    assert [(a, o, n) for a, o, n in history][-2:] == [
        (reg.role("admin"), {"four_eyes": True}, {"four_eyes": False}),
        (reg.role("admin"), {"four_eyes": False}, {"four_eyes": True})]
    # editors neither see the setting's history nor change the setting
    assert _exec(reg, "editor_meissen", "SELECT count(*) FROM coworking.history WHERE kind = 'setting'") == [(0,)]
    assert _fails(reg, "editor_meissen", "UPDATE coworking.setting SET value = 'false'").pgcode == "42501"


@pytest.mark.parametrize("comment", [None, "", "   ", "\t\n", "\u00a0\u2003\u200b", " \r\n\t "])
def test_rejection_needs_visible_characters(reg, comment):
    site = _insert(reg)
    err = _fails(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'rejected', review_comment = %s"
                                  " WHERE uuid = %s", (comment, site))
    assert err.pgcode == "RG004"
    assert _row(reg, site)[0] == "pending"


def test_rejection_with_standard_reason_and_free_text(reg):
    reasons = _exec(reg, "editor_meissen", "SELECT key, label_de, label_en FROM coworking.review_reason"
                                           " WHERE active ORDER BY sort_order")
    keys = [r[0] for r in reasons]
    assert {"location_implausible", "incomplete", "duplicate", "consent_missing", "not_vacant"} <= set(keys)
    assert ("duplicate", "Dublette", "Duplicate") in reasons

    only_reason = _insert(reg)
    _decide(reg, "reviewer", only_reason, "rejected", "\t", "duplicate")
    assert _row(reg, only_reason)[0:4] == ("rejected", 2, "Dublette", "duplicate")
    both = _insert(reg)
    _decide(reg, "reviewer", both, "rejected", "Siehe Alte Post, 10 m entfernt", "duplicate")
    # reason and text: the municipality reads both (the label in front), a label typed already is not doubled
    assert _row(reg, both)[2:4] == ("Dublette: Siehe Alte Post, 10 m entfernt", "duplicate")
    typed = _insert(reg)
    _decide(reg, "reviewer", typed, "rejected", " Dublette der Alten Post", "duplicate")
    assert _row(reg, typed)[2:4] == (" Dublette der Alten Post", "duplicate")
    text_only = _insert(reg)
    _decide(reg, "reviewer", text_only, "rejected", "Hausnummer fehlt")
    assert _row(reg, text_only)[2:4] == ("Hausnummer fehlt", None)
    # the history records key and text of the decision
    hist = _exec(reg, "reviewer", "SELECT action, new_values ->> 'review_reason', comment FROM coworking.history"
                                  " WHERE site_uuid = %s ORDER BY id", (both,))
    assert hist[-1] == ("reject", "duplicate", "Dublette: Siehe Alte Post, 10 m entfernt")
    # an approval clears the reason of an earlier rejection
    _exec(reg, "editor_meissen", "UPDATE coworking.vacancy SET rooms = 3 WHERE uuid = %s", (both,))
    _decide(reg, "reviewer", both, "approved")
    assert _row(reg, both)[0] == "approved" and _row(reg, both)[3] is None

    unknown = _insert(reg)
    err = _fails(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'rejected', review_reason = 'nonsense'"
                                  " WHERE uuid = %s", (unknown,))
    assert err.pgcode == "RG015"
    # editors do not record reasons
    err = _fails(reg, "editor_meissen", "UPDATE coworking.vacancy SET review_reason = 'duplicate' WHERE uuid = %s",
                 (unknown,))
    assert err.pgcode == "RG003"
    assert _fails(reg, "reviewer", "INSERT INTO coworking.review_reason (key, label_de, label_en)"
                                   " VALUES ('x', 'x', 'x')").pgcode == "42501"


def test_editors_see_the_last_approved_version_of_their_municipality_only(reg):
    site = _insert(reg, name="Beispiel: freigegeben")
    _decide(reg, "reviewer", site, "approved")
    _exec(reg, "editor_meissen", "UPDATE coworking.vacancy SET name = 'Beispiel: geändert' WHERE uuid = %s", (site,))
    assert _fails(reg, "editor_meissen", "SELECT 1 FROM coworking.vacancy_approved").pgcode == "42501"
    view = "SELECT \"values\" ->> 'name', version FROM coworking.approved_site WHERE kind = 'vacancy' AND uuid = %s"
    assert _exec(reg, "editor_meissen", view, (site,)) == [("Beispiel: freigegeben", 2)]
    assert _exec(reg, "reviewer", view, (site,)) == [("Beispiel: freigegeben", 2)]
    assert _exec(reg, "editor_riesa", view, (site,)) == []
    assert _fails(reg, "reader", view, (site,)).pgcode == "42501"
    # a forged decision by SQL fails for the editor, whatever they try
    err = _fails(reg, "editor_meissen", "UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (site,))
    assert err.pgcode == "RG002"


def test_a_decision_with_a_reason_is_no_content_change_for_sync(reg):
    site = _insert(reg)
    _decide(reg, "reviewer", site, "rejected", None, "incomplete")
    changed = _exec(reg, "editor_meissen", "SELECT coworking.content_changed_since('vacancy', %s, 1, 2)", (site,))
    assert changed == [(False,)]


def test_norm_address_matches_the_plugin(reg, qgis_app):
    from coworking_plugin.core.capture.duplicates import normalise_address

    samples = ["Hauptstraße 5", "Hauptstr. 5", "HAUPTSTRASSE 5", "  Hauptstr 5 ", "Görlitzer Str. 12a",
               "Goerlitzer Strasse 12 a", "Rue de l'Église 3", ""]
    got = _exec(reg, None, "SELECT coalesce(coworking.norm_address(a), '') FROM unnest(%s::text[]) a", (samples,))
    assert [g[0] for g in got] == [normalise_address(s) for s in samples]
