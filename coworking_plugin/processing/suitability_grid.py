"""coworking:suitability_grid — county-wide hexagons scored for every model, before any site is known.

The site's own criteria (floor area, broadband of the building, anchor tenant...) are unknown for a
hexagon and left out (core/suitability/hexgrid.py); the municipalities layer gives the county outline.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)

from ..core.i18n import ui_language
from ..core.qtcompat import distance_unit_meters
from ..core.register.catalogue import REGISTER_CRS
from .score_sites import ROLES, ScoreSitesAlgorithm


class SuitabilityGridAlgorithm(ScoreSitesAlgorithm):
    """Shares the reference inputs (fixed roles and further layers by role name) with coworking:score_sites."""

    PROFILE = "PROFILE"
    RADIUS = "RADIUS"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "suitability_grid"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Suitability grid (hexagons)")

    def group(self) -> str:
        return self.tr("Suitability")

    def groupId(self) -> str:  # noqa: N802
        return "suitability"

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Covers the county (the municipalities layer) with hexagons and scores each centre 0..100 for every "
            "model of the profile, from the location criteria only (the site's own fields are unknown). "
            "Fields: s_<model>, best_model. EPSG:25833.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        labels = self.role_labels()
        for role in ROLES:
            self._add(QgsProcessingParameterFeatureSource(
                role.upper(), labels[role],
                [QgsProcessing.SourceType.TypeVectorAnyGeometry], optional=role != "municipalities"))
        self._add(QgsProcessingParameterFile(
            self.PROFILE, self.tr("Suitability profile (JSON; empty: the shipped default)"), extension="json",
            optional=True))
        self.add_more_layers_parameter()
        radius = QgsProcessingParameterDistance(self.RADIUS, self.tr("Hexagon radius"), 1000.0, minValue=100.0)
        radius.setDefaultUnit(distance_unit_meters())
        self._add(radius)
        self._add(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Suitability grid"),
                                                    QgsProcessing.SourceType.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # imported here: numpy and the scoring code load when the algorithm runs, not when QGIS starts
        from ..core.suitability import hexgrid, layers
        from ..core.suitability import profile as profiles

        path = self.parameterAsFile(parameters, self.PROFILE, context)
        try:
            profile = profiles.load(path) if path else profiles.default_profile()
        except (OSError, profiles.ProfileError) as exc:
            raise QgsProcessingException(self.tr("Cannot read the profile {path}: {error}").format(
                path=path, error=exc)) from exc
        refs = layers.read_references(self.reference_inputs(parameters, context, profile, feedback), profile,
                                      feedback.isCanceled)
        radius = self.parameterAsDouble(parameters, self.RADIUS, context)
        centres, scores = hexgrid.score_grid(profile, refs, radius, progress=feedback.setProgress)
        grid = hexgrid.grid_layer(profile, centres, scores, radius, lang=ui_language())
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, grid.fields(), QgsWkbTypes.Type.Polygon,
                                          QgsCoordinateReferenceSystem(REGISTER_CRS))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feat in grid.getFeatures():
            if not sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        feedback.pushInfo(self.tr("%n hexagon(s) scored.", "", len(centres)))
        return {self.OUTPUT: dest}
