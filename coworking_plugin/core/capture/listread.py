"""Reading a municipality's list as it really comes: a CSV saved by German Excel, an XLSX with a title above the
header, or any table or layer QGIS opens.

CSV and text files are read from their bytes: UTF-8 (with or without BOM, or UTF-16 with BOM as Excel's
"Unicode text"), else Windows-1252 (German Excel's "CSV (Trennzeichen-getrennt)"); the delimiter (``;``, tab or
``,``, or Excel's ``sep=`` line) from the first lines; whether numbers are written with a decimal comma from the
number cells. Other tables come through QGIS (OGR): XLSX cells typed by GDAL (dates as QDate, numbers as
numbers), or all as text when a title or blank rows stand above the header (GDAL then names the columns
Field1, Field2, ...). For CSV and spreadsheets the header is the row, among the first ones, whose cells name the
most catalogue fields; rows keep the number the spreadsheet shows, so the report points at the row to fix.
Blank rows are skipped.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsFeatureSource, QgsGeometry

from ..i18n import tr
from . import validation as val

CSV_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
#: the header is looked for in this many rows from the top (titles, notes and blank rows above it)
HEADER_SEARCH_ROWS = 30
DELIMITERS = (";", "\t", ",")  # on a tie the first wins: German Excel writes semicolons

_GENERIC_NAME = re.compile(r"Field\d+")
_DE_NUMBER = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+")
_EN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)\.\d+")
_AMBIGUOUS = re.compile(r"[+-]?\d{1,3}[.,]\d{3}")  # 1.234 / 1,234: either convention

HeaderScore = Callable[[Sequence[str]], int]
Grid = List[Tuple[int, List[Any], Optional[QgsGeometry]]]  # (row number, cells, geometry)


@dataclass
class SourceRow:
    number: int  # the row number the spreadsheet shows (header counted), or the feature's position in a layer
    cells: Dict[str, Any]
    geometry: Optional[QgsGeometry] = None


@dataclass
class ListTable:
    columns: List[str]
    rows: List[SourceRow] = field(default_factory=list)
    header_row: int = 0  # the header's row number; 0: the layer's own field names
    encoding: str = ""
    delimiter: str = ""
    decimal_comma: Optional[bool] = None  # None: not decided by the file, each cell says it


def decode(data: bytes) -> Tuple[str, str]:
    """The text of a file and the encoding it was read with: UTF-8/UTF-16 when it says so, else Windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(lines: Sequence[str]) -> str:
    """The delimiter that splits most of the first lines into the same number (> 1) of cells."""
    sample = [line for line in lines[:HEADER_SEARCH_ROWS * 2] if line.strip()]
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        widths = Counter(len(r) for r in csv.reader(sample, delimiter=delimiter) if len(r) > 1)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        if (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best


def detect_decimal_comma(cells: Sequence[Any]) -> Optional[bool]:
    """True when the number texts use decimal commas ("6,50", "1.234,5"), False for points, None if undecided."""
    votes = Counter()
    for cell in cells:
        text = str(cell).strip() if isinstance(cell, str) else ""
        if not text or _AMBIGUOUS.fullmatch(text):
            continue
        if _DE_NUMBER.fullmatch(text):
            votes["de"] += 1
        elif _EN_NUMBER.fullmatch(text):
            votes["en"] += 1
    if votes["de"] == votes["en"]:
        return None
    return votes["de"] > votes["en"]


def read_csv(path: str, header_score: HeaderScore) -> ListTable:
    """A CSV/text list: encoding, delimiter and decimal comma detected, the header found by ``header_score``."""
    text, encoding = decode(Path(path).read_bytes())
    lines = text.splitlines()
    sep = re.fullmatch(r'"?sep=(.)"?[;,\t]*', lines[0].strip()) if lines else None
    if sep:  # Excel's hint line; Excel does not show it as a row
        delimiter = sep.group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = sniff_delimiter(lines)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: Grid = [(i + 1, [c.strip() for c in record], None) for i, record in enumerate(records)]
    table = table_from_grid(grid, header_score)
    table.encoding, table.delimiter = encoding, delimiter
    table.decimal_comma = detect_decimal_comma([c for r in table.rows for c in r.cells.values()])
    return table


def read_source(source: QgsFeatureSource, header_score: HeaderScore, spreadsheet: bool) -> ListTable:
    """A list QGIS opened: a spreadsheet (row numbers are GDAL's feature ids, the header is looked for) or a
    layer (its field names are the header, rows numbered in order)."""
    names = source.fields().names()
    grid: Grid = []
    for i, feat in enumerate(source.getFeatures()):
        geom = QgsGeometry(feat.geometry()) if feat.hasGeometry() else None
        grid.append((feat.id() if spreadsheet else i + 1, list(feat.attributes()), geom))
    generic = bool(names) and all(_GENERIC_NAME.fullmatch(n) for n in names)
    if not spreadsheet and not generic:
        return ListTable(names, [SourceRow(n, dict(zip(names, cells)), g) for n, cells, g in grid])
    if not generic:  # GDAL took the first row as the header: it may be a title, so it is a candidate too
        grid.insert(0, ((grid[0][0] - 1) if grid else 1, list(names), None))
    return table_from_grid(grid, header_score)


def _is_blank(cells: Sequence[Any]) -> bool:
    return all(val.is_empty(c) for c in cells)


def _column_names(cells: Sequence[Any]) -> List[str]:
    names: List[str] = []
    for i, cell in enumerate(cells):
        name = "" if val.is_empty(cell) else str(cell).strip()
        name = name or tr("Column {n}").format(n=i + 1)
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


def find_header(grid: Grid, header_score: HeaderScore) -> int:
    """Index in ``grid`` of the header: the best-scoring of the first rows, else the first row with content."""
    candidates = [i for i, (_, cells, _) in enumerate(grid[:HEADER_SEARCH_ROWS]) if not _is_blank(cells)]
    if not candidates:
        return 0
    scores = [(header_score([str(c).strip() for c in grid[i][1] if not val.is_empty(c)]), -i) for i in candidates]
    best_score, best = max(scores)
    return -best if best_score > 0 else candidates[0]


def table_from_grid(grid: Grid, header_score: HeaderScore) -> ListTable:
    if not grid:
        return ListTable([])
    index = find_header(grid, header_score)
    header_number, header_cells, _ = grid[index]
    width = max(len(cells) for _, cells, _ in grid)  # cells right of the header: named columns still
    columns = _column_names(list(header_cells) + [None] * (width - len(header_cells)))
    rows = []
    for number, cells, geom in grid[index + 1:]:
        if _is_blank(cells) and geom is None:
            continue
        padded = list(cells) + [None] * (len(columns) - len(cells))
        rows.append(SourceRow(number, dict(zip(columns, padded)), geom))
    return ListTable(columns, rows, header_number)


def list_path(source: str) -> Tuple[str, str]:
    """(path, "csv" | "spreadsheet" | "") of a layer source string (``path|layername=...`` and the like)."""
    path = str(source or "").split("|")[0]
    suffix = Path(path).suffix.lower()
    if not path or not Path(path).is_file():
        return "", ""
    if suffix in CSV_SUFFIXES:
        return path, "csv"
    return path, "spreadsheet" if suffix in SPREADSHEET_SUFFIXES else ""
