"""Filter widgets of the review queue; ``query(base)`` turns their state into a core QueueQuery."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QSpinBox, QWidget

from ..core.capture.validation import label_language
from ..core.register import catalogue as cat
from ..core.register.review import QueueQuery


class ReviewFilterBar(QWidget):
    """Municipality, kind, new/change, submitted by, minimum age, duplicates, consent, and (editors) status."""

    changed = pyqtSignal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        lang = label_language()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.municipality = QComboBox(self)
        self.municipality.addItem(self.tr("All municipalities"), None)
        for m in sorted(cat.MUNICIPALITIES, key=lambda m: m.name):
            self.municipality.addItem(m.name, m.ags)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Both kinds"), None)
        for k in cat.KINDS:
            self.kind.addItem(cat.KIND_LABELS[k][0 if lang == "de" else 1], k)
        self.change = QComboBox(self)
        for text, value in ((self.tr("New and changes"), None), (self.tr("New sites only"), False),
                            (self.tr("Changes to approved sites only"), True)):
            self.change.addItem(text, value)
        self.submitted_by = QComboBox(self)
        self.submitted_by.addItem(self.tr("Anyone"), None)
        self.min_age = QSpinBox(self)
        self.min_age.setRange(0, 3650)
        self.min_age.setSpecialValueText(self.tr("any age"))
        self.min_age.setSuffix(self.tr(" days or older"))
        self.duplicate = QCheckBox(self.tr("Possible duplicates only"), self)
        self.consent = QCheckBox(self.tr("Consent missing only"), self)
        self.status = QComboBox(self)
        for text, value in ((self.tr("Pending"), ("pending",)), (self.tr("Rejected"), ("rejected",)),
                            (self.tr("Approved"), ("approved",)),
                            (self.tr("Pending, rejected, approved"), ("pending", "rejected", "approved"))):
            self.status.addItem(text, value)
        self.status_label = QLabel(self.tr("Status:"), self)
        rows = ((self.tr("Municipality:"), self.municipality), (self.tr("Kind:"), self.kind),
                (self.tr("New/change:"), self.change), (self.tr("Submitted by:"), self.submitted_by),
                (self.tr("Age:"), self.min_age))
        for i, (text, widget) in enumerate(rows):
            grid.addWidget(QLabel(text, self), i // 2, (i % 2) * 2)
            grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        grid.addWidget(self.status_label, 2, 2)
        grid.addWidget(self.status, 2, 3)
        grid.addWidget(self.duplicate, 3, 0, 1, 2)
        grid.addWidget(self.consent, 3, 2, 1, 2)
        for combo in (self.municipality, self.kind, self.change, self.submitted_by, self.status):
            combo.currentIndexChanged.connect(self.changed)
        self.min_age.valueChanged.connect(self.changed)
        for box in (self.duplicate, self.consent):
            box.toggled.connect(self.changed)
        self.set_editor(False)

    def set_editor(self, editor: bool) -> None:
        """Editors choose the status (their submissions in every state); reviewers work on pending sites."""
        self.status_label.setVisible(editor)
        self.status.setVisible(editor)
        if editor:
            self.status.setCurrentIndex(self.status.count() - 1)

    def set_submitters(self, names: Sequence[str]) -> None:
        current = self.submitted_by.currentData()
        self.submitted_by.blockSignals(True)
        while self.submitted_by.count() > 1:
            self.submitted_by.removeItem(1)
        for name in names:
            self.submitted_by.addItem(name, name)
        index = self.submitted_by.findData(current)
        self.submitted_by.setCurrentIndex(max(0, index))
        self.submitted_by.blockSignals(False)

    def query(self, base: QueueQuery, editor: bool = False) -> QueueQuery:
        municipality = self.municipality.currentData()
        kind = self.kind.currentData()
        return replace(
            base, page=0,
            statuses=tuple(self.status.currentData()) if editor else ("pending",),
            own_municipalities=editor,
            municipalities=(municipality,) if municipality else (),
            kinds=(kind,) if kind else (),
            change=self.change.currentData(),
            submitted_by=self.submitted_by.currentData(),
            min_age_days=self.min_age.value() or None,
            duplicate=True if self.duplicate.isChecked() else None,
            consent_missing=True if self.consent.isChecked() else None,
        )
