"""The service a reference feature offers (a station's regular commuter trains, or a heritage steam line).

Public transport is judged by the service, not by the presence of a stop. A reference role of the profile may
say how to classify its features (``references.<role>.service``)::

    {"field": "service", "default": "commuter",
     "rules": [{"service": "heritage", "field": "eva_nr", "values": [8012702, ...], "source": "..."}]}

A layer that has the ``field`` itself (e.g. one derived from a GTFS feed) is taken at its word; otherwise the
rules are tried in order (first match wins) and the rest get ``default``. A criterion with ``services`` counts
only features of those services. Pure Python: no QGIS import.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional

Spec = Dict[str, Any]


def spec_fields(spec: Optional[Spec]) -> List[str]:
    """The layer fields a classification reads."""
    if not spec:
        return []
    fields = [spec.get("field", "")] + [r.get("field", "") for r in spec.get("rules", [])]
    return list(dict.fromkeys(f for f in fields if f))


def _text(v: Any) -> str:
    if v is None or (hasattr(v, "isNull") and v.isNull()):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def classifier(spec: Spec) -> Callable[[Mapping[str, Any]], str]:
    """A function giving the service of one feature from its attribute values (field name -> value)."""
    own_field = spec.get("field", "")
    default = str(spec.get("default", ""))
    rules = [(r.get("field", ""), {_text(x) for x in r.get("values", [])}, str(r.get("service", "")))
             for r in spec.get("rules", [])]

    def classify(values: Mapping[str, Any]) -> str:
        own = _text(values.get(own_field)) if own_field else ""
        if own:
            return own
        for field, accepted, service in rules:
            if _text(values.get(field)) in accepted:
                return service
        return default

    return classify
