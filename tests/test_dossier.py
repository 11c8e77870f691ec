"""Site dossiers (issue 14): the PDF of two sites of a real working copy, rendered and looked at as PNG."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsGeometry, QgsPointXY

from coworking_plugin.core.capture import drafts
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.sync import workingcopy as wc

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (make setup) missing")


@pytest.fixture
def two_sites(qgis_app, tmp_path):
    """A working copy with two vacancies in Meißen, one with its private owner's contact."""
    path = str(wc.create(str(tmp_path / "wc.gpkg")))
    first = drafts.save_site(
        path, cat.VACANCY,
        {"name": "Alte Post am Markt", "municipality_ags": "14627140", "address": "Markt 7", "postcode": "01662",
         "ownership": "private", "building_type": "office", "floor_area_m2": 1234.5, "rooms": 14, "floors": 3,
         "availability": "from_date", "available_from": "01.04.2027", "broadband_mbps": 250,
         "target_groups": ["startups", "freelancers"], "barrier_free": True, "notes": "Herr X, Tel. 0351 999",
         "publication_consent": True, "publication_consent_date": "01.03.2026"},
        QgsGeometry.fromPointXY(QgsPointXY(393295, 5669111)),
        owner={"owner_name": "Erika Muster", "owner_phone": "03521 1234"})
    second = drafts.save_site(
        path, cat.VACANCY,
        {"name": "Ladenlokal Elbstraße", "municipality_ags": "14627140", "address": "Elbstraße 3",
         "ownership": "municipal", "building_type": "retail", "floor_area_m2": 85, "condition": "good"},
        QgsGeometry.fromPointXY(QgsPointXY(392950, 5669420)))
    return path, [first, second]


def _pages(pdf: Path) -> int:

    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def _non_white_share(image, x0=0.0, y0=0.0, x1=1.0, y1=1.0) -> float:
    w, h = image.width(), image.height()
    xs = range(int(x0 * w), int(x1 * w), 3)
    ys = range(int(y0 * h), int(y1 * h), 3)
    dark = sum(1 for y in ys for x in xs if image.pixelColor(x, y).lightness() < 235)
    return dark / (len(xs) * len(ys))


@needs_poppler
def test_dossier_pdf_of_two_sites_renders(two_sites, tmp_path, output_dir, german_translator, german_ui):
    from qgis.PyQt.QtGui import QImage

    from coworking_plugin.core.dossier import collect, layout, prepare

    path, uuids = two_sites
    layer = wc.layer(path, cat.VACANCY)
    request, map_layers = prepare.request_for(layer, uuids=uuids, include_owner=True, lang="de")
    sites = collect.collect(request)
    assert [s.name for s in sites] == ["Alte Post am Markt", "Ladenlokal Elbstraße"]
    facts = dict(sites[0].facts)
    assert facts["Nutzfläche (m²)"] == "1.234,5" and facts["Verfügbar ab"] == "01.04.2027"
    assert facts["Gebäudeart"] == "Bürogebäude" and facts["Geeignete Zielgruppen"] == "Start-ups, Freiberufler"
    assert facts["Gemeinde"] == "Meißen" and facts["Anschrift"] == "Markt 7, 01662"
    assert "Bemerkungen" not in facts  # free text stays internal
    assert dict(sites[0].owner)["Name Eigentümer/in"] == "Erika Muster"
    assert sites[1].owner_note and not sites[1].owner
    assert len(sites[0].scores) == 4 and sites[0].bars

    pdf = tmp_path / "dossier.pdf"
    layout.export(sites, str(pdf), False, map_layers, "de")
    assert pdf.stat().st_size > 10_000 and _pages(pdf) == 2
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    png = next(tmp_path.glob("page*.png"))
    image = QImage(str(png))
    assert not image.isNull()
    assert _non_white_share(image) > 0.05  # text, map and chart, not a blank page
    # the map frame (x 15..195 mm, y 27..119 mm of 210 × 297): municipalities drawn, the site highlighted in red
    assert _non_white_share(image, 0.08, 0.1, 0.92, 0.39) > 0.5
    w, h = image.width(), image.height()
    red = [(x, y) for y in range(int(0.1 * h), int(0.39 * h)) for x in range(int(0.08 * w), int(0.92 * w))
           if image.pixelColor(x, y).red() > 180 and image.pixelColor(x, y).green() < 80]
    assert any(0.45 * w < x < 0.55 * w and 0.2 * h < y < 0.29 * h for x, y in red)  # in the middle of the map
    shutil.copy(png, output_dir / "screenshots" / "dossier_page1.png")


