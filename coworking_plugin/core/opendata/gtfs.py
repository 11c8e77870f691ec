"""Public transport from a GTFS feed (VVO, DELFI): the service of every station on a weekday morning.

Per station (a stop with its platforms, by ``parent_station``): departures per hour between 6 and 9 o'clock on
one weekday (the date given, or the next Tuesday within the feed's validity), and the fastest scheduled journey
departing in that window to Dresden Hbf and to the nearest of the county's centres (csa.py). The feed is read
with the csv module, streamed: of stop_times.txt only the rows of trips running that day, at stations inside
the area (county + margin) and within the time window are kept, as numbers. Pure Python: no QGIS import.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from array import array
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from ..i18n import tr
from . import csa

#: the weekday morning whose departures count (seconds after midnight of the service day)
WINDOW = (6 * 3600, 9 * 3600)
#: journeys departing in the window may arrive until then
HORIZON_S = 12 * 3600
#: places a journey goes to (lon, lat in WGS84); every station within TARGET_RADIUS_M of one counts as arrived
DRESDEN_HBF = ("Dresden Hbf", 13.732035, 51.040563)
CENTRES = (("Meißen", 13.482522, 51.162957), ("Riesa", 13.287734, 51.309654),
           ("Großenhain", 13.523916, 51.291636), ("Radebeul", 13.680163, 51.098294),
           ("Coswig", 13.579414, 51.12281))
TARGET_RADIUS_M = 400.0
#: stations this close are linked by a footpath (a bus stop across the road from the station), walked at 1 m/s in
#: straight line (about 4.7 km/h on a path 30 % longer)
FOOTPATH_M = 300.0
WALK_M_PER_S = 1.0
TUESDAY = 1


class GtfsError(Exception):
    """A feed that cannot be used; the message says what is wrong and what to do."""


@dataclass
class Station:
    stop_id: str
    name: str
    lon: float
    lat: float
    departures: int = 0
    minutes: Dict[str, float] = field(default_factory=dict)  # target name -> minutes of the fastest journey


@dataclass
class TransitResult:
    service_date: dt.date
    stations: List[Station]
    connections: int
    publisher: str = ""

    def departures_per_hour(self, s: Station) -> float:
        return s.departures / ((WINDOW[1] - WINDOW[0]) / 3600.0)


def _table(zf: zipfile.ZipFile, name: str, required: bool = True
           ) -> Tuple[Dict[str, int], Iterator[List[str]]]:
    """The column index and the rows (lists) of one file of the feed, streamed (BOM and blanks removed)."""
    try:
        raw = zf.open(name)
    except KeyError:
        if required:
            raise GtfsError(tr("The GTFS feed lacks {file}. Choose the feed's zip file as published "
                               "(VVO, DELFI).").format(file=name)) from None
        return {}, iter(())
    fh = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    reader = csv.reader(fh)
    header = {h.strip(): k for k, h in enumerate(next(reader, []))}

    def rows() -> Iterator[List[str]]:
        with fh:
            for row in reader:
                if row:
                    yield row

    return header, rows()


def _rows(zf: zipfile.ZipFile, name: str, required: bool = True) -> Iterator[Dict[str, str]]:
    """The rows of one file of the feed as dicts (the small files)."""
    header, rows = _table(zf, name, required)
    for row in rows:
        yield {h: row[k].strip() if k < len(row) else "" for h, k in header.items()}


def parse_time(text: str) -> int:
    """Seconds after midnight of the service day ("25:10:00" is 1:10 the next morning); -1 when empty."""
    if not text:
        return -1
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def _date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%Y%m%d").date()


@dataclass
class Calendar:
    weekly: List[Tuple[str, dt.date, dt.date, Tuple[int, ...]]]
    exceptions: Dict[dt.date, Dict[str, int]]

    def validity(self) -> Tuple[dt.date, dt.date]:
        days = [d for _, a, b, _ in self.weekly for d in (a, b)] + list(self.exceptions)
        if not days:
            raise GtfsError(tr("The GTFS feed has neither calendar.txt nor calendar_dates.txt entries."))
        return min(days), max(days)

    def services(self, day: dt.date) -> set:
        active = {sid for sid, a, b, week in self.weekly if a <= day <= b and week[day.weekday()]}
        for sid, kind in self.exceptions.get(day, {}).items():
            if kind == 1:
                active.add(sid)
            else:
                active.discard(sid)
        return active


def read_calendar(zf: zipfile.ZipFile) -> Calendar:
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    weekly = [(r["service_id"], _date(r["start_date"]), _date(r["end_date"]), tuple(int(r[d]) for d in days))
              for r in _rows(zf, "calendar.txt", required=False)]
    exceptions: Dict[dt.date, Dict[str, int]] = {}
    for r in _rows(zf, "calendar_dates.txt", required=False):
        exceptions.setdefault(_date(r["date"]), {})[r["service_id"]] = int(r["exception_type"])
    return Calendar(weekly, exceptions)


def service_date(cal: Calendar, day: Optional[dt.date] = None, today: Optional[dt.date] = None) -> dt.date:
    """``day`` if the feed covers it, else the first Tuesday from ``today`` (or the feed's start) on."""
    first, last = cal.validity()
    if day is not None:
        if not first <= day <= last:
            raise GtfsError(tr("The GTFS feed is valid from {first} to {last}, not on {day}. Choose a date in "
                               "that period.").format(first=first.isoformat(), last=last.isoformat(),
                                                      day=day.isoformat()))
        return day
    start = max(today or dt.date.today(), first)
    tuesday = start + dt.timedelta(days=(TUESDAY - start.weekday()) % 7)
    if tuesday > last:
        raise GtfsError(tr("The GTFS feed ends on {last}: it has no Tuesday left to judge. Load a current "
                           "feed.").format(last=last.isoformat()))
    return tuesday


def _inside(lon: float, lat: float, bbox: Optional[Tuple[float, float, float, float]]) -> bool:
    return bbox is None or (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3])


