"""The register's rules, enforced by PostGIS: each test connects as a real LOGIN role.

One register database is shared by the module (``register_module``); every test creates its own sites, so the
tests do not depend on each other. "Fails without side effects" is checked by reading back as the superuser.
"""

from __future__ import annotations

import uuid

import psycopg2
import pytest
from psycopg2 import errors

MEISSEN = "14627140"
RIESA = "14627230"
# a point in Meißen's old town and one in Riesa (EPSG:25833)
P_MEISSEN = (393300.0, 5669100.0)
P_RIESA = (381100.0, 5685300.0)


@pytest.fixture(scope="module")
def reg(register_module):
    return register_module


def _point(xy):
    return "SRID=25833;POINT({} {})".format(*xy)


def _square(xy, side=100.0):
    x, y = xy
    return "SRID=25833;MULTIPOLYGON((({x} {y},{x2} {y},{x2} {y2},{x} {y2},{x} {y})))".format(
        x=x, y=y, x2=x + side, y2=y + side)


def insert_vacancy(conn, ags=MEISSEN, xy=P_MEISSEN, commit=True, **fields):
    values = {"name": "Leerstand " + uuid.uuid4().hex[:6], "building_type": "office", **fields}
    cols = ["municipality_ags", "geom"] + list(values)
    params = [ags, _point(xy)] + list(values.values())
    placeholders = ", ".join(["%s"] * len(cols))
    with conn.cursor() as cur:
        cur.execute(f"INSERT INTO coworking.vacancy ({', '.join(cols)}) VALUES ({placeholders}) RETURNING uuid",
                    params)
        site = cur.fetchone()[0]
    if commit:
        conn.commit()
    return site


def insert_brownfield(conn, ags=MEISSEN, xy=P_MEISSEN, commit=True, **fields):
    values = {"name": "Brache " + uuid.uuid4().hex[:6], **fields}
    cols = ["municipality_ags", "geom"] + list(values)
    params = [ags, _square(xy)] + list(values.values())
    placeholders = ", ".join(["%s"] * len(cols))
    with conn.cursor() as cur:
        cur.execute(f"INSERT INTO coworking.brownfield ({', '.join(cols)}) VALUES ({placeholders}) RETURNING uuid",
                    params)
        site = cur.fetchone()[0]
    if commit:
        conn.commit()
    return site


def superuser_query(reg, query, params=()):
    conn = reg.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchall()
    finally:
        conn.close()


def row(reg, table, site):
    """The row as the superuser sees it (dict), or None."""
    r = superuser_query(reg, f"SELECT to_jsonb(t) FROM coworking.{table} t WHERE uuid = %s", (site,))
    return r[0][0] if r else None


def history(reg, site):
    return superuser_query(reg, "SELECT action, version, actor, old_values, new_values, comment"
                                " FROM coworking.history WHERE site_uuid = %s ORDER BY id", (site,))


def execute(conn, query, params=()):
    with conn.cursor() as cur:
        cur.execute(query, params)
        n = cur.rowcount
    conn.commit()
    return n


def fails(conn, exc_type, query, params=()):
    """Run ``query`` expecting ``exc_type``; roll back and return the exception."""
    with pytest.raises(exc_type) as info:
        with conn.cursor() as cur:
            cur.execute(query, params)
        conn.commit()
    conn.rollback()
    return info.value


@pytest.fixture
def conns(reg):
    opened = {}

    def get(key):
        if key not in opened:
            opened[key] = reg.connect(key)
        return opened[key]

    yield get
    for c in opened.values():
        c.close()


def approve(conns, table, site):
    return execute(conns("reviewer"), f"UPDATE coworking.{table} SET status = 'approved' WHERE uuid = %s", (site,))


# ------------------------------------------------------------------------------------------------ editor: insert

def test_editor_inserts_in_own_municipality_as_pending(reg, conns):
    site = insert_vacancy(conns("editor_meissen"), status=None)
    r = row(reg, "vacancy", site)
    assert (r["status"], r["version"], r["created_by"], r["updated_by"]) == (
        "pending", 1, reg.role("editor_meissen"), reg.role("editor_meissen"))
    assert [h[0] for h in history(reg, site)] == ["insert"]


