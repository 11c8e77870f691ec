"""The Geoportal (issue 14): coworking:publish_project writes a QGIS Server project, and Debian's qgis_mapserv.fcgi,
run as a CGI on it with a real coworking_reader login, serves WMS, WFS and OGC API Features with exactly what
coworking.public_site allows: approved and consented sites only, no notes, no owner data, sensitive sites blurred.

The reader's password is only in a pg_service.conf in the test's temp dir, named by PGSERVICEFILE in the CGI's
environment, as docs/admin-guide.md sets up the server.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Dict, Optional, Tuple

import psycopg2.extensions
import pytest

from tests.test_db_photos import add_photo
from tests.test_db_register import approve, execute, insert_brownfield, insert_vacancy

pytestmark = pytest.mark.postgis

SERVICE = "geoportal_test"
CANDIDATES = ("/usr/lib/cgi-bin/qgis_mapserv.fcgi", "/usr/libexec/qgis/qgis_mapserv.fcgi",
              "/usr/local/lib/cgi-bin/qgis_mapserv.fcgi")


def mapserv_binary() -> Optional[str]:
    found = [c for c in CANDIDATES if os.access(c, os.X_OK)] + [shutil.which("qgis_mapserv.fcgi") or ""]
    return next((c for c in found if c), None)


needs_qgis_server = pytest.mark.skipif(mapserv_binary() is None,
                                       reason="qgis_mapserv.fcgi not found: install Debian's qgis-server (make setup)")

# sites in Meißen (EPSG:25833), 400 m apart so each has its own pixels in GetMap
MUNICIPAL_VACANCY = (392000.0, 5669200.0)
PRIVATE_VACANCY = (392400.0, 5669200.0)
MUNICIPAL_BROWNFIELD = (392800.0, 5669200.0)
NOTIFIED_BROWNFIELD = (393200.0, 5669200.0)
WAITING_BROWNFIELD = (393600.0, 5669200.0)
PENDING_VACANCY = (392000.0, 5669600.0)
SENSITIVE_VACANCY = (395300.0, 5671300.0)


def _jpeg() -> bytes:
    from tests.test_photos_core import _jpeg as jpeg

    return jpeg(120, 80, "#c2185b")


def _days_ago(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()


@pytest.fixture(scope="module")
def sites(register_module):
    """One approved site of every kind of case, written by a real editor and approved by a real reviewer."""
    reg = register_module
    ed, rev = reg.connect("editor_meissen"), reg.connect("reviewer")

    def conns(key):
        return {"editor_meissen": ed, "reviewer": rev}[key]

    made = {
        "municipal_vacancy": insert_vacancy(ed, xy=MUNICIPAL_VACANCY, name="Altes Kaufhaus", ownership="municipal",
                                            notes="Schlüssel bei Herrn Muster, Tel. 03521/47-11",
                                            public_description="Ladenlokal am Markt, sofort nutzbar",
                                            parking=True, rent_per_m2=7.5, floor_area_m2=1234.5,
                                            vacant_since="2024-03-01", target_groups=["startups", "freelancers"]),
        "private_vacancy": insert_vacancy(ed, xy=PRIVATE_VACANCY, name="Privathaus ohne Einwilligung",
                                          ownership="private"),
        "municipal_brownfield": insert_brownfield(ed, xy=MUNICIPAL_BROWNFIELD, name="Alte Gießerei",
                                                  ownership="municipal"),
        "notified_brownfield": insert_brownfield(ed, xy=NOTIFIED_BROWNFIELD, name="Ziegelei (benachrichtigt)",
                                                 ownership="private", owner_notified_on=_days_ago(70)),
        "waiting_brownfield": insert_brownfield(ed, xy=WAITING_BROWNFIELD, name="Gärtnerei (Frist läuft)",
                                                ownership="private", owner_notified_on=_days_ago(5)),
        "pending_vacancy": insert_vacancy(ed, xy=PENDING_VACANCY, name="Ungeprüfte Meldung", ownership="municipal"),
        "sensitive_vacancy": insert_vacancy(ed, xy=SENSITIVE_VACANCY, name="Frauenhaus-Nachbargebäude",
                                            ownership="municipal", sensitive=True, address="Geheimweg 3"),
    }
    execute(ed, "INSERT INTO coworking.owner_contact (site_uuid, kind, municipality_ags, owner_name, owner_phone)"
                " VALUES (%s, 'vacancy', '14627140', 'Erika Mustermann', '0351/99-99')", (made["private_vacancy"],))
    # photos: only the public one of a published site, as approved, may reach the Geoportal
    photos = {
        "photo:public": add_photo(ed, made["municipal_vacancy"], _jpeg(), public=True, caption="Ladenlokal"),
        "photo:internal": add_photo(ed, made["municipal_vacancy"], _jpeg(), public=False),
        "photo:private_site": add_photo(ed, made["private_vacancy"], _jpeg(), public=True),
        "photo:pending_site": add_photo(ed, made["pending_vacancy"], _jpeg(), public=True),
        "photo:sensitive_site": add_photo(ed, made["sensitive_vacancy"], _jpeg(), public=True),
    }
    for key, site in made.items():
        if key != "pending_vacancy":
            approve(conns, "vacancy" if "vacancy" in key else "brownfield", site)
    # added after the approval: waits for the next one (the approved version stays published meanwhile)
    photos["photo:after_approval"] = add_photo(ed, made["municipal_brownfield"], _jpeg(), kind="brownfield",
                                               public=True)
    ed.close()
    rev.close()
    return {k: str(v) for k, v in {**made, **photos}.items()}


@pytest.fixture(scope="module")
def service_file(register_module, tmp_path_factory) -> Path:
    """pg_service.conf with the reader's login: the only place its password is written."""
    params = psycopg2.extensions.parse_dsn(register_module.dsn("reader"))
    path = tmp_path_factory.mktemp("pgservice") / "pg_service.conf"
    path.write_text("[{}]\nhost={host}\nport={port}\ndbname={dbname}\nuser={user}\npassword={password}\n".format(
        SERVICE, **{k: params[k] for k in ("host", "port", "dbname", "user", "password")}))
    path.chmod(0o600)
    return path


