"""`make bench`: run every bench/bench_*.py module and print one table of medians and ratios.

Each module has ``run(repeat: int) -> list[Row]``. A row compares a measurement with a baseline measured in
the same run (machines here are shared and noisy: ratios, not absolute times, are what we judge).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, print_table  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("only", nargs="*", help="module names (e.g. bench_startup); default: all")
    p.add_argument("--repeat", type=int, default=5)
    a = p.parse_args()
    rows: list[Row] = []
    pkg_dir = Path(__file__).parent
    for mod in sorted(m.name for m in pkgutil.iter_modules([str(pkg_dir)]) if m.name.startswith("bench_")):
        if a.only and mod not in a.only:
            continue
        module = importlib.import_module(f"bench.{mod}")
        rows += module.run(a.repeat)
        print_table(rows)
    failed = [r for r in rows if r.target is not None and not r.ok]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
