"""Inhabitants per municipality from a table keyed by the 8-digit municipality key (AGS).

The plugin ships the Destatis Gemeindeverzeichnis extract for the county's 28 municipalities
(resources/data/destatis_gv_lk_meissen_population.csv, dl-de/by-2-0, © Statistisches Bundesamt (Destatis),
2021). A site's population is looked up by its own key, never by the coarse boundary it happens to lie in.
Pure Python: no QGIS import.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Dict, Tuple

from ..i18n import tr
from ..paths import resource

#: the shipped table and the attribution its licence requires wherever its numbers are shown
SHIPPED_TABLE = "destatis_gv_lk_meissen_population.csv"
ATTRIBUTION = "© Statistisches Bundesamt (Destatis), 2021"
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
KEY_COLUMNS = ("ags", "AGS", "municipality_ags")
VALUE_COLUMNS = ("population", "EWZ", "einwohner")


def table_path(name: str) -> Path:
    """A table named in a profile: an existing path as it is, otherwise a file in resources/data."""
    path = Path(name)
    return path if path.is_absolute() or path.exists() else resource("data", name)


def read_table(name: str) -> Dict[str, float]:
    return dict(_read(str(table_path(name))))


@lru_cache(maxsize=8)
def _read(path: str) -> Tuple[Tuple[str, float], ...]:
    from .profile import ProfileError

    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise ProfileError(tr("Cannot read the population table {path}: {error}").format(
            path=path, error=exc)) from exc
    columns = rows[0].keys() if rows else ()
    key = next((c for c in KEY_COLUMNS if c in columns), None)
    value = next((c for c in VALUE_COLUMNS if c in columns), None)
    if key is None or value is None:
        raise ProfileError(tr("The population table {path} needs the columns “ags” and “population”.").format(
            path=path))
    out = []
    for row in rows:
        try:
            out.append((row[key].strip(), float(row[value])))
        except (TypeError, ValueError):
            continue  # a footnote or an empty line: the key then stays unknown, and is flagged as such
    return tuple(out)
