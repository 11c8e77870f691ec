"""The review core (core/register/review/) against the real register with real reviewer, editor and admin logins: the
queue in pages with the server's filters and sort, the diff, decisions (single, batch, refusals), the timeline,
the editor's read-only view."""

from __future__ import annotations

import itertools
import math

import psycopg2
import pytest

from coworking_plugin.core.register import review
from coworking_plugin.core.register.review import QueueQuery

MEISSEN, RIESA, COSWIG = "14627140", "14627230", "14627010"
BASE = {MEISSEN: (393300, 5669100), RIESA: (381100, 5685300), COSWIG: (401000, 5664000)}
OFFICE_DE = "Bürogebäude"
EDITOR = {MEISSEN: "editor_meissen", RIESA: "editor_riesa", COSWIG: None}  # Coswig: submitted by the county


def _exec(reg, who, statement, params=()):
    conn = reg.connect(who)
    try:
        with conn.cursor() as cur:
            cur.execute(statement, params)
            result = cur.fetchall() if cur.description else cur.rowcount
        conn.commit()
        return result
    finally:
        conn.close()


def _point(x, y):
    return f"SRID=25833;POINT({x} {y})"


def _square(x, y, side=30):
    return f"SRID=25833;MULTIPOLYGON((({x} {y},{x + side} {y},{x + side} {y + side},{x} {y + side},{x} {y})))"


def add_site(reg, kind, ags, name, x, y, who="default", **values):
    who = EDITOR[ags] if who == "default" else who
    values = {"name": name, **values}
    if kind == "vacancy":
        values.setdefault("building_type", "office")
    cols = ["municipality_ags", "geom"] + list(values)
    geom = _point(x, y) if kind == "vacancy" else _square(x, y)
    return _exec(reg, who, "INSERT INTO coworking.{} ({}) VALUES ({}) RETURNING uuid::text".format(
        kind, ", ".join(cols), ", ".join(["%s"] * len(cols))), [ags, geom] + list(values.values()))[0][0]


def backdate(reg, kind, site, days):
    """Submitted ``days`` ago (the server stamps now(): the superuser replays without triggers)."""
    conn = reg.connect()
    with conn, conn.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute(f"UPDATE coworking.{kind} SET updated_at = now() - make_interval(days => %s) WHERE uuid = %s",
                    (days, site))
    conn.close()


def tolerant(register):
    """The queue's sites are spread over a few km around each town centre: where a site lies (RG016) is not what
    the review tests check, so their register tolerates it."""
    with register.connect() as su, su.cursor() as cur:
        cur.execute("UPDATE coworking.setting SET value = '20000' WHERE key = 'location_tolerance_m'")
    return register


@pytest.fixture(scope="module")
def reg(register_module):
    return tolerant(register_module)


