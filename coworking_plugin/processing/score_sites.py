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
    QgsProcessingParameterMultipleLayers,
    QgsWkbTypes,
)

from ..core.i18n import ui_language
from .base import CoworkingAlgorithm

#: reference roles of the shipped profile, each an optional input (any geometry, any CRS)
ROLES = ("rail_stations", "bus_stops", "shops", "cafes", "doctors", "schools", "kindergartens", "accommodation",
         "landscape", "municipalities")


def match_roles(profile, named_layers):
    """Further reference layers matched to the profile's roles by layer name (the role id, or its label in
    English or German, case ignored). Returns ({role: layer}, [names matching no role])."""
    names = {}
    for role in profile.reference_roles():
        info = profile.references.get(role, {})
        for text in (role, info.get("label_en", ""), info.get("label_de", "")):
            if text:
                names.setdefault(text.strip().casefold(), role)
    matched, unmatched = {}, []
    for layer in named_layers:
        role = names.get(layer.name().strip().casefold())
        if role is None:
            unmatched.append(layer.name())
        else:
            matched[role] = layer
    return matched, unmatched


class ScoreSitesAlgorithm(CoworkingAlgorithm):
    INPUT = "INPUT"
    PROFILE = "PROFILE"
    MORE_LAYERS = "MORE_LAYERS"
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
            "unknown_inputs, v_<criterion> (value), p_<criterion> (partial score 0..1) and explanation (JSON per "
            "model: criterion, weight, points, value unknown). "
            "Sites without geometry are kept with empty scores and reported in the log. Layers for roles of a "
            "loaded profile that have no input of their own go into “Further reference layers”, each named after "
            "its role (e.g. a layer named “coworking_spaces”). Inputs a site lacks (no layer, no field, no "
            "population entry) are listed per site in unknown_inputs and count with the criterion's missing score.")

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
        self.add_more_layers_parameter()
        self._add(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Scored sites")))

    def add_more_layers_parameter(self) -> None:
        self._add(QgsProcessingParameterMultipleLayers(
            self.MORE_LAYERS, self.tr("Further reference layers, each named after a role of the profile"),
            QgsProcessing.SourceType.TypeVectorAnyGeometry, optional=True))

    def reference_inputs(self, parameters, context, profile, feedback) -> dict:
        """The reference layer of every role: the fixed inputs, then further layers matched by name. Refuses
        layers that match no role (naming them and the roles); reports roles left without a layer."""
        from ..core.suitability.layers import DetachedSource

        refs = {role: self.parameterAsSource(parameters, role.upper(), context) for role in ROLES}
        refs = {k: v for k, v in refs.items() if v is not None}
        more, unmatched = match_roles(profile, self.parameterAsLayerList(parameters, self.MORE_LAYERS, context))
        if unmatched:
            raise QgsProcessingException(self.tr(
                "Further reference layers must be named after a role of the profile. No role is called {names}; "
                "the roles are: {roles}.").format(names=", ".join(f"“{n}”" for n in unmatched),
                                                  roles=", ".join(profile.reference_roles())))
        twice = sorted(set(more) & set(refs))
        if twice:
            raise QgsProcessingException(self.tr("Two layers for the role {roles}: give each role one layer.")
                                         .format(roles=", ".join(twice)))
        refs.update({role: DetachedSource(layer) for role, layer in more.items()})
        missing = [r for r in profile.reference_roles() if r not in refs]
        if missing:
            feedback.reportError(self.tr(
                "No layer for: {roles}. Criteria reading them count with their missing score; each site lists "
                "them in unknown_inputs.").format(roles=", ".join(missing)), False)
        return refs

    def _write(self, sink, feats, parameters, feedback) -> None:
        if feats and not feedback.isCanceled() and not sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert):
            raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))

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
        refs = self.reference_inputs(parameters, context, profile, feedback)
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
        batch = []
        for feat in layers.scored_features(run, fields):  # written in batches: one call per 1,000 sites
            batch.append(feat)
            if len(batch) == 1000:
                self._write(sink, batch, parameters, feedback)
                batch = []
        self._write(sink, batch, parameters, feedback)
        feedback.pushInfo(self.tr("%n site(s) scored, {bad} without geometry.", "", len(run.features)).format(
            bad=int((~run.sites.valid).sum())))
        return {self.OUTPUT: dest}