@needs_poppler
def test_dossier_per_site_and_owner_left_out_by_default(two_sites, tmp_path):
    from coworking_plugin.core.dossier import collect, layout, prepare

    path, uuids = two_sites
    layer = wc.layer(path, cat.VACANCY)
    request, map_layers = prepare.request_for(layer, feature_ids=[f.id() for f in layer.getFeatures()])
    sites = collect.collect(request)
    assert all(not s.owner and not s.owner_note for s in sites)
    paths = layout.export(sites, str(tmp_path / "out"), True, map_layers, "en")
    assert len(paths) == 2 and all(_pages(Path(p)) == 1 for p in paths)


def _refused(source: str, out: Path, **parameters) -> str:
    """The message of a refused run."""
    import processing
    from qgis.core import QgsProcessingException

    try:
        processing.run("coworking:export_dossier", {"INPUT": source, "OUTPUT": str(out), **parameters})
    except QgsProcessingException as exc:
        return str(exc)
    raise AssertionError("the run was not refused")


@needs_poppler
def test_processing_algorithm_by_uuid(processing_ready, two_sites, tmp_path):
    import processing

    path, uuids = two_sites
    source = f"{path}|layername={cat.VACANCY}"
    assert "no site identifiers" in _refused(source, tmp_path / "x.pdf", UUIDS="Alte Post")
    assert "Select the sites" in _refused(source, tmp_path / "x.pdf")
    out = tmp_path / "one.pdf"
    result = processing.run("coworking:export_dossier", {"INPUT": source, "UUIDS": f"{uuids[1]}\n",
                                                         "OUTPUT": str(out)})
    assert result["FILES"] == [str(out)] and _pages(out) == 1
    layer = wc.layer(path, cat.VACANCY)
    layer.selectByIds([f.id() for f in layer.getFeatures()])
    result = processing.run("coworking:export_dossier", {"INPUT": layer, "PER_SITE": True,
                                                         "OUTPUT": str(tmp_path / "each.pdf")})
    assert len(result["FILES"]) == 2 and all(Path(p).parent == tmp_path / "each" for p in result["FILES"])
    # a refused run's traceback is kept by Processing, and with it (through f_back) this frame: a layer left
    # here would outlive QGIS's exit and crash the interpreter at its end
    del layer


@pytest.mark.postgis
def test_register_layer_owner_only_where_the_role_may_read(qgis_app, register, tmp_path):
    """From the PostGIS register: the Meißen editor's dossier has the owner, the Riesa editor's (who sees the
    approved site) has none, because row-level security hides it."""
    from coworking_plugin.core.dossier import collect, prepare
    from coworking_plugin.core.sync.pull import checkout
    from coworking_plugin.core.sync.push import push
    from coworking_plugin.gui.dossier_action import register_layer
    from tests.sync_helpers import review

    path = str(tmp_path / "meissen.gpkg")
    checkout(register.dsn("editor_meissen"), path)
    uid = drafts.save_site(
        path, cat.VACANCY, {"name": "Alte Post am Markt", "municipality_ags": "14627140", "ownership": "private",
                            "building_type": "office"},
        QgsGeometry.fromPointXY(QgsPointXY(393295, 5669111)), owner={"owner_name": "Erika Muster"})
    assert push(register.dsn("editor_meissen"), path).inserted == 1
    review(register, uid, "approved")

    def dossier_as(key):
        layer = register_layer(register.dsn(key), cat.VACANCY)  # as the review dock will
        assert layer.isValid()
        request, _ = prepare.request_for(layer, uuids=[uid], include_owner=True, lang="en")
        return collect.collect(request)[0]

    own = dossier_as("editor_meissen")
    assert dict(own.owner)["Owner's name"] == "Erika Muster" and dict(own.status)["Review status"] == "Approved"
    other = dossier_as("editor_riesa")
    assert other.name == "Alte Post am Markt" and not other.owner and other.owner_note