@pytest.fixture(scope="module")
def queue_sites(reg):
    """About 40 sites in three municipalities, both kinds: new and changed ones, duplicates, missing consent,
    submissions of different ages and submitters; decided ones too."""
    made = []
    for i in range(36):
        kind = ("vacancy", "brownfield")[i % 2]
        ags = (MEISSEN, RIESA, COSWIG)[i % 3]
        x, y = BASE[ags]
        extra = {}
        if kind == "vacancy" and i % 5 == 0:
            extra = {"ownership": "private", "publication_consent": False}
        site = add_site(reg, kind, ags, f"Beispiel Q{i:02d}", x + 200 * i, y + 90 * (i % 7), **extra)
        made.append((kind, site, ags))
        backdate(reg, kind, site, (i * 7) % 40)
    # six approved, four of them changed again by their municipality (one moved 60 m, one brownfield enlarged)
    for kind, site, _ags in made[:6]:
        _exec(reg, "reviewer", f"UPDATE coworking.{kind} SET status = 'approved' WHERE uuid = %s", (site,))
    for n, (kind, site, ags) in enumerate(made[:4]):
        who = EDITOR[ags]
        if kind == "vacancy" and n == 0:
            _exec(reg, who, "UPDATE coworking.vacancy SET rooms = 7, geom = ST_Translate(geom, 60, 0)"
                            " WHERE uuid = %s", (site,))
        elif kind == "brownfield":
            _exec(reg, who, "UPDATE coworking.brownfield SET geom = %s, notes = 'größer' WHERE uuid = %s",
                  (_square(*BASE[ags], side=40) if n != 1 else _square(BASE[ags][0] + 200, BASE[ags][1] + 90, 40),
                   site))
        else:
            # (Coswig: the county itself; a staff edit keeps the status unless set back to pending)
            _exec(reg, who, f"UPDATE coworking.{kind} SET notes = 'geändert', status = 'pending' WHERE uuid = %s",
                  (site,))
    # duplicates: the same address written differently in two municipalities; a site 10 m from another
    add_site(reg, "vacancy", MEISSEN, "Beispiel Dublette A", 395000, 5670000, address="Hauptstraße 5")
    add_site(reg, "vacancy", RIESA, "Beispiel Dublette B", 382000, 5686000, address="Hauptstr. 5")
    add_site(reg, "vacancy", RIESA, "Beispiel Nachbar", BASE[RIESA][0] + 200 * 7 + 10, BASE[RIESA][1] + 90 * 0)
    # one rejected
    rejected = add_site(reg, "vacancy", MEISSEN, "Beispiel Abgelehnt", 396000, 5671000)
    _exec(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'rejected', review_reason = 'incomplete'"
                           " WHERE uuid = %s", (rejected,))
    return made


def truth(reg):
    """Every site as the superuser sees it, with the facts the queue filters on, computed here in Python."""
    rows = []
    for kind in ("brownfield", "vacancy"):
        consent = "ownership = 'private' AND NOT coalesce(publication_consent, false)" if kind == "vacancy" \
            else "false"
        rows += [dict(kind=kind, uuid=r[0], status=r[1], ags=r[2], by=r[3], age=r[4], approved=r[5], x=r[6], y=r[7],
                      address=r[8], consent_missing=r[9]) for r in _exec(reg, None, f"""
            SELECT s.uuid::text, s.status, s.municipality_ags, s.updated_by, extract(epoch FROM s.updated_at),
                   EXISTS (SELECT 1 FROM coworking.{kind}_approved a WHERE a.uuid = s.uuid),
                   ST_X(ST_Centroid(s.geom)), ST_Y(ST_Centroid(s.geom)), s.address, {consent}
              FROM coworking.{kind} s""")]
    from coworking_plugin.core.capture.duplicates import normalise_address

    now = float(_exec(reg, None, "SELECT extract(epoch FROM now())")[0][0])
    for r in rows:
        r["at"], r["age"] = float(r["age"]), (now - float(r["age"])) / 86400
    for r in rows:  # points and 30/40 m squares: centroids closer than 25 m + the squares' extent
        r["dup"] = any(o is not r and o["status"] != "archived" and (
            (normalise_address(r["address"]) and normalise_address(r["address"]) == normalise_address(o["address"]))
            or math.dist((r["x"], r["y"]), (o["x"], o["y"])) <= 25 + (20 if "brownfield" in (r["kind"], o["kind"])
                                                                      else 0))
            for o in rows)
    return rows


def all_pages(conn, query):
    seen, page, total = [], query.with_page(0), None
    while True:
        result = review.load_page(conn, page)
        total = result.total if total is None else total
        assert result.total == total
        seen += [r.uuid for r in result.rows]
        if result.last >= result.total or not result.rows:
            return seen, total
        page = page.with_page(page.page + 1)


