"""coworking:load_gtfs — public transport service from a GTFS feed (VVO, DELFI) into the reference GeoPackage:
per station the departures per hour on a weekday morning and the fastest scheduled journeys to Dresden Hbf and
to the nearest of the county's centres (layer ``transit_stops``)."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from .base import ReferenceDataAlgorithm


class LoadGtfsAlgorithm(ReferenceDataAlgorithm):
    FEED = "FEED"
    DATE = "DATE"
    ATTRIBUTION = "ATTRIBUTION"

    def name(self) -> str:
        return "load_gtfs"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Load public transport from a GTFS feed")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Reads a GTFS feed (zip; e.g. VVO or DELFI) and writes the layer transit_stops into the reference "
            "GeoPackage: per station in and around the county the departures per hour between 6 and 9 o'clock on "
            "one weekday (the date given, or the next Tuesday the feed covers), and the minutes of the fastest "
            "scheduled journey departing then to Dresden Hbf (minutes_to_dresden) and to the nearest of Meißen, "
            "Riesa, Großenhain, Radebeul and Coswig (minutes_to_centre, centre), by a connection scan with 2 minutes "
            "to change at a station and footpaths of up to 300 m to nearby stops. The profile's public transport "
            "criteria read this layer; without it they fall back to straight lines.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self._add(QgsProcessingParameterFile(self.FEED, self.tr("GTFS feed (zip)"), extension="zip"))
        self._add(QgsProcessingParameterString(
            self.DATE, self.tr("Weekday to judge (YYYY-MM-DD; empty: the next Tuesday within the feed)"),
            optional=True))
        self._add(QgsProcessingParameterString(
            self.ATTRIBUTION, self.tr("Attribution required by the feed's licence (empty: the feed's publisher)"),
            optional=True))
        self.add_destination()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.opendata import gtfs, refgpkg, transit
        from ..core.tasks import TaskCanceled

        feed = self.parameterAsFile(parameters, self.FEED, context)
        text = self.parameterAsString(parameters, self.DATE, context).strip()
        try:
            day = dt.date.fromisoformat(text) if text else None
        except ValueError:
            raise QgsProcessingException(self.tr("“{date}” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-08.")
                                         .format(date=text)) from None
        path = self.destination(parameters, context)
        try:
            result = transit.load_gtfs(feed, path, day, self.parameterAsString(parameters, self.ATTRIBUTION, context),
                                       progress=feedback.setProgress, is_canceled=feedback.isCanceled)
        except TaskCanceled:
            return {self.OUTPUT: None}
        except (gtfs.GtfsError, refgpkg.ReferenceDataError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(self.tr("{date}: %n station(s) with service, {connections} connections scanned.", "",
                                  len(result.stations)).format(date=result.service_date.isoformat(),
                                                               connections=result.connections))
        return {self.OUTPUT: path}
