"""The suitability profile: criteria, curves, model weights and knock-out rules, as data (a JSON file).

The shipped default is resources/profiles/default.json; it documents where every threshold comes from.
Pure Python: no QGIS import, so the tests, the Processing algorithm and the dock share it.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ..i18n import tr
from ..paths import resource

KINDS = ("nearest", "count", "distance_to_point", "site_field", "population", "reference_attribute",
         "polygon_attribute")
RULES = ("field_equals", "field_false", "outside_county", "inside_layer")
AGGREGATES = ("max", "min", "sum")
#: the site field holding the 8-digit municipality key (officer's choice or the server's assignment)
AGS_FIELD = "municipality_ags"


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the entry to fix."""


@dataclass
class Criterion:
    id: str  # noqa: A003
    kind: str
    curve: List[Tuple[float, float]]
    label_en: str = ""
    label_de: str = ""
    layers: List[str] = dc_field(default_factory=list)
    radius_m: float = 0.0
    field: str = ""
    values: Dict[str, float] = dc_field(default_factory=dict)
    point: Optional[Tuple[float, float]] = None
    point_crs: str = "EPSG:4326"
    scale: float = 1.0
    unit: str = ""
    unit_de: str = ""
    missing_score: float = 0.0
    source: str = ""
    #: only reference features of these services count (e.g. ["commuter"]; empty: every feature), see services.py
    services: List[str] = dc_field(default_factory=list)
    #: reference_attribute: how the ``field`` of the features within ``radius_m`` combine (max, min, sum), and the
    #: value where none lies within (None: unknown)
    aggregate: str = "max"
    none_within: Optional[float] = None
    #: a criterion whose partial score counts instead while none of this criterion's layers is loaded (e.g. the
    #: straight line to Dresden while no GTFS feed is loaded)
    fallback: str = ""

    def label(self, lang: str = "en") -> str:
        return (self.label_de if lang == "de" else self.label_en) or self.id

    def unit_label(self, lang: str = "en") -> str:
        return (self.unit_de if lang == "de" else "") or self.unit

    @property
    def spatial(self) -> bool:
        return self.kind in ("nearest", "count", "distance_to_point", "population", "reference_attribute",
                             "polygon_attribute")


@dataclass
class Model:
    id: str  # noqa: A003
    weights: Dict[str, float]
    label_en: str = ""
    label_de: str = ""
    description: str = ""
    target_groups: List[str] = dc_field(default_factory=list)

    def label(self, lang: str = "en") -> str:
        return (self.label_de if lang == "de" else self.label_en) or self.id


@dataclass
class KnockOut:
    id: str  # noqa: A003
    rule: str
    field: str = ""
    value: Any = None
    enabled: bool = True
    label_en: str = ""
    label_de: str = ""
    #: the rule applies only to sites whose field ``only_if["field"]`` equals ``only_if["equals"]``
    #: (e.g. missing publication consent matters for privately owned sites only)
    only_if: Optional[Dict[str, Any]] = None
    #: outside_county: metres a site may lie outside the (generalised) outline and still count as inside
    tolerance_m: float = 0.0
    #: inside_layer: the reference role whose polygons knock a site out (flood zones, nature reserves)
    layer: str = ""
    source: str = ""

    def label(self, lang: str = "en") -> str:
        return (self.label_de if lang == "de" else self.label_en) or self.id


