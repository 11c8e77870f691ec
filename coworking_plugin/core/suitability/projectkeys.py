"""What the suitability dock keeps in the QGIS project: the active profile and the layer assigned to each
reference role (by layer id); and which project layer it scores by default. Scripts that build a project
(scripts/demo.py) assign layers the same way."""

from __future__ import annotations

from typing import Iterable, Optional

SCOPE = "coworking_plugin"
PROFILE_KEY = "suitability/profile"
LAYER_KEY = "suitability/layer/{role}"


def assign_layer(project, role: str, layer_id: str) -> None:
    """Assign a layer (its id; "" for none) to a reference role of the profile."""
    project.writeEntry(SCOPE, LAYER_KEY.format(role=role), layer_id)


def assigned_layer(project, role: str) -> Optional[object]:
    """The layer assigned to ``role`` in the project, or None."""
    layer_id, ok = project.readEntry(SCOPE, LAYER_KEY.format(role=role), "")
    return project.mapLayer(layer_id) if ok and layer_id else None


def register_site_layer(candidates: Iterable[object]) -> Optional[object]:
    """The layer of the county's own sites to score by default: a working-copy table (GeoPackage layer
    ``vacancy``/``brownfield``), else a register table (PostGIS ``coworking.vacancy``/``brownfield`` or the
    public view); vacancies first. None when the project has neither: the user then picks, nothing is guessed
    (a station or municipality layer is never a default)."""
    from qgis.core import QgsDataSourceUri

    from ..register.catalogue import BROWNFIELD, VACANCY

    layers = [lyr for lyr in candidates if hasattr(lyr, "providerType")]

    def rank(lyr) -> Optional[int]:
        kinds = (VACANCY, BROWNFIELD)
        if lyr.providerType() == "ogr":
            for k, kind in enumerate(kinds):
                if lyr.source().endswith(f"layername={kind}"):
                    return k
        elif lyr.providerType() == "postgres":
            uri = QgsDataSourceUri(lyr.source())
            if uri.schema() == "coworking" and uri.table() in kinds + ("public_site",):
                return 2 + (kinds + ("public_site",)).index(uri.table())
        return None

    ranked = sorted((r, i, lyr) for i, lyr in enumerate(layers) if (r := rank(lyr)) is not None)
    return ranked[0][2] if ranked else None
