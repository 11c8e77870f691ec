"""The Overpass API: one query per reference role of the profile, and its answer checked and turned into features.

Which OpenStreetMap tags feed which role is data (:data:`ROLE_FILTERS`); the query asks for the county's
bounding box with ``out center`` (a node's position, a way's or relation's centre), except for the landscape
areas, asked with ``out geom`` so they keep their outline (a site inside one has distance 0). Every failure
becomes an :class:`OverpassError` with a translated message saying what to do. ``fetch`` blocks: call it from a
QgsTask. Pure Python apart from ``requests``; no QGIS import.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, Dict, List, Sequence, Tuple

from ..i18n import tr

LOG = logging.getLogger(__name__)

DEFAULT_URL = "https://overpass-api.de/api/interpreter"
ATTRIBUTION = "© OpenStreetMap-Mitwirkende, ODbL 1.0"
LICENCE = "Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/"

#: per role the Overpass filters whose union it takes (each a statement on nodes/ways/relations)
ROLE_FILTERS: Dict[str, Tuple[str, ...]] = {
    "shops": ('nwr["shop"~"^(supermarket|convenience|greengrocer|butcher|general|farm|deli)$"]',),
    "cafes": ('nwr["amenity"="cafe"]', 'nwr["shop"~"^(bakery|pastry)$"]'),
    "doctors": ('nwr["amenity"~"^(doctors|pharmacy)$"]', 'nwr["healthcare"="doctor"]'),
    # primary schools: OSM rarely says the grades; "Grundschule" in the name (Saxon schools carry it), or tags
    "schools": ('nwr["amenity"="school"]["name"~"Grundschule"]', 'nwr["amenity"="school"]["isced:level"~"1"]',
                'nwr["amenity"="school"]["school"~"primary"]'),
    "kindergartens": ('nwr["amenity"~"^(kindergarten|childcare)$"]',),
    "accommodation": ('nwr["tourism"~"^(hotel|guest_house|hostel|motel|apartment|chalet|camp_site)$"]',),
    "bus_stops": ('node["highway"="bus_stop"]',),
    "landscape": ('wr["boundary"="protected_area"]', 'wr["leisure"="nature_reserve"]',
                  'wr["landuse"="vineyard"]'),
}
#: roles kept as areas (``out geom``); the rest are points
AREA_ROLES = ("landscape",)


class OverpassError(Exception):
    """A failed Overpass request; ``str(exc)`` is the translated message for the user."""


@dataclass
class OsmFeature:
    osm_id: str  # "node/123", "way/45"
    name: str
    tags: Dict[str, str]
    lon: float = float("nan")
    lat: float = float("nan")
    #: areas: rings of (lon, lat), outer rings only (the holes of a protected area do not matter for distances)
    rings: List[List[Tuple[float, float]]] = field(default_factory=list)


def build_query(role: str, bbox: Tuple[float, float, float, float], timeout_s: int = 180) -> str:
    """Overpass QL for one role inside (west, south, east, north) in WGS84; a comment names the role."""
    west, south, east, north = bbox
    body = "".join(f"  {f};\n" for f in ROLE_FILTERS[role])
    out = "out geom;" if role in AREA_ROLES else "out center tags;"
    return (f"/* coworking:{role} */\n[out:json][timeout:{int(timeout_s)}]"
            f"[bbox:{south:.5f},{west:.5f},{north:.5f},{east:.5f}];\n(\n{body});\n{out}\n")


def _rate_limited() -> OverpassError:
    return OverpassError(tr("The Overpass server is busy or limits the requests from this address (rate limit). "
                            "Wait a few minutes and load again, or set another Overpass server in the plugin "
                            "settings."))


def fetch(url: str, query: str, timeout: float, session=None, user_agent: str = "") -> Dict[str, Any]:
    """POST the query and return the checked JSON answer. Raises OverpassError."""
    import requests

    http = session or requests.Session()
    headers = {"User-Agent": user_agent} if user_agent else {}
    try:
        response = http.post(url, data={"data": query}, timeout=timeout, headers=headers)
    except requests.Timeout:
        raise OverpassError(tr("The Overpass server did not answer within {seconds:g} seconds. Try again later, or "
                               "raise the Overpass timeout in the plugin settings.").format(seconds=timeout)) from None
    except requests.RequestException as exc:
        LOG.warning("Overpass %s unreachable: %s", url, exc)
        raise OverpassError(tr("The Overpass server {url} cannot be reached. Check the network connection and the "
                               "Overpass address in the plugin settings.").format(url=url)) from None
    text = response.text or ""
    if response.status_code in (429, 504) or "rate_limited" in text[:2000]:
        raise _rate_limited()
    if response.status_code != 200:
        raise OverpassError(tr("The Overpass server answered with an error (HTTP {status}). Check the Overpass "
                               "address in the plugin settings, or try again later.").format(
            status=response.status_code))
    return check_answer(text)


def check_answer(text: str) -> Dict[str, Any]:
    """The parsed answer; OverpassError for anything but Overpass JSON with its elements."""
    try:
        data = json.loads(text)
    except ValueError:
        raise OverpassError(tr("The Overpass server sent an answer that is not JSON. Check the Overpass address in "
                               "the plugin settings (it ends in /api/interpreter).")) from None
    remark = str(data.get("remark", "")) if isinstance(data, dict) else ""
    if "runtime error" in remark or "runtime remark" in remark:
        if "timed out" in remark or "out of memory" in remark:
            raise OverpassError(tr("The Overpass server stopped the query: it took too long or too much memory "
                                   "({remark}). Try again later or use another Overpass server.").format(
                remark=remark))
        raise OverpassError(tr("The Overpass server reported an error: {remark}").format(remark=remark))
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise OverpassError(tr("The Overpass server's answer has no elements: it is not an Overpass answer. Check "
                               "the Overpass address in the plugin settings."))
    return data


def _ring_from_geometry(points: Sequence[Dict[str, float]]) -> List[Tuple[float, float]]:
    return [(float(p["lon"]), float(p["lat"])) for p in points if p]


def _join_rings(parts: List[List[Tuple[float, float]]]) -> List[List[Tuple[float, float]]]:
    """Closed rings from the outer ways of a multipolygon relation, joined end to end (open leftovers dropped)."""
    rings, todo = [], [p for p in parts if len(p) >= 2]
    while todo:
        ring = list(todo.pop(0))
        grown = True
        while ring[0] != ring[-1] and grown:
            grown = False
            for k, part in enumerate(todo):
                if part[0] == ring[-1]:
                    ring += part[1:]
                elif part[-1] == ring[-1]:
                    ring += part[-2::-1]
                elif part[-1] == ring[0]:
                    ring = part[:-1] + ring
                elif part[0] == ring[0]:
                    ring = part[:0:-1] + ring
                else:
                    continue
                todo.pop(k)
                grown = True
                break
        if ring[0] == ring[-1] and len(ring) >= 4:
            rings.append(ring)
    return rings


def features(data: Dict[str, Any], role: str) -> List[OsmFeature]:
    """The answer's elements as features of the role: points (node position or centre) or areas (outer rings);
    an element without a usable position is left out, one answered twice (several filters) kept once."""
    out: Dict[str, OsmFeature] = {}
    for el in data.get("elements", []):
        if not isinstance(el, dict) or "type" not in el or "id" not in el:
            continue
        osm_id = f"{el['type']}/{el['id']}"
        tags = {str(k): str(v) for k, v in (el.get("tags") or {}).items()}
        feat = OsmFeature(osm_id, tags.get("name", ""), tags)
        if role in AREA_ROLES:
            if el["type"] == "way" and el.get("geometry"):
                feat.rings = _join_rings([_ring_from_geometry(el["geometry"])])
            elif el["type"] == "relation":
                feat.rings = _join_rings([_ring_from_geometry(m.get("geometry") or []) for m in el.get("members", [])
                                          if m.get("type") == "way" and m.get("role", "outer") in ("outer", "")])
            if not feat.rings:
                continue
        else:
            where = el if el["type"] == "node" else el.get("center") or {}
            if "lat" not in where or "lon" not in where:
                continue
            feat.lon, feat.lat = float(where["lon"]), float(where["lat"])
        out.setdefault(osm_id, feat)
    return list(out.values())
