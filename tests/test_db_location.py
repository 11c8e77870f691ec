"""The register checks where a site lies (issue 12): a site must lie in the municipality it names, within the
tolerance the register's settings give (1,000 m for the coarse VG5000 boundaries), and so in the county; the
refusal has its own SQLSTATE (RG016, RG017) and a German message, whether the site comes through the plugin's
push, plain QGIS or SQL. A reviewer may accept such a site with a reason, which the history keeps. The plugin's
capture check uses the same tolerance, read from the register at checkout."""

from __future__ import annotations

import psycopg2
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from coworking_plugin.core.capture import drafts
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.register.messages import user_message
from coworking_plugin.core.sync import workingcopy as wc
from coworking_plugin.core.sync.pull import checkout
from coworking_plugin.core.sync.push import push
from tests.sync_helpers import add_site, vacancy_values

pytestmark = pytest.mark.postgis

MEISSEN, RIESA = "14627140", "14627230"
P_MEISSEN = (393300.0, 5669100.0)  # the market square
P_RIESA = (381100.0, 5685300.0)
DRESDEN = "ST_Transform(ST_SetSRID(ST_MakePoint(13.7416, 51.0519), 4326), 25833)"  # the Frauenkirche


def insert(conn, xy=None, ags=MEISSEN, geom_sql=None, **fields):
    cols = ["municipality_ags", "name", "building_type", "geom"] + list(fields)
    geom = geom_sql or "ST_SetSRID(ST_MakePoint(%s, %s), 25833)"
    params = [ags, "Testlage", "office"] + (list(xy) if geom_sql is None else []) + list(fields.values())
    values = ", ".join(["%s"] * 3 + [geom] + ["%s"] * len(fields))
    with conn.cursor() as cur:
        cur.execute(f"INSERT INTO coworking.vacancy ({', '.join(cols)}) VALUES ({values}) "  # noqa: S608 (constants)
                    "RETURNING uuid::text", params)
        uid = cur.fetchone()[0]
    conn.commit()
    return uid


def refused(conn, *args, **kwargs) -> psycopg2.Error:
    with pytest.raises(psycopg2.Error) as caught:
        insert(conn, *args, **kwargs)
    conn.rollback()
    return caught.value


def outside_meissen(conn, metres: float) -> tuple:
    """A point about ``metres`` outside Meißen's boundary, on the way to Riesa, and its exact distance."""
    with conn.cursor() as cur:
        cur.execute("""WITH b AS (SELECT ST_ClosestPoint(m.geom, r.p) AS c, r.p
                                    FROM coworking.municipality m,
                                         (SELECT ST_SetSRID(ST_MakePoint(%s, %s), 25833) AS p) r
                                   WHERE m.ags = %s)
                       SELECT ST_X(c) + %s * (ST_X(p) - ST_X(c)) / ST_Distance(c, p),
                              ST_Y(c) + %s * (ST_Y(p) - ST_Y(c)) / ST_Distance(c, p) FROM b""",
                    (*P_RIESA, MEISSEN, metres, metres))
        x, y = cur.fetchone()
        cur.execute("SELECT ST_Distance(geom, ST_SetSRID(ST_MakePoint(%s, %s), 25833)) FROM coworking.municipality "
                    "WHERE ags = %s", (x, y, MEISSEN))
        return (x, y), cur.fetchone()[0]