@needs_poppler
def test_brownfield_dossier_shows_outline_and_area(qgis_app, tmp_path, output_dir, german_ui):
    from qgis.PyQt.QtGui import QImage

    from coworking_plugin.core.dossier import collect, layout, prepare

    path = str(wc.create(str(tmp_path / "wc.gpkg")))
    x, y = 393100, 5669300
    poly = QgsGeometry.fromWkt(f"MULTIPOLYGON((({x} {y},{x + 120} {y},{x + 120} {y + 40},{x} {y + 40},{x} {y})))")
    drafts.save_site(path, cat.BROWNFIELD, {"name": "Ehemalige Spinnerei", "municipality_ags": "14627140",
                                            "ownership": "municipal", "previous_use": "industry",
                                            "fallow_since": "01.05.2019", "contamination": "suspected"}, poly)
    layer = wc.layer(path, cat.BROWNFIELD)
    request, map_layers = prepare.request_for(layer, feature_ids=[f.id() for f in layer.getFeatures()], lang="de")
    sites = collect.collect(request)
    facts = dict(sites[0].facts)
    assert facts["Fläche (m²)"] == "4.800" and facts["Vornutzung"] == "Industrie"
    assert facts["Brach seit"] == "01.05.2019" and facts["Altlasten"] == "Altlastverdacht"
    pdf = tmp_path / "spinnerei.pdf"
    layout.export(sites, str(pdf), False, map_layers, "de")
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(tmp_path / "bf")], check=True)
    image = QImage(str(next(tmp_path.glob("bf*.png"))))
    w, h = image.width(), image.height()
    red = [(x_, y_) for y_ in range(int(0.2 * h), int(0.29 * h)) for x_ in range(int(0.4 * w), int(0.6 * w))
           if image.pixelColor(x_, y_).red() > 180 and image.pixelColor(x_, y_).green() < 80]
    assert len(red) > 20  # the outline, drawn over the municipalities
    image.save(str(output_dir / "screenshots" / "dossier_brownfield.png"))


def _colour_share(image, test, y0: float = 0.4) -> float:
    """Share of the page below ``y0`` (of its height) whose pixels pass ``test(QColor)``."""
    w, h = image.width(), image.height()
    points = [(x, y) for y in range(int(y0 * h), h, 2) for x in range(0, w, 2)]
    return sum(1 for x, y in points if test(image.pixelColor(x, y))) / len(points)


def _magenta(c) -> bool:
    return c.red() > 200 and c.green() < 90 and c.blue() > 200


def _cyan(c) -> bool:
    return c.red() < 90 and c.green() > 200 and c.blue() > 200


@needs_poppler
@pytest.mark.postgis
def test_dossier_shows_the_public_photo_and_internal_ones_only_on_request(german_translator, register, tmp_path,
                                                                          output_dir, german_ui):
    """A site with a public (magenta) and an internal (cyan) photo: another municipality's editor gets the public
    photo on the page; the site's own editor, asking for internal data, gets both."""
    from qgis.PyQt.QtGui import QImage

    from coworking_plugin.core.dossier import collect, layout, prepare
    from coworking_plugin.core.sync.pull import checkout
    from coworking_plugin.core.sync.push import push
    from coworking_plugin.gui.dossier_action import register_layer
    from tests.sync_helpers import review
    from tests.test_db_photos import add_photo
    from tests.test_photos_core import _jpeg

    path = str(tmp_path / "meissen.gpkg")
    checkout(register.dsn("editor_meissen"), path)
    uid = drafts.save_site(path, cat.VACANCY, {"name": "Alte Post am Markt", "municipality_ags": "14627140",
                                               "ownership": "municipal", "building_type": "office"},
                           QgsGeometry.fromPointXY(QgsPointXY(393295, 5669111)))
    assert push(register.dsn("editor_meissen"), path).inserted == 1
    editor = register.connect("editor_meissen")
    add_photo(editor, uid, _jpeg(800, 600, "#ff00ff"), public=True, caption="Ansicht vom Markt",
              credit="Stadt Meißen")
    add_photo(editor, uid, _jpeg(800, 600, "#00ffff"), public=False, caption="Hof")
    editor.close()
    review(register, uid, "approved")

    def page_of(key, include_owner, name):
        layer = register_layer(register.dsn(key), cat.VACANCY)
        request, map_layers = prepare.request_for(layer, uuids=[uid], include_owner=include_owner, lang="de")
        sites = collect.collect(request)
        pdf = tmp_path / f"{name}.pdf"
        layout.export(sites, str(pdf), False, map_layers, "de")
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / name)], check=True)
        return sites[0], QImage(str(next(tmp_path.glob(f"{name}*.png"))))

    public, image = page_of("editor_riesa", False, "public")
    assert [p.caption for p in public.photos] == ["Ansicht vom Markt · Foto: Stadt Meißen"]
    assert _colour_share(image, _magenta) > 0.02 and _colour_share(image, _cyan) == 0
    image.save(str(output_dir / "screenshots" / "dossier_photo.png"))
    internal, image = page_of("editor_meissen", True, "internal")
    assert [p.caption for p in internal.photos] == ["Ansicht vom Markt · Foto: Stadt Meißen",
                                                    "Hof · Foto: Stadt Meißen (intern)"]
    assert _colour_share(image, _magenta) > 0.02 and _colour_share(image, _cyan) > 0.02
    # a role that may not read internal photos asks in vain: the public one only
    other, _ = page_of("editor_riesa", True, "other")
    assert [p.caption for p in other.photos] == ["Ansicht vom Markt · Foto: Stadt Meißen"]
