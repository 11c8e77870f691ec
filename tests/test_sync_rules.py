"""Server refusals come back per site, pulls bring reviewers' decisions, text arrives verbatim, no password is
written anywhere."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsSettings

from coworking_plugin.core.sync import gpkg
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout, pull
from coworking_plugin.core.sync.push import push
from coworking_plugin.core.sync.tracking import issues
from tests.sync_helpers import (
    MEISSEN,
    RIESA,
    add_site,
    edit_site,
    history_count,
    local_row,
    point_in,
    review,
    server_count,
    server_row,
    vacancy_values,
)

pytestmark = pytest.mark.postgis


@pytest.fixture
def meissen(qgis_app, register, tmp_path):
    path = str(tmp_path / "meissen.gpkg")
    checkout(register.dsn("editor_meissen"), path)
    return register, path, register.dsn("editor_meissen")


def test_site_of_another_municipality_is_refused_without_partial_effect(meissen):
    register, path, dsn = meissen
    ok = add_site(path, **vacancy_values(name="Mein Laden"))
    foreign = add_site(path, **vacancy_values(RIESA, name="Fremder Laden"))
    history = history_count(register)
    report = push(dsn, path)
    assert not report.committed and report.refused == 1 and report.inserted == 0
    (issue,) = report.issues
    assert issue.uuid == foreign and issue.issue == "refused" and issue.name == "Fremder Laden"
    assert "bearbeiten keine Standorte der Gemeinde 14627230" in issue.message  # the server's own words (German)
    assert server_count(register) == 0 and history_count(register) == history
    assert local_row(path, ok)["sync_state"] == wc.SYNC_NEW and local_row(path, foreign)["sync_state"] == wc.SYNC_NEW
    assert [i.uuid for i in issues(path)] == [foreign]
    # the officer moves the site into Meißen: everything lands, the refusal disappears
    edit_site(path, foreign, municipality_ags=MEISSEN, geometry=QgsGeometry.fromPointXY(QgsPointXY(*point_in(MEISSEN))))
    report = push(dsn, path)
    assert report.committed and report.inserted == 2 and issues(path) == []


def test_update_of_a_site_this_login_may_not_edit_is_refused(meissen, tmp_path):
    register, path, dsn = meissen
    riesa_path = str(tmp_path / "riesa.gpkg")
    dsn_riesa = register.dsn("editor_riesa")
    checkout(dsn_riesa, riesa_path)
    uid = add_site(riesa_path, **vacancy_values(RIESA, name="Riesaer Laden"))
    push(dsn_riesa, riesa_path)
    review(register, uid, "approved")
    pull(dsn, path)  # Meißen sees approved sites of others (duplicate checks) ...
    assert local_row(path, uid)["status"] == "approved"
    edit_site(path, uid, name="Übernommen")  # ... but may not change them
    report = push(dsn, path)
    assert report.refused == 1 and "row-level security" in report.issues[0].message
    assert server_row(register, uid)["name"] == "Riesaer Laden"


def test_pull_brings_decisions_and_keeps_unpushed_edits(meissen):
    register, path, dsn = meissen
    names = ["Alte Post", "Bahnhof", "Schule", "Kino"]
    uids = [add_site(path, **vacancy_values(name=n)) for n in names]
    push(dsn, path)
    edit_site(path, uids[0], notes="lokal geändert, noch nicht übertragen")
    for uid in uids[:3]:
        review(register, uid, "approved")
    review(register, uids[3], "rejected", "Adresse fehlt – bitte Hausnummer ergänzen")
    new_local = add_site(path, **vacancy_values(name="Noch lokal"))
    report = pull(dsn, path)
    assert (report.approved, report.rejected) == (3, 1)
    assert report.decisions_text() == "3 approved, 1 rejected: Kino: Adresse fehlt – bitte Hausnummer ergänzen"
    assert "3 approved, 1 rejected" in report.summary()
    edited = local_row(path, uids[0])
    assert edited["status"] == "approved" and edited["notes"] == "lokal geändert, noch nicht übertragen"
    assert edited["sync_state"] == wc.SYNC_MODIFIED
    rejected = local_row(path, uids[3])
    assert rejected["status"] == "rejected" and rejected["review_comment"].startswith("Adresse fehlt")
    assert local_row(path, new_local)["sync_state"] == wc.SYNC_NEW
    # the review alone is no conflict: the local edit lands on top of the approved version
    report = push(dsn, path)
    assert report.committed and report.updated == 1 and report.inserted == 1
    assert server_row(register, uids[0])["notes"] == "lokal geändert, noch nicht übertragen"
    assert server_row(register, uids[0])["status"] == "pending"


TRICKY = [
    "Größenhainer Straße – Müller & Söhne, Weißeritz",
    "O'Brien \"Zum Anker\" ; DROP TABLE coworking.vacancy; --",
    "Robert'); DELETE FROM coworking.history WHERE ('1'='1",
    "\\N \\t tab\tnewline\nend $$ %s %(name)s {}",
    "NULL",
    "Komma, Zeilenende\r\nund 'Anführung', \"doppelt\"",
]


def test_text_is_stored_verbatim(meissen, tmp_path):
    register, path, dsn = meissen
    long_note = ("Straße ß äöü ÄÖÜ € “quotes” 'single' \\ " * 400)[:10000]
    assert len(long_note) == 10000
    uids = [add_site(path, **vacancy_values(name=t[:200], address=t[:200], notes=t)) for t in TRICKY]
    uids.append(add_site(path, **vacancy_values(name="Lange Notiz", notes=long_note)))
    assert push(dsn, path).inserted == len(TRICKY) + 1
    for t, uid in zip(TRICKY, uids):
        row = server_row(register, uid)
        assert (row["name"], row["address"], row["notes"]) == (t[:200], t[:200], t)
    assert server_row(register, uids[-1])["notes"] == long_note
    other = str(tmp_path / "other.gpkg")
    checkout(register.dsn("editor_meissen2"), other)
    assert local_row(other, uids[-1])["notes"] == long_note
    assert [local_row(other, u)["notes"] for u in uids[:-1]] == TRICKY


def test_owner_contact_travels_only_where_rls_allows(meissen, tmp_path):
    register, path, dsn = meissen
    uid = add_site(path, **vacancy_values())
    with gpkg.connect(path) as db:  # plain SQLite lacks the functions OGR's R-tree triggers call
        db.execute("INSERT INTO owner_contact (site_uuid, owner_name, owner_phone) VALUES (?, ?, ?)",
                   (uid, "Jürgen Weiß", "03521 12345"))
    assert push(dsn, path).inserted == 1
    review(register, uid, "approved")
    other = str(tmp_path / "other.gpkg")
    checkout(register.dsn("editor_meissen2"), other)
    with sqlite3.connect(other) as db:
        assert db.execute("SELECT owner_name FROM owner_contact WHERE site_uuid = ?", (uid,)).fetchall() == [
            ("Jürgen Weiß",)]
    riesa = str(tmp_path / "riesa.gpkg")
    checkout(register.dsn("editor_riesa"), riesa)
    assert local_row(riesa, uid)["name"] == "Ehemaliger Konsum"  # approved site visible ...
    with sqlite3.connect(riesa) as db:
        assert db.execute("SELECT count(*) FROM owner_contact").fetchone()[0] == 0  # ... its owner not


def test_no_password_is_written(meissen):
    register, path, dsn = meissen
    password = dict(p.split("=", 1) for p in dsn.split())["password"]
    add_site(path, **vacancy_values())
    push(dsn, path)
    pull(dsn, path)
    assert password.encode() not in open(path, "rb").read()
    settings = QgsSettings()
    settings.sync()
    assert password.encode() not in open(settings.fileName(), "rb").read()
    assert all(password not in str(settings.value(k)) for k in settings.allKeys())