def test_a_site_in_riesa_or_dresden_labelled_meissen_is_refused(register):
    editor = register.connect("editor_meissen")
    insert(editor, P_MEISSEN)  # where it belongs: accepted
    exc = refused(editor, P_RIESA)
    assert exc.pgcode == "RG016" and exc.diag.column_name == "municipality_ags"
    assert exc.diag.message_primary.startswith("Der Standort liegt nicht in der angegebenen Gemeinde Meißen, sondern ")
    assert "(in Riesa; zulässig sind 1000 m)" in exc.diag.message_primary
    assert "Prüfung des Landkreises" in exc.diag.message_hint
    assert user_message(exc).startswith("The site does not lie in the municipality it names.")  # the plugin's words
    exc = refused(editor, geom_sql=DRESDEN)
    assert exc.pgcode == "RG017" and exc.diag.column_name == "geom"
    assert exc.diag.message_primary.startswith("Der Standort liegt außerhalb des Landkreises Meißen (")
    assert user_message(exc).startswith("The site lies outside Landkreis Meißen.")
    # the reviewer is held to the same rule (without a reason)
    assert refused(register.connect("reviewer"), P_RIESA).pgcode == "RG016"
    editor.close()


def test_plain_qgis_commit_is_refused_with_the_german_message(register):
    uri = register.dsn("editor_meissen") + " sslmode=disable key='uuid' srid=25833 type=Point " \
                                           "table=\"coworking\".\"vacancy\" (geom)"
    layer = QgsVectorLayer(uri, "Leerstand", "postgres")
    assert layer.isValid(), layer.error().summary()
    feature = QgsFeature(layer.fields())
    for name, value in (("municipality_ags", MEISSEN), ("name", "In Riesa gezeichnet"), ("building_type", "office"),
                        ("ownership", "municipal")):
        feature[name] = value
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*P_RIESA)))
    assert layer.startEditing() and layer.addFeature(feature)
    assert not layer.commitChanges()
    errors = " ".join(layer.commitErrors())
    assert "Der Standort liegt nicht in der angegebenen Gemeinde Meißen" in errors
    layer.rollBack()


def test_the_plugins_push_is_refused_for_that_site_only(register, tmp_path):
    dsn, path = register.dsn("editor_meissen"), str(tmp_path / "wc.gpkg")
    checkout(dsn, path)
    good = add_site(path, **vacancy_values(name="Am Markt"), geometry=QgsGeometry.fromPointXY(QgsPointXY(*P_MEISSEN)))
    wrong = add_site(path, **vacancy_values(name="Eigentlich Riesa"),
                     geometry=QgsGeometry.fromPointXY(QgsPointXY(*P_RIESA)))
    report = push(dsn, path)
    assert not report.committed and report.refused == 1
    (issue,) = report.issues
    # the plugin's words by SQLSTATE (English here), the register's own (German) for the details
    assert issue.uuid == wrong and issue.message.startswith("The site does not lie in the municipality it names.")
    assert "(The register: Der Standort liegt nicht in der angegebenen Gemeinde Meißen, sondern " in issue.message
    with register.connect() as su, su.cursor() as cur:
        cur.execute("SELECT count(*) FROM coworking.vacancy WHERE uuid IN (%s, %s)", (good, wrong))
        assert cur.fetchone()[0] == 0


