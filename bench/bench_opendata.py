"""GTFS: read_feed (streamed stop_times, six connection scans with footpaths) on a county-sized synthetic feed
against the floor any reader pays, a plain csv.reader pass over the same stop_times.txt in the same zip.

The feed: 3,000 stations in the county's bounding box, 12,000 trips of 20 stops spread over the day (240,000
stop_times rows, half of them on weekdays). Target: read_feed within 12x of the bare csv pass (measured: about
8x; the rest is the per-row filtering of the kept rows and the six scans, linear in the connections).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import tempfile
import zipfile
from pathlib import Path
from typing import List

from bench.common import Row, interleaved

N_STOPS, N_TRIPS, LENGTH = 3000, 12000, 20


def _csv(rows) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def make_feed(path: Path) -> int:
    rnd = random.Random(1)
    stops = [(f"s{i}", f"Halt {i}", 51.0 + rnd.random() * 0.45, 13.05 + rnd.random() * 0.8) for i in range(N_STOPS)]
    stops.append(("dd", "Dresden Hbf", 51.040563, 13.732035))
    rows = [("trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence")]
    for t in range(N_TRIPS):
        start = rnd.randint(4 * 3600, 23 * 3600)
        seq = rnd.sample(range(N_STOPS), LENGTH - 1) + ([N_STOPS] if t % 3 == 0 else [rnd.randrange(N_STOPS)])
        for k, s in enumerate(seq):
            tt = start + 120 * k
            hhmmss = f"{tt // 3600:02d}:{tt % 3600 // 60:02d}:{tt % 60:02d}"
            rows.append((f"t{t}", hhmmss, hhmmss, stops[s][0], k + 1))
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("stops.txt", _csv([("stop_id", "stop_name", "stop_lat", "stop_lon")] + stops))
        zf.writestr("calendar.txt", _csv([("service_id",) + days + ("start_date", "end_date"),
                                          ("WD", 1, 1, 1, 1, 1, 0, 0, "20261201", "20270630"),
                                          ("SA", 0, 0, 0, 0, 0, 1, 0, "20261201", "20270630")]))
        zf.writestr("trips.txt", _csv([("route_id", "service_id", "trip_id")] +
                                      [("r", "WD" if t % 2 == 0 else "SA", f"t{t}") for t in range(N_TRIPS)]))
        zf.writestr("stop_times.txt", _csv(rows))
    return len(rows) - 1


def _bare_pass(path: Path) -> int:
    with zipfile.ZipFile(path) as zf, io.TextIOWrapper(zf.open("stop_times.txt"), encoding="utf-8-sig",
                                                      newline="") as fh:
        return sum(1 for _ in csv.reader(fh))


def run(repeat: int) -> List[Row]:
    from coworking_plugin.core.opendata import gtfs

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.zip"
        n = make_feed(path)
        t_ours, t_bare = interleaved([
            lambda: gtfs.read_feed(str(path), day=dt.date(2026, 12, 8)),
            lambda: _bare_pass(path)], max(1, repeat // 2))
    ratio = t_ours / t_bare if t_bare else float("inf")
    return [Row(f"GTFS read_feed: {n:,} stop_times, 6 connection scans", t_ours,
                "csv.reader over stop_times.txt", t_bare, "ratio <= 12", ratio <= 12)]