def read_stations(zf: zipfile.ZipFile, bbox) -> Tuple[List[Station], Dict[str, int]]:
    """Stations (a parent station, or a stop without one) inside ``bbox``, and each stop id's station index."""
    parent_of, coords, names, kinds = {}, {}, {}, {}
    for r in _rows(zf, "stops.txt"):
        try:
            coords[r["stop_id"]] = (float(r["stop_lon"]), float(r["stop_lat"]))
        except (KeyError, ValueError):
            continue  # generic nodes and boarding areas may come without a position
        names[r["stop_id"]] = r.get("stop_name", "")
        kinds[r["stop_id"]] = r.get("location_type", "") or "0"
        if r.get("parent_station"):
            parent_of[r["stop_id"]] = r["parent_station"]
    stations: List[Station] = []
    index: Dict[str, int] = {}
    for sid in coords:
        top = parent_of.get(sid, sid) if parent_of.get(sid) in coords else sid
        if top not in index and _inside(*coords[top], bbox):
            index[top] = len(stations)
            stations.append(Station(top, names[top], *coords[top]))
        if top in index:
            index[sid] = index[top]
    return stations, index


def _distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    k = math.cos(math.radians((lat1 + lat2) / 2.0))
    return 111_195.0 * math.hypot((lon2 - lon1) * k, lat2 - lat1)