def test_tolerance_is_the_registers_setting_and_the_capture_check_follows_it(register, tmp_path):
    admin, editor = register.connect("admin"), register.connect("editor_meissen")
    near, distance = outside_meissen(admin, 500)
    assert 300 < distance < 600
    insert(editor, near)  # within the default 1,000 m for VG5000
    with pytest.raises(psycopg2.Error) as caught, editor.cursor() as cur:
        cur.execute("UPDATE coworking.setting SET value = '100' WHERE key = 'location_tolerance_m'")
    assert caught.value.pgcode == "42501"  # only the administrator sets it
    editor.rollback()
    with admin.cursor() as cur:
        cur.execute("UPDATE coworking.setting SET value = '100' WHERE key = 'location_tolerance_m'")
        with pytest.raises(psycopg2.errors.CheckViolation):
            cur.execute("UPDATE coworking.setting SET value = 'weit' WHERE key = 'location_tolerance_m'")
    admin.rollback()
    with admin.cursor() as cur:
        cur.execute("UPDATE coworking.setting SET value = '100' WHERE key = 'location_tolerance_m'")
    admin.commit()
    exc = refused(editor, near)
    assert exc.pgcode == "RG016" and "zulässig sind 100 m" in exc.diag.message_primary

    # the capture check: the default before a checkout, the register's tolerance after it
    path = str(tmp_path / "wc.gpkg")
    assert drafts.location_tolerance(path) == 1000.0 and not (tmp_path / "wc.gpkg").exists()  # creates nothing
    wc.create(path)
    site = QgsGeometry.fromPointXY(QgsPointXY(*near))
    assert drafts.location_tolerance(path) == 1000.0
    assert drafts.location_issue(path, MEISSEN, site) is None
    checkout(register.dsn("editor_meissen"), path)
    assert drafts.location_tolerance(path) == 100.0
    issue = drafts.location_issue(path, MEISSEN, site)
    assert issue.field == "municipality_ags" and issue.message.startswith("The site does not lie in Meißen: it lies ")
    assert "the register accepts up to 100 m" in issue.message
    result = drafts.check_site(path, cat.VACANCY, vacancy_values(name="Knapp daneben"), site, site_crs())
    assert [i.field for i in result.errors] == ["municipality_ags"]
    riesa = drafts.check_site(path, cat.VACANCY, vacancy_values(name="Riesa"), QgsGeometry.fromPointXY(
        QgsPointXY(*P_RIESA)), site_crs())
    assert "(in Riesa;" in riesa.errors[0].message
    admin.close()
    editor.close()


def site_crs():
    from qgis.core import QgsCoordinateReferenceSystem

    return QgsCoordinateReferenceSystem(cat.REGISTER_CRS)


def history(register, uid):
    with register.connect() as su, su.cursor() as cur:
        cur.execute("SELECT action, actor, new_values ->> 'location_override_reason', "
                    "old_values ->> 'location_override_reason' FROM coworking.history WHERE site_uuid = %s ORDER BY id",
                    (uid,))
        return cur.fetchall()


def test_a_reviewer_accepts_a_site_outside_with_a_recorded_reason(register):
    reviewer, editor = register.connect("reviewer"), register.connect("editor_meissen")
    reason = "Gebäude der Stadt Meißen auf Riesaer Flur (Grenzbereinigung 2019)"
    uid = insert(reviewer, P_RIESA, location_override_reason=reason)
    assert history(register, uid) == [("insert", register.role("reviewer"), reason, None)]
    # an editor can neither grant nor change the exception
    exc = refused(editor, P_RIESA, location_override_reason="Brauche ich")
    assert exc.pgcode == "RG003" and exc.diag.column_name == "location_override_reason"
    with pytest.raises(psycopg2.Error) as caught, editor.cursor() as cur:
        cur.execute("UPDATE coworking.vacancy SET location_override_reason = 'anders' WHERE uuid = %s", (uid,))
    assert caught.value.pgcode == "RG003"
    editor.rollback()
    # editing the notes keeps it; moving the site drops it and checks the new position
    with editor.cursor() as cur:
        cur.execute("UPDATE coworking.vacancy SET notes = 'Dach undicht' WHERE uuid = %s", (uid,))
    editor.commit()
    with pytest.raises(psycopg2.Error) as caught, editor.cursor() as cur:
        cur.execute("UPDATE coworking.vacancy SET geom = ST_Translate(geom, 50, 0) WHERE uuid = %s", (uid,))
    assert caught.value.pgcode == "RG016"
    editor.rollback()
    with editor.cursor() as cur:
        cur.execute("UPDATE coworking.vacancy SET geom = ST_SetSRID(ST_MakePoint(%s, %s), 25833) WHERE uuid = %s",
                    (*P_MEISSEN, uid))
    editor.commit()
    # the history keeps who granted it, and that the move dropped it (an update records what changed)
    assert [(h[0], h[2], h[3]) for h in history(register, uid)] == [("insert", reason, None), ("update", None, None),
                                                                     ("update", None, reason)]
    reviewer.close()
    editor.close()
