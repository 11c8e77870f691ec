"""coworking:load_zensus — the Zensus 2022 population grid (100 m CSV the user downloads) into the reference
GeoPackage (layer ``zensus_grid``) for the criterion "inhabitants within 2 km"."""

from __future__ import annotations

from qgis.core import QgsProcessingException, QgsProcessingParameterFile

from .base import ReferenceDataAlgorithm


class LoadZensusAlgorithm(ReferenceDataAlgorithm):
    GRID = "GRID"

    def name(self) -> str:
        return "load_zensus"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Load the Zensus 2022 population grid")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Reads the Zensus 2022 population grid of 100 m cells (CSV with x_mp_100m, y_mp_100m and Einwohner in "
            "EPSG:3035, separated by semicolons, as published by the statistical offices) and writes the inhabited "
            "cells in and around the county as points into the reference GeoPackage (layer zensus_grid). The "
            "criterion “Inhabitants within 2 km” sums the cells whose centre lies within 2 km of a site. "
            "© Statistisches Bundesamt (Destatis), Zensus 2022, dl-de/by-2-0.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self._add(QgsProcessingParameterFile(self.GRID, self.tr("Zensus 2022 grid (CSV)"), extension="csv"))
        self.add_destination()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.opendata import refgpkg, zensus
        from ..core.tasks import TaskCanceled

        path = self.destination(parameters, context)
        try:
            cells, people = zensus.load_zensus(self.parameterAsFile(parameters, self.GRID, context), path,
                                               is_canceled=feedback.isCanceled)
        except TaskCanceled:
            return {self.OUTPUT: None}
        except (zensus.ZensusError, refgpkg.ReferenceDataError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(self.tr("%n inhabited cell(s), {people} inhabitants.", "", cells).format(
            people=int(people)))
        return {self.OUTPUT: path}