@dataclass
class Profile:
    name: str
    criteria: List[Criterion]
    models: List[Model]
    knockouts: List[KnockOut] = dc_field(default_factory=list)
    references: Dict[str, Dict[str, str]] = dc_field(default_factory=dict)
    population_field: str = "population"
    population_by_ags: Dict[str, float] = dc_field(default_factory=dict)
    #: CSV (ags, population) in resources/data or a path; ``population_by_ags`` overrides single entries
    population_table: str = ""
    serve_threshold: float = 50.0
    description: str = ""
    extra: Dict[str, Any] = dc_field(default_factory=dict)  # unknown keys, written back unchanged

    # -- access ---------------------------------------------------------------------------------------
    def criterion(self, cid: str) -> Criterion:
        for c in self.criteria:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def model(self, mid: str) -> Model:
        for m in self.models:
            if m.id == mid:
                return m
        raise KeyError(mid)

    @property
    def criterion_ids(self) -> List[str]:
        return [c.id for c in self.criteria]

    @property
    def model_ids(self) -> List[str]:
        return [m.id for m in self.models]

    def reference_roles(self) -> List[str]:
        """Reference layers the criteria read, in the order of ``references`` then first use."""
        roles = list(self.references)
        for r in [r for c in self.criteria for r in c.layers] + [k.layer for k in self.knockouts if k.layer]:
            if r not in roles:
                roles.append(r)
        if "municipalities" not in roles:
            roles.append("municipalities")
        return roles

    def reference_fields(self, role: str) -> List[str]:
        """The attributes of the role's features that criteria read (reference_attribute, polygon_attribute)."""
        return list(dict.fromkeys(c.field for c in self.criteria if c.kind in ("reference_attribute",
                                                                              "polygon_attribute")
                                  and role in c.layers and c.field))

    def site_fields(self) -> List[str]:
        """Every site field a criterion or a knock-out rule reads (``only_if`` included), and the key."""
        wanted = [c.field for c in self.criteria if c.kind == "site_field" and c.field]
        for k in self.knockouts:
            wanted += [f for f in (k.field, (k.only_if or {}).get("field", "")) if f]
        wanted.append(AGS_FIELD)
        return list(dict.fromkeys(wanted))

    def population_lookup(self) -> Dict[str, float]:
        """Inhabitants per municipality key: the shipped/named table, then the profile's own entries."""
        from .population import read_table

        table = dict(read_table(self.population_table)) if self.population_table else {}
        table.update(self.population_by_ags)
        return table

    def spatial_key(self) -> str:
        """Everything indicator values depend on besides the layers: unchanged key -> cached values stay valid."""
        parts = [(c.id, c.kind, tuple(c.layers), c.radius_m, c.field, tuple(sorted(c.values.items())), c.point,
                  c.point_crs, c.scale, tuple(c.services), c.aggregate, c.none_within) for c in self.criteria]
        parts.append(("inside", [(k.id, k.layer) for k in self.knockouts if k.rule == "inside_layer"]))
        parts.append(("population", self.population_field, tuple(sorted(self.population_by_ags.items())),
                      self.population_table))
        parts.append(("services", {role: ref.get("service") for role, ref in sorted(self.references.items())}))
        return json.dumps(parts, default=str)

    def copy(self) -> Profile:
        return copy.deepcopy(self)

    # -- edits the dock makes ---------------------------------------------------------------------------
    def set_weight(self, model_id: str, criterion_id: str, weight: float) -> None:
        if weight < 0:
            raise ProfileError(tr("Weight of {criterion} in {model} must not be negative.").format(
                criterion=criterion_id, model=model_id))
        self.criterion(criterion_id)  # raises for unknown ids
        weights = self.model(model_id).weights
        if weight == 0:
            weights.pop(criterion_id, None)
        else:
            weights[criterion_id] = float(weight)

    def set_curve(self, criterion_id: str, points: List[Tuple[float, float]]) -> None:
        c = self.criterion(criterion_id)
        c.curve = _check_curve(c.id, points)

    # -- (de)serialisation ----------------------------------------------------------------------------
    def to_dict(self) -> Dict[str, Any]:
        d: Dict[str, Any] = dict(self.extra)
        d.update({
            "schema": 1,
            "name": self.name,
            "description": self.description,
            "serve_threshold": self.serve_threshold,
            "references": self.references,
            "population": {**d.get("population", {}), "field": self.population_field,
                           "by_ags": self.population_by_ags, "table": self.population_table},
            "criteria": [_criterion_dict(c) for c in self.criteria],
            "models": [{"id": m.id, "label_en": m.label_en, "label_de": m.label_de, "description": m.description,
                        "target_groups": m.target_groups, "weights": m.weights} for m in self.models],
            "knockouts": [{k: v for k, v in (("id", k.id), ("rule", k.rule), ("field", k.field),
                                             ("value", k.value), ("enabled", k.enabled), ("label_en", k.label_en),
                                             ("label_de", k.label_de), ("only_if", k.only_if),
                                             ("tolerance_m", k.tolerance_m or None), ("source", k.source),
                                             ("layer", k.layer))
                           if v not in ("", None)}
                          for k in self.knockouts],
        })
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def save(self, path: str) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")


