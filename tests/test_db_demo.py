"""`make demo` (scripts/demo.py) on a real cluster: its logins behave as their roles, every review state is
there, the passwords stay in the 0600 service file, the helper tables stay out of the layer tree.

The demo's steps run once for the module (without QGIS desktop and without the suitability scoring) on a
throwaway cluster of its own: the demo's login names are fixed and roles are cluster-wide.
"""

from __future__ import annotations

import os
import stat
import zipfile

import psycopg2
import pytest
from qgis.core import QgsMapLayer, QgsProject
from qgis.PyQt.QtCore import QSettings

from scripts import demo, demo_register, demo_roles
from tests.conftest import _throwaway_cluster

pytestmark = pytest.mark.postgis


@pytest.fixture(scope="module")
def demo_run(qgis_app, tmp_path_factory):
    from scripts.pgcluster import bin_dir

    try:
        bin_dir()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    before = os.environ.get("PGSERVICEFILE")
    base = tmp_path_factory.mktemp("demo")
    with _throwaway_cluster("coworking-pg-demo-") as cluster:
        d = demo.Demo(base / "profiles", cluster.pgdata, cluster.port, base / "output")
        d.cluster = cluster
        cluster.create_database(demo.DBNAME)
        for step in (demo.install_register, demo.check_out_working_copy, demo.build_project):
            step(d)
        yield d
        QgsProject.instance().clear()
    if before is None:
        os.environ.pop("PGSERVICEFILE", None)
    else:
        os.environ["PGSERVICEFILE"] = before


def _rows(d, query, params=()):
    conn = psycopg2.connect(d.dsn)
    try:
        with conn.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchall()
    finally:
        conn.close()


def _error(role: str, query: str, params=()) -> psycopg2.Error:
    conn = demo_roles.connect(role)
    try:
        with conn.cursor() as cur, pytest.raises(psycopg2.Error) as exc:
            cur.execute(query, params)
        return exc.value
    finally:
        conn.rollback()
        conn.close()


def test_every_review_state_is_there_played_by_the_right_logins(demo_run):
    rows = _rows(demo_run, "SELECT uuid::text, status, created_by, reviewed_by, review_reason FROM coworking.vacancy"
                           " UNION ALL SELECT uuid::text, status, created_by, reviewed_by, review_reason"
                           " FROM coworking.brownfield")
    by_uuid = {r[0]: r[1:] for r in rows}
    assert len(rows) == len(demo_register.SAMPLES)
    assert {r[1] for r in rows} == {"pending", "approved", "rejected", "archived"}
    for _kind, key, editor, story, _offset, _attrs in demo_register.SAMPLES:
        status, created_by, reviewed_by, reason = by_uuid[demo_register.sample_uuid(key)]
        assert created_by == demo_roles.ROLES[editor].login  # submitted by the municipality's editor
        assert status == {"change": "pending"}.get(story, story)
        if story in ("approved", "rejected", "change", "archived"):
            assert reviewed_by == demo_roles.ROLES["pruefung"].login  # decided by the reviewer (four eyes)
        assert reason == (demo_register.REJECT_REASON if story == "rejected" else None)
    # the pending change: an approved version stays public, the proposed one differs in place and fields
    post = demo_register.sample_uuid("meissen-post")
    (moved, area, approved_area), = _rows(
        demo_run, "SELECT ST_Distance(v.geom, a.geom), v.floor_area_m2, a.floor_area_m2 FROM coworking.vacancy v"
                  " JOIN coworking.vacancy_approved a USING (uuid) WHERE v.uuid = %s", (post,))
    assert moved > 100 and area == demo_register.CHANGE["floor_area_m2"] and area != approved_area


def test_the_meissen_editor_cannot_write_a_riesa_site(demo_run):
    riesa_site = demo_register.sample_uuid("riesa-laden")
    conn = demo_roles.connect("meissen")
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE coworking.vacancy SET notes = 'von Meißen geändert' WHERE uuid = %s", (riesa_site,))
            assert cur.rowcount == 0  # row-level security: not the editor's municipality
            cur.execute("SELECT count(*) FROM coworking.vacancy WHERE municipality_ags = %s AND status <> 'approved'",
                        (demo_roles.RIESA,))
            assert cur.fetchone()[0] == 0  # Riesa's undecided sites are not even visible
        conn.rollback()
    finally:
        conn.close()
    err = _error("meissen", "INSERT INTO coworking.vacancy (municipality_ags, geom, name, building_type, ownership)"
                            " SELECT ags, ST_PointOnSurface(geom), 'fremd', 'retail', 'municipal'"
                            " FROM coworking.municipality WHERE ags = %s", (demo_roles.RIESA,))
    assert err.pgcode in ("RG001", "42501")
    err = _error("meissen", "UPDATE coworking.vacancy SET status = 'approved' WHERE uuid = %s",
                 (demo_register.sample_uuid("meissen-schule"),))
    assert err.pgcode == "RG002"  # an editor does not decide


