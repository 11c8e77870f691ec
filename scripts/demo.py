"""`make demo`: the county's data in QGIS with the plugin, on a local PostGIS, with real roles, in German.

    1. database     start the local PostGIS (scripts/pgcluster.py, .pgdata, its own port) and (re)create the
                    demo database ``coworking_demo``
    2. register     install the shared register; four login roles through the register's role functions (an
                    editor for Meißen, one for Riesa, a reviewer, a reader: scripts/demo_roles.py), their random
                    passwords only in the libpq service file demo/output/pg_service.conf (0600, git-ignored);
                    the sample sites' stories played with those logins (scripts/demo_register.py), so every
                    review state is there; the QGIS profile gets one connection per role (naming its service),
                    the German locale and the plugin's connection on the Meißen editor
       working copy the Meißen editor's working copy (core/sync checkout) with one local draft
       suitability  score the SYNTHETIC sample sites with the shipped profile (core/suitability) into
                    demo/output/eignung_beispiel.gpkg; the synthetic reference layers join the project unchecked
    3. project      demo/output/coworking_demo.qgz: county outline, municipalities, rail stations (with their
                    attribution in the layer metadata), the register's and the working copy's layers; helper
                    tables (value_list) are in the project for the forms but not in the layer tree
    4. qgis         open QGIS in German with the project, the plugin and its docks; without a display (or with
                    --screenshot) it runs under xvfb-run, writes one screenshot per dock and of the success
                    indicators to demo/output/screenshots/ (scripts/demo_shots.py) and quits; --docs-img copies
                    them under the README's names

Each step is a function ``step(demo: Demo) -> None``; add one by appending it to STEPS.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.pgcluster import Cluster  # noqa: E402

SHOTS = Path(__file__).resolve().parent / "demo_shots.py"

LOG = logging.getLogger("demo")

DATA = ROOT / "resources" / "data"
DBNAME = "coworking_demo"
#: screenshot file in demo/output/screenshots -> name under docs/img (the README and the user guide link these)
#: prefix of a layer the project needs (forms) but the layer tree does not show
HELPER = "helper:"
DOCS_IMAGES = {"capture": "erfassen.png", "review": "pruefen.png", "suitability": "eignung.png",
               "sync": "abgleich.png", "dashboard": "indikatoren.png"}
PROJECT_CRS = "EPSG:25833"
BKG = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
DB_AG = "Deutsche Bahn AG"


@dataclass
class Demo:
    profiles: Path
    pgdata: Path
    port: int
    output: Path
    profile: str = "default"
    headless: Optional[bool] = None
    docs_img: Optional[Path] = None
    cluster: Optional[Cluster] = None
    #: layers for the project besides the county's own: (name, QGIS data source, provider), top first
    extra_layers: List[Tuple[str, str, str]] = field(default_factory=list)
    #: layers added unchecked in a group "Synthetische Beispieldaten" (reference layers for the suitability dock)
    hidden_layers: List[Tuple[str, str, str]] = field(default_factory=list)
    #: layer name -> the suitability role it serves (assigned in the project for the dock)
    roles: Dict[str, str] = field(default_factory=dict)
    #: layer name -> function that styles the layer (for extra layers without a stored default style)
    styles: Dict[str, Callable[[object], None]] = field(default_factory=dict)
    results: Dict[str, object] = field(default_factory=dict)

    @property
    def dsn(self) -> str:
        """Superuser DSN of the demo database (for the steps; never written anywhere)."""
        return self.cluster.dsn(DBNAME)

    @property
    def service_file(self) -> Path:
        return self.output / "pg_service.conf"

    @property
    def project_file(self) -> Path:
        return self.output / "coworking_demo.qgz"

    @property
    def screenshots(self) -> Path:
        return self.output / "screenshots"

    @property
    def working_copy(self) -> Path:
        return self.output / "arbeitskopie_meissen.gpkg"

    @property
    def ini(self) -> Path:
        return self.profiles / "profiles" / self.profile / "QGIS" / "QGIS3.ini"


# -- 1. database --------------------------------------------------------------------------------------------
def start_database(demo: Demo) -> None:
    demo.cluster = Cluster(demo.pgdata, demo.port)
    demo.cluster.start()
    demo.cluster.create_database(DBNAME)
    LOG.info("PostGIS on 127.0.0.1:%s, database %s (superuser password in %s)", demo.port, DBNAME,
             demo.cluster.password_file)


# -- 2. register, roles, working copy -----------------------------------------------------------------------
def install_register(demo: Demo) -> None:
    """The register schema, the demo's logins and services, the sample sites' stories, the QGIS profile."""
    from qgis.core import QgsDataSourceUri

    from scripts import demo_register, demo_roles

    def logins(admin_conn) -> None:
        passwords = demo_roles.create_logins(admin_conn, DBNAME)
        demo_roles.write_service_file(demo.service_file, demo.port, DBNAME, passwords)

    os.environ["PGSERVICEFILE"] = str(demo.service_file)  # for this process (samples, project layers) and QGIS
    demo.results["register"] = demo_register.install(demo.dsn, demo_roles.connect, before_samples=logins)
    demo_roles.write_profile(demo.ini, demo.working_copy)
    LOG.info("register version %s, sample sites added: %d; services in %s", demo.results["register"]["version"],
             len(demo.results["register"]["samples_added"]), demo.service_file)
    # the register's layers as the Meißen editor, through the service (no password in the project); styles and
    # forms come from layer_styles; value_list: the forms' value lists (in the project, not in the layer tree)
    service = demo_roles.ROLES[demo_roles.DEFAULT_ROLE].service
    for table, name, geom, key in (("vacancy", "Leerstand (Register)", "geom", "uuid"),
                                   ("brownfield", "Brachflächen (Register)", "geom", "uuid"),
                                   ("value_list", HELPER + "value_list", None, "")):
        uri = QgsDataSourceUri()
        uri.setConnection(service, "", "", "")
        uri.setDataSource("coworking", table, geom, "", key)
        demo.extra_layers.append((name, uri.uri(False), "postgres"))


def check_out_working_copy(demo: Demo) -> None:
    """The Meißen editor's working copy (core/sync, as the sync dock does) with one local, unpushed draft."""
    from scripts import demo_register, demo_roles

    role = demo_roles.ROLES["meissen"]
    demo.results["working_copy"] = demo_register.working_copy_with_draft(role.service, demo.working_copy)
    LOG.info("working copy of %s: %s (one local draft)", role.login, demo.working_copy)


