"""What a dossier needs from the QGIS session, captured on the main thread: the site layer as a thread-safe
source, the reference layers (given, else those the suitability dock assigned in the project, else the real
ones shipped with the plugin), the profile, and the recipes of the map layers."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsProject, QgsVectorLayer

from ..i18n import tr, ui_language
from ..paths import resource
from ..suitability import layers
from ..suitability import profile as profiles
from .collect import DossierRequest, OwnerAccess
from .layout import MapLayer, municipalities_layer, other_sites_layer

#: where the suitability dock keeps its choices in the project (gui/suitability_dock.py, suitability_profile.py)
SCOPE = "coworking_plugin"
LAYER_KEY = "suitability/layer/{role}"
PROFILE_KEY = "suitability/profile"
#: the real reference data shipped with the plugin (the other shipped layers are synthetic: never in a dossier)
SHIPPED = {"rail_stations": "db_stations_lk_meissen_area.geojson",
           "municipalities": "lk_meissen_gemeinden_vg5000.geojson"}


def project_references() -> Dict[str, QgsVectorLayer]:
    """The reference layers assigned in the suitability dock of the current project, or the shipped real ones."""
    found: Dict[str, QgsVectorLayer] = {}
    project = QgsProject.instance()
    for role in ("rail_stations", "bus_stops", "shops", "cafes", "doctors", "schools", "kindergartens",
                 "accommodation", "landscape", "municipalities"):
        lid, ok = project.readEntry(SCOPE, LAYER_KEY.format(role=role), "")
        layer = project.mapLayer(lid) if ok and lid else None
        if isinstance(layer, QgsVectorLayer) and layer.isValid():
            found[role] = layer
    if not found:
        names = {"rail_stations": tr("Rail stations"), "municipalities": tr("Municipalities")}
        for role, name in SHIPPED.items():
            layer = QgsVectorLayer(str(resource("data", name)), names[role], "ogr")
            if layer.isValid():
                found[role] = layer
    return found


def project_profile() -> profiles.Profile:
    text, ok = QgsProject.instance().readEntry(SCOPE, PROFILE_KEY, "")
    if ok and text:
        try:
            return profiles.from_json(text)
        except profiles.ProfileError:
            pass
    return profiles.default_profile()


def photo_dsn(layer: QgsVectorLayer) -> str:
    """Where the photos of the layer's sites are: the register of a PostGIS layer, else (a working copy) the
    register of the plugin's settings; empty when there is none."""
    from .. import connection
    from ..settings import PluginSettings

    if layer.providerType() == "postgres":
        return OwnerAccess.for_layer(layer).dsn
    database = PluginSettings.load().database
    try:
        return connection.libpq_dsn(database) if database else ""
    except connection.ConnectionError_:
        return ""


def request_for(layer: QgsVectorLayer, feature_ids: Optional[Sequence[int]] = None,
                uuids: Optional[Sequence[str]] = None, profile: Optional[profiles.Profile] = None,
                references: Optional[Dict[str, QgsVectorLayer]] = None, include_owner: bool = False,
                lang: Optional[str] = None) -> Tuple[DossierRequest, List[MapLayer]]:
    """The request for :func:`collect.collect` (any thread) and the map layers for :func:`layout.export`."""
    refs = references if references is not None else project_references()
    request = DossierRequest(
        source=layers.DetachedSource(layer), profile=profile or project_profile(),
        references={role: layers.DetachedSource(lyr) for role, lyr in refs.items()},
        feature_ids=list(feature_ids) if feature_ids is not None else None,
        uuids=list(uuids) if uuids is not None else None, include_owner=include_owner,
        owner_access=OwnerAccess.for_layer(layer) if include_owner else OwnerAccess(),
        lang=lang or ui_language(), photo_dsn=photo_dsn(layer))
    # the first is drawn on top: references over the municipalities' fill
    map_layers = [other_sites_layer(layer)]
    map_layers += [MapLayer.of(lyr) for role, lyr in refs.items() if role != "municipalities"]
    map_layers.append(municipalities_layer())
    return request, map_layers
