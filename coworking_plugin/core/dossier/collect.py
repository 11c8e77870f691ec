"""Everything a dossier shows, gathered into plain data: the chosen sites, their facts, their scores per model
with the explanation of the best one, up to two photos from the register (the public ones, as approved; all
the role may read when the user asked for internal data), and the owner's contact when the user asked for it and
the role may read it. Safe to run in a QgsTask: layers are read through QgsVectorLayerFeatureSource
(``layers.DetachedSource``), the owner contacts and photos through their own connections."""

from __future__ import annotations

import logging
import math
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

from qgis.core import QgsDataSourceUri, QgsFeatureRequest, QgsGeometry

from ..i18n import tr
from ..register import catalogue as cat
from ..suitability import layers, overlays
from ..suitability.chartpaint import Bar, explanation_bars
from ..suitability.profile import Profile
from ..tasks import TaskCanceled
from . import facts as fx

LOG = logging.getLogger(__name__)


@dataclass
class OwnerAccess:
    """Where the owner contacts of a site layer live: the working copy's ``owner_contact`` table (``path``) or
    the register's (``dsn``, expanded in memory only; row-level security decides what the role reads)."""

    path: str = ""
    dsn: str = ""

    @classmethod
    def for_layer(cls, layer) -> OwnerAccess:
        provider = layer.providerType()
        if provider == "ogr":
            return cls(path=layer.source().split("|")[0])
        if provider == "postgres":
            return cls(dsn=QgsDataSourceUri(layer.source()).connectionInfo(True))
        return cls()


@dataclass
class DossierPhoto:
    data: bytes  # JPEG
    caption: str  # caption and credit, as printed under the photo


#: photos per site on the page
MAX_PHOTOS = 2


@dataclass
class DossierRequest:
    source: Any  # layers.DetachedSource (or any feature source with fields() and sourceCrs())
    profile: Profile
    references: Dict[str, Any] = field(default_factory=dict)
    feature_ids: Optional[Sequence[int]] = None
    uuids: Optional[Sequence[str]] = None
    include_owner: bool = False
    owner_access: OwnerAccess = field(default_factory=OwnerAccess)
    lang: str = "de"
    #: the register the photos come from (libpq string, expanded in memory only); empty: no photos
    photo_dsn: str = ""


@dataclass
class DossierSite:
    uuid: str
    kind: str
    name: str
    geometry: QgsGeometry
    crs: str
    facts: List[fx.Fact]
    status: List[fx.Fact]
    scores: List[fx.Fact]
    best: str
    knockouts: List[str]
    chart_title: str
    bars: List[Bar]
    colour: str
    owner: List[fx.Fact] = field(default_factory=list)
    owner_note: str = ""
    photos: List[DossierPhoto] = field(default_factory=list)


class _Subset:
    """The chosen features of a source, with its fields and CRS (what the scoring reads)."""

    def __init__(self, source, fids: List[int]) -> None:
        self._source, self._fids = source, fids

    def fields(self):
        return self._source.fields()

    def sourceCrs(self):  # noqa: N802
        return self._source.sourceCrs()

    def getFeatures(self, request: Optional[QgsFeatureRequest] = None):  # noqa: N802
        return self._source.getFeatures(QgsFeatureRequest().setFilterFids(self._fids))


def kind_of(field_names: Sequence[str]) -> str:
    """brownfield or vacancy, from the fields only one of them carries."""
    return cat.VACANCY if "building_type" in field_names else cat.BROWNFIELD


def chosen_ids(request: DossierRequest) -> List[int]:
    if request.feature_ids is not None:
        return list(request.feature_ids)
    wanted = {str(u).strip("{}").lower() for u in (request.uuids or ())}
    if "uuid" not in request.source.fields().names():
        raise ValueError(tr("The layer has no “uuid” field: select the sites instead of naming them."))
    return [f.id() for f in request.source.getFeatures() if str(f["uuid"]).strip("{}").lower() in wanted]


def read_owners(access: OwnerAccess, uuids: List[str]) -> tuple:
    """Owner contacts by site uuid, and a note for the dossier when none could be read."""
    names = [f.name for f in cat.OWNER_FIELDS]
    if access.path:
        try:
            with sqlite3.connect(access.path) as db:
                db.row_factory = sqlite3.Row
                rows = [db.execute("SELECT * FROM owner_contact WHERE site_uuid = ?", (u,)).fetchone()
                        for u in uuids]
            return {r["site_uuid"]: {n: r[n] for n in names if n in r.keys()} for r in rows if r}, ""
        except sqlite3.Error as exc:
            LOG.warning("owner contacts not read from %s: %s", access.path, exc)
            return {}, tr("The working copy holds no owner contacts.")
    if access.dsn:
        import psycopg2

        try:
            conn = psycopg2.connect(access.dsn, application_name="coworking_plugin dossier")
        except psycopg2.Error as exc:
            return {}, tr("Owner contacts could not be read: {error}").format(error=str(exc).strip())
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT site_uuid::text, to_jsonb(c) FROM coworking.owner_contact c "
                            "WHERE site_uuid = ANY(%s::uuid[])", (list(uuids),))
                return {u: {n: v.get(n) for n in names} for u, v in cur.fetchall()}, ""
        except psycopg2.Error:  # no privilege: the database decides who reads personal data
            return {}, tr("Your role may not read owner contacts; they are left out.")
        finally:
            conn.close()
    return {}, tr("The layer holds no owner contacts.")