# -- 3b. suitability ----------------------------------------------------------------------------------------
#: the synthetic reference layers: suitability role -> German layer name
SYNTHETIC_ROLES = {"bus_stops": "Bushaltestellen", "shops": "Nahversorgung", "cafes": "Cafés und Bäckereien",
                   "doctors": "Ärzte und Apotheken", "schools": "Grundschulen", "kindergartens": "Kitas",
                   "accommodation": "Beherbergung", "landscape": "Landschaftsräume"}


def score_sample_sites(demo: Demo) -> None:
    """Score the synthetic sample sites with the shipped profile (core/suitability, as the dock does), save
    them to demo/output/eignung_beispiel.gpkg; the synthetic reference layers join the project, unchecked."""
    from qgis.core import QgsFeature, QgsProject, QgsVectorFileWriter, QgsVectorLayer

    from coworking_plugin.core.suitability import layers as suit
    from coworking_plugin.core.suitability import overlays
    from coworking_plugin.core.suitability import profile as profiles

    def shipped(name: str) -> QgsVectorLayer:
        lyr = QgsVectorLayer(str(DATA / name), name, "ogr")
        if not lyr.isValid():
            raise RuntimeError(f"cannot read {DATA / name}")
        return lyr

    refs = {role: shipped(f"synthetic_{role}.geojson") for role in SYNTHETIC_ROLES}
    refs["rail_stations"] = shipped("db_stations_lk_meissen_area.geojson")
    refs["municipalities"] = shipped("lk_meissen_gemeinden_vg5000.geojson")
    sites = shipped("synthetic_sites.geojson")
    profile = profiles.default_profile()
    run = suit.compute_run(sites, refs, profile)
    fields = suit.output_fields(sites.fields(), profile, "de")
    scored = QgsVectorLayer(f"Point?crs={sites.crs().authid()}", "scored", "memory")
    scored.dataProvider().addAttributes(fields.toList())
    scored.updateFields()
    if not scored.dataProvider().addFeatures([QgsFeature(f) for f in suit.scored_features(run, fields)]):
        raise RuntimeError("the scored sample sites could not be stored")
    target = demo.output / "eignung_beispiel.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "eignung_beispiel"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(scored, str(target), QgsProject.instance().transformContext(),
                                                      options)[0]
    if error != QgsVectorFileWriter.WriterError.NoError:
        raise RuntimeError(f"could not write {target}")
    name = "Eignung Coworking (SYNTHETISCHE Beispielobjekte)"
    demo.extra_layers.append((name, f"{target}|layername=eignung_beispiel", "ogr"))
    demo.styles[name] = lambda layer: overlays.style_sites(layer, profile, "de")
    demo.results["suitability"] = {"sites": len(run.features), "profile": profile}
    for role, label in SYNTHETIC_ROLES.items():
        demo.hidden_layers.append((f"SYNTHETISCH: {label}", str(DATA / f"synthetic_{role}.geojson"), "ogr"))
        demo.roles[f"SYNTHETISCH: {label}"] = role
    LOG.info("%d synthetic sample sites scored into %s", len(run.features), target)


