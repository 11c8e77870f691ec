"""coworking:install_database — install or upgrade the shared register (migrations, municipalities, styles).

    qgis_process run coworking:install_database -- DATABASE="service=coworking"
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
)

from ..core.connection import ConnectionError_
from ..core.register.messages import user_message
from .base import RegisterAdminAlgorithm


class InstallDatabaseAlgorithm(RegisterAdminAlgorithm):
    DATABASE = "DATABASE"
    MUNICIPALITIES = "MUNICIPALITIES"
    STYLES = "STYLES"
    LANGUAGE = "LANGUAGE"
    TOLERANCE = "TOLERANCE"
    LANGUAGES = ("de", "en")
    VERSION = "VERSION"
    APPLIED = "APPLIED"

    def name(self) -> str:
        return "install_database"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Install or upgrade the register database")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Creates or upgrades the schema coworking in a PostGIS database: tables, review rules, row-level "
            "security, history, the public view coworking.public_site and the roles coworking_admin, "
            "coworking_reviewer, coworking_editor and coworking_reader. Running it again changes nothing; a newer "
            "plugin upgrades an older database in place. DATABASE is the name of a QGIS PostgreSQL connection or a "
            "connection string (service=… or host=… dbname=… user=…). The connecting role must be allowed to "
            "create schemas and roles (the database owner with CREATEROLE, or a superuser). Municipalities are "
            "loaded from the data shipped with the plugin unless you choose a layer (fields AGS and GEN). The "
            "form and symbols of the site layers are stored in the table layer_styles. The register's messages are in "
            "the language chosen here. The tolerance says how far a site may lie outside the municipality it names "
            "(1,000 m suits the boundaries shipped with the plugin; less for finer boundaries; empty keeps it).")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        params = (
            self._database_parameter(),
            QgsProcessingParameterVectorLayer(
                self.MUNICIPALITIES, self.tr("Municipalities (optional; fields AGS and GEN)"),
                [QgsProcessing.SourceType.TypeVectorPolygon], optional=True),
            QgsProcessingParameterBoolean(
                self.STYLES, self.tr("Store layer styles and forms in layer_styles"), defaultValue=True),
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Language of the register's messages"), options=["Deutsch", "English"],
                defaultValue=0),
            QgsProcessingParameterNumber(
                self.TOLERANCE, self.tr("Tolerance for where a site lies (m; empty: keep, 1,000 on a new register)"),
                QgsProcessingParameterNumber.Type.Double, optional=True, minValue=0),
        )
        outputs = (QgsProcessingOutputNumber(self.VERSION, self.tr("Schema version")),
                   QgsProcessingOutputString(self.APPLIED, self.tr("Migrations applied")))
        ok = all([self.addParameter(p) for p in params] + [self.addOutput(o) for o in outputs])
        assert ok, "parameter or output defined twice"

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..db.install import install, municipalities_from_layer

        database = self.parameterAsString(parameters, self.DATABASE, context)
        municipalities = None
        layer = self.parameterAsVectorLayer(parameters, self.MUNICIPALITIES, context)
        if layer is not None:
            try:
                municipalities = municipalities_from_layer(layer)
            except ValueError as exc:
                raise QgsProcessingException(str(exc)) from None
        try:
            report = install(database, municipalities,
                             with_styles=self.parameterAsBoolean(parameters, self.STYLES, context),
                             progress=feedback.setProgress, is_canceled=feedback.isCanceled,
                             language=self.LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)],
                             location_tolerance_m=(self.parameterAsDouble(parameters, self.TOLERANCE, context)
                                                   if parameters.get(self.TOLERANCE) not in (None, "") else None))
        except ConnectionError_ as exc:
            raise QgsProcessingException(str(exc)) from None
        except Exception as exc:  # database errors: say what failed, the details are in the log
            raise QgsProcessingException(
                self.tr("Installing the register failed; nothing was changed: {error}").format(
                    error=user_message(exc))) from None
        feedback.pushInfo(report.summary())
        return {self.VERSION: report.version, self.APPLIED: ",".join(f"{v:04d}" for v in report.applied)}
