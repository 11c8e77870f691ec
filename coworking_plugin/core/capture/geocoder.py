"""Address search against a Nominatim-compatible service (default: the public OSM Nominatim).

The public service's usage policy is honoured: a real User-Agent naming the plugin (and the contact address
from the settings, if any), at most one request per ``min_interval`` seconds per service (across threads),
and a cache so the same question is asked once. Results are limited to Landkreis Meißen's bounding box
(``viewbox`` + ``bounded=1``) and asked for in German first. Every failure becomes a GeocoderError with a
translated message saying what to do. ``search`` blocks (it may sleep for the rate limit): call it from a
QgsTask, never on the main thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)

from ..i18n import tr
from ..paths import PACKAGE_DIR, resource
from ..register import catalogue as cat

LOG = logging.getLogger(__name__)

CACHE_SIZE = 256
_last_request: Dict[str, float] = {}
_rate_lock = threading.Lock()
#: answers by (service, query, limit), shared by all instances: the dock makes a new client per search
_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()


class GeocoderError(Exception):
    """A failed search; ``str(exc)`` is the translated message for the user."""


@dataclass
class GeocodeResult:
    label: str  # Nominatim's display_name
    lon: float
    lat: float
    address: str = ""  # street and house number, as the form's address field takes it
    postcode: str = ""
    locality: str = ""
    municipality: str = ""
    kind: str = ""  # Nominatim category/type, e.g. "building", "house"

    def point(self) -> QgsGeometry:
        """The position in EPSG:25833."""
        geom = QgsGeometry.fromPointXY(QgsPointXY(self.lon, self.lat))
        xform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                       QgsCoordinateReferenceSystem(cat.REGISTER_CRS), QgsCoordinateTransformContext())
        if geom.transform(xform) != QgsGeometry.OperationResult.Success:
            raise GeocoderError(tr("The position of the result could not be converted to EPSG:25833."))
        return geom


@lru_cache(maxsize=1)
def county_viewbox() -> Tuple[float, float, float, float]:
    """(west, south, east, north) in WGS84 of the county outline, with 0.01° margin."""
    layer = QgsVectorLayer(str(resource("data", "lk_meissen_kreis_vg5000.geojson")), "kreis", "ogr")
    ext = layer.extent()
    return (round(ext.xMinimum() - 0.01, 4), round(ext.yMinimum() - 0.01, 4),
            round(ext.xMaximum() + 0.01, 4), round(ext.yMaximum() + 0.01, 4))


def plugin_version() -> str:
    for candidate in (PACKAGE_DIR / "metadata.txt", PACKAGE_DIR.parent / "metadata.txt"):
        if candidate.exists():
            for line in candidate.read_text(encoding="utf-8").splitlines():
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    return "dev"


def user_agent(email: str = "") -> str:
    contact = f"; {email}" if email else ""
    return f"CoworkingLeerstandsmelder-QGIS-Plugin/{plugin_version()} (Landkreis Meissen{contact})"


class Geocoder:
    """One configured service. Instances are cheap; the rate limit is shared per base URL."""

    def __init__(self, base_url: str = "https://nominatim.openstreetmap.org", email: str = "",
                 min_interval: float = 1.0, timeout: float = 10.0,
                 viewbox: Optional[Tuple[float, float, float, float]] = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.email = email
        self.min_interval = max(0.0, float(min_interval))
        self.timeout = float(timeout)
        self.viewbox = viewbox or county_viewbox()
        import requests  # here, not at module level: the plugin's start stays light

        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent(email)
        self.session.headers["Accept-Language"] = "de,en;q=0.5"
        self.requests_sent = 0

    @classmethod
    def from_settings(cls, settings=None) -> Geocoder:
        from ..settings import PluginSettings

        s = settings or PluginSettings.load()
        return cls(s.geocoder_url, s.geocoder_email, s.geocoder_min_interval, s.geocoder_timeout)

    @staticmethod
    def clear_cache() -> None:
        with _cache_lock:
            _cache.clear()

    def _wait_turn(self) -> None:
        """Sleep until ``min_interval`` has passed since the last request to this service (any thread)."""
        with _rate_lock:
            last = _last_request.get(self.base_url, 0.0)
            wait = last + self.min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            _last_request[self.base_url] = time.monotonic()

    def search(self, query: str, limit: int = 5) -> List[GeocodeResult]:
        """Addresses matching ``query`` inside the county, best first. Raises GeocoderError."""
        import requests

        query = " ".join((query or "").split())
        if not query:
            return []
        key = (self.base_url, query.lower(), limit)
        with _cache_lock:
            if key in _cache:
                _cache.move_to_end(key)
                return list(_cache[key])
        west, south, east, north = self.viewbox
        params = {"q": query, "format": "jsonv2", "addressdetails": 1, "limit": limit, "countrycodes": "de",
                  "accept-language": "de", "viewbox": f"{west},{north},{east},{south}", "bounded": 1}
        if self.email:
            params["email"] = self.email
        self._wait_turn()
        self.requests_sent += 1
        try:
            response = self.session.get(f"{self.base_url}/search", params=params, timeout=self.timeout)
        except requests.Timeout:
            raise GeocoderError(tr("The address search did not answer within {seconds:g} seconds. Try again later, "
                                   "or place the site on the map.").format(seconds=self.timeout)) from None
        except requests.RequestException as exc:
            LOG.warning("geocoder %s unreachable: %s", self.base_url, exc)
            raise GeocoderError(tr("The address search service {url} cannot be reached. Check the network "
                                   "connection and the geocoder address in the plugin settings.").format(
                url=self.base_url)) from None
        if response.status_code == 429:
            raise GeocoderError(tr("The address search service is busy (too many requests). Wait a minute and "
                                   "try again."))
        if response.status_code != 200:
            raise GeocoderError(tr("The address search service answered with an error (HTTP {status}). Try again "
                                   "later, or place the site on the map.").format(status=response.status_code))
        try:
            results = [self._result(item) for item in response.json()]
        except (ValueError, TypeError, KeyError, AttributeError):
            raise GeocoderError(tr("The address search service sent an answer that is not Nominatim JSON. Check "
                                   "the geocoder address in the plugin settings.")) from None
        with _cache_lock:
            _cache[key] = results
            if len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
        return list(results)

    @staticmethod
    def _result(item: Dict[str, Any]) -> GeocodeResult:
        addr = item.get("address") or {}
        street = addr.get("road") or addr.get("pedestrian") or addr.get("square") or ""
        number = addr.get("house_number") or ""
        locality = (addr.get("suburb") or addr.get("village") or addr.get("hamlet") or addr.get("town")
                    or addr.get("city") or "")
        municipality = addr.get("municipality") or addr.get("town") or addr.get("city") or addr.get("village") or ""
        return GeocodeResult(
            label=str(item["display_name"]), lon=float(item["lon"]), lat=float(item["lat"]),
            address=f"{street} {number}".strip(), postcode=addr.get("postcode") or "", locality=locality,
            municipality=municipality, kind=f"{item.get('category', item.get('class', ''))}/{item.get('type', '')}",
        )
