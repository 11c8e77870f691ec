"""What the suitability dock keeps in the QGIS project: the active profile and the layer assigned to each
reference role (by layer id). Scripts that build a project (scripts/demo.py) assign layers the same way."""

from __future__ import annotations

from typing import Optional

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
