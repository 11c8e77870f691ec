"""What the public view may show, field by field and site by site (issue 14, "What may be published").

Each test connects as real LOGIN roles (an editor of Meißen, a reviewer, a reader) to a real PostGIS register; the
reader reads ``coworking.public_site`` as the Geoportal does. The columns come from the catalogue's ``public``
flags; a private brownfield needs the owner's consent, or the § 200(3) BauGB notification a month ago without
objection (db/catalogue_sync.py, ``owner_allows_sql``).
"""

from __future__ import annotations

import datetime as dt

from coworking_plugin.core.register import catalogue as cat
from tests import test_db_register as register_tests
from tests.test_db_register import approve, execute, insert_brownfield, insert_vacancy

# the register module's fixtures: one register for this module, a connection per role and test
reg, conns = register_tests.reg, register_tests.conns


def _public(conns, site):
    """The site's row in the public view as the reader sees it (dict without geometries), or None."""
    conn = conns("reader")
    with conn.cursor() as cur:
        cur.execute("SELECT to_jsonb(p) - 'geom' - 'location' FROM coworking.public_site p WHERE uuid = %s", (site,))
        r = cur.fetchone()
    conn.rollback()
    return r[0] if r else None


def _days_ago(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()


def _months_ago_plus(days: int) -> str:
    """The date one calendar month and ``days`` days before today (the § 200(3) period ends a month after)."""
    today = dt.date.today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    day = min(today.day, 28)
    return (dt.date(year, month, day) - dt.timedelta(days=days)).isoformat()


def test_public_columns_are_the_catalogues_public_fields(reg, conns):
    with conns("reader").cursor() as cur:
        cur.execute("SELECT * FROM coworking.public_site LIMIT 0")
        columns = {d.name for d in cur.description}
    conns("reader").rollback()
    internal = {f.name for f in cat.FIELDS + cat.OWNER_FIELDS + cat.REGISTER_FIELDS if not f.public}
    assert {"notes", "publication_consent_date", "owner_notified_on", "owner_objected_on"} <= internal
    assert not columns & internal
    public = {f.name for f in cat.FIELDS if f.public}
    assert "public_description" in public and public <= columns


def test_notes_stay_internal_and_the_public_description_is_published(reg, conns):
    site = insert_vacancy(conns("editor_meissen"), ownership="municipal",
                          notes="Ansprechpartner Herr Muster, Tel. 03521 123456",
                          public_description="Ehemaliges Ladenlokal am Markt, 80 m², sofort nutzbar.")
    approve(conns, "vacancy", site)
    data = _public(conns, site)
    assert data["public_description"] == "Ehemaliges Ladenlokal am Markt, 80 m², sofort nutzbar."
    assert "notes" not in data
    assert "Muster" not in str(data) and "123456" not in str(data)


def test_private_brownfield_without_consent_or_notification_is_hidden(reg, conns):
    ed = conns("editor_meissen")
    site = insert_brownfield(ed, ownership="private")
    approve(conns, "brownfield", site)
    assert _public(conns, site) is None
    # consent ticked without its date: the view does not count it (a consent is recorded with its date)
    execute(ed, "UPDATE coworking.brownfield SET publication_consent = true WHERE uuid = %s", (site,))
    approve(conns, "brownfield", site)
    assert _public(conns, site) is None


def test_private_brownfield_with_consent_is_published_and_withdrawal_hides_it(reg, conns):
    ed = conns("editor_meissen")
    site = insert_brownfield(ed, ownership="private", publication_consent=True,
                             publication_consent_date=_days_ago(3))
    approve(conns, "brownfield", site)
    assert _public(conns, site)["kind"] == "brownfield"
    execute(ed, "UPDATE coworking.brownfield SET publication_consent = false WHERE uuid = %s", (site,))
    assert _public(conns, site) is None  # at once, while the change waits for review


def test_private_brownfield_after_notification_month_without_objection(reg, conns):
    ed = conns("editor_meissen")
    expired = insert_brownfield(ed, ownership="private", owner_notified_on=_months_ago_plus(1))
    running = insert_brownfield(ed, ownership="private", owner_notified_on=_days_ago(10))
    last_day = insert_brownfield(ed, ownership="private", owner_notified_on=_months_ago_plus(0))
    for site in (expired, running, last_day):
        approve(conns, "brownfield", site)
    assert _public(conns, expired) is not None
    assert _public(conns, running) is None
    # the month ends on the day of the next month with the notification's number: not yet public on that day
    if dt.date.today().day <= 28:
        assert _public(conns, last_day) is None


def test_private_brownfield_with_objection_is_hidden(reg, conns):
    ed = conns("editor_meissen")
    objected = insert_brownfield(ed, ownership="private", owner_notified_on=_days_ago(90),
                                 owner_objected_on=_days_ago(80))
    approve(conns, "brownfield", objected)
    assert _public(conns, objected) is None
    # an objection recorded later hides a published site at once, before any review
    site = insert_brownfield(ed, ownership="private", owner_notified_on=_days_ago(90))
    approve(conns, "brownfield", site)
    assert _public(conns, site) is not None
    execute(ed, "UPDATE coworking.brownfield SET owner_objected_on = %s WHERE uuid = %s", (_days_ago(1), site))
    assert _public(conns, site) is None
    # a consent the owner gives after objecting counts; an objection after the consent wins
    execute(ed, "UPDATE coworking.brownfield SET publication_consent = true, publication_consent_date = %s"
                " WHERE uuid = %s", (_days_ago(0), site))
    approve(conns, "brownfield", site)
    assert _public(conns, site) is not None
    execute(ed, "UPDATE coworking.brownfield SET publication_consent_date = %s WHERE uuid = %s", (_days_ago(2), site))
    approve(conns, "brownfield", site)
    assert _public(conns, site) is None


def test_municipal_brownfields_need_no_consent(reg, conns):
    ed = conns("editor_meissen")
    municipal = insert_brownfield(ed, ownership="municipal")
    other_public = insert_brownfield(ed, ownership="public")
    for site in (municipal, other_public):
        approve(conns, "brownfield", site)
    assert _public(conns, municipal) is not None and _public(conns, other_public) is not None


def test_private_vacancy_keeps_the_consent_rule(reg, conns):
    """The notification procedure is the Baulandkataster's (land): a private building still needs consent."""
    ed = conns("editor_meissen")
    site = insert_vacancy(ed, ownership="private")
    approve(conns, "vacancy", site)
    assert _public(conns, site) is None
    with ed.cursor() as cur:
        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = 'coworking'"
                    " AND table_name = 'vacancy' AND column_name IN ('owner_notified_on', 'owner_objected_on')")
        assert cur.fetchall() == []
    ed.rollback()