# -- 4. project ---------------------------------------------------------------------------------------------
def _metadata(layer, title: str, abstract: str, rights: str, licence: str) -> None:
    from qgis.core import QgsLayerMetadata

    md = QgsLayerMetadata()
    md.setTitle(title)
    md.setAbstract(abstract)
    md.setRights([rights])
    md.setLicenses([licence])
    layer.setMetadata(md)


def build_project(demo: Demo) -> None:
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFillSymbol,
        QgsMarkerSymbol,
        QgsPalLayerSettings,
        QgsProject,
        QgsReferencedRectangle,
        QgsRendererCategory,
        QgsSingleSymbolRenderer,
        QgsTextFormat,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    from coworking_plugin.core.capture import formconfig
    from coworking_plugin.core.suitability.projectkeys import assign_layer

    project = QgsProject.instance()
    project.clear()
    project.setTitle("Coworking Leerstandsmelder – Landkreis Meißen (Demo)")
    crs = QgsCoordinateReferenceSystem(PROJECT_CRS)
    project.setCrs(crs)

    def layer(file: str, name: str) -> QgsVectorLayer:
        lyr = QgsVectorLayer(str(DATA / file), name, "ogr")
        if not lyr.isValid():
            raise RuntimeError(f"cannot read {DATA / file}")
        return lyr

    county = layer("lk_meissen_kreis_vg5000.geojson", "Landkreis Meißen")
    county.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "#3b3b3b", "outline_width": "0.8"})))
    _metadata(county, "Landkreis Meißen (VG5000)", "County outline, BKG VG5000, Stand 01.01.2021.",
              BKG, "Datenlizenz Deutschland – Namensnennung 2.0 (dl-de/by-2-0)")

    municipalities = layer("lk_meissen_gemeinden_vg5000.geojson", "Gemeinden")
    municipalities.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "#f3efe0", "outline_color": "#9a9a9a", "outline_width": "0.3"})))
    labels = QgsPalLayerSettings()
    labels.fieldName = "GEN"
    text = QgsTextFormat()
    text.setFont(QFont("DejaVu Sans"))  # explicit: the offscreen default font is not installed for the GUI
    text.setSize(8)
    text.setColor(QColor("#555555"))
    labels.setFormat(text)
    municipalities.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    municipalities.setLabelsEnabled(True)
    _metadata(municipalities, "Gemeinden im Landkreis Meißen (VG5000)",
              "The 28 municipalities of Landkreis Meißen, BKG VG5000, Stand 01.01.2021.",
              BKG, "Datenlizenz Deutschland – Namensnennung 2.0 (dl-de/by-2-0)")

    stations = layer("db_stations_lk_meissen_area.geojson", "Bahnhöfe")
    inside = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#c0392b", "outline_color": "white",
                                           "size": "3"})
    outside = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#b0b0b0", "outline_color": "white",
                                            "size": "2"})
    stations.setRenderer(QgsCategorizedSymbolRenderer("in_lk_meissen_ifopt", [
        QgsRendererCategory(True, inside, "im Landkreis"),
        QgsRendererCategory(False, outside, "Umgebung"),
    ]))
    _metadata(stations, "Bahnhöfe (DB Station&Service, 2020)",
              "Rail stations in and around Landkreis Meißen, DB Station&Service Haltestellendaten 2020.",
              DB_AG, "CC BY 4.0")

    extra, helpers = [], []
    for name, source, provider in demo.extra_layers:
        lyr = QgsVectorLayer(source, name.replace(HELPER, "", 1), provider)
        if not lyr.isValid():
            LOG.warning("layer %s is not valid; left out of the demo project", name)
            continue
        if name in demo.styles:
            demo.styles[name](lyr)
        (helpers if name.startswith(HELPER) else extra).append(lyr)
    for lyr in helpers:  # in the project (the forms' value relations name them), not in the layer tree
        if project.addMapLayer(lyr, False) is None:
            raise RuntimeError(f"cannot add {lyr.name()}")
        formconfig.mark_private(lyr)
    # layer tree from top to bottom (addMapLayers appends): the register's sites and the stations over the
    # county outline over the municipalities
    layers = extra + [stations, county, municipalities]
    if len(project.addMapLayers(layers)) != len(layers):
        raise RuntimeError("the demo layers could not be added to the project")
    if demo.hidden_layers:
        group = project.layerTreeRoot().addGroup("Synthetische Beispieldaten (erfunden, nur Demo)")
        for name, source, provider in demo.hidden_layers:
            lyr = QgsVectorLayer(source, name, provider)
            if not lyr.isValid() or project.addMapLayer(lyr, False) is None:
                raise RuntimeError(f"cannot add {source}")
            group.addLayer(lyr).setItemVisibilityChecked(False)
            if name in demo.roles:
                assign_layer(project, demo.roles[name], lyr.id())
        group.setExpanded(False)
    if demo.working_copy.exists():  # the Meißen editor's working copy, styled by state, with its forms
        from coworking_plugin.core.sync import maplayers

        maplayers.add_working_copy_layers(str(demo.working_copy), project, "de")
    # the suitability dock opens with the demo's reference layers assigned
    assign_layer(project, "rail_stations", stations.id())
    assign_layer(project, "municipalities", municipalities.id())

    extent = QgsCoordinateTransform(county.crs(), crs, project).transformBoundingBox(county.extent())
    extent.scale(1.08)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, crs))
    project.writeEntry("CopyrightLabel", "/Enabled", True)
    project.writeEntry("CopyrightLabel", "/Label",
                       f"{BKG}, dl-de/by-2-0 · Bahnhöfe: {DB_AG}, CC BY 4.0")
    demo.output.mkdir(parents=True, exist_ok=True)
    if not project.write(str(demo.project_file)):
        raise RuntimeError(f"could not write {demo.project_file}")
    LOG.info("project written to %s", demo.project_file)