def test_editor_cannot_insert_into_other_municipality(reg, conns):
    site = str(uuid.uuid4())
    err = fails(conns("editor_meissen"), psycopg2.Error,
                "INSERT INTO coworking.vacancy (uuid, municipality_ags, name, building_type, geom)"
                " VALUES (%s, %s, 'x', 'office', %s)", (site, RIESA, _point(P_RIESA)))
    assert err.pgcode == "RG001" and "14627230" in err.pgerror
    assert row(reg, "vacancy", site) is None and history(reg, site) == []


def test_client_uuid_is_kept_and_retry_is_recognised(reg, conns):
    conn = conns("editor_meissen")
    site = str(uuid.uuid4())
    q = ("INSERT INTO coworking.vacancy (uuid, municipality_ags, name, building_type, geom)"
         " VALUES (%s, %s, 'retry', 'office', %s) ON CONFLICT (uuid) DO NOTHING")
    assert execute(conn, q, (site, MEISSEN, _point(P_MEISSEN))) == 1
    assert execute(conn, q, (site, MEISSEN, _point(P_MEISSEN))) == 0
    assert row(reg, "vacancy", site)["version"] == 1


@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_editor_cannot_insert_with_review_status(reg, conns, status):
    site = str(uuid.uuid4())
    err = fails(conns("editor_meissen"), psycopg2.Error,
                "INSERT INTO coworking.brownfield (uuid, municipality_ags, name, status, geom)"
                " VALUES (%s, %s, 'x', %s, %s)",
                (site, MEISSEN, status, _square(P_MEISSEN)))
    assert err.pgcode == "RG002"
    assert row(reg, "brownfield", site) is None


def test_editor_cannot_fill_review_fields_on_insert(reg, conns):
    site = str(uuid.uuid4())
    err = fails(conns("editor_meissen"), psycopg2.Error,
                "INSERT INTO coworking.brownfield (uuid, municipality_ags, name, review_comment, reviewed_by, geom)"
                " VALUES (%s, %s, 'x', 'looks fine', 'me', %s)", (site, MEISSEN, _square(P_MEISSEN)))
    assert err.pgcode == "RG003"
    assert row(reg, "brownfield", site) is None


def test_server_sets_bookkeeping_and_area(reg, conns):
    conn = conns("editor_meissen")
    site = insert_brownfield(conn, area_m2=1.0)
    r = row(reg, "brownfield", site)
    assert r["area_m2"] == pytest.approx(10000.0)
    assert r["version"] == 1 and r["created_by"] == reg.role("editor_meissen")
    execute(conn, "UPDATE coworking.brownfield SET version = 99, created_by = 'someone', area_m2 = 5"
                  " WHERE uuid = %s", (site,))
    r = row(reg, "brownfield", site)
    assert (r["version"], r["created_by"], r["area_m2"]) == (2, reg.role("editor_meissen"), pytest.approx(10000.0))


def test_batch_push_insert_select_from_temp_table(reg, conns):
    """What the Sync helper does: one set-based INSERT ... SELECT as an editor; all or nothing."""
    conn = conns("editor_meissen")
    ids = [str(uuid.uuid4()) for _ in range(3)]
    with conn.cursor() as cur:
        cur.execute("CREATE TEMP TABLE push (uuid uuid, municipality_ags text, name text, building_type text,"
                    " geom geometry) ON COMMIT DROP")
        for i, site in enumerate(ids):
            cur.execute("INSERT INTO push VALUES (%s, %s, %s, 'office', %s)",
                        (site, MEISSEN, f"batch {i}", _point(P_MEISSEN)))
        cur.execute("INSERT INTO coworking.vacancy (uuid, municipality_ags, name, building_type, geom)"
                    " SELECT uuid, municipality_ags, name, building_type, geom FROM push"
                    " ON CONFLICT (uuid) DO NOTHING")
        assert cur.rowcount == 3
    conn.commit()
    assert all(row(reg, "vacancy", s)["status"] == "pending" for s in ids)
    # a batch with one foreign row fails as a whole
    bad = [str(uuid.uuid4()), str(uuid.uuid4())]
    with pytest.raises(psycopg2.Error) as info:
        with conn.cursor() as cur:
            cur.execute("CREATE TEMP TABLE push2 (uuid uuid, ags text) ON COMMIT DROP")
            cur.execute("INSERT INTO push2 VALUES (%s, %s), (%s, %s)", (bad[0], MEISSEN, bad[1], RIESA))
            cur.execute("INSERT INTO coworking.vacancy (uuid, municipality_ags, name, building_type, geom)"
                        " SELECT uuid, ags, 'b', 'office', %s::geometry FROM push2", (_point(P_MEISSEN),))
    conn.rollback()
    assert info.value.pgcode == "RG001"
    assert row(reg, "vacancy", bad[0]) is None