def read_photos(dsn: str, uuids: List[str], internal: bool) -> Dict[str, List[DossierPhoto]]:
    """Up to ``MAX_PHOTOS`` photos per site: the public ones (coworking.public_photo), or with ``internal`` those
    of coworking.site_photo the role may read (row-level security), else the public ones. A register that cannot
    be read gives no photos, never a failed dossier."""
    import psycopg2

    from ..register import photos as ph

    if not dsn or not uuids:
        return {}
    try:
        conn = psycopg2.connect(dsn, application_name="coworking_plugin dossier", connect_timeout=10)
    except psycopg2.Error as exc:
        LOG.warning("photos not read: %s", exc)
        return {}
    try:
        found = ph.photos_for_sites(conn, uuids, public_only=True, per_site=MAX_PHOTOS)
        if internal:
            try:
                found.update(ph.photos_for_sites(conn, uuids, public_only=False, per_site=MAX_PHOTOS))
            except psycopg2.Error:  # a role without access to the photos: the public ones
                conn.rollback()
    except psycopg2.Error as exc:
        LOG.warning("photos not read: %s", exc)
        return {}
    finally:
        conn.close()

    def caption(p) -> str:
        text = " · ".join(t for t in (p.caption, tr("Photo: {credit}").format(credit=p.credit) if p.credit else "")
                          if t)
        return text if p.public else (text + " " + tr("(internal)")).strip()

    return {u: [DossierPhoto(p.image, caption(p)) for p in photos] for u, photos in found.items()}


def collect(request: DossierRequest, progress: Callable[[float], None] = lambda p: None,
            is_canceled: Callable[[], bool] = lambda: False) -> List[DossierSite]:
    """The dossier data of the chosen sites, in the order of the layer."""
    fids = chosen_ids(request)
    if not fids:
        raise ValueError(tr("No sites chosen: select sites on the map or give their identifiers."))
    subset = _Subset(request.source, fids)
    run = layers.compute_run(subset, request.references, request.profile,
                             progress=lambda p: progress(0.8 * p), is_canceled=is_canceled)
    if is_canceled():
        raise TaskCanceled()
    names = subset.fields().names()
    kind = kind_of(names)
    crs = subset.sourceCrs().authid()
    feats = run.features
    uuids = [str(f["uuid"]) for f in feats] if "uuid" in names else []
    owners, note = ({}, "")
    if request.include_owner:
        owners, note = read_owners(request.owner_access, uuids)
    photos = read_photos(request.photo_dsn, uuids, request.include_owner)
    lang, profile, scores = request.lang, run.profile, run.scores
    colours = overlays.model_colours(profile)
    result = []
    for i, feat in enumerate(feats):
        values = {n: feat[n] for n in names}
        site = _site(i, values, kind, crs, QgsGeometry(feat.geometry()), profile, scores, colours, lang)
        site.photos = photos.get(site.uuid.strip("{}").lower(), [])
        if request.include_owner:
            owner = owners.get(site.uuid)
            site.owner = fx.owner_facts(owner, lang)
            site.owner_note = note or ("" if site.owner else tr(
                "No owner contact is recorded for this site, or your role may not read it."))
        result.append(site)
        progress(80.0 + 20.0 * (i + 1) / len(feats))
    return result


def _site(i: int, values: Dict[str, Any], kind: str, crs: str, geom: QgsGeometry, profile: Profile, scores,
          colours: Dict[str, str], lang: str) -> DossierSite:
    def score_text(v: float) -> str:
        return "–" if math.isnan(v) else fx.format_number(v, lang)

    rows = [(m.label(lang), score_text(float(scores.scores[i, k]))) for k, m in enumerate(profile.models)]
    best = scores.best[i]
    model_id = best or profile.model_ids[0]
    knockouts = [next((k.label(lang) for k in profile.knockouts if k.id == r), tr("no geometry"))
                 for r in scores.knockouts[i]]
    name = "" if fx.is_empty(values.get("name")) else str(values["name"])
    title = tr("Explanation for {model}: partial score × weight → points").format(
        model=profile.model(model_id).label(lang))
    return DossierSite(
        uuid=str(values.get("uuid") or ""), kind=kind, name=name or tr("(unnamed site)"), geometry=geom, crs=crs,
        facts=fx.site_facts(kind, values, lang), status=fx.status_facts(values, lang), scores=rows,
        best=profile.model(best).label(lang) if best else "", knockouts=knockouts, chart_title=title,
        bars=explanation_bars(profile, scores, i, model_id, lang), colour=colours[model_id])