@pytest.fixture(scope="module")
def project(sites, service_file, tmp_path_factory, qgis_app):
    """The project written by coworking:publish_project, as an administrator would, through the same service."""
    import processing

    from tests.conftest import register_provider

    os.environ["PGSERVICEFILE"] = str(service_file)
    try:
        register_provider()
        out = tmp_path_factory.mktemp("geoportal") / "coworking.qgz"
        result = processing.run("coworking:publish_project", {
            "SERVICE": SERVICE, "OUTPUT": str(out), "CONTACT_MAIL": "geoportal@kreis-meissen.de"})
    finally:
        del os.environ["PGSERVICEFILE"]
    return Path(result["OUTPUT"])


def mapserv(project: Path, service_file: Path, home: Path, query: str = "",
            path: str = "/cgi-bin/qgis_mapserv.fcgi") -> Tuple[Dict[str, str], bytes]:
    """One CGI request to qgis_mapserv.fcgi: (headers, body). ``path`` is the request path (the OGC API's routes
    follow the script's name in REQUEST_URI, as Apache passes them)."""
    script = "/cgi-bin/qgis_mapserv.fcgi"
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(home), "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen", "QGIS_SERVER_LOG_STDERR": "1", "QGIS_SERVER_LOG_LEVEL": "1",
        "QGIS_PROJECT_FILE": str(project), "PGSERVICEFILE": str(service_file),
        "QGIS_SERVER_OVERRIDE_SYSTEM_LOCALE": "de_DE",  # as docs/admin-guide.md sets it: German numbers
        "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1", "REQUEST_METHOD": "GET",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
        "SCRIPT_NAME": script, "PATH_INFO": path[len(script):] if path.startswith(script) else "",
        "QUERY_STRING": query, "REQUEST_URI": path + ("?" + query if query else ""),
    }
    done = subprocess.run([mapserv_binary()], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=180)
    raw = done.stdout
    cut = raw.find(b"\r\n\r\n")
    head, body = (raw[:cut], raw[cut + 4:]) if cut >= 0 else raw.split(b"\n\n", 1)
    headers = {}
    for line in head.decode("latin-1").splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return headers, body