# ------------------------------------------------------------------------------------------------ editor: update

def test_editor_change_raises_version_and_returns_to_pending(reg, conns):
    conn = conns("editor_meissen")
    site = insert_vacancy(conn)
    approve(conns, "vacancy", site)
    assert row(reg, "vacancy", site)["status"] == "approved"
    assert execute(conn, "UPDATE coworking.vacancy SET rooms = 4 WHERE uuid = %s AND version = %s", (site, 2)) == 1
    r = row(reg, "vacancy", site)
    assert (r["status"], r["version"], r["rooms"]) == ("pending", 3, 4)
    # base-version guard: a stale base changes nothing
    assert execute(conn, "UPDATE coworking.vacancy SET rooms = 5 WHERE uuid = %s AND version = %s", (site, 2)) == 0
    assert row(reg, "vacancy", site)["rooms"] == 4


def test_second_editor_of_same_municipality_edits_too(reg, conns):
    site = insert_vacancy(conns("editor_meissen"))
    assert execute(conns("editor_meissen2"), "UPDATE coworking.vacancy SET floors = 2 WHERE uuid = %s", (site,)) == 1
    assert row(reg, "vacancy", site)["updated_by"] == reg.role("editor_meissen2")


@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_editor_cannot_approve_or_reject_own_site(reg, conns, status):
    conn = conns("editor_meissen")
    site = insert_vacancy(conn)
    before = row(reg, "vacancy", site)
    err = fails(conn, psycopg2.Error, "UPDATE coworking.vacancy SET status = %s, review_comment = 'ok' WHERE uuid = %s",
                (status, site))
    assert err.pgcode in ("RG002", "RG003")
    err = fails(conn, psycopg2.Error, "UPDATE coworking.vacancy SET status = %s WHERE uuid = %s", (status, site))
    assert err.pgcode == "RG002" and "nur die Prüfung des Landkreises" in err.pgerror  # the register speaks German
    assert row(reg, "vacancy", site) == before
    assert [h[0] for h in history(reg, site)] == ["insert"]


def test_editor_cannot_change_review_fields(reg, conns):
    conn = conns("editor_meissen")
    site = insert_vacancy(conn)
    before = row(reg, "vacancy", site)
    for col in ("review_comment", "reviewed_by"):
        err = fails(conn, psycopg2.Error, f"UPDATE coworking.vacancy SET {col} = 'forged' WHERE uuid = %s", (site,))
        assert err.pgcode == "RG003"
    err = fails(conn, psycopg2.Error, "UPDATE coworking.vacancy SET reviewed_at = now() WHERE uuid = %s", (site,))
    assert err.pgcode == "RG003"
    assert row(reg, "vacancy", site) == before


def test_editor_cannot_update_or_archive_other_municipality(reg, conns):
    site = insert_vacancy(conns("editor_meissen"))
    approve(conns, "vacancy", site)
    before = row(reg, "vacancy", site)
    riesa = conns("editor_riesa")
    assert execute(riesa, "UPDATE coworking.vacancy SET name = 'hijack' WHERE uuid = %s", (site,)) == 0
    assert execute(riesa, "UPDATE coworking.vacancy SET status = 'archived' WHERE uuid = %s", (site,)) == 0
    assert row(reg, "vacancy", site) == before


def test_editor_cannot_move_site_out_of_own_municipality(reg, conns):
    conn = conns("editor_meissen")
    site = insert_brownfield(conn)
    before = row(reg, "brownfield", site)
    err = fails(conn, psycopg2.Error, "UPDATE coworking.brownfield SET municipality_ags = %s WHERE uuid = %s",
                (RIESA, site))
    assert err.pgcode == "RG001" and "Riesa" in err.pgerror
    assert row(reg, "brownfield", site) == before


def test_uuid_cannot_change(reg, conns):
    conn = conns("editor_meissen")
    site = insert_vacancy(conn)
    err = fails(conn, psycopg2.Error, "UPDATE coworking.vacancy SET uuid = %s WHERE uuid = %s",
                (str(uuid.uuid4()), site))
    assert err.pgcode == "RG008"


