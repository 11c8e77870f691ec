"""coworking:score_sites — score every site for the coworking models of a suitability profile.

Same core code as the suitability dock (core/suitability/layers.py): indicators with numpy, scores as
fields on a copy of the sites layer, one field set per criterion for the explanation.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)

from ..core.i18n import ui_language
from .base import CoworkingAlgorithm

#: reference roles of the shipped profile, each an optional input (any geometry, any CRS)
ROLES = ("rail_stations", "bus_stops", "shops", "cafes", "doctors", "schools", "kindergartens", "accommodation",
         "landscape", "municipalities")


class ScoreSitesAlgorithm(CoworkingAlgorithm):
    INPUT = "INPUT"
    PROFILE = "PROFILE"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "score_sites"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Score sites for coworking models")

    def group(self) -> str:
        return self.tr("Suitability")

    def groupId(self) -> str:  # noqa: N802
        return "suitability"

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Scores every site (points, or polygons at their point on surface) 0..100 for each coworking model of "
            "the profile (default: Coworking klassisch, Pendlerhafen, Neue Ortsmitte, Retreat/Workation). "
            "Reference layers may be points, lines or polygons in any CRS; distances are straight lines in "
            "EPSG:25833. Output fields: s_<model> (score), best_model, best_score, target_groups_served, knockout, "
            "v_<criterion> (value), p_<criterion> (partial score 0..1) and explanation (JSON with weights). "
            "Sites without geometry are kept with empty scores and reported in the log.")

    def role_labels(self) -> dict:
        """Translated labels of the reference-layer inputs; coworking:suitability_grid uses them too."""
        return {
            "rail_stations": self.tr("Rail stations"), "bus_stops": self.tr("Bus stops"),
            "shops": self.tr("Shops (local supply)"), "cafes": self.tr("Cafés and bakeries"),
            "doctors": self.tr("Doctors and pharmacies"), "schools": self.tr("Primary schools"),
            "kindergartens": self.tr("Kindergartens"), "accommodation": self.tr("Accommodation"),
            "landscape": self.tr("Landscape areas"),
            "municipalities": self.tr("Municipalities (county outline, population)"),
        }

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self._add(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Sites"), [QgsProcessing.SourceType.TypeVectorPoint,
                                           QgsProcessing.SourceType.TypeVectorPolygon]))
        labels = self.role_labels()
        for role in ROLES:
            self._add(QgsProcessingParameterFeatureSource(
                role.upper(), labels[role], [QgsProcessing.SourceType.TypeVectorAnyGeometry], optional=True))
        self._add(QgsProcessingParameterFile(
            self.PROFILE, self.tr("Suitability profile (JSON; empty: the shipped default)"),
            extension="json", optional=True))
        self._add(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Scored sites")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # imported here: numpy and the scoring code load when the algorithm runs, not when QGIS starts
        from ..core.suitability import layers
        from ..core.suitability import profile as profiles

        sites = self.parameterAsSource(parameters, self.INPUT, context)
        if sites is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        path = self.parameterAsFile(parameters, self.PROFILE, context)
        try:
            profile = profiles.load(path) if path else profiles.default_profile()
        except (OSError, profiles.ProfileError) as exc:
            raise QgsProcessingException(self.tr("Cannot read the profile {path}: {error}").format(
                path=path, error=exc)) from exc
        refs = {role: self.parameterAsSource(parameters, role.upper(), context) for role in ROLES}
        refs = {k: v for k, v in refs.items() if v is not None}
        missing = [r for r in profile.reference_roles() if r not in refs]
        if missing:
            feedback.pushInfo(self.tr("No layer for: {roles}. Criteria reading them score their missing value.")
                              .format(roles=", ".join(missing)))
        run = layers.compute_run(sites, refs, profile, progress=feedback.setProgress,
                                 is_canceled=feedback.isCanceled)
        for problem in run.problems:
            feedback.reportError(problem)
        fields = layers.output_fields(sites.fields(), profile, ui_language())
        wkb = sites.wkbType()
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                          wkb if wkb != QgsWkbTypes.Type.NoGeometry else QgsWkbTypes.Type.Point,
                                          sites.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feat in layers.scored_features(run, fields):
            if feedback.isCanceled():
                break
            if not sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        feedback.pushInfo(self.tr("%n site(s) scored, {bad} without geometry.", "", len(run.features)).format(
            bad=int((~run.sites.valid).sum())))
        return {self.OUTPUT: dest}