def test_the_reader_sees_only_the_public_view(demo_run):
    assert _error("lesen", "SELECT count(*) FROM coworking.vacancy").pgcode == "42501"
    conn = demo_roles.connect("lesen")
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT name, blurred FROM coworking.public_site")
            public = dict(cur.fetchall())
    finally:
        conn.close()
    approved = [a["name"] for _k, _key, _e, story, _o, a in demo_register.SAMPLES if story in ("approved", "change")]
    assert sorted(public) == sorted(approved)
    assert public["Beispiel: Gründerzeitvilla (sensibel)"] is True


def test_the_reviewer_decides_a_site_submitted_by_an_editor(demo_run):
    conn = demo_roles.connect("pruefung")
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE coworking.brownfield SET status = 'approved' WHERE uuid = %s RETURNING status,"
                        " reviewed_by", (demo_register.sample_uuid("riesa-gaertnerei"),))
            assert cur.fetchone() == ("approved", demo_roles.ROLES["pruefung"].login)
        conn.rollback()  # the module's other tests see the demo as it was written
    finally:
        conn.close()


def test_passwords_live_only_in_the_0600_service_file(demo_run):
    service = demo_run.service_file
    assert stat.S_IMODE(service.stat().st_mode) == 0o600
    text = service.read_text()
    passwords = [line.split("=", 1)[1] for line in text.splitlines() if line.startswith("password=")]
    assert len(passwords) == len(demo_roles.ROLES) and all(len(p) >= 24 for p in passwords)
    assert all(f"[{r.service}]" in text and f"user={r.login}" in text for r in demo_roles.ROLES.values())
    with zipfile.ZipFile(demo_run.project_file) as z:
        project = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".qgs"))
    profile = demo_run.ini.read_text(encoding="utf-8")
    for written in (project, profile):
        assert not any(p in written for p in passwords)
    assert "service='coworking_demo_meissen'" in project and "password=" not in project
    stored = _rows(demo_run, "SELECT rolpassword FROM pg_authid WHERE rolname = ANY(%s)",
                   ([r.login for r in demo_roles.ROLES.values()],))
    assert len(stored) == len(demo_roles.ROLES) and all(p.startswith("SCRAM-SHA-256$") for p, in stored)


def test_the_profile_is_german_with_one_connection_per_role(demo_run):
    s = QSettings(str(demo_run.ini), QSettings.Format.IniFormat)
    assert s.value("locale/overrideFlag", type=bool) is True
    assert (s.value("locale/userLocale"), s.value("locale/globalLocale")) == ("de", "de_DE")
    for role in demo_roles.ROLES.values():
        assert s.value(f"PostgreSQL/connections/{role.connection}/service") == role.service
        assert s.value(f"PostgreSQL/connections/{role.connection}/password") in ("", None)
    assert s.value("coworking_plugin/database") == demo_roles.ROLES[demo_roles.DEFAULT_ROLE].connection
    assert s.value("coworking_plugin/working_copy") == str(demo_run.working_copy)


def test_helper_layers_stay_out_of_the_layer_tree(demo_run):
    project = QgsProject.instance()
    project.clear()
    assert project.read(str(demo_run.project_file))
    in_tree = {n.layer().name() for n in project.layerTreeRoot().findLayers()}
    value_lists = [lyr for lyr in project.mapLayers().values() if lyr.name() == "value_list"]
    assert value_lists and "value_list" not in in_tree  # in the project for the forms, not in the tree
    private = getattr(QgsMapLayer, "Private", None)
    assert all(private is None or lyr.flags() & private for lyr in value_lists)
    # the working copy's site layers (styled by state) and the register's, as the Meißen editor
    assert {"Leerstand", "Brachfläche", "Leerstand (Register)", "Brachflächen (Register)"} <= in_tree
    register = next(lyr for lyr in project.mapLayers().values() if lyr.name() == "Leerstand (Register)")
    assert register.isValid() and register.featureCount() > 0


def test_the_meissen_working_copy_has_a_local_draft(demo_run):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{demo_run.working_copy}|layername=vacancy", "v", "ogr")
    states = {f["name"]: f["sync_state"] for f in layer.getFeatures()}
    assert [n for n, s in states.items() if s == "new"] == [demo_register.DRAFT["name"]]
    assert "Beispiel: Alte Dorfschule" in states  # the editor's own pending site
    assert not any(n.startswith("Beispiel: Lagerhalle") for n in states)  # Riesa's rejected site is not theirs
