"""Tables of the profile editor: a column spec per table, filling a QTableWidget from dicts and reading the
typed values back (numbers in the UI language), with errors that name the entry and the column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Sequence

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QTableWidget, QTableWidgetItem

from ..core.i18n import number_text, parse_number

translate = QCoreApplication.translate
TEXT, NUMBER, LIST, BOOL, CHOICE = "text", "number", "list", "bool", "choice"


class EditorError(ValueError):
    """A typed value that is not usable; the message names the entry and the column."""


@dataclass
class Column:
    key: str
    header: str
    kind: str = TEXT
    choices: Sequence[str] = ()
    optional: bool = True  # an empty number is left out of the profile (the loader's default applies)


def cell_text(value: Any, kind: str, lang: str) -> str:
    if value is None or value == "":
        return ""
    if kind == NUMBER:
        return number_text(float(value), lang)
    if kind == LIST:
        return ", ".join(str(v) for v in value)
    return str(value)


def fill(table: QTableWidget, columns: Sequence[Column], rows: Sequence[Dict[str, Any]], lang: str) -> None:
    table.blockSignals(True)
    table.clear()
    table.setColumnCount(len(columns))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels([c.header for c in columns])
    for r, row in enumerate(rows):
        set_row(table, columns, r, row, lang)
    table.resizeColumnsToContents()
    table.blockSignals(False)


def set_row(table: QTableWidget, columns: Sequence[Column], r: int, row: Dict[str, Any], lang: str) -> None:
    for col, c in enumerate(columns):
        value = row.get(c.key)
        if c.kind == BOOL:
            box = QCheckBox()
            box.setChecked(bool(value) if value is not None else True)
            table.setCellWidget(r, col, box)
        elif c.kind == CHOICE:
            combo = QComboBox()
            combo.addItems(list(c.choices))
            if value in c.choices:
                combo.setCurrentIndex(list(c.choices).index(value))
            table.setCellWidget(r, col, combo)
        else:
            table.setItem(r, col, QTableWidgetItem(cell_text(value, c.kind, lang)))


def read_row(table: QTableWidget, columns: Sequence[Column], r: int, what: str, lang: str) -> Dict[str, Any]:
    """The typed values of row ``r``; ``what`` names the entry in messages (e.g. “Criterion rail_dist”)."""
    out: Dict[str, Any] = {}
    for col, c in enumerate(columns):
        if c.kind == BOOL:
            out[c.key] = table.cellWidget(r, col).isChecked()
            continue
        if c.kind == CHOICE:
            out[c.key] = table.cellWidget(r, col).currentText()
            continue
        item = table.item(r, col)
        text = item.text().strip() if item is not None else ""
        if c.kind == NUMBER:
            if not text:
                if not c.optional:
                    raise EditorError(translate("ProfileEditor", "{entry}: “{column}” needs a number.").format(
                        entry=what, column=c.header))
                continue
            try:
                out[c.key] = parse_number(text, lang)
            except ValueError as exc:
                raise EditorError(translate("ProfileEditor", "{entry}: “{column}” must be a number, not “{text}”.")
                                  .format(entry=what, column=c.header, text=text)) from exc
        elif c.kind == LIST:
            out[c.key] = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        else:
            out[c.key] = text
    return out


def parse_points(texts: Sequence[Sequence[str]], what: str, lang: str) -> List[List[float]]:
    """A curve typed as a small table (value, score per row, as text); empty rows are skipped."""
    points = []
    for r, pair in enumerate(texts):
        if not any(t.strip() for t in pair):
            continue
        try:
            points.append([parse_number(pair[0], lang), parse_number(pair[1], lang)])
        except ValueError as exc:
            raise EditorError(translate("ProfileEditor", "{entry}: point {n} of the curve needs a value and a score "
                                                         "(numbers).").format(entry=what, n=r + 1)) from exc
    return points


def fill_points(table: QTableWidget, points: Sequence[Sequence[Any]], lang: str) -> None:
    table.blockSignals(True)
    table.setRowCount(len(points))
    for r, (x, y) in enumerate(points):
        for c, v in enumerate((x, y)):
            text = v if isinstance(v, str) else number_text(float(v), lang)
            table.setItem(r, c, QTableWidgetItem(text))
    table.blockSignals(False)


def point_texts(table: QTableWidget) -> List[List[str]]:
    """The curve table's cells as typed (kept per criterion while another one is shown)."""
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in (0, 1)] for r in range(table.rowCount())]


def mark(table: QTableWidget, ok: bool) -> None:
    table.setStyleSheet("" if ok else "QTableWidget { border: 2px solid #d04040; }")


def stretch_last(table: QTableWidget) -> None:
    table.horizontalHeader().setStretchLastSection(True)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    triggers = QTableWidget.EditTrigger
    table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