@pytest.fixture(scope="module")
def serve(project, service_file, tmp_path_factory):
    home = tmp_path_factory.mktemp("server-home")

    def request(query: str = "", path: str = "/cgi-bin/qgis_mapserv.fcgi"):
        return mapserv(project, service_file, home, query, path)

    return request


# ------------------------------------------------------------------------------------------------------ the project

def _project_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".qgs"))
        return archive.read(name).decode("utf-8")


def test_project_names_the_service_and_holds_no_password(project, service_file):
    xml = _project_xml(project)
    entries = dict(line.split("=", 1) for line in service_file.read_text().splitlines() if "=" in line)
    secret = entries["password"]
    assert secret not in xml and "password=" not in xml and "authcfg" not in xml
    sources = [e.text for e in ET.fromstring(xml).iter("datasource") if e.text and "public_site" in e.text]
    assert len(sources) == 3 and all(f"service='{SERVICE}'" in s and "user=" not in s for s in sources)
    assert (project.parent / "lk_meissen_gemeinden_vg5000.geojson").exists()


# ------------------------------------------------------------------------------------------------------ the server

@needs_qgis_server
def test_wms_capabilities_describe_the_service_and_its_licences(serve):
    headers, body = serve("SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0")
    assert "xml" in headers.get("content-type", ""), body[:500]
    text = body.decode("utf-8")
    assert "Leerstände und Brachflächen im Landkreis Meißen" in text
    assert "dl-de/by-2-0" in text and "© GeoBasis-DE / BKG 2021 (Daten verändert)" in text
    for crs in ("EPSG:25833", "EPSG:4326", "EPSG:3857"):
        assert f"<CRS>{crs}</CRS>" in text
    for name in ("leerstaende", "brachflaechen", "unscharf", "gemeindegrenzen"):
        assert f"<Name>{name}</Name>" in text


@needs_qgis_server
def test_wfs_capabilities_offer_the_site_layers_only(serve):
    _, body = serve("SERVICE=WFS&REQUEST=GetCapabilities&VERSION=1.1.0")
    text = body.decode("utf-8")
    assert "<Name>leerstaende</Name>" in text and "<Name>brachflaechen</Name>" in text
    assert "gemeindegrenzen" not in text


def _features(serve, type_name: str) -> list:
    headers, body = serve(f"SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME={type_name}"
                          "&OUTPUTFORMAT=application/vnd.geo%2Bjson")
    return json.loads(body)["features"]


@needs_qgis_server
def test_wfs_getfeature_returns_only_what_the_view_allows(serve, sites):
    vacancies, brownfields, blurred = (_features(serve, n) for n in ("leerstaende", "brachflaechen", "unscharf"))
    names = {f["properties"]["name"] for f in vacancies + brownfields + blurred}
    assert names == {"Altes Kaufhaus", "Alte Gießerei", "Ziegelei (benachrichtigt)", "Frauenhaus-Nachbargebäude"}
    everything = json.dumps(vacancies + brownfields + blurred, ensure_ascii=False)
    for secret in ("Muster", "03521/47-11", "Erika", "0351/99-99", "Geheimweg", "notes", "owner_",
                   "publication_consent"):
        assert secret not in everything, secret
    kaufhaus = vacancies[0]["properties"]
    assert kaufhaus["public_description"] == "Ladenlokal am Markt, sofort nutzbar"
    assert "location" not in kaufhaus and "salka_ref" not in kaufhaus and "salka_ref" in brownfields[0]["properties"]
    assert vacancies[0]["geometry"]["type"] == "Point"
    # GeoJSON is in WGS 84: back in EPSG:25833 the sensitive site is its 1 km grid cell, not the building
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    to_utm = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                    QgsCoordinateReferenceSystem("EPSG:25833"), QgsProject.instance())
    cell = [to_utm.transform(QgsPointXY(x, y)) for x, y in blurred[0]["geometry"]["coordinates"][0]]
    assert {round(p.x()) for p in cell} == {395000, 396000} and {round(p.y()) for p in cell} == {5671000, 5672000}
    assert blurred[0]["properties"]["blurred"] is True and blurred[0]["properties"]["address"] is None


