"""coworking:load_osm — the OpenStreetMap POIs the profile's criteria need, from an Overpass server, into the
reference GeoPackage (one layer per role, EPSG:25833, ODbL attribution in the layer metadata)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from .base import ReferenceDataAlgorithm


def load_profile(algorithm, parameters, context):
    """The profile named by the PROFILE parameter, or the shipped default; a clear error otherwise."""
    from ..core.suitability import profile as profiles

    path = algorithm.parameterAsFile(parameters, "PROFILE", context)
    try:
        return profiles.load(path) if path else profiles.default_profile()
    except (OSError, profiles.ProfileError) as exc:
        raise QgsProcessingException(algorithm.tr("Cannot read the profile {path}: {error}").format(
            path=path, error=exc)) from exc


class LoadOsmAlgorithm(ReferenceDataAlgorithm):
    PROFILE = "PROFILE"
    URL = "URL"
    TIMEOUT = "TIMEOUT"
    LAYERS = "LAYERS"

    def name(self) -> str:
        return "load_osm"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Load OpenStreetMap reference data")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Asks an Overpass server for the OpenStreetMap features every reference role of the profile needs "
            "(shops, cafés and bakeries, doctors and pharmacies, primary schools, kindergartens, accommodation, bus "
            "stops, protected areas and vineyards) inside the county's bounding box, and writes one layer per role "
            "(EPSG:25833, fields osm_id, name, tags) into the reference GeoPackage. Loading again replaces these "
            "layers and keeps the others. © OpenStreetMap-Mitwirkende, ODbL 1.0: the attribution is in each "
            "layer's metadata. Empty server: the one in the plugin settings.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self._add(QgsProcessingParameterFile(
            self.PROFILE, self.tr("Suitability profile (JSON; empty: the shipped default)"),
            extension="json", optional=True))
        self._add(QgsProcessingParameterString(
            self.URL, self.tr("Overpass server (empty: the one in the plugin settings)"), optional=True))
        self._add(QgsProcessingParameterNumber(
            self.TIMEOUT, self.tr("Timeout per request (seconds; 0: the plugin settings)"),
            QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0))
        self.add_destination()
        self.addOutput(QgsProcessingOutputString(self.LAYERS, self.tr("Layers written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.opendata import osm, overpass, refgpkg
        from ..core.settings import PluginSettings
        from ..core.tasks import TaskCanceled

        profile = load_profile(self, parameters, context)
        settings = PluginSettings.load()
        url = self.parameterAsString(parameters, self.URL, context).strip() or settings.overpass_url
        timeout = self.parameterAsDouble(parameters, self.TIMEOUT, context) or settings.overpass_timeout
        path = self.destination(parameters, context)
        labels = {r: profile.references.get(r, {}).get("label_de", "") for r in profile.reference_roles()}
        try:
            result = osm.load_osm(path, profile.reference_roles(), url, timeout, labels,
                                  progress=feedback.setProgress, is_canceled=feedback.isCanceled)
        except TaskCanceled:
            return {self.OUTPUT: None, self.LAYERS: ""}
        except (overpass.OverpassError, refgpkg.ReferenceDataError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        for role, n in result.counts.items():
            feedback.pushInfo(self.tr("{role}: %n feature(s)", "", n).format(role=role))
        feedback.pushInfo(overpass.ATTRIBUTION)
        return {self.OUTPUT: path, self.LAYERS: ",".join(result.counts)}
