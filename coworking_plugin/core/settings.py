"""The plugin's settings: one typed object, read and written through QgsSettings under one prefix.

No password is ever stored here: the database is named by a QGIS PostgreSQL connection (whose credentials
live in QGIS's auth manager) or a libpq service.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from qgis.core import QgsSettings

PREFIX = "coworking_plugin/"


@dataclass
class PluginSettings:
    #: QGIS PostgreSQL connection name or libpq connection string (service=..., host=... dbname=...)
    database: str = ""
    #: path of the officer's working copy (GeoPackage)
    working_copy: str = ""
    #: Nominatim-compatible geocoder
    geocoder_url: str = "https://nominatim.openstreetmap.org"
    #: contact address sent with geocoder requests, as the Nominatim usage policy asks
    geocoder_email: str = ""
    #: seconds between two geocoder requests (the public Nominatim allows at most one per second)
    geocoder_min_interval: float = 1.0
    geocoder_timeout: float = 10.0
    #: path of the active suitability profile file (empty: the shipped default)
    suitability_profile: str = ""
    #: duplicate check distance in metres
    duplicate_distance_m: float = 25.0

    @classmethod
    def load(cls) -> PluginSettings:
        s = QgsSettings()
        values = {}
        for f in fields(cls):
            default = f.default
            values[f.name] = s.value(PREFIX + f.name, default, type=type(default))
        return cls(**values)

    def save(self) -> None:
        s = QgsSettings()
        for name, value in asdict(self).items():
            s.setValue(PREFIX + name, value)
