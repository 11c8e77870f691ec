"""Photos of the sites (migration 0004_photos.sql), enforced by PostGIS: each test connects as a real LOGIN role.

An editor writes the photos of their municipality's sites only; reviewers read all, readers nothing but
coworking.public_photo: public photos of published, unblurred sites, as approved. A photo change sends the site
back to review like any edit.
"""

from __future__ import annotations

import psycopg2
import pytest
from psycopg2 import errors

from tests import test_db_register as register_tests
from tests.test_db_register import (
    MEISSEN,
    P_MEISSEN,
    P_RIESA,
    RIESA,
    approve,
    execute,
    fails,
    history,
    insert_vacancy,
    row,
)

# the register module's fixtures: one register for this module, a connection per role and test
reg, conns = register_tests.reg, register_tests.conns

pytestmark = pytest.mark.postgis


@pytest.fixture(scope="module")
def jpeg(qgis_app) -> bytes:
    from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice
    from qgis.PyQt.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG")
    return bytes(data)


def add_photo(conn, site, image, kind="vacancy", public=False, credit="Stadt Meißen", caption="Ansicht"):
    with conn.cursor() as cur:
        cur.execute("INSERT INTO coworking.site_photo (site_uuid, kind, image, caption, credit, public)"
                    " VALUES (%s, %s, %s, %s, %s, %s) RETURNING uuid",
                    (site, kind, psycopg2.Binary(image), caption, credit, public))
        photo = cur.fetchone()[0]
    conn.commit()
    return photo


