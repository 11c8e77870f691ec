"""coworking:install_boundaries — replace the municipalities' boundaries with finer ones (run as an administrator).

    qgis_process run coworking:install_boundaries -- DATABASE="service=coworking_admin" \
        INPUT=/daten/vg25_gem.shp KEY=AGS SOURCE="BKG VG25 (Stand 01.01.2026), © GeoBasis-DE / BKG 2026" TOLERANCE=25
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.connection import ConnectionError_
from ..core.register.messages import user_message
from .base import RegisterAdminAlgorithm


class InstallBoundariesAlgorithm(RegisterAdminAlgorithm):
    DATABASE = "DATABASE"
    INPUT = "INPUT"
    KEY = "KEY"
    SOURCE = "SOURCE"
    TOLERANCE = "TOLERANCE"
    REPLACED = "REPLACED"
    SITES_OUTSIDE = "SITES_OUTSIDE"

    def name(self) -> str:
        return "install_boundaries"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Install finer municipal boundaries")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Replaces the boundaries of the county's 28 municipalities in the register with those of a polygon layer "
            "(e.g. BKG VG25 or ALKIS), so that the check of where a site lies can be strict. KEY is the field with "
            "the 8-digit municipality key (AGS, e.g. 14627140) or the 12-digit regional key (ARS); features of other "
            "municipalities are skipped, several features of one municipality are merged. SOURCE names the data and "
            "its licence. TOLERANCE (m; empty keeps it) is how far a site may lie outside the municipality it names: "
            "a few metres for ALKIS, about 25 m for VG25. All or nothing: if a municipality is missing, a geometry "
            "is invalid or a boundary hardly overlaps the current one, nothing is changed. Run it as a member of "
            "coworking_admin. Officers get the new boundaries with their next pull or checkout.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        for p in (
            QgsProcessingParameterString(
                self.DATABASE, self.tr("Database (QGIS PostgreSQL connection name or connection string)")),
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Municipal boundaries"), [QgsProcessing.SourceType.TypeVectorPolygon]),
            QgsProcessingParameterField(
                self.KEY, self.tr("Field with the municipality key (AGS or ARS)"), defaultValue="AGS",
                parentLayerParameterName=self.INPUT),
            QgsProcessingParameterString(
                self.SOURCE, self.tr("Source and licence of the boundaries (empty: the layer's name)"), optional=True),
            QgsProcessingParameterNumber(
                self.TOLERANCE, self.tr("Tolerance for where a site lies (m; empty: keep)"),
                QgsProcessingParameterNumber.Type.Double, optional=True, minValue=0),
        ):
            self._add(p)
        self.addOutput(QgsProcessingOutputNumber(self.REPLACED, self.tr("Municipalities replaced")))
        self.addOutput(QgsProcessingOutputNumber(
            self.SITES_OUTSIDE, self.tr("Sites farther than the tolerance from their municipality")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.connection import connect
        from ..db.boundaries import BoundaryError, replace_boundaries

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        key = self.parameterAsString(parameters, self.KEY, context)
        transform = QgsCoordinateTransform(source.sourceCrs(), QgsCoordinateReferenceSystem("EPSG:25833"),
                                           context.transformContext())
        parts = []
        for feature in source.getFeatures():
            if feedback.isCanceled():
                return {}
            geom = feature.geometry()
            if not geom.isEmpty():
                geom.transform(transform)
            parts.append((feature[key], "" if geom.isEmpty() else geom.asWkt()))
        label = (self.parameterAsString(parameters, self.SOURCE, context).strip()
                 or source.sourceName())
        tolerance = (self.parameterAsDouble(parameters, self.TOLERANCE, context)
                     if parameters.get(self.TOLERANCE) not in (None, "") else None)
        try:
            conn = connect(self.parameterAsString(parameters, self.DATABASE, context),
                           application_name="coworking_install_boundaries")
        except ConnectionError_ as exc:
            raise QgsProcessingException(str(exc)) from None
        try:
            report = replace_boundaries(conn, parts, label, tolerance)
        except BoundaryError as exc:
            raise QgsProcessingException(str(exc)) from None
        except Exception as exc:  # e.g. permission denied when not run as an administrator
            raise QgsProcessingException(self.tr(
                "Installing the boundaries failed; nothing was changed: {error}").format(
                    error=user_message(exc))) from None
        finally:
            conn.close()
        feedback.pushInfo(report.summary())
        if report.sites_outside:
            feedback.pushWarning(self.tr(
                "%n site(s) lie farther than the tolerance from the municipality they name. They stay as they are; "
                "their next move is checked. Look at them in the review, and record a reason where they are right.",
                "", report.sites_outside))
        return {self.REPLACED: report.replaced, self.SITES_OUTSIDE: report.sites_outside}
