"""The plugin's settings: one typed object, read and written through QgsSettings under one prefix.

No password is ever stored here: the database is named by a QGIS PostgreSQL connection (whose credentials
live in QGIS's auth manager), a libpq service or a connection string with an ``authcfg``. A password that
arrives anyway (typed into a dock, or stored by an older version) is stripped before it reaches QGIS3.ini.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, fields
from typing import Optional

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QObject, pyqtSignal

from .conninfo import strip_password

LOG = logging.getLogger(__name__)

PREFIX = "coworking_plugin/"


class _Notifier(QObject):
    changed = pyqtSignal()


_notifier: Optional[_Notifier] = None


def settings_changed():
    """Signal emitted after the settings were saved (Options page, docks): who shows a setting follows it.

    Whoever reads a setting to act reads ``PluginSettings.load()`` at that moment; this signal is for widgets
    that display a setting. Connect in the widget, disconnect in its unload().
    """
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier.changed


def password_removed_message() -> str:
    from .i18n import tr

    return tr("The register connection contained a password. Passwords are never stored: it was removed and "
              "the rest of the connection kept. Keep the password in a QGIS authentication configuration or a "
              "pg_service.conf file.")


def purge_stored_password() -> Optional[str]:
    """Remove a password an older version stored in the settings; the message to show once, or None."""
    s = QgsSettings()
    stored = s.value(PREFIX + "database", "", type=str)
    clean, removed = strip_password(stored)
    if not removed:
        return None
    s.setValue(PREFIX + "database", clean)
    s.sync()
    message = password_removed_message()
    LOG.warning("%s", message)
    return message


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
    #: Overpass API endpoint the OpenStreetMap loader asks (coworking:load_osm, the suitability dock)
    overpass_url: str = "https://overpass-api.de/api/interpreter"
    #: seconds the loader waits for one Overpass answer (also the query's own [timeout:])
    overpass_timeout: float = 180.0
    #: the reference GeoPackage the loaders write (empty: coworking_referenzdaten.gpkg in the QGIS profile)
    reference_data: str = ""

    @classmethod
    def load(cls) -> PluginSettings:
        purge_stored_password()
        s = QgsSettings()
        values = {}
        for f in fields(cls):
            default = f.default
            values[f.name] = s.value(PREFIX + f.name, default, type=type(default))
        return cls(**values)

    def save(self) -> None:
        """Store every field; a password in ``database`` is stripped first (and a warning logged)."""
        self.database, removed = strip_password(self.database)
        if removed:
            LOG.warning("%s", password_removed_message())
        s = QgsSettings()
        for name, value in asdict(self).items():
            s.setValue(PREFIX + name, value)
        settings_changed().emit()
