"""What every coworking algorithm shares: translation, new instances, checked parameter registration, and a
Processing history that never holds a database password."""

from __future__ import annotations

from typing import Any, Dict

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterString
from qgis.PyQt.QtCore import QCoreApplication

from ..core.conninfo import redact_password


def redacted(parameters: Dict[str, Any]) -> Dict[str, Any]:
    """``parameters`` with ``password=***`` for every password in a text value (libpq strings and URIs)."""
    return {name: redact_password(value) if isinstance(value, str) else value
            for name, value in (parameters or {}).items()}


class DatabaseParameter(QgsProcessingParameterString):
    """DATABASE: a QGIS connection name or a connection string, shown without its password wherever QGIS writes
    the value as Python: the dialog's log ("Input parameters"), which QGIS 3.32+ keeps in the History database."""

    def valueAsPythonString(self, value, context) -> str:  # noqa: N802
        return super().valueAsPythonString(redact_password(value) if isinstance(value, str) else value, context)

    def clone(self):
        copy = DatabaseParameter(self.name(), self.description(), self.defaultValue(), self.multiLine())
        copy.setFlags(self.flags())
        return copy


class CoworkingAlgorithm(QgsProcessingAlgorithm):
    def tr(self, text: str, disambiguation: Any = None, n: int = -1) -> str:
        # pylupdate5 files each string under the class whose code holds it: a subclass's own strings under its
        # name, inherited ones (e.g. SyncAlgorithm's parameters) under the base's: look along the class chain.
        # With n >= 0 the numerus form for n is chosen and %n replaced (call as tr("%n site(s)", "", n))
        fallback = text.replace("%n", str(n)) if n >= 0 else text
        for cls in type(self).__mro__:
            translated = QCoreApplication.translate(cls.__name__, text, disambiguation or None, n)
            if translated != fallback:
                return translated
            if cls is CoworkingAlgorithm:
                break
        return fallback

    def createInstance(self):  # noqa: N802
        return type(self)()

    def _add(self, parameter) -> None:
        if not self.addParameter(parameter):
            raise QgsProcessingException(f"parameter {parameter.name()} could not be added")

    def _database_parameter(self) -> DatabaseParameter:
        return DatabaseParameter(
            "DATABASE", self.tr("Database (QGIS PostgreSQL connection name or connection string)"))

    # The Processing dialog writes asPythonCommand() into processing/processing.log (the History); QGIS 3.32+
    # writes it, asQgisProcessCommand() and asMap() into its History database: a DATABASE given as a connection
    # string must not leave its password there. Every text value is masked.
    def asPythonCommand(self, parameters, context) -> str:  # noqa: N802
        return super().asPythonCommand(redacted(parameters), context)

    if hasattr(QgsProcessingAlgorithm, "asQgisProcessCommand"):  # QGIS >= 3.24
        def asQgisProcessCommand(self, parameters, context):  # noqa: N802
            return super().asQgisProcessCommand(redacted(parameters), context)

    if hasattr(QgsProcessingAlgorithm, "asMap"):  # QGIS >= 3.24
        def asMap(self, parameters, context):  # noqa: N802
            return super().asMap(redacted(parameters), context)


class RegisterAdminAlgorithm(CoworkingAlgorithm):
    """An algorithm of the group "Register administration" (install, roles, the Geoportal project)."""

    def group(self) -> str:
        return self.tr("Register administration")

    def groupId(self) -> str:  # noqa: N802
        return "register_admin"


class ReferenceDataAlgorithm(CoworkingAlgorithm):
    """The loaders of open data (OpenStreetMap, GTFS, Zensus): group "Suitability", and the reference GeoPackage
    they write, by default the one in the plugin settings."""

    OUTPUT = "OUTPUT"

    def group(self) -> str:
        return self.tr("Suitability")

    def groupId(self) -> str:  # noqa: N802
        return "suitability"

    def add_destination(self) -> None:
        from qgis.core import QgsProcessingParameterFileDestination

        self._add(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Reference GeoPackage (empty: the one in the plugin settings)"),
            self.tr("GeoPackage (*.gpkg)"), optional=True, createByDefault=False))

    def destination(self, parameters, context) -> str:
        from ..core.opendata import refgpkg
        from ..core.settings import PluginSettings

        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        return path or PluginSettings.load().reference_data or refgpkg.default_path()
