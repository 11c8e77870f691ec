"""Helpers for the list-import tests: run coworking:import_sites, read its report, write lists as Excel does."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from qgis.core import QgsVectorLayer

from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.sync import workingcopy as wc

#: the report's status texts (English UI) -> status keys
STATUS_KEYS = {"imported": "imported", "already imported": "already_imported", "not placed": "not_placed",
               "invalid": "invalid", "not processed": "not_processed"}

ROWS = [["Bezeichnung", "Gemeinde", "Anschrift", "Gebäudeart", "Räume", "lon", "lat"],
        ["Altes Kaufhaus", "Meißen", "Markt 4", "Geschäftshaus", "3", "13,4741", "51,1637"],
        ["Ladenzeile", "Meißen", "Markt 9", "Ladenlokal", "NaN", "13,4700", "51,1650"],
        ["Eckladen", "Meißen", "Markt 11", "Ladenlokal", "", "13,4705", "51,1652"]]


def run(path, wc_path: str, feedback=None, **params):
    import processing

    parameters = {"INPUT": str(path), "KIND": 1, "WORKING_COPY": wc_path, "GEOCODE": False, "REPORT": "memory:report"}
    parameters.update(params)
    return processing.run("coworking:import_sites", parameters, feedback=feedback)


def report_layer(result) -> QgsVectorLayer:
    layer = result["REPORT"]
    return layer if isinstance(layer, QgsVectorLayer) else QgsVectorLayer(layer)


def report_rows(result):
    """{row: (status key, name, messages)}; the columns are read by position (their names are translated)."""
    rows = {}
    for f in report_layer(result).getFeatures():
        row, status, name, _uuid, messages = f.attributes()
        rows[row] = (STATUS_KEYS.get(status, status), name, messages)
    return rows


def statuses(result):
    return {r: s for r, (s, _, _) in report_rows(result).items()}


def sites(wc_path: str, kind: str = cat.VACANCY):
    return {f["name"]: f for f in wc.layer(wc_path, kind).getFeatures()}


def write_csv(path: Path, rows, encoding: str = "utf-8", delimiter: str = ";") -> Path:
    """A CSV as Excel saves it: every row as given, CRLF line ends, quotes only where needed."""
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path