def footpaths(stations: List[Station], radius_m: float = FOOTPATH_M) -> Dict[int, List[Tuple[int, int]]]:
    """Per station the other stations within ``radius_m`` and the seconds to walk there (grid buckets)."""
    cells: Dict[Tuple[int, int], List[int]] = {}
    pos = []
    for i, s in enumerate(stations):
        x = s.lon * 111_195.0 * math.cos(math.radians(s.lat))
        y = s.lat * 111_195.0
        pos.append((x, y))
        cells.setdefault((int(x // radius_m), int(y // radius_m)), []).append(i)
    out: Dict[int, List[Tuple[int, int]]] = {}
    for i, (x, y) in enumerate(pos):
        cx, cy = int(x // radius_m), int(y // radius_m)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for j in cells.get((cx + dx, cy + dy), ()):
                    if j != i:
                        d = _distance_m(stations[i].lon, stations[i].lat, stations[j].lon, stations[j].lat)
                        if d <= radius_m:
                            out.setdefault(i, []).append((j, int(math.ceil(d / WALK_M_PER_S))))
    return out


def read_feed(path: str, day: Optional[dt.date] = None, today: Optional[dt.date] = None,
              bbox: Optional[Tuple[float, float, float, float]] = None,
              targets: Sequence[Tuple[str, float, float]] = (DRESDEN_HBF,) + CENTRES,
              progress: Callable[[float], None] = lambda p: None,
              is_canceled: Callable[[], bool] = lambda: False) -> TransitResult:
    """Departures per hour and minutes to every target for each station of the feed inside ``bbox``."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise GtfsError(tr("{path} is not a GTFS zip file: {error}").format(path=path, error=exc)) from exc
    with zf:
        try:
            return _read(zf, day, today, bbox, targets, progress, is_canceled)
        except (KeyError, ValueError) as exc:
            raise GtfsError(tr("The GTFS feed is malformed ({error}): a required column is missing or a time or "
                               "date cannot be read.").format(error=exc)) from exc


def _read(zf, day, today, bbox, targets, progress, is_canceled) -> TransitResult:
    from ..tasks import TaskCanceled

    cal = read_calendar(zf)
    date = service_date(cal, day, today)
    # trips of the day, and of the day before (their times past 24:00 fall into this morning)
    running = ((0, cal.services(date)), (-86400, cal.services(date - dt.timedelta(days=1))))
    stations, station_of = read_stations(zf, bbox)
    runs: Dict[str, List[int]] = {}
    for r in _rows(zf, "trips.txt"):
        shifts = [shift for shift, active in running if r["service_id"] in active]
        if shifts:
            runs[r["trip_id"]] = shifts
    trip_keys: Dict[Tuple[str, int], int] = {}
    progress(10.0)
    lo, hi = WINDOW[0], HORIZON_S
    trip_col, seq_col, stop_col, arr_col, dep_col = (array("l") for _ in range(5))
    header, rows = _table(zf, "stop_times.txt")
    c_trip, c_stop, c_seq, c_arr, c_dep = (header[h] for h in ("trip_id", "stop_id", "stop_sequence",
                                                               "arrival_time", "departure_time"))
    for k, r in enumerate(rows):  # the big file: lists, not dicts, and nothing kept of the rows left out
        if not k % 65536 and is_canceled():
            raise TaskCanceled()
        shifts = runs.get(r[c_trip])
        station = station_of.get(r[c_stop].strip()) if shifts is not None else None
        if station is None:
            continue
        arr, dep = parse_time(r[c_arr].strip()), parse_time(r[c_dep].strip())
        if arr < 0 and dep < 0:
            continue  # not a timepoint: the trip's connection runs from the previous timed stop to the next
        arr, dep = (arr if arr >= 0 else dep), (dep if dep >= 0 else arr)
        for shift in shifts:
            # times grow along a trip: what is left out is its start before the window or its end after the
            # horizon, never a stop in between
            if dep + shift >= lo and arr + shift <= hi:
                key = trip_keys.setdefault((r[c_trip], shift), len(trip_keys))
                for col, v in zip((trip_col, seq_col, stop_col, arr_col, dep_col),
                                  (key, int(r[c_seq]), station, arr + shift, dep + shift)):
                    col.append(v)
    progress(60.0)
    conns = csa.connections(trip_col, seq_col, stop_col, arr_col, dep_col)
    for c in conns:
        if WINDOW[0] <= c[0] < WINDOW[1]:
            stations[c[2]].departures += 1
    walks = footpaths(stations)
    for t, (name, lon, lat) in enumerate(targets):
        if is_canceled():
            raise TaskCanceled()
        goal = {i for i, s in enumerate(stations) if _distance_m(s.lon, s.lat, lon, lat) <= TARGET_RADIUS_M}
        best = csa.fastest_to(conns, len(stations), goal, WINDOW, footpaths=walks)
        for i, minutes in enumerate(best):
            if minutes is not None:
                stations[i].minutes[name] = minutes
        progress(60.0 + 40.0 * (t + 1) / len(targets))
    publisher = next((r.get("feed_publisher_name", "") for r in _rows(zf, "feed_info.txt", required=False)), "")
    return TransitResult(date, stations, len(conns), publisher)