def test_the_capture_forms_explanation_agrees_with_the_view(reg, conns, qgis_app):
    """The plugin mirrors the view's owner rule only to explain it; on every case both must say the same."""
    from coworking_plugin.core.capture.publication import owner_allows, publication_issue
    from coworking_plugin.core.capture.validation import validate_attributes

    ed = conns("editor_meissen")
    cases = [
        {},
        {"publication_consent": True},
        {"publication_consent": True, "publication_consent_date": _days_ago(1)},
        {"owner_notified_on": _days_ago(10)},
        {"owner_notified_on": _months_ago_plus(1)},
        {"owner_notified_on": _months_ago_plus(1), "owner_objected_on": _days_ago(3)},
        {"owner_objected_on": _days_ago(20), "publication_consent": True, "publication_consent_date": _days_ago(2)},
        {"owner_objected_on": _days_ago(2), "publication_consent": True, "publication_consent_date": _days_ago(20)},
    ]
    for fields in cases:
        values = {"ownership": "private", **fields}
        site = insert_brownfield(ed, **values)
        approve(conns, "brownfield", site)
        published = _public(conns, site) is not None
        assert owner_allows(cat.BROWNFIELD, values) is published, fields
        issue = publication_issue(cat.BROWNFIELD, values)
        assert (issue is None) is published, fields
        warnings = [i for i in validate_attributes(cat.BROWNFIELD, {"name": "x", "municipality_ags": "14627140",
                                                                    **values}) if not i.is_error]
        assert [i.message for i in warnings] == ([] if published else [issue.message])
    for fields in ({}, {"publication_consent": True, "publication_consent_date": _days_ago(1)}):
        values = {"ownership": "private", **fields}
        site = insert_vacancy(ed, **values)
        approve(conns, "vacancy", site)
        assert owner_allows(cat.VACANCY, values) is (_public(conns, site) is not None), fields
