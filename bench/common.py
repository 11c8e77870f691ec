"""Shared benchmark helpers: medians of repeated runs and the results table."""

from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, List, Optional, Tuple

from psycopg2 import sql


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


@contextmanager
def register_cluster(name: str, editor: str, reviewer: str) -> Iterator[Tuple[Any, Any, Any, Any]]:
    """A throwaway PostgreSQL cluster with the register installed in database ``name`` and two LOGIN roles
    (password "bench"): ``editor`` of Meißen and ``reviewer``. Yields (cluster, superuser, editor, reviewer)
    connections; removes everything afterwards."""
    import shutil
    import tempfile
    from pathlib import Path

    import psycopg2

    from coworking_plugin.db.migrate import migrate
    from scripts.pgcluster import Cluster, free_port

    base = Path(tempfile.mkdtemp(prefix=f"coworking-{name}-"))
    base.chmod(0o755)
    cluster = Cluster(base / "pg", free_port())
    cluster.start()
    conns = []
    try:
        su = psycopg2.connect(cluster.create_database(name))
        conns.append(su)
        migrate(su)
        with su.cursor() as cur:
            for role, group in ((editor, "coworking_editor"), (reviewer, "coworking_reviewer")):
                cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'bench' IN ROLE {}").format(
                    sql.Identifier(role), sql.Identifier(group)))
            cur.execute("INSERT INTO coworking.editor_municipality VALUES (%s, '14627140')", (editor,))
        su.commit()
        conns += [psycopg2.connect(cluster.dsn(name, user=role, password="bench")) for role in (editor, reviewer)]
        yield cluster, su, conns[1], conns[2]
    finally:
        for conn in conns:
            conn.close()
        cluster.destroy()
        shutil.rmtree(base, ignore_errors=True)