def public_photos(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT uuid::text, site_uuid::text, datei FROM coworking.public_photo")
        rows = cur.fetchall()
    conn.commit()
    return rows


def test_editor_adds_photo_of_own_site_with_bookkeeping(reg, conns, jpeg):
    ed = conns("editor_meissen")
    site = insert_vacancy(ed)
    photo = add_photo(ed, site, jpeg)
    with ed.cursor() as cur:
        cur.execute("SELECT created_by, changed_by, public, octet_length(image) FROM coworking.site_photo"
                    " WHERE uuid = %s", (photo,))
        created_by, changed_by, public, size = cur.fetchone()
    ed.commit()
    assert created_by == changed_by == reg.role("editor_meissen") and public is False and size == len(jpeg)
    # the history records the photo's words, never its bytes
    actions = [(a, new) for a, _v, _actor, _old, new, _c in history(reg, site)]
    assert ("photo_insert", {"photo": str(photo), "caption": "Ansicht", "credit": "Stadt Meißen",
                             "public": False}) in actions


def test_editor_of_another_municipality_is_refused(reg, conns, jpeg):
    site = insert_vacancy(conns("editor_meissen"))
    photo = add_photo(conns("editor_meissen"), site, jpeg)
    riesa = conns("editor_riesa")
    err = fails(riesa, psycopg2.Error, "INSERT INTO coworking.site_photo (site_uuid, kind, image)"
                " VALUES (%s, 'vacancy', %s)", (site, psycopg2.Binary(jpeg)))
    text = err.diag.message_primary
    assert err.pgcode == "RG001" and "Fotos" in text and reg.role("editor_riesa") in text
    # nor can Riesa read, change or delete Meißen's photo: row-level security hides it
    assert execute(riesa, "UPDATE coworking.site_photo SET caption = 'x' WHERE uuid = %s", (photo,)) == 0
    assert execute(riesa, "DELETE FROM coworking.site_photo WHERE uuid = %s", (photo,)) == 0
    assert execute(riesa, "SELECT 1 FROM coworking.site_photo WHERE uuid = %s", (photo,)) == 0
    # but Riesa's own site takes photos
    own = insert_vacancy(riesa, ags=RIESA, xy=P_RIESA)
    assert add_photo(riesa, own, jpeg)


def test_reviewer_reads_all_but_writes_none_reader_reads_no_table(reg, conns, jpeg):
    site = insert_vacancy(conns("editor_meissen"))
    photo = add_photo(conns("editor_meissen"), site, jpeg)
    assert execute(conns("reviewer"), "SELECT 1 FROM coworking.site_photo WHERE uuid = %s", (photo,)) == 1
    fails(conns("reviewer"), errors.InsufficientPrivilege,
          "UPDATE coworking.site_photo SET public = true WHERE uuid = %s", (photo,))
    fails(conns("reader"), errors.InsufficientPrivilege, "SELECT uuid FROM coworking.site_photo")


def test_bad_photos_are_refused_with_reasons(reg, conns, jpeg):
    ed = conns("editor_meissen")
    site = insert_vacancy(ed)
    err = fails(ed, psycopg2.Error, "INSERT INTO coworking.site_photo (site_uuid, kind, image)"
                " VALUES (%s, 'vacancy', %s)", (site, psycopg2.Binary(b"\x89PNG\r\n\x1a\n....")))
    assert err.pgcode == "RG019" and "JPEG" in err.diag.message_primary
    too_big = jpeg[:3] + b"\0" * (2 * 1024 * 1024)
    err = fails(ed, psycopg2.Error, "INSERT INTO coworking.site_photo (site_uuid, kind, image)"
                " VALUES (%s, 'vacancy', %s)", (site, psycopg2.Binary(too_big)))
    assert err.pgcode == "RG019" and "2 MB" in err.diag.message_primary
    err = fails(ed, psycopg2.Error, "INSERT INTO coworking.site_photo (site_uuid, kind, image, public,"
                " credit) VALUES (%s, 'vacancy', %s, true, ' ')", (site, psycopg2.Binary(jpeg)))
    assert err.pgcode == "RG020" and "Urheber" in err.diag.message_primary
    err = fails(ed, psycopg2.Error, "INSERT INTO coworking.site_photo (site_uuid, kind, image)"
                " VALUES (gen_random_uuid(), 'vacancy', %s)", (psycopg2.Binary(jpeg),))
    assert err.pgcode == "RG018"
    photo = add_photo(ed, site, jpeg)
    other = insert_vacancy(ed)
    err = fails(ed, psycopg2.Error, "UPDATE coworking.site_photo SET site_uuid = %s WHERE uuid = %s",
                (other, photo))
    assert err.pgcode == "RG008"
    assert execute(ed, "SELECT 1 FROM coworking.site_photo WHERE site_uuid = %s", (site,)) == 1


def test_photo_change_sends_the_site_back_to_review(reg, conns, jpeg):
    ed = conns("editor_meissen")
    site = insert_vacancy(ed, ownership="municipal")
    approve(conns, "vacancy", site)
    before = row(reg, "vacancy", site)
    assert before["status"] == "approved"
    photo = add_photo(ed, site, jpeg, public=True)
    after = row(reg, "vacancy", site)
    assert after["status"] == "pending" and after["version"] == before["version"] + 1
    assert after["updated_by"] == reg.role("editor_meissen")
    approve(conns, "vacancy", site)
    execute(ed, "UPDATE coworking.site_photo SET caption = 'Hof' WHERE uuid = %s", (photo,))
    assert row(reg, "vacancy", site)["status"] == "pending"
    approve(conns, "vacancy", site)
    execute(ed, "DELETE FROM coworking.site_photo WHERE uuid = %s", (photo,))
    assert row(reg, "vacancy", site)["status"] == "pending"
    actions = [a for a, *_ in history(reg, site)]
    assert actions.count("approve") == 3 and {"photo_insert", "photo_update", "photo_delete"} <= set(actions)


def test_four_eyes_counts_the_photos_author(reg, conns, jpeg):
    site = insert_vacancy(conns("editor_meissen"), ownership="municipal")
    approve(conns, "vacancy", site)
    add_photo(conns("admin"), site, jpeg)  # an administrator adds a photo: then another one decides
    err = fails(conns("admin"), psycopg2.Error,
                "UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s", (site,))
    assert err.pgcode == "RG014"
    assert approve(conns, "vacancy", site) == 1


def test_reader_sees_only_approved_public_photos_of_published_sites(reg, conns, jpeg):
    ed, reader = conns("editor_meissen"), conns("reader")
    published = insert_vacancy(ed, ownership="municipal", xy=(P_MEISSEN[0] + 300, P_MEISSEN[1]))
    private = insert_vacancy(ed, ownership="private", xy=(P_MEISSEN[0] + 600, P_MEISSEN[1]))
    sensitive = insert_vacancy(ed, ownership="municipal", sensitive=True, xy=(P_MEISSEN[0] + 900, P_MEISSEN[1]))
    public_ok = add_photo(ed, published, jpeg, public=True)
    internal = add_photo(ed, published, jpeg, public=False)
    of_private = add_photo(ed, private, jpeg, public=True)  # no consent: the site is not public
    of_sensitive = add_photo(ed, sensitive, jpeg, public=True)  # the photo would show the hidden building
    assert public_photos(reader) == [] or not {str(public_ok)} & {r[0] for r in public_photos(reader)}
    for site in (published, private, sensitive):
        approve(conns, "vacancy", site)
    shown = {r[0]: r for r in public_photos(reader)}
    assert str(public_ok) in shown and shown[str(public_ok)][2] == f"{public_ok}.jpg"
    assert not {str(internal), str(of_private), str(of_sensitive)} & set(shown)
    # a photo added after the approval waits for the next one; the approved one stays public meanwhile
    later = add_photo(ed, published, jpeg, public=True)
    assert row(reg, "vacancy", published)["status"] == "pending"
    shown = {r[0] for r in public_photos(reader)}
    assert str(public_ok) in shown and str(later) not in shown
    approve(conns, "vacancy", published)
    assert {str(public_ok), str(later)} <= {r[0] for r in public_photos(reader)}
    # made internal again: gone at once
    execute(ed, "UPDATE coworking.site_photo SET public = false WHERE uuid = %s", (later,))
    assert str(later) not in {r[0] for r in public_photos(reader)}
    # the reader may not write through the view
    fails(reader, psycopg2.Error, "DELETE FROM coworking.public_photo")


def test_deleting_a_site_deletes_its_photos(reg, conns, jpeg):
    site = insert_vacancy(conns("editor_meissen"), ags=MEISSEN)
    add_photo(conns("editor_meissen"), site, jpeg)
    assert execute(conns("admin"), "DELETE FROM coworking.vacancy WHERE uuid = %s", (site,)) == 1
    assert execute(conns("admin"), "SELECT 1 FROM coworking.site_photo WHERE site_uuid = %s", (site,)) == 0


def test_upgrade_from_version_2_and_catalogue_step_keep_the_public_photos(postgis_db):
    """0004 on a register at 0002; the catalogue step, which recreates public_site, runs again after it."""
    from coworking_plugin.db import migrate as mig

    conn = psycopg2.connect(postgis_db)
    try:
        assert mig.migrate(conn, target=2).version == 2
        mig.migrate(conn)
        assert 4 in mig.applied_versions(conn)
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM coworking.public_photo")
            assert cur.fetchone()[0] == 0
            from coworking_plugin.db.catalogue_sync import apply_catalogue

            assert apply_catalogue(cur, force=True)  # DROP VIEW public_site is not blocked by public_photo
            cur.execute("SELECT count(*) FROM coworking.public_photo")
            assert cur.fetchone()[0] == 0
        conn.commit()
    finally:
        conn.close()
