"""A small GTFS feed for the tests: real station names and positions of the county (DB station data shipped in
resources/data), invented trips with times chosen so that every expected value can be worked out by hand."""

from __future__ import annotations

import csv
import io
import zipfile

STOPS = [
    # stop_id, name, lat, lon, location_type, parent
    ("leipzig", "Leipzig Hbf", 51.345, 12.381, "0", ""),
    ("strehla", "Strehla, Markt", 51.3530, 13.2279, "0", ""),
    ("riesa", "Riesa, Bahnhof", 51.309654, 13.287734, "1", ""),
    ("riesa_bus", "Riesa, Bahnhof (Bus)", 51.30955, 13.28790, "0", "riesa"),
    ("riesa_2", "Riesa Gleis 2", 51.30970, 13.28760, "0", "riesa"),
    ("meissen", "Meißen", 51.162957, 13.482522, "0", ""),
    ("coswig", "Coswig (b Dresden)", 51.12281, 13.579414, "0", ""),
    ("radebeul_ost", "Radebeul Ost", 51.098294, 13.680163, "0", ""),
    ("dresden", "Dresden Hbf", 51.040563, 13.732035, "0", ""),
]
CALENDAR = [
    # service_id, mon..sun, start, end
    ("WD", "1111100", "20261201", "20270630"),
    ("SCHOOL", "1111100", "20261201", "20270630"),
    ("SAT", "0000010", "20261201", "20270630"),
    ("NIGHT_MO", "1000000", "20261201", "20270630"),
]
CALENDAR_DATES = [("SCHOOL", "20261208", "2"), ("EXTRA", "20261208", "1")]
TRIPS = {
    # trip_id: (route, service, [(stop, arrival, departure), ...])
    "bus_1": ("A", "WD", [("strehla", "06:30:00", "06:30:00"), ("riesa_bus", "06:52:00", "06:52:00")]),
    "bus_2": ("A", "SCHOOL", [("strehla", "06:50:00", "06:50:00"), ("riesa_bus", "07:12:00", "07:12:00")]),
    "bus_3": ("A", "EXTRA", [("strehla", "08:10:00", "08:10:00"), ("riesa_bus", "08:32:00", "08:32:00")]),
    "bus_sat": ("A", "SAT", [("strehla", "07:00:00", "07:00:00"), ("riesa_bus", "07:20:00", "07:20:00")]),
    "bus_late": ("A", "WD", [("strehla", "09:10:00", "09:10:00"), ("riesa_bus", "09:32:00", "09:32:00")]),
    "re_1": ("RE50", "WD", [("leipzig", "06:00:00", "06:00:00"), ("riesa_2", "06:58:00", "07:00:00"),
                            ("coswig", "07:27:00", "07:27:00"), ("radebeul_ost", "", ""),
                            ("dresden", "07:45:00", "07:45:00")]),
    "re_2": ("RE50", "WD", [("riesa_2", "08:00:00", "08:00:00"), ("coswig", "08:27:00", "08:27:00"),
                            ("dresden", "08:45:00", "08:45:00")]),
    "s1_1": ("S1", "WD", [("meissen", "06:30:00", "06:30:00"), ("coswig", "06:45:00", "06:45:00"),
                          ("dresden", "07:08:00", "07:08:00")]),
    "s1_2": ("S1", "WD", [("meissen", "07:00:00", "07:00:00"), ("coswig", "07:15:00", "07:15:00"),
                          ("dresden", "07:38:00", "07:38:00")]),
    # Monday's night bus, still running on Tuesday morning: 30:15 is 6:15 the next day
    "night_1": ("N", "NIGHT_MO", [("meissen", "30:15:00", "30:15:00"), ("dresden", "30:47:00", "30:47:00")]),
}
ROUTES = [("A", "A", "3"), ("RE50", "RE50", "2"), ("S1", "S1", "2"), ("N", "N", "3")]


def _csv(rows) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)  # quotes "Strehla, Markt"
    return out.getvalue()


def write_feed(path, trips=None, calendar_dates=None, extra_stops=()) -> str:
    trips = trips or TRIPS
    files = {
        "agency.txt": [("agency_id", "agency_name", "agency_url", "agency_timezone"),
                       ("VVO", "Testverkehr", "https://example.invalid", "Europe/Berlin")],
        "feed_info.txt": [("feed_publisher_name", "feed_publisher_url", "feed_lang"),
                          ("Testfeed (synthetisch)", "https://example.invalid", "de")],
        "stops.txt": [("stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station")]
                     + STOPS + list(extra_stops),
        "routes.txt": [("route_id", "agency_id", "route_short_name", "route_type")] +
                      [(r, "VVO", n, t) for r, n, t in ROUTES],
        "calendar.txt": [("service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                          "sunday", "start_date", "end_date")] +
                        [(s, *days, a, b) for s, days, a, b in CALENDAR],
        "calendar_dates.txt": [("service_id", "date", "exception_type")] + list(calendar_dates or CALENDAR_DATES),
        "trips.txt": [("route_id", "service_id", "trip_id")] + [(r, s, t) for t, (r, s, _) in trips.items()],
        "stop_times.txt": [("trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence")] +
                          [(t, a, d, stop, k + 1) for t, (_, _, rows) in trips.items()
                           for k, (stop, a, d) in enumerate(rows)],
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, rows in files.items():
            # the BOM many exports carry
            zf.writestr(name, ("\ufeff" if name == "stops.txt" else "") + _csv(rows))
    return str(path)