def test_every_pending_site_reachable_through_paging_filters_and_sort(reg, queue_sites):
    sites = truth(reg)
    pending = {s["uuid"] for s in sites if s["status"] == "pending"}
    conn = reg.connect("reviewer")
    try:
        for key, descending in itertools.product(review.SORT_KEYS, (False, True)):
            seen, total = all_pages(conn, QueueQuery(sort=key, descending=descending, page_size=7))
            assert total == len(pending) and len(seen) == len(set(seen)) and set(seen) == pending, key
        # a sort keeps its order across pages: by municipality (name), by submission time
        names = []
        for page in range(0, 10):
            result = review.load_page(conn, QueueQuery(sort="municipality", page=page, page_size=7))
            names += [r.municipality_name for r in result.rows]
        assert names == sorted(names) and len(set(names)) == 3
        seen, _ = all_pages(conn, QueueQuery(sort="submitted_at", page_size=5))
        at = {s["uuid"]: s["at"] for s in sites}
        assert [at[u] for u in seen] == sorted(at[u] for u in seen)

        def check(query, expected):
            seen, total = all_pages(conn, query)
            statuses = query.statuses
            assert set(seen) == {s["uuid"] for s in sites if s["status"] in statuses and expected(s)}
            assert total == len(seen)
            return seen

        check(QueueQuery(municipalities=(RIESA,), page_size=4), lambda s: s["ags"] == RIESA)
        check(QueueQuery(kinds=("brownfield",)), lambda s: s["kind"] == "brownfield")
        changes = check(QueueQuery(change=True), lambda s: s["approved"])
        assert len(changes) == 4
        check(QueueQuery(change=False), lambda s: not s["approved"])
        check(QueueQuery(submitted_by=reg.role("editor_riesa")), lambda s: s["by"] == reg.role("editor_riesa"))
        check(QueueQuery(min_age_days=20), lambda s: s["age"] >= 20)
        dups = check(QueueQuery(duplicate=True), lambda s: s["dup"])
        assert len(dups) >= 4
        check(QueueQuery(consent_missing=True), lambda s: s["consent_missing"])
        check(QueueQuery(municipalities=(MEISSEN, COSWIG), kinds=("vacancy",), change=False, sort="municipality"),
              lambda s: s["ags"] in (MEISSEN, COSWIG) and s["kind"] == "vacancy" and not s["approved"])
        assert len(check(QueueQuery(statuses=("rejected",)), lambda s: True)) == 1
    finally:
        conn.close()


def test_page_rows_carry_changed_fields_and_flags(reg, queue_sites):
    conn = reg.connect("reviewer")
    try:
        page = review.load_page(conn, QueueQuery(change=True, sort="name"))
        by_name = {r.name: r for r in page.rows}
        moved = by_name["Beispiel Q00"]
        assert moved.is_change and moved.changed_fields == ["rooms", "geom"]
        assert by_name["Beispiel Q01"].changed_fields == ["notes", "geom"]
        assert by_name["Beispiel Q02"].changed_fields == ["notes"]
        assert moved.municipality_name == "Meißen" and moved.submitted_by == reg.role("editor_meissen")
        dup = review.load_page(conn, QueueQuery(duplicate=True, sort="name")).rows
        assert {"Beispiel Dublette A", "Beispiel Dublette B"} <= {r.name for r in dup} and all(r.duplicate for r in dup)
        # the dock's way: the page first, its flags right after; the same answer
        full = review.load_page(conn, QueueQuery(sort="name", page_size=60))
        quick = review.load_page(conn, QueueQuery(sort="name", page_size=60), duplicates=False)
        assert [r.uuid for r in quick.rows] == [r.uuid for r in full.rows]
        assert {r.duplicate for r in quick.rows} == {None}
        flags = review.duplicate_flags(conn, quick.rows)
        assert flags == {r.uuid: r.duplicate for r in full.rows} and any(flags.values()) and not all(flags.values())
    finally:
        conn.close()