# ------------------------------------------------------------------------------------------------ archive/delete

def test_editor_archives_but_cannot_delete(reg, conns):
    conn = conns("editor_meissen")
    site = insert_vacancy(conn)
    err = fails(conn, psycopg2.Error, "DELETE FROM coworking.vacancy WHERE uuid = %s", (site,))
    assert err.pgcode == "RG009" and "Archivieren Sie den Standort" in err.pgerror
    assert row(reg, "vacancy", site) is not None
    assert execute(conn, "UPDATE coworking.vacancy SET status = 'archived' WHERE uuid = %s", (site,)) == 1
    assert row(reg, "vacancy", site)["status"] == "archived"
    assert [h[0] for h in history(reg, site)] == ["insert", "archive"]


def test_reviewer_cannot_delete_admin_can(reg, conns):
    site = insert_vacancy(conns("editor_meissen"))
    execute(conns("editor_meissen"), "INSERT INTO coworking.owner_contact (site_uuid, kind, owner_name)"
                                     " VALUES (%s, 'vacancy', 'Erika Mustermann')", (site,))
    err = fails(conns("reviewer"), psycopg2.Error, "DELETE FROM coworking.vacancy WHERE uuid = %s", (site,))
    assert err.pgcode == "RG009"
    assert row(reg, "vacancy", site) is not None
    assert execute(conns("admin"), "DELETE FROM coworking.vacancy WHERE uuid = %s", (site,)) == 1
    assert row(reg, "vacancy", site) is None
    assert superuser_query(reg, "SELECT count(*) FROM coworking.owner_contact WHERE site_uuid = %s",
                           (site,)) == [(0,)]
    assert "delete" in [h[0] for h in history(reg, site)]


# ------------------------------------------------------------------------------------------------ reading

def test_editor_reads_approved_sites_of_others_but_not_their_pending_ones(reg, conns):
    approved = insert_vacancy(conns("editor_meissen"))
    approve(conns, "vacancy", approved)
    pending = insert_vacancy(conns("editor_meissen"))
    with conns("editor_riesa").cursor() as cur:
        cur.execute("SELECT uuid FROM coworking.vacancy WHERE uuid IN (%s, %s)", (approved, pending))
        assert [r[0] for r in cur.fetchall()] == [approved]
    conns("editor_riesa").rollback()


def test_owner_contact_only_for_own_municipality_and_staff(reg, conns):
    site = insert_vacancy(conns("editor_meissen"), ownership="private")
    execute(conns("editor_meissen"), "INSERT INTO coworking.owner_contact (site_uuid, kind, owner_name, owner_email)"
                                     " VALUES (%s, 'vacancy', 'Max Muster', 'max@example.org')", (site,))
    approve(conns, "vacancy", site)
    q = "SELECT owner_name FROM coworking.owner_contact WHERE site_uuid = %s"
    for key, expected in (("editor_meissen2", [("Max Muster",)]), ("reviewer", [("Max Muster",)]),
                          ("admin", [("Max Muster",)]), ("editor_riesa", [])):
        with conns(key).cursor() as cur:
            cur.execute(q, (site,))
            assert cur.fetchall() == expected, key
        conns(key).rollback()
    # Riesa cannot write owner data of a Meißen site, nor change it
    err = fails(conns("editor_riesa"), psycopg2.Error,
                "INSERT INTO coworking.owner_contact (site_uuid, kind, owner_name) VALUES (%s, 'vacancy', 'x')",
                (site,))
    assert err.pgcode in ("RG001", "23505")
    assert execute(conns("editor_riesa"), "UPDATE coworking.owner_contact SET owner_name = 'x' WHERE site_uuid = %s",
                   (site,)) == 0
    # the reader sees no owner data at all
    fails(conns("reader"), errors.InsufficientPrivilege, q, (site,))
    # history records that owner data changed, never the values
    rows = superuser_query(reg, "SELECT action, coalesce(old_values::text, '') || coalesce(new_values::text, '')"
                                " FROM coworking.history WHERE site_uuid = %s AND action LIKE 'owner%%'", (site,))
    assert rows and all("Max" not in text and "example.org" not in text for _, text in rows)