# -- 4. qgis ------------------------------------------------------------------------------------------------
def open_qgis(demo: Demo) -> None:
    """QGIS in German with the project and the docks; headless: the screenshots (scripts/demo_shots.py)."""
    import shutil

    from scripts import demo_register, demo_roles, desktop
    from scripts.desktop import needs_xvfb, run_qgis

    headless = needs_xvfb() if demo.headless is None else demo.headless
    env = {"PGSERVICEFILE": str(demo.service_file), "COWORKING_DEMO_SHOTS": str(demo.screenshots) if headless else "",
           "COWORKING_DEMO_REVIEWER": demo_roles.ROLES["pruefung"].connection,
           "COWORKING_DEMO_CHANGE": demo_register.sample_uuid("meissen-post"),
           "COWORKING_DEMO_EDIT": demo_register.sample_uuid("meissen-schule")}
    shutil.rmtree(demo.screenshots, ignore_errors=True)
    run = run_qgis(demo.profiles, demo.output / "qgis-run", project=demo.project_file, profile=demo.profile,
                   probe=headless, headless=headless, timeout=240, extra_env=env, code=SHOTS)
    demo.results["qgis"] = run.report
    for m in run.python_errors:
        LOG.error("QGIS: %s", m["message"])
    if not headless:
        return
    shots = run.report.get("screenshots", {})
    missing = [key for key in DOCS_IMAGES if not (demo.screenshots / f"{key}.png").exists()]
    if missing or run.python_errors or "error" in run.report:
        raise RuntimeError(f"QGIS wrote no screenshot of {', '.join(missing) or '-'}; errors: "
                           f"{len(run.python_errors)} {run.report.get('error', '')}\n" + run.output[-3000:])
    LOG.info("screenshots in %s: %s", demo.screenshots, ", ".join(f"{k} ({v} bytes)" for k, v in shots.items()))
    LOG.info("QGIS connections log in as: %s", ", ".join(f"{k}: {v}" for k, v in run.report["logins"].items()))
    if demo.docs_img:
        demo.docs_img.mkdir(parents=True, exist_ok=True)
        for key, name in DOCS_IMAGES.items():
            desktop.copy_small(demo.screenshots / f"{key}.png", demo.docs_img / name)
        LOG.info("copied to %s: %s", demo.docs_img, ", ".join(DOCS_IMAGES.values()))


STEPS: List[Callable[[Demo], None]] = [start_database, install_register, check_out_working_copy,
                                       score_sample_sites, build_project, open_qgis]


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--profiles", type=Path, default=ROOT / ".qgis-profile")
    p.add_argument("--profile", default="default")
    p.add_argument("--pgdata", type=Path, default=ROOT / ".pgdata")
    p.add_argument("--port", type=int, default=55432)
    p.add_argument("--output", type=Path, default=ROOT / "demo" / "output")
    p.add_argument("--screenshot", action="store_true", help="headless with screenshots even with a display")
    p.add_argument("--docs-img", type=Path, help="copy the screenshots here under the README's names")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="demo: %(message)s")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # this process only builds files
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    demo = Demo(a.profiles.resolve(), a.pgdata.absolute(), a.port, a.output.resolve(), a.profile,
                headless=True if a.screenshot or a.docs_img else None,
                docs_img=a.docs_img.resolve() if a.docs_img else None)
    try:
        for n, step in enumerate(STEPS, 1):
            LOG.info("step %d/%d: %s", n, len(STEPS), step.__name__)
            step(demo)
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