def test_diff_lists_exactly_the_changed_fields_with_geometry(reg, queue_sites, german_translator, german_ui):
    conn = reg.connect("reviewer")
    try:
        kind, site, _ = queue_sites[0]
        d = review.diff(conn, kind, site)
        assert [c.name for c in d.changes] == ["rooms", "geom"]
        rooms = d.changes[0]
        assert (rooms.label, rooms.approved, rooms.proposed) == ("Räume", "–", "7")
        assert d.geometry.moved_m == pytest.approx(60) and d.changes[1].proposed == "verschoben um 60 m (Karte: rot)"
        kind, site, _ = queue_sites[1]  # brownfield: outline 30 → 40 m and moved
        d = review.diff(conn, kind, site)
        assert [c.name for c in d.changes] == ["notes", "geom"]
        assert d.geometry.area_before_m2 == pytest.approx(900) and d.geometry.area_after_m2 == pytest.approx(1600)
        assert "900" in d.changes[1].proposed and "1.600" in d.changes[1].proposed
        # a new site: no approved side, every filled field on the proposed side, values as the form shows them
        kind, site, _ = queue_sites[12]
        new = review.diff(conn, kind, site)
        assert not new.is_change and new.changes == []
        rows = {r.label: r.proposed for r in new.rows()}
        assert rows["Gemeinde"] == "Meißen (14627140)" and rows["Gebäudeart"] == OFFICE_DE
        assert rows["Denkmalschutz"] == "Nein"
        # warnings: consent and duplicates
        consent = review.diff(conn, *queue_sites[0][:2])
        assert any(w.startswith("Einwilligung zur Veröffentlichung fehlt") for w in consent.warnings)
    finally:
        conn.close()


def test_decisions_single_batch_and_refusals(reg):
    a = add_site(reg, "vacancy", MEISSEN, "Beispiel Entscheid A", 397000, 5672000)
    b = add_site(reg, "vacancy", MEISSEN, "Beispiel Entscheid B", 397100, 5672000)
    c = add_site(reg, "vacancy", RIESA, "Beispiel Entscheid C", 383000, 5687000)
    own = add_site(reg, "vacancy", MEISSEN, "Beispiel selbst", 397200, 5672000, who="reviewer")
    conn = reg.connect("reviewer")
    try:
        assert review.login_role(conn) == review.REVIEWER
        assert review.approve(conn, "vacancy", a, 1) == 2
        with pytest.raises(review.ReviewError):
            review.reject(conn, "vacancy", b, 1, " \t\n")
        # a change by the municipality meanwhile: the decision on the old version is refused
        _exec(reg, "editor_meissen", "UPDATE coworking.vacancy SET rooms = 2 WHERE uuid = %s", (b,))
        with pytest.raises(review.ReviewConflict):
            review.reject(conn, "vacancy", b, 1, "Adresse fehlt")
        assert review.reject(conn, "vacancy", b, 2, "", reason="duplicate") == 3
        assert _exec(reg, None, "SELECT status, review_comment, review_reason FROM coworking.vacancy WHERE uuid = %s",
                     (b,)) == [("rejected", "Dublette", "duplicate")]
        # batch: each its own decision; the own submission is refused (four eyes), the stale one too
        _exec(reg, "editor_riesa", "UPDATE coworking.vacancy SET floors = 1 WHERE uuid = %s", (c,))
        fresh = add_site(reg, "vacancy", RIESA, "Beispiel Entscheid D", 383100, 5687000)
        results = review.approve_many(conn, [("vacancy", c, 1), ("vacancy", own, 1), ("vacancy", fresh, 1)])
        assert [r.ok for r in results] == [False, False, True]
        assert "meanwhile" in results[0].error or "inzwischen" in results[0].error
        assert "Four eyes" in results[1].error or "Vier-Augen" in results[1].error
        approvals = _exec(reg, None, "SELECT count(*) FROM coworking.history WHERE site_uuid = %s AND action ="
                                     " 'approve'", (fresh,))
        assert approvals == [(1,)]
        other = reg.connect("reviewer2")
        assert review.approve_many(other, [("vacancy", own, 1), ("vacancy", c, 2)])[0].ok
        other.close()
        # the public view changes only on approval
        public = "SELECT count(*) FROM coworking.public_site WHERE uuid = %s"
        assert _exec(reg, "reader", public, (c,)) == [(1,)] and _exec(reg, "reader", public, (b,)) == [(0,)]
    finally:
        conn.close()


