"""The capture dock's form: one editor per catalogue field (the same widgets QGIS's attribute form gets from
core/capture/formconfig.py), a scrolling page per tab."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from qgis.gui import QgsDateEdit, QgsDoubleSpinBox, QgsSpinBox
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.capture import formconfig
from ..core.capture import validation as val
from ..core.register import catalogue as cat
from ..core.register.catalogue import FieldDef, FieldType
from ..core.sync import workingcopy as wc

ERROR_STYLE = "color: #b00020;"


class FieldWidget:
    """One catalogue field in the dock: the editor, its label and the line for its messages."""

    def __init__(self, f: FieldDef, lang: str, null_text: str) -> None:
        self.field = f
        self.label = QLabel(f.label(lang) + (" *" if f.required else ""))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.null_text = null_text
        self.editor = self._make(f, lang)
        self.editor.setObjectName(f"field_{f.name}")
        if f.help(lang):
            self.editor.setToolTip(f.help(lang))
        self.set(f.default)

    def _make(self, f: FieldDef, lang: str) -> QWidget:
        if f.type == FieldType.CHOICE or f.name == "municipality_ags":
            combo = QComboBox()
            for entry in formconfig.value_map(f, lang):
                (text, key), = entry.items()
                combo.addItem(text, None if key == formconfig.VALUE_MAP_NULL else key)
            return combo
        if f.type == FieldType.MULTI_CHOICE:
            lst = QListWidget()
            for c in f.choices.choices:
                item = QListWidgetItem(c.label_de if lang == "de" else c.label_en)
                item.setData(Qt.ItemDataRole.UserRole, c.key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                lst.addItem(item)
            lst.setMaximumHeight(22 * min(6, lst.count()) + 6)
            return lst
        if f.type == FieldType.BOOLEAN:
            return QCheckBox()
        if f.type == FieldType.DATE:
            edit = QgsDateEdit()
            edit.setAllowNull(True)
            edit.setNullRepresentation(self.null_text)  # this widget only; QGIS's own forms say "NULL" (global)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            if f.not_in_future:
                edit.setMaximumDate(QDate.currentDate())
            return edit
        if f.type in (FieldType.INTEGER, FieldType.REAL):
            if f.computed:
                edit = QLineEdit()
                edit.setReadOnly(True)
                return edit
            spin = QgsSpinBox() if f.type == FieldType.INTEGER else QgsDoubleSpinBox()
            if f.type == FieldType.REAL:
                spin.setDecimals(2)
            low = (f.minimum if f.minimum is not None else 0) - 1  # one below the minimum means "not specified"
            spin.setRange(int(low) if f.type == FieldType.INTEGER else low,
                          int(f.maximum) if f.type == FieldType.INTEGER and f.maximum is not None
                          else (f.maximum if f.maximum is not None else 1e9))
            spin.setSpecialValueText(self.null_text)
            spin.setClearValue(spin.minimum(), self.null_text)
            spin.setShowClearButton(True)
            return spin
        if f.name in ("notes", "public_description", "consent_purpose"):
            edit = QPlainTextEdit()
            edit.setMaximumHeight(90)
            return edit
        edit = QLineEdit()
        if f.max_length:
            edit.setMaxLength(f.max_length)
        return edit

    def get(self) -> Any:
        w, f = self.editor, self.field
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QListWidget):
            return [w.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.count())
                    if w.item(i).checkState() == Qt.CheckState.Checked]
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QgsDateEdit):
            return None if w.isNull() else w.date().toPyDate()
        if isinstance(w, (QgsSpinBox, QgsDoubleSpinBox)):
            return None if w.value() == w.minimum() else w.value()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        text = w.text()
        if f.computed and f.type == FieldType.REAL:
            return val.to_number(text) if text else None
        return text

    def set(self, value: Any) -> None:  # noqa: C901 (one branch per widget type)
        w = self.editor
        empty = val.is_empty(value)
        if isinstance(w, QComboBox):
            idx = w.findData(None if empty else str(value))
            w.setCurrentIndex(idx if idx >= 0 else 0)
        elif isinstance(w, QListWidget):
            keys = set(wc.decode_multi(value))
            for i in range(w.count()):
                item = w.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole) in keys
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        elif isinstance(w, QCheckBox):
            w.setChecked(val.to_bool(value))
        elif isinstance(w, QgsDateEdit):
            if empty:
                w.setDate(QDate())  # NULL, shown as null_text at once (clear() shows today's date until painted)
            else:
                d = val.to_date(value)
                w.setDate(QDate(d.year, d.month, d.day))
        elif isinstance(w, (QgsSpinBox, QgsDoubleSpinBox)):
            number = w.minimum() if empty else val.to_number(value)
            w.setValue(int(number) if isinstance(w, QgsSpinBox) else number)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("" if empty else str(value))
        else:
            w.setText("" if empty else (f"{value:g}" if isinstance(value, float) else str(value)))

    def show_messages(self, messages: List[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))


def form_page(names: Sequence[str], lang: str, null_text: str, widgets: Dict[str, FieldWidget]) -> QScrollArea:
    """A tab's page with the editors of ``names``, each added to ``widgets``."""
    page = QWidget()
    form = QFormLayout(page)
    # docks are narrow: every label goes above its field, so fields get the full width
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    for name in names:
        f = cat.field_by_name(name)
        fw = FieldWidget(f, lang, null_text)
        widgets[name] = fw
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(fw.editor)
        box.addWidget(fw.error)
        holder = QWidget()
        holder.setLayout(box)
        if isinstance(fw.editor, (QListWidget, QPlainTextEdit)):  # full width, below the label
            form.addRow(fw.label)
            form.addRow(holder)
        else:
            form.addRow(fw.label, holder)
    # each tab scrolls on its own: a long tab (Details) keeps its rows' heights in a short dock
    page_scroll = QScrollArea()
    page_scroll.setWidgetResizable(True)
    page_scroll.setFrameShape(QFrame.Shape.NoFrame)
    page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    page_scroll.setWidget(page)
    return page_scroll
