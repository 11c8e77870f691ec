"""The working copy on the map: its brownfield and vacancy layers in the project, once each, with the
catalogue's attribute form (core/capture/formconfig.py) and the symbols by review and sync state
(core/register/styles.py). Called after a checkout (sync dock) and by the capture dock's "Show working copy".
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterator, Optional

from qgis.core import QgsProject, QgsVectorLayer

from ..capture import formconfig
from ..capture.validation import label_language
from ..register import catalogue as cat
from ..register.styles import status_renderer
from . import workingcopy as wc


def working_copy_kind(layer: QgsVectorLayer, wc_path: str) -> Optional[str]:
    """``brownfield`` or ``vacancy`` when ``layer`` shows that table of the working copy at ``wc_path``."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    source = layer.source()
    try:
        if Path(source.split("|")[0]).resolve() != Path(wc_path).resolve():
            return None
    except OSError:
        return None
    for kind in cat.KINDS:
        if source.endswith(f"layername={kind}"):
            return kind
    return None


def working_copy_layers(wc_path: str, project: Optional[QgsProject] = None) -> Iterator[QgsVectorLayer]:
    """The project's layers that show the working copy's sites."""
    for layer in (project or QgsProject.instance()).mapLayers().values():
        if working_copy_kind(layer, wc_path):
            yield layer


def add_working_copy_layers(wc_path: str, project: Optional[QgsProject] = None,
                            lang: Optional[str] = None) -> Dict[str, QgsVectorLayer]:
    """The working copy's site layers in ``project``: added (styled by status) when missing, reloaded when there.

    A layer the officer has already (perhaps restyled) keeps its symbols; the form is configured on every call,
    so it follows the catalogue of this plugin version."""
    project = project or QgsProject.instance()
    lang = lang or label_language()
    layers: Dict[str, QgsVectorLayer] = {}
    for layer in working_copy_layers(wc_path, project):
        kind = working_copy_kind(layer, wc_path)
        if kind not in layers:
            layer.dataProvider().reloadData()
            layer.triggerRepaint()
            layers[kind] = layer
    for kind in cat.KINDS:
        if kind in layers:
            continue
        layer = wc.layer(str(wc_path), kind)
        layer.setName(cat.KIND_LABELS[kind][0 if lang == "de" else 1])
        layer.setRenderer(status_renderer(kind, lang, with_sync_state=True))
        layers[kind] = project.addMapLayer(layer)
    formconfig.configure_working_copy(str(wc_path), layers, lang, project)
    return layers


def refresh_working_copy_layers(wc_path: str, project: Optional[QgsProject] = None) -> None:
    """Reload the working copy's layers after it was written outside QGIS's edit buffer."""
    for layer in working_copy_layers(wc_path, project):
        layer.dataProvider().reloadData()
        layer.triggerRepaint()