def _criterion_dict(c: Criterion) -> Dict[str, Any]:
    d: Dict[str, Any] = {"id": c.id, "kind": c.kind, "label_en": c.label_en, "label_de": c.label_de,
                         "curve": [list(p) for p in c.curve], "missing_score": c.missing_score, "unit": c.unit,
                         "source": c.source}
    if c.unit_de:
        d["unit_de"] = c.unit_de
    if c.layers:
        d["layers"] = c.layers
    if c.radius_m:
        d["radius_m"] = c.radius_m
    if c.field:
        d["field"] = c.field
    if c.values:
        d["values"] = c.values
    if c.point is not None:
        d["point"] = list(c.point)
        d["point_crs"] = c.point_crs
    if c.scale != 1.0:
        d["scale"] = c.scale
    if c.services:
        d["services"] = c.services
    if c.kind == "reference_attribute":
        d["aggregate"] = c.aggregate
        if c.none_within is not None:
            d["none_within"] = c.none_within
    if c.fallback:
        d["fallback"] = c.fallback
    return d


def _check_curve(cid: str, points) -> List[Tuple[float, float]]:
    try:
        pts = [(float(x), float(y)) for x, y in points]
    except (TypeError, ValueError) as exc:
        message = tr("Criterion {id}: the curve must be a list of [value, score] pairs.").format(id=cid)
        raise ProfileError(message) from exc
    if not pts:
        raise ProfileError(tr("Criterion {id}: the curve needs at least one point.").format(id=cid))
    xs = [p[0] for p in pts]
    if any(b < a for a, b in zip(xs, xs[1:])):
        raise ProfileError(tr("Criterion {id}: the curve values must not decrease ({values}).").format(
            id=cid, values=xs))
    if any(not 0.0 <= p[1] <= 1.0 for p in pts):
        raise ProfileError(tr("Criterion {id}: the curve scores must lie between 0 and 1.").format(id=cid))
    return pts


def from_dict(d: Dict[str, Any]) -> Profile:
    """Build and validate a profile; raises ProfileError naming the entry to fix."""
    known = {"schema", "name", "description", "serve_threshold", "references", "population", "criteria", "models",
             "knockouts"}
    try:
        criteria = []
        for c in d["criteria"]:
            if c.get("kind") not in KINDS:
                raise ProfileError(tr("Criterion {id}: the kind must be one of {kinds}.").format(
                    id=c.get("id"), kinds=", ".join(KINDS)))
            point = c.get("point")
            criteria.append(Criterion(
                id=str(c["id"]), kind=c["kind"], curve=_check_curve(c["id"], c["curve"]),
                label_en=c.get("label_en", ""), label_de=c.get("label_de", ""), layers=list(c.get("layers", [])),
                radius_m=float(c.get("radius_m", 0.0)), field=c.get("field", ""),
                values={str(k): float(v) for k, v in c.get("values", {}).items()},
                point=(float(point[0]), float(point[1])) if point else None,
                point_crs=c.get("point_crs", "EPSG:4326"), scale=float(c.get("scale", 1.0)),
                unit=c.get("unit", ""), unit_de=c.get("unit_de", ""),
                missing_score=float(c.get("missing_score", 0.0)), source=c.get("source", ""),
                services=[str(x) for x in c.get("services", [])], aggregate=str(c.get("aggregate", "max")),
                none_within=None if c.get("none_within") is None else float(c["none_within"]),
                fallback=str(c.get("fallback", ""))))
            _check_layered(criteria[-1])
            if criteria[-1].kind in ("nearest", "count") and not criteria[-1].layers:
                raise ProfileError(tr("Criterion {id}: name the reference layers it reads (“layers”).").format(
                    id=c["id"]))
            if criteria[-1].kind == "count" and criteria[-1].radius_m <= 0:
                raise ProfileError(tr("Criterion {id}: a count needs a positive radius (“radius_m”).").format(
                    id=c["id"]))
            if criteria[-1].kind == "site_field" and not criteria[-1].field:
                raise ProfileError(tr("Criterion {id}: name the site field it reads (“field”).").format(id=c["id"]))
            if criteria[-1].kind == "distance_to_point" and point is None:
                raise ProfileError(tr("Criterion {id}: give the target point (“point”: [x, y]).").format(id=c["id"]))
        ids = [c.id for c in criteria]
        if len(set(ids)) != len(ids):
            raise ProfileError(tr("The criterion ids must be unique."))
        for c in criteria:
            if c.fallback and (c.fallback not in ids or c.fallback == c.id):
                raise ProfileError(tr("Criterion {id}: the fallback {fallback} is not another criterion of the "
                                      "profile.").format(id=c.id, fallback=c.fallback))
        models = []
        for m in d["models"]:
            weights = {str(k): float(v) for k, v in m.get("weights", {}).items()}
            for k, w in weights.items():
                if k not in ids:
                    raise ProfileError(tr("Model {model}: weight for the unknown criterion {id}.").format(
                        model=m["id"], id=k))
                if w < 0:
                    raise ProfileError(tr("Model {model}: the weight of {id} must not be negative.").format(
                        model=m["id"], id=k))
            models.append(Model(id=str(m["id"]), weights=weights, label_en=m.get("label_en", ""),
                                label_de=m.get("label_de", ""), description=m.get("description", ""),
                                target_groups=list(m.get("target_groups", []))))
        knockouts = []
        for k in d.get("knockouts", []):
            if k.get("rule") not in RULES:
                raise ProfileError(tr("Knock-out {id}: the rule must be one of {rules}.").format(
                    id=k.get("id"), rules=", ".join(RULES)))
            knockouts.append(_knockout(k))
        pop = d.get("population", {})
        if pop.get("table"):
            from .population import read_table

            read_table(str(pop["table"]))  # a missing or malformed table is named now, not while scoring
        return Profile(
            name=d.get("name", ""), description=d.get("description", ""), criteria=criteria, models=models,
            knockouts=knockouts, references=dict(d.get("references", {})),
            population_field=pop.get("field", "population"),
            population_by_ags={str(k): float(v) for k, v in pop.get("by_ags", {}).items()},
            population_table=str(pop.get("table", "")),
            serve_threshold=float(d.get("serve_threshold", 50.0)),
            extra={k: v for k, v in d.items() if k not in known or k == "population"})
    except KeyError as exc:
        raise ProfileError(tr("The profile entry {entry} is missing.").format(entry=exc)) from exc