def test_admin_switches_four_eyes_through_core(reg):
    own = add_site(reg, "vacancy", MEISSEN, "Beispiel Einzelprüfung", 397300, 5672000, who="reviewer")
    admin = reg.connect("admin")
    conn = reg.connect("reviewer")
    try:
        assert review.login_role(admin) == review.ADMIN and review.four_eyes(conn)
        with pytest.raises(Exception) as info:
            review.approve(conn, "vacancy", own, 1)
        assert info.value.pgcode == "RG014"
        with pytest.raises(psycopg2.Error) as info:
            review.set_four_eyes(conn, False)  # a reviewer cannot switch it
        assert info.value.pgcode == "42501"
        review.set_four_eyes(admin, False)
        try:
            assert review.approve(conn, "vacancy", own, 1) == 2
        finally:
            review.set_four_eyes(admin, True)
        assert review.four_eyes(conn)
    finally:
        conn.close()
        admin.close()


def test_timeline_shows_every_step(reg, qgis_app):
    site = add_site(reg, "vacancy", MEISSEN, "Beispiel Zeitleiste", 397400, 5672000)
    _exec(reg, "reviewer", "UPDATE coworking.vacancy SET status = 'rejected', review_comment = 'Räume?'"
                           " WHERE uuid = %s", (site,))
    _exec(reg, "editor_meissen", "UPDATE coworking.vacancy SET rooms = 4, geom = ST_Translate(geom, 5, 0)"
                                 " WHERE uuid = %s", (site,))
    _exec(reg, "reviewer2", "UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (site,))
    for who in ("reviewer", "editor_meissen"):
        conn = reg.connect(who)
        steps = review.timeline(conn, "vacancy", site)
        conn.close()
        assert [(s.version, s.action) for s in steps] == [(1, "insert"), (2, "reject"), (3, "update"),
                                                          (4, "approve")]
        assert [s.actor for s in steps] == [reg.role(k) for k in ("editor_meissen", "reviewer", "editor_meissen",
                                                                  "reviewer2")]
        assert steps[1].comment == "Räume?" and steps[1].changes == []
        assert any(c.endswith("– → 4") for c in steps[2].changes) and len(steps[2].changes) == 2


def test_editor_sees_own_submissions_read_only(reg, queue_sites):
    conn = reg.connect("editor_meissen")
    try:
        assert review.login_role(conn) == review.EDITOR
        query = QueueQuery(statuses=("pending", "approved", "rejected"), own_municipalities=True, page_size=500)
        page = review.load_page(conn, query, staff=False)
        assert page.rows and {r.municipality_ags for r in page.rows} == {MEISSEN}
        assert {"pending", "approved", "rejected"} <= {r.status for r in page.rows}
        rejected = [r for r in page.rows if r.name == "Beispiel Abgelehnt"][0]
        assert (rejected.review_reason, rejected.review_comment) == ("incomplete", "Angaben unvollständig")
        changed = [r for r in page.rows if r.name == "Beispiel Q00"][0]
        assert changed.changed_fields == ["rooms", "geom"]  # through coworking.approved_site, no snapshot access
        d = review.diff(conn, changed.kind, changed.uuid, staff=False)
        assert [c.name for c in d.changes] == ["rooms", "geom"]
        # a forged decision by SQL fails
        with pytest.raises(Exception) as info:
            review.approve(conn, changed.kind, changed.uuid, changed.version)
        assert info.value.pgcode == "RG002"
    finally:
        conn.close()


def test_queue_statement_prepared_once_and_again_after_discard(reg, queue_sites):
    """The dock's connection keeps the queue's statement prepared; one that lost it (DISCARD ALL, a pooler)
    prepares it again and gives the same page."""
    conn = reg.connect("reviewer")
    try:
        query = QueueQuery(municipalities=(MEISSEN,), sort="name")
        first = review.load_page(conn, query)
        assert review.load_page(conn, query).rows == first.rows and first.total > 0
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'coworking%%'")
            assert cur.fetchone()[0] == 1
        conn.rollback()
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("DISCARD ALL")
        conn.autocommit = False
        again = review.load_page(conn, query)
        assert [r.uuid for r in again.rows] == [r.uuid for r in first.rows] and again.total == first.total
    finally:
        conn.close()


def test_unknown_sort_is_refused():
    with pytest.raises(ValueError):
        review.queue.queue_sql(QueueQuery(sort="uuid; DROP TABLE x"), True)