def test_owner_contact_for_foreign_site_fails(reg, conns):
    site = insert_vacancy(conns("editor_riesa"), ags=RIESA, xy=P_RIESA)
    err = fails(conns("editor_meissen"), psycopg2.Error,
                "INSERT INTO coworking.owner_contact (site_uuid, kind, owner_name) VALUES (%s, 'vacancy', 'x')",
                (site,))
    assert err.pgcode == "RG001"
    err = fails(conns("editor_meissen"), psycopg2.Error,
                "INSERT INTO coworking.owner_contact (site_uuid, kind, owner_name) VALUES (%s, 'vacancy', 'x')",
                (str(uuid.uuid4()),))
    assert err.pgcode == "RG011"


@pytest.mark.parametrize("table", ["brownfield", "vacancy", "owner_contact", "history", "editor_municipality",
                                   "brownfield_approved", "municipality"])
def test_reader_cannot_read_tables(reg, conns, table):
    fails(conns("reader"), errors.InsufficientPrivilege, f"SELECT 1 FROM coworking.{table} LIMIT 1")


def test_reader_cannot_write_through_public_view(reg, conns):
    before = superuser_query(reg, "SELECT count(*) FROM coworking.public_site")
    fails(conns("reader"), psycopg2.Error, "DELETE FROM coworking.public_site")
    assert superuser_query(reg, "SELECT count(*) FROM coworking.public_site") == before


# ------------------------------------------------------------------------------------------------ review

def test_reviewer_approves_and_rejects_with_comment(reg, conns):
    site = insert_vacancy(conns("editor_meissen"))
    rev = conns("reviewer")
    err = fails(rev, psycopg2.Error, "UPDATE coworking.vacancy SET status = 'rejected' WHERE uuid = %s", (site,))
    assert err.pgcode == "RG004"
    err = fails(rev, psycopg2.Error, "UPDATE coworking.vacancy SET status = 'rejected', review_comment = '  '"
                                     " WHERE uuid = %s", (site,))
    assert err.pgcode == "RG004"
    assert row(reg, "vacancy", site)["status"] == "pending"
    execute(rev, "UPDATE coworking.vacancy SET status = 'rejected', review_comment = 'Adresse fehlt' WHERE uuid = %s",
            (site,))
    r = row(reg, "vacancy", site)
    assert (r["status"], r["reviewed_by"], r["version"]) == ("rejected", reg.role("reviewer"), 2)
    assert r["reviewed_at"] is not None
    # the editor fixes it: pending again, comment kept for reference
    execute(conns("editor_meissen"), "UPDATE coworking.vacancy SET address = 'Markt 1' WHERE uuid = %s", (site,))
    assert row(reg, "vacancy", site)["status"] == "pending"
    execute(rev, "UPDATE coworking.vacancy SET status = 'approved', review_comment = NULL WHERE uuid = %s", (site,))
    actions = [(h[0], h[1], h[2], h[5]) for h in history(reg, site)]
    assert actions == [
        ("insert", 1, reg.role("editor_meissen"), None),
        ("reject", 2, reg.role("reviewer"), "Adresse fehlt"),
        ("update", 3, reg.role("editor_meissen"), None),
        ("approve", 4, reg.role("reviewer"), None),
    ]
    update = history(reg, site)[2]
    assert update[3]["address"] is None and update[4]["address"] == "Markt 1"
    assert update[4]["status"] == "pending" and update[3]["status"] == "rejected"


def test_reviewer_edits_any_municipality(reg, conns):
    site = insert_vacancy(conns("editor_riesa"), ags=RIESA, xy=P_RIESA)
    assert execute(conns("reviewer"), "UPDATE coworking.vacancy SET municipality_ags = %s, geom = ST_SetSRID("
                   "ST_MakePoint(%s, %s), 25833) WHERE uuid = %s", (MEISSEN, *P_MEISSEN, site)) == 1
    assert row(reg, "vacancy", site)["municipality_ags"] == MEISSEN


# ------------------------------------------------------------------------------------------------ validation

@pytest.mark.parametrize("col, value, code", [
    ("ownership", "stolen", "RG005"),
    ("target_groups", ["startups", "pirates"], "RG005"),
    ("name", "", "RG006"),
    ("rooms", -1, "RG007"),
    ("postcode", "0166", "RG007"),
    ("vacant_since", "2999-01-01", "RG007"),
])
def test_values_are_checked_against_catalogue(reg, conns, col, value, code):
    conn = conns("editor_meissen")
    with pytest.raises(psycopg2.Error) as info:
        insert_vacancy(conn, **{col: value})
    conn.rollback()
    assert info.value.pgcode == code
    assert info.value.diag.column_name == col