def _check_layered(c: Criterion) -> None:
    """The attribute kinds need the layer and field they read; reference_attribute a radius and aggregate."""
    if c.kind not in ("reference_attribute", "polygon_attribute"):
        return
    if not c.layers or not c.field:
        raise ProfileError(tr("Criterion {id}: name the reference layers (“layers”) and the attribute it reads "
                              "(“field”).").format(id=c.id))
    if c.kind == "reference_attribute" and (c.radius_m <= 0 or c.aggregate not in AGGREGATES):
        raise ProfileError(tr("Criterion {id}: give a positive radius (“radius_m”) and “aggregate”: one of "
                              "{aggregates}.").format(id=c.id, aggregates=", ".join(AGGREGATES)))


def _knockout(k: Dict[str, Any]) -> KnockOut:
    if k["rule"] == "inside_layer" and not k.get("layer"):
        raise ProfileError(tr("Knock-out {id}: name the polygon layer role it tests (“layer”).").format(id=k["id"]))
    if k["rule"] not in ("outside_county", "inside_layer") and not k.get("field"):
        raise ProfileError(tr("Knock-out {id}: name the site field it reads (“field”).").format(id=k["id"]))
    only_if = k.get("only_if")
    if only_if is not None and not (isinstance(only_if, dict) and only_if.get("field")):
        raise ProfileError(tr("Knock-out {id}: “only_if” needs a “field” and the value it “equals”.").format(
            id=k["id"]))
    return KnockOut(id=str(k["id"]), rule=k["rule"], field=k.get("field", ""), value=k.get("value"),
                    enabled=bool(k.get("enabled", True)), label_en=k.get("label_en", ""),
                    label_de=k.get("label_de", ""), only_if=only_if, tolerance_m=float(k.get("tolerance_m", 0.0)),
                    source=k.get("source", ""), layer=str(k.get("layer", "")))


def from_json(text: str) -> Profile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(tr("This is not a JSON profile: {error}").format(error=exc)) from exc
    return from_dict(data)


def load(path: str) -> Profile:
    return from_json(Path(path).read_text(encoding="utf-8"))


def default_profile_path() -> Path:
    return resource("profiles", "default.json")


def default_profile() -> Profile:
    return load(str(default_profile_path()))