@needs_qgis_server
def test_wms_getmap_draws_the_published_sites_only(serve, output_dir):
    from qgis.PyQt.QtGui import QImage

    bbox = (391800.0, 5669000.0, 393800.0, 5669800.0)  # 2000 m x 800 m at 1 m per pixel
    _, body = serve("SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=brachflaechen,leerstaende&STYLES="
                    "&CRS=EPSG:25833&BBOX={},{},{},{}&WIDTH=2000&HEIGHT=800&FORMAT=image/png&TRANSPARENT=true"
                    .format(*bbox))
    image = QImage.fromData(body, "PNG")
    assert not image.isNull(), body[:500]
    image.save(str(output_dir / "geoportal_getmap.png"))  # to look at

    def drawn(xy, offset=(0.0, 0.0)) -> bool:
        px, py = int(xy[0] + offset[0] - bbox[0]), int(bbox[3] - (xy[1] + offset[1]))
        return image.pixelColor(px, py).alpha() > 0

    inside = (50.0, 50.0)  # the middle of a 100 m brownfield square
    assert drawn(MUNICIPAL_VACANCY) and drawn(MUNICIPAL_BROWNFIELD, inside) and drawn(NOTIFIED_BROWNFIELD, inside)
    assert not drawn(PRIVATE_VACANCY) and not drawn(WAITING_BROWNFIELD, inside) and not drawn(PENDING_VACANCY)


@needs_qgis_server
def test_ogc_api_features_items_return_only_published_sites(serve):
    headers, body = serve(path="/cgi-bin/qgis_mapserv.fcgi/wfs3/collections.json")
    collections = {c["id"] for c in json.loads(body)["collections"]}
    assert {"leerstaende", "brachflaechen", "unscharf"} <= collections and "gemeindegrenzen" not in collections
    headers, body = serve(path="/cgi-bin/qgis_mapserv.fcgi/wfs3/collections/brachflaechen/items.json")
    assert "json" in headers.get("content-type", ""), body[:500]
    features = json.loads(body)["features"]
    # the OGC API names the properties by their German aliases and shows coded values by their labels
    assert {f["properties"]["Bezeichnung"] for f in features} == {"Alte Gießerei", "Ziegelei (benachrichtigt)"}
    assert {f["properties"]["Eigentum"] for f in features} == {"Kommunal", "Privat"}
    assert {f["properties"]["Vornutzung"] for f in features} == {"(keine Angabe)"}
    text = json.dumps(features, ensure_ascii=False)
    for internal in ("owner_notified_on", "Eigentümer benachrichtigt", "notes", "Bemerkungen", "Gebäudeart",
                     "location"):  # a vacancy's field and the view's second geometry: left out
        assert internal not in text, internal


def test_only_the_public_photos_of_published_sites_are_written(project, sites):
    folder = project.parent / "fotos"
    assert {p.name for p in folder.iterdir()} == {sites["photo:public"] + ".jpg"}
    assert (folder / (sites["photo:public"] + ".jpg")).read_bytes()[:3] == b"\xff\xd8\xff"


@needs_qgis_server
def test_wfs_and_ogc_api_list_only_the_public_photos(serve, sites):
    _, body = serve("SERVICE=WFS&REQUEST=GetCapabilities&VERSION=1.1.0")
    assert "<Name>fotos</Name>" in body.decode("utf-8")
    photos = _features(serve, "fotos")
    assert [f["properties"]["datei"] for f in photos] == [sites["photo:public"] + ".jpg"]
    listed = photos[0]["properties"]
    assert listed["site_uuid"] == sites["municipal_vacancy"] and listed["caption"] == "Ladenlokal"
    assert listed["credit"] == "Stadt Meißen" and "image" not in listed
    headers, body = serve(path="/cgi-bin/qgis_mapserv.fcgi/wfs3/collections/fotos/items.json")
    assert "json" in headers.get("content-type", ""), body[:500]
    items = json.loads(body)["features"]
    assert [f["properties"]["Datei (Ordner fotos/)"] for f in items] == [sites["photo:public"] + ".jpg"]
    text = json.dumps(items, ensure_ascii=False)
    assert "image" not in text and all(sites[k] not in text for k in sites if k.startswith("photo:") and
                                       k != "photo:public")