def test_invalid_geometry_rejected(reg, conns):
    conn = conns("editor_meissen")
    err = fails(conn, psycopg2.Error,
                "INSERT INTO coworking.brownfield (municipality_ags, name, geom) VALUES (%s, 'bow',"
                " 'SRID=25833;MULTIPOLYGON(((0 0,10 10,10 0,0 10,0 0)))')", (MEISSEN,))
    assert err.pgcode == "RG010"


# ------------------------------------------------------------------------------------------------ public view

def _public(conns, site):
    conn = conns("reader")
    with conn.cursor() as cur:
        cur.execute("SELECT to_jsonb(p) - 'geom' - 'location', ST_AsText(geom), ST_AsText(location)"
                    " FROM coworking.public_site p WHERE uuid = %s", (site,))
        r = cur.fetchone()
    conn.rollback()
    return r


def test_public_view_shows_only_approved(reg, conns):
    site = insert_brownfield(conns("editor_meissen"))
    assert _public(conns, site) is None
    approve(conns, "brownfield", site)
    data, geom, _ = _public(conns, site)
    assert data["kind"] == "brownfield" and data["municipality_name"] == "Meißen"
    assert geom.startswith("MULTIPOLYGON")
    execute(conns("reviewer"), "UPDATE coworking.brownfield SET status = 'archived' WHERE uuid = %s", (site,))
    assert _public(conns, site) is None


def test_public_view_has_no_personal_data(reg, conns):
    with conns("reader").cursor() as cur:
        cur.execute("SELECT * FROM coworking.public_site LIMIT 0")
        columns = {d.name for d in cur.description}
    conns("reader").rollback()
    forbidden = {"created_by", "updated_by", "reviewed_by", "review_comment", "created_at", "updated_at",
                 "owner_name", "owner_phone", "owner_email", "consent_purpose"}
    assert not columns & forbidden
    assert {"uuid", "kind", "name", "status" if False else "version", "geom", "location", "blurred"} <= columns
    site = insert_vacancy(conns("editor_meissen"), ownership="municipal")
    approve(conns, "vacancy", site)
    data, _, _ = _public(conns, site)
    text = str(data)
    assert reg.role("editor_meissen") not in text and reg.role("reviewer") not in text


def test_private_vacancy_needs_publication_consent(reg, conns):
    ed = conns("editor_meissen")
    no = insert_vacancy(ed, ownership="private", publication_consent=False)
    yes = insert_vacancy(ed, ownership="private", publication_consent=True, publication_consent_date="2024-05-01")
    municipal = insert_vacancy(ed, ownership="municipal")
    for s in (no, yes, municipal):
        approve(conns, "vacancy", s)
    assert _public(conns, no) is None
    assert _public(conns, yes) is not None and _public(conns, municipal) is not None
    # consent withdrawn: hidden at once, even while the change waits for review
    execute(ed, "UPDATE coworking.vacancy SET publication_consent = false WHERE uuid = %s", (yes,))
    assert _public(conns, yes) is None


def test_sensitive_site_is_blurred_to_grid_cell(reg, conns):
    site = insert_vacancy(conns("editor_meissen"), ownership="municipal", sensitive=True, address="Geheimweg 3")
    approve(conns, "vacancy", site)
    data, geom, location = _public(conns, site)
    assert data["blurred"] is True and data["address"] is None
    assert superuser_query(reg, "SELECT ST_Equals(ST_GeomFromText(%s), ST_MakeEnvelope(393000, 5669000, 394000,"
                                " 5670000))", (geom,)) == [(True,)]
    assert location == "POINT(393500 5669500)"
    assert "393300" not in geom and "5669100" not in geom
    plain = insert_vacancy(conns("editor_meissen"), ownership="municipal", address="Markt 1")
    approve(conns, "vacancy", plain)
    data, geom, _ = _public(conns, plain)
    assert data["blurred"] is False and data["address"] == "Markt 1" and geom == "POINT(393300 5669100)"


