"""Shared benchmark helpers: medians of repeated runs and the results table."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable, Iterable, List, Optional


@dataclass
class Row:
    name: str
    median_s: float
    baseline: str = ""
    baseline_s: Optional[float] = None
    target: Optional[str] = None  # e.g. "ratio <= 2" or "< 1 s"
    ok: bool = True

    @property
    def ratio(self) -> Optional[float]:
        return self.median_s / self.baseline_s if self.baseline_s else None


def median_time(fn: Callable[[], object], repeat: int = 5, setup: Optional[Callable[[], object]] = None) -> float:
    times = []
    for _ in range(repeat):
        if setup:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def interleaved(fns: List[Callable[[], object]], repeat: int = 5) -> List[float]:
    """Medians of several functions run in turn, ``repeat`` rounds: load that comes and goes on a shared
    machine then weighs on all of them alike, and their ratios stay comparable."""
    times: List[List[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def print_table(rows: Iterable[Row]) -> None:
    rows = list(rows)
    head = f"{'benchmark':58} {'median':>10} {'baseline':>34} {'ratio':>8}  target"
    print("\n" + head + "\n" + "-" * len(head))
    for r in rows:
        base = f"{r.baseline} {r.baseline_s:.4f}s" if r.baseline_s is not None else ""
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        verdict = "" if r.target is None else (f"{r.target} {'ok' if r.ok else 'MISSED'}")
        print(f"{r.name:58} {r.median_s:>9.4f}s {base:>34} {ratio:>8}  {verdict}", flush=True)