def test_publish_project_says_what_to_fix(processing_ready, service_file, tmp_path, monkeypatch):
    import processing
    from qgis.core import QgsProcessingException

    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    with pytest.raises(QgsProcessingException, match="libpq service"):
        processing.run("coworking:publish_project", {"SERVICE": "host=db user=x", "OUTPUT": str(tmp_path / "a.qgz")})
    with pytest.raises(QgsProcessingException, match="could not be read through the service “unbekannt”"):
        processing.run("coworking:publish_project", {"SERVICE": "unbekannt", "OUTPUT": str(tmp_path / "b.qgz")})
    assert not (tmp_path / "a.qgz").exists() and not (tmp_path / "b.qgz").exists()


@needs_qgis_server
def test_the_admin_guides_check_works_with_just_its_variables(project, service_file, tmp_path):
    """docs/admin-guide.md, "Prüfen": the server answers with only the variables the guide sets."""
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "QGIS_PROJECT_FILE": str(project), "PGSERVICEFILE": str(service_file), "REQUEST_METHOD": "GET",
           "QUERY_STRING": "SERVICE=WFS&REQUEST=GetCapabilities"}
    done = subprocess.run([mapserv_binary()], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=180)
    assert done.returncode == 0 and b"<Name>brachflaechen</Name>" in done.stdout, done.stderr[-2000:]
    guide = (Path(__file__).resolve().parent.parent / "docs" / "admin-guide.md").read_text(encoding="utf-8")
    assert "## Veröffentlichung im Geoportal (QGIS Server)" in guide
    assert all(name in guide for name in ("QGIS_PROJECT_FILE", "PGSERVICEFILE", "REQUEST_METHOD=GET",
                                          "QUERY_STRING", "coworking:publish_project", "coworking:assign_reader"))


@needs_qgis_server
def test_getfeatureinfo_shows_yes_no_german_dates_and_labels(serve, sites):
    """A citizen clicking a site in the Geoportal reads Ja/Nein, 01.03.2024 and "Start-ups", not 'true',
    2024-03-01 and 'startups'."""
    x, y = MUNICIPAL_VACANCY
    _, body = serve("SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=leerstaende&QUERY_LAYERS=leerstaende"
                    f"&CRS=EPSG:25833&BBOX={x - 50},{y - 50},{x + 50},{y + 50}&WIDTH=101&HEIGHT=101&I=50&J=50"
                    "&INFO_FORMAT=text/plain&FEATURE_COUNT=1&STYLES=")
    text = body.decode("utf-8")
    info = dict(line.split(" = ", 1) for line in text.splitlines() if " = " in line)
    assert info["Bezeichnung"] == "'Altes Kaufhaus'", text
    assert info["Parkplätze vorhanden"] == "'Ja'" and info["Denkmalschutz"] == "'Nein'"
    assert info["Lage unscharf (1-km-Raster)"] == "'Nein'"
    assert info["Leer seit"] == "'01.03.2024'"
    assert info["Nutzfläche (m²)"] == "'1234,5'" and info["Miete (€/m²)"] == "'7,5'", text  # decimal comma
    assert info["Freigegeben am"] == "'{}'".format(dt.date.today().strftime("%d.%m.%Y"))
    assert "'true'" not in text and "'false'" not in text
    # the target groups by their German labels, not their keys (which WFS and the OGC API keep)
    assert info["Geeignete Zielgruppen"] == "'Start-ups, Freiberufler'", text
    assert "startups" not in text
    vacancy = next(f for f in _features(serve, "leerstaende") if f["properties"]["name"] == "Altes Kaufhaus")
    assert vacancy["properties"]["target_groups"] == ["startups", "freelancers"]
    assert "target_groups_de" not in vacancy["properties"]