def test_public_view_keeps_last_approved_version_while_edit_pending(reg, conns):
    ed = conns("editor_meissen")
    site = insert_vacancy(ed, name="Alte Post", ownership="municipal")
    approve(conns, "vacancy", site)
    execute(ed, "UPDATE coworking.vacancy SET name = 'Alte Post (saniert)' WHERE uuid = %s", (site,))
    assert row(reg, "vacancy", site)["status"] == "pending"
    data, _, _ = _public(conns, site)
    assert (data["name"], data["version"]) == ("Alte Post", 2)
    # a rejected change leaves the approved version public
    execute(conns("reviewer"), "UPDATE coworking.vacancy SET status = 'rejected', review_comment = 'no'"
                               " WHERE uuid = %s", (site,))
    assert _public(conns, site)[0]["name"] == "Alte Post"
    execute(ed, "UPDATE coworking.vacancy SET rooms = 3 WHERE uuid = %s", (site,))
    approve(conns, "vacancy", site)
    data, _, _ = _public(conns, site)
    assert (data["name"], data["rooms"]) == ("Alte Post (saniert)", 3)


def test_editor_reads_public_view(reg, conns):
    with conns("editor_riesa").cursor() as cur:
        cur.execute("SELECT count(*) FROM coworking.public_site")
        assert cur.fetchone()[0] >= 0
    conns("editor_riesa").rollback()


def test_errors_translate_to_actionable_messages(reg, conns, qgis_app):
    from coworking_plugin.core.register.messages import user_message

    err = fails(conns("editor_riesa"), psycopg2.Error,
                "INSERT INTO coworking.vacancy (municipality_ags, name, building_type, geom) VALUES (%s, 'x', 'office',"
                " %s)", (MEISSEN, _point(P_MEISSEN)))
    assert "municipalit" in user_message(err).lower() or "gemeinde" in user_message(err).lower()
    with pytest.raises(psycopg2.Error) as info:
        insert_vacancy(conns("editor_meissen"), name="")
    conns("editor_meissen").rollback()
    message = user_message(info.value)
    assert info.value.pgcode == "RG006" and ("“Name”" in message or "“Bezeichnung”" in message)


# ------------------------------------------------------------------------------------------- publication consent

def test_private_vacancy_needs_consent_date_before_publication(reg, conns):
    editor = conns("editor_meissen")
    exc = fails(editor, psycopg2.Error, "INSERT INTO coworking.vacancy (municipality_ags, geom, name, "
                "building_type, ownership, publication_consent) VALUES (%s, %s, 'Privathaus', 'residential', "
                "'private', true)", (MEISSEN, _point(P_MEISSEN)))
    assert exc.pgcode == "RG013" and exc.diag.column_name == "publication_consent_date"
    from coworking_plugin.core.register.messages import user_message

    assert "on the tab “Publication”" in user_message(exc)
    assert not superuser_query(reg, "SELECT 1 FROM coworking.vacancy WHERE name = 'Privathaus'")
    # with the date it is accepted; a municipal building needs no owner's consent
    site = insert_vacancy(editor, ownership="private", publication_consent=True,
                          publication_consent_date="2026-01-05")
    municipal = insert_vacancy(editor, ownership="municipal", publication_consent=True)
    # removing the date later is refused too, and leaves the row as it was
    exc = fails(editor, psycopg2.Error,
                "UPDATE coworking.vacancy SET publication_consent_date = NULL WHERE uuid = %s", (site,))
    assert exc.pgcode == "RG013"
    assert row(reg, "vacancy", site)["publication_consent_date"] == "2026-01-05"
    assert row(reg, "vacancy", municipal)["publication_consent"] is True


def test_history_of_a_bulk_update_after_single_row_edits_in_one_session(reg, conns):
    """The history trigger plans its old/new join per statement (2b_history.sql), and stays right when reused."""
    editor = reg.connect("editor_meissen")
    try:
        sites = [insert_vacancy(editor, commit=False, rooms=1) for _ in range(40)]
        editor.commit()
        for rooms in (2, 3, 4):  # one-row statements first, as QGIS saves features
            execute(editor, "UPDATE coworking.vacancy SET rooms = %s WHERE uuid = %s", (rooms, sites[0]))
        assert execute(editor, "UPDATE coworking.vacancy SET rooms = 9 WHERE uuid = ANY(%s::uuid[])", (sites,)) == 40
    finally:
        editor.close()
    for site in sites:
        last = history(reg, site)[-1]
        assert last[0] == "update" and last[4] == {"rooms": 9}
    assert len(history(reg, sites[0])) == 5 and len(history(reg, sites[1])) == 2
