"""`make demo`: the county's data in QGIS with the plugin, on a local PostGIS, in a few clear steps.

    1. database     start the local PostGIS (scripts/pgcluster.py, .pgdata, its own port) and (re)create the
                    demo database ``coworking_demo``
    2. connection   a libpq service file in demo/output (the password lives there, 0600, git-ignored) and a
                    QGIS PostgreSQL connection "Coworking demo" in the isolated profile that names the service:
                    no password in the project or the profile
    3. register     install the shared register and the labelled sample sites (scripts/demo_register.py);
                    its vacancy and brownfield layers join the project through the service
       suitability  score the SYNTHETIC sample sites with the shipped profile (core/suitability) into
                    demo/output/eignung_beispiel.gpkg; the synthetic reference layers join the project unchecked
    4. project      demo/output/coworking_demo.qgz: county outline, municipalities, rail stations (with their
                    attribution in the layer metadata), plus the layers later steps add
    5. qgis         open QGIS with the project and the plugin (`make deploy` put it in the profile); without a
                    display it runs under xvfb-run, writes demo/output/screenshot.png and quits

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

LOG = logging.getLogger("demo")

DATA = ROOT / "resources" / "data"
DBNAME = "coworking_demo"
SERVICE = "coworking_demo"
CONNECTION = "Coworking demo"
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
    def screenshot(self) -> Path:
        return self.output / "screenshot.png"


# -- 1. database --------------------------------------------------------------------------------------------
def start_database(demo: Demo) -> None:
    demo.cluster = Cluster(demo.pgdata, demo.port)
    demo.cluster.start()
    demo.cluster.create_database(DBNAME)
    LOG.info("PostGIS on 127.0.0.1:%s, database %s (superuser password in %s)", demo.port, DBNAME,
             demo.cluster.password_file)


# -- 3. register ----------------------------------------------------------------------------------------------
def install_register(demo: Demo) -> None:
    """The register schema, roles and sample sites (the Database feature's scripts/demo_register.py)."""
    from qgis.core import QgsDataSourceUri

    from scripts import demo_register

    demo.results["register"] = demo_register.install(demo.dsn)
    LOG.info("register version %s, sample sites added: %d", demo.results["register"]["version"],
             len(demo.results["register"]["samples_added"]))
    # the register's layers, through the service (no password in the project); styles come from layer_styles
    # value_list: the value lists the register's forms use (the stored forms depend on it)
    for table, name, geom, key in (("vacancy", "Leerstand (Register)", "geom", "uuid"),
                                   ("brownfield", "Brachflächen (Register)", "geom", "uuid"),
                                   ("value_list", "value_list", None, "")):
        uri = QgsDataSourceUri()
        uri.setConnection(SERVICE, "", "", "")
        uri.setDataSource("coworking", table, geom, "", key)
        demo.extra_layers.append((name, uri.uri(False), "postgres"))


# -- 2. connection ------------------------------------------------------------------------------------------
def write_connection(demo: Demo) -> None:
    """pg_service.conf beside the project, and a QGIS connection in the profile that only names the service."""
    from qgis.PyQt.QtCore import QSettings

    demo.output.mkdir(parents=True, exist_ok=True)
    demo.service_file.write_text(
        f"[{SERVICE}]\nhost=127.0.0.1\nport={demo.port}\ndbname={DBNAME}\n"
        f"user=postgres\npassword={demo.cluster.password}\n"
    )
    os.chmod(demo.service_file, 0o600)
    os.environ["PGSERVICEFILE"] = str(demo.service_file)  # for this process (project layers) and QGIS
    ini = demo.profiles / "profiles" / demo.profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    base = f"PostgreSQL/connections/{CONNECTION}/"
    for key, value in {"service": SERVICE, "host": "", "port": "", "database": DBNAME, "username": "",
                       "password": "", "authcfg": "", "saveUsername": False, "savePassword": False,
                       "sslmode": "SslPrefer", "estimatedMetadata": True}.items():
        s.setValue(base + key, value)
    s.setValue("PostgreSQL/connections/selected", CONNECTION)
    s.setValue("coworking_plugin/database", CONNECTION)
    s.sync()


# -- 3b. suitability ----------------------------------------------------------------------------------------
SYNTHETIC_ROLES = ("bus_stops", "shops", "cafes", "doctors", "schools", "kindergartens", "accommodation",
                   "landscape")


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
    for role in SYNTHETIC_ROLES:
        demo.hidden_layers.append((f"SYNTHETISCH: {role}", str(DATA / f"synthetic_{role}.geojson"), "ogr"))
        demo.roles[f"SYNTHETISCH: {role}"] = role
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

    extra = []
    for name, source, provider in demo.extra_layers:
        lyr = QgsVectorLayer(source, name, provider)
        if lyr.isValid():
            if name in demo.styles:
                demo.styles[name](lyr)
            extra.append(lyr)
        else:
            LOG.warning("layer %s is not valid; left out of the demo project", name)
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


# -- 5. qgis ------------------------------------------------------------------------------------------------
def open_qgis(demo: Demo) -> None:
    from scripts.desktop import needs_xvfb, run_qgis

    headless = needs_xvfb() if demo.headless is None else demo.headless
    env = {"PGSERVICEFILE": str(demo.service_file), "COWORKING_QGIS_CHECK_CONNECTION": CONNECTION}
    demo.screenshot.unlink(missing_ok=True)
    run = run_qgis(demo.profiles, demo.output / "qgis-run", project=demo.project_file, profile=demo.profile,
                   probe=headless, screenshot=demo.screenshot if headless else None, headless=headless,
                   timeout=180, extra_env=env)
    demo.results["qgis"] = run.report
    for m in run.python_errors:
        LOG.error("QGIS: %s", m["message"])
    if headless:
        if not demo.screenshot.exists():
            raise RuntimeError("QGIS wrote no screenshot:\n" + run.output[-3000:])
        LOG.info("screenshot: %s (plugin active: %s, layers: %s)", demo.screenshot, run.report.get("active"),
                 ", ".join(lyr["name"] for lyr in run.report.get("layers", [])))
        LOG.info("QGIS connection %r: %s", CONNECTION, run.report.get("connection_check"))


STEPS: List[Callable[[Demo], None]] = [start_database, write_connection, install_register, score_sample_sites,
                                       build_project, open_qgis]


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--profiles", type=Path, default=ROOT / ".qgis-profile")
    p.add_argument("--profile", default="default")
    p.add_argument("--pgdata", type=Path, default=ROOT / ".pgdata")
    p.add_argument("--port", type=int, default=55432)
    p.add_argument("--output", type=Path, default=ROOT / "demo" / "output")
    p.add_argument("--screenshot", action="store_true", help="headless with a screenshot even with a display")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="demo: %(message)s")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # this process only builds files
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    demo = Demo(a.profiles.resolve(), a.pgdata.absolute(), a.port, a.output.resolve(), a.profile,
                headless=True if a.screenshot else None)
    try:
        for n, step in enumerate(STEPS, 1):
            LOG.info("step %d/%d: %s", n, len(STEPS), step.__name__)
            step(demo)
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
