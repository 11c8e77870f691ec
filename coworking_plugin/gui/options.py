"""The plugin's page in QGIS Settings ▸ Options: edits core.settings.PluginSettings, nothing else.

The database is chosen from QGIS's own PostgreSQL connections (credentials stay in QGIS's auth manager) or
the libpq services; a connection string can be typed instead, with its credentials in a QGIS authentication
configuration chosen below it. No password field, by design: a typed password is named at once and removed
when the page is applied, keeping the rest of what was typed.
"""

from __future__ import annotations

import logging
from typing import Optional

from qgis.gui import QgsAuthConfigSelect, QgsFileWidget, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..core.connection import postgres_connection_names
from ..core.conninfo import has_password, service_names, split_authcfg, strip_password, with_authcfg
from ..core.i18n import tr
from ..core.paths import icon_path
from ..core.settings import PluginSettings, password_removed_message

LOG = logging.getLogger(__name__)

PAGE_NAME = "CoworkingOptionsPage"


class CoworkingOptionsPage(QgsOptionsPageWidget):
    """Form over PluginSettings; QGIS calls apply() when the user presses OK in the Options dialog."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName(PAGE_NAME)
        settings = PluginSettings.load()

        database, authcfg = split_authcfg(settings.database)
        self.database = QComboBox()
        self.database.setEditable(True)
        self.database.addItems(postgres_connection_names())
        self.database.addItems([f"service={name}" for name in service_names()])
        self.database.setCurrentText(database)
        self.database.setToolTip(tr("A QGIS PostgreSQL connection (Data Source Manager), a libpq service or a "
                                    "connection string such as host=… dbname=…. Passwords belong in QGIS's "
                                    "authentication manager, not here."))
        self.authcfg = QgsAuthConfigSelect(self, "postgres")
        self.authcfg.setConfigId(authcfg)
        self.authcfg.setToolTip(tr("User name and password for a typed connection string, kept encrypted in "
                                   "QGIS's authentication manager. QGIS connections bring their own."))
        self.password_warning = QLabel(tr("A password is never stored: it is removed when you press OK. Choose "
                                          "an authentication configuration below instead, or a libpq service."))
        self.password_warning.setWordWrap(True)
        self.password_warning.setObjectName("coworking_password_warning")
        self.database.editTextChanged.connect(self._database_edited)

        self.working_copy = QgsFileWidget()
        self.working_copy.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.working_copy.setFilter(tr("GeoPackage (*.gpkg)"))
        self.working_copy.setFilePath(settings.working_copy)

        self.suitability_profile = QgsFileWidget()
        self.suitability_profile.setFilter(tr("Suitability profile (*.json)"))
        self.suitability_profile.setFilePath(settings.suitability_profile)
        self.suitability_profile.lineEdit().setPlaceholderText(tr("empty: the profile shipped with the plugin"))

        self.geocoder_url = QLineEdit(settings.geocoder_url)
        self.geocoder_email = QLineEdit(settings.geocoder_email)
        self.geocoder_email.setPlaceholderText(tr("your office's e-mail address (Nominatim usage policy)"))
        self.geocoder_min_interval = self._spin(settings.geocoder_min_interval, 0.0, 60.0, tr(" s"), 1)
        self.geocoder_timeout = self._spin(settings.geocoder_timeout, 1.0, 300.0, tr(" s"), 1)
        self.duplicate_distance_m = self._spin(settings.duplicate_distance_m, 0.0, 10000.0, tr(" m"), 0)
        self.overpass_url = QLineEdit(settings.overpass_url)
        self.overpass_url.setToolTip(tr("Overpass API endpoint for loading OpenStreetMap data (ends in "
                                        "/api/interpreter)."))
        self.overpass_timeout = self._spin(settings.overpass_timeout, 10.0, 3600.0, tr(" s"), 0)
        self.reference_data = QgsFileWidget()
        self.reference_data.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.reference_data.setFilter(tr("GeoPackage (*.gpkg)"))
        self.reference_data.setFilePath(settings.reference_data)
        self.reference_data.lineEdit().setPlaceholderText(tr("empty: a file in the QGIS profile folder"))

        form = QFormLayout()
        form.addRow(tr("Register database"), self.database)
        form.addRow("", self.password_warning)
        form.addRow(tr("Credentials (connection string only)"), self.authcfg)
        form.addRow(tr("Working copy (GeoPackage)"), self.working_copy)
        form.addRow(tr("Suitability profile"), self.suitability_profile)
        form.addRow(tr("Geocoder URL"), self.geocoder_url)
        form.addRow(tr("Contact e-mail for the geocoder"), self.geocoder_email)
        form.addRow(tr("Pause between geocoder requests"), self.geocoder_min_interval)
        form.addRow(tr("Geocoder timeout"), self.geocoder_timeout)
        form.addRow(tr("Duplicate check distance"), self.duplicate_distance_m)
        form.addRow(tr("Overpass server (OpenStreetMap)"), self.overpass_url)
        form.addRow(tr("Overpass timeout"), self.overpass_timeout)
        form.addRow(tr("Reference data (GeoPackage)"), self.reference_data)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        hint = QLabel(tr("The public Nominatim allows one request per second; keep the pause at 1 s or more "
                         "unless you run your own geocoder."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self._database_edited(self.database.currentText())

    def _database_edited(self, text: str) -> None:
        """Name a typed password at once; credentials are chosen only for a typed connection string."""
        self.password_warning.setVisible(has_password(text))
        self.authcfg.setEnabled("=" in text)

    @staticmethod
    def _spin(value: float, minimum: float, maximum: float, suffix: str, decimals: int) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(minimum, maximum)
        spin.setDecimals(decimals)
        spin.setSuffix(suffix)
        spin.setValue(value)
        return spin

    def settings(self) -> PluginSettings:
        """The settings as the form shows them now."""
        return PluginSettings(
            database=self.database_value(),
            working_copy=self.working_copy.filePath().strip(),
            geocoder_url=self.geocoder_url.text().strip(),
            geocoder_email=self.geocoder_email.text().strip(),
            geocoder_min_interval=self.geocoder_min_interval.value(),
            geocoder_timeout=self.geocoder_timeout.value(),
            suitability_profile=self.suitability_profile.filePath().strip(),
            duplicate_distance_m=self.duplicate_distance_m.value(),
            overpass_url=self.overpass_url.text().strip(),
            overpass_timeout=self.overpass_timeout.value(),
            reference_data=self.reference_data.filePath().strip(),
        )

    def database_value(self) -> str:
        """The register connection as it will be stored: never with a password, with the chosen authcfg."""
        text, _removed = strip_password(self.database.currentText().strip())
        if "=" not in text:  # a QGIS connection name: its credentials come with it
            return text
        return with_authcfg(text, self.authcfg.configId() or split_authcfg(text)[1])

    def apply(self) -> None:
        typed = self.database.currentText()
        if has_password(typed):  # keep the rest of what was typed, without the password, and say so
            self.database.setCurrentText(strip_password(typed)[0])
            LOG.warning("%s", password_removed_message())
        self.settings().save()


class CoworkingOptionsFactory(QgsOptionsWidgetFactory):
    """Registered by the plugin in initGui() and unregistered in unload()."""

    def __init__(self) -> None:
        super().__init__(tr("Coworking"), QIcon(icon_path("coworking.svg")))

    def icon(self) -> QIcon:
        return QIcon(icon_path("coworking.svg"))

    def createWidget(self, parent: Optional[QWidget] = None) -> CoworkingOptionsPage:  # noqa: N802
        return CoworkingOptionsPage(parent)
