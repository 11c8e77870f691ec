"""The shipped reference layers for trying the suitability dock: real rail stations and municipalities, a
SYNTHETIC sample for the other roles. A file already in the project (the demo project's own copy, say) is used,
never added a second time."""

from __future__ import annotations

import filecmp
from pathlib import Path
from typing import Dict

from qgis.core import QgsProject, QgsVectorLayer

from ..core.paths import resource
from ..core.suitability import overlays

#: shipped demo layers per role (real: stations, municipalities; the rest SYNTHETIC)
DEMO_FILES = {
    "rail_stations": "db_stations_lk_meissen_area.geojson",
    "municipalities": "lk_meissen_gemeinden_vg5000.geojson",
    **{r: f"synthetic_{r}.geojson" for r in ("bus_stops", "shops", "cafes", "doctors", "schools", "kindergartens",
                                              "accommodation", "landscape")},
}


def same_file(source: str, path: str) -> bool:
    """Whether a layer source reads the file ``path``: the same path, or a file of the same name and content
    (the demo project's copy of a shipped file and the installed plugin's)."""
    file = Path(source.split("|")[0])
    target = Path(path)
    if not file.is_file() or not target.is_file():
        return False
    if file.resolve() == target.resolve():
        return True
    return file.name == target.name and filecmp.cmp(str(file), str(target), shallow=False)


def demo_layers() -> Dict[str, QgsVectorLayer]:
    """The demo layer of each role: the project's own if it has the file, else the shipped file, added."""
    project = QgsProject.instance()
    present = [lyr for lyr in project.mapLayers().values() if lyr.providerType() == "ogr"]
    out = {}
    for role, name in DEMO_FILES.items():
        path = str(resource("data", name))
        layer = next((lyr for lyr in present if same_file(lyr.source(), path)), None)
        if layer is None:
            layer = QgsVectorLayer(path, name.replace(".geojson", ""), "ogr")
            if not layer.isValid():
                continue
            if role in ("municipalities", "landscape"):  # outlines/tints, so the scores stay readable
                layer.setRenderer(overlays.reference_renderer(role))
            if project.addMapLayer(layer) is None:
                continue
            present.append(layer)
        out[role] = layer
    return out
