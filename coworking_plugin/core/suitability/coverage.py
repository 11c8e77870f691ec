"""Which coworking models and target groups the approved sites of the register cover (issue 14's success
indicator "coworking possible for all target groups").

A site is *suitable* for a model when it scores at least the profile's ``serve_threshold`` (60 in the shipped
default profile) and no knock-out applies; a target group is covered when a suitable site's model names it
(the same rule as ``Scores.served``). Approved sites are read with the caller's connection, so row-level
security decides what is counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List

from psycopg2 import sql

from ..register import catalogue as cat
from . import indicators, scoring
from .indicators import Sites
from .layers import needed_site_fields, project_point, read_references
from .profile import Profile


@dataclass
class ModelCoverage:
    model_id: str
    label: str
    suitable: int  # approved sites scoring >= threshold, not knocked out
    best_site: str
    best_score: float


@dataclass
class GroupCoverage:
    key: str
    label: str
    sites: int  # approved sites suitable for at least one model serving the group


def approved_sites(conn, profile: Profile) -> Sites:
    """The approved sites (both kinds) at their point on surface with the fields the profile reads."""
    import numpy as np

    wanted = needed_site_fields(profile)
    xy: List[tuple] = []
    attrs: Dict[str, list] = {f: [] for f in wanted + ["name"]}
    ids: List[str] = []
    with conn.cursor() as cur:
        for kind in cat.KINDS:
            have = {f.name for f in cat.fields_for(kind)} | {"municipality_ags"}
            cols = [sql.Identifier(f) if f in have else sql.SQL("NULL") for f in wanted + ["name"]]
            cur.execute(sql.SQL("SELECT uuid::text, ST_X(p), ST_Y(p), {cols} FROM {table} t, "
                                "LATERAL ST_PointOnSurface(t.geom) p WHERE status = %s ORDER BY uuid").format(
                cols=sql.SQL(", ").join(cols), table=sql.Identifier("coworking", kind)), ("approved",))
            for row in cur.fetchall():
                ids.append(row[0])
                xy.append((row[1], row[2]))
                for name, value in zip(wanted + ["name"], row[3:]):
                    attrs[name].append(value)
    return Sites(np.array(xy, dtype=float).reshape(-1, 2), attrs, ids)


def coverage(sites: Sites, references: Dict[str, object], profile: Profile, lang: str = "en",
             is_canceled: Callable[[], bool] = lambda: False):
    """Per model and per target group: how many approved sites are suitable."""
    import numpy as np

    refs = read_references(references, profile, is_canceled)
    values = indicators.compute(profile, sites, refs, project_point)
    scores = scoring.score(profile, values, sites)
    threshold = profile.serve_threshold
    ok = np.array([not k for k in scores.knockouts], dtype=bool)
    models = []
    for m, model in enumerate(profile.models):
        col = np.nan_to_num(scores.scores[:, m], nan=-1.0) if len(sites) else np.zeros(0)
        hit = (col >= threshold) & ok
        best = int(np.argmax(col)) if len(sites) else -1
        models.append(ModelCoverage(model.id, model.label(lang), int(hit.sum()),
                                    str(sites.attrs["name"][best] or "") if best >= 0 and hit.any() else "",
                                    float(col[best]) if best >= 0 and hit.any() else float("nan")))
    groups = []
    for choice in cat.VALUE_LISTS["target_group"].choices:
        n = sum(1 for served in scores.served if choice.key in served)
        groups.append(GroupCoverage(choice.key, choice.label_de if lang == "de" else choice.label_en, n))
    return models, groups
