"""The suitability dock's profile: the table of weights, curves and radii, the knock-outs, loading and saving
profile files, and the profile stored in the project. A part of SuitabilityDock: its strings are in the dock's
translation context.
"""

from __future__ import annotations

import logging
from typing import List, Optional

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QTableWidgetItem, QWidget

from ..core.i18n import number_text, parse_number
from ..core.paths import resource
from ..core.suitability import profile as profiles
from ..core.suitability.projectkeys import PROFILE_KEY, SCOPE
from .unsaved import DISCARD, SAVE, ask_unsaved

LOG = logging.getLogger(__name__)
translate = QCoreApplication.translate



class ProfileEditing:
    """The profile <-> the widgets, the profile files and the project."""

    def _sync_profile_widgets(self) -> None:
        """An input for every reference role and a checkbox for every knock-out of the profile (a loaded profile
        may name new ones); those of roles and rules it no longer has are hidden."""
        roles = self.profile.reference_roles()
        for role in roles:
            if role not in self.ref_combos:
                self._add_role_combo(role)
        for role, combo in self.ref_combos.items():
            combo.setVisible(role in roles)
            label = self.layers_form.labelForField(combo)
            if label is not None:
                label.setVisible(role in roles)
        for k in self.profile.knockouts:
            if k.id not in self.knockout_boxes:
                self.knockout_boxes[k.id] = self._knockout_box(k)
        ids = {k.id for k in self.profile.knockouts}
        for kid, box in self.knockout_boxes.items():
            box.parentWidget().setVisible(kid in ids)

    def _knockout_box(self, k: profiles.KnockOut) -> QCheckBox:
        """A checkbox with the rule's label beside it, wrapped (German labels are long for a 400 px panel)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        box = QCheckBox()
        label = QLabel(k.label(self.lang))
        label.setWordWrap(True)
        label.setBuddy(box)
        for w in (box, label):
            w.setToolTip(k.source)
        line.addWidget(box)
        line.addWidget(label, 1)
        label.mousePressEvent = lambda _event: box.toggle()  # the label toggles, as a checkbox's own text does
        box.toggled.connect(lambda on, kid=k.id: self._knockout_toggled(kid, on))
        self.knockout_row.insertWidget(self.knockout_row.count() - 1, row)  # before the stretch
        return box

    def _fill_profile(self) -> None:
        self._filling = True
        self._sync_profile_widgets()
        p = self.profile
        self.profile_label.setText(p.name)
        models = p.models
        self.table.clear()
        self.table.setRowCount(len(p.criteria))
        self.table.setColumnCount(len(models) + 2)
        self.table.setHorizontalHeaderLabels([m.label(self.lang) for m in models]
                                             + [translate("SuitabilityDock", "Curve"),
                                                translate("SuitabilityDock", "Radius (m)")])
        self.table.setVerticalHeaderLabels([c.label(self.lang) for c in p.criteria])
        self.table.verticalHeader().setMaximumWidth(160)  # long German labels elide: the weights stay in view
        for r, c in enumerate(p.criteria):
            self.table.verticalHeaderItem(r).setToolTip(c.source)
            for col, m in enumerate(models):
                w = m.weights.get(c.id, 0.0)
                self.table.setItem(r, col, QTableWidgetItem(number_text(w, self.lang) if w else ""))
            self.table.setItem(r, len(models), QTableWidgetItem(_curve_text(c.curve, self.lang)))
            radius = QTableWidgetItem(number_text(c.radius_m, self.lang) if c.kind == "count" else "")
            if c.kind != "count":
                radius.setFlags(radius.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, len(models) + 1, radius)
        for k in p.knockouts:
            if k.id in self.knockout_boxes:
                self.knockout_boxes[k.id].setChecked(k.enabled)
        for combo in (self.grid_model, self.chart_model):
            current = combo.currentData()
            combo.clear()
            for m in models:
                combo.addItem(m.label(self.lang), m.id)
            if current is not None and combo.findData(current) >= 0:
                combo.setCurrentIndex(combo.findData(current))
        self._filling = False

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        c = self.profile.criteria[item.row()]
        text = item.text().strip()
        try:
            if item.column() < len(self.profile.models):
                m = self.profile.models[item.column()]
                self.profile.set_weight(m.id, c.id, parse_number(text, self.lang) if text else 0.0)
            elif item.column() == len(self.profile.models):
                self.profile.set_curve(c.id, _parse_curve(text, self.lang))
            else:
                radius = parse_number(text, self.lang)
                if radius <= 0:
                    raise ValueError(translate("SuitabilityDock", "the radius must be positive"))
                c.radius_m = radius
        except (ValueError, profiles.ProfileError) as exc:
            # keep what the user typed, mark it and say what to fix
            item.setBackground(QColor("#f8d0d0"))
            text = translate("SuitabilityDock", "Not applied: {error}. Weights are numbers ≥ 0; curves are "
                                                "value:score pairs with rising values, e.g. 0:1; 1000:1; "
                                                "3000:0.4.").format(error=exc)
            self._say(text, Qgis.MessageLevel.Warning)
            return
        item.setBackground(QColor(Qt.GlobalColor.transparent))
        self._profile_changed_or_stale()

    def _knockout_toggled(self, kid: str, on: bool) -> None:
        if self._filling:
            return
        for k in self.profile.knockouts:
            if k.id == kid:
                k.enabled = on
        self._profile_changed()

    def set_weight(self, model_id: str, criterion_id: str, weight: float) -> None:
        """Type a weight into the table, as a user would (used by tests and scripts)."""
        r = self.profile.criterion_ids.index(criterion_id)
        c = self.profile.model_ids.index(model_id)
        self.table.item(r, c).setText(number_text(weight, self.lang))

    def _profile_changed(self) -> None:
        self._store_profile()
        if self.run is not None and self.profile.spatial_key() == self.run.spatial_key:
            self.run.rescore(self.profile)
            self._write_scores()
            self.explain()

    def _project_profile(self) -> Optional[profiles.Profile]:
        text, ok = QgsProject.instance().readEntry(SCOPE, PROFILE_KEY, "")
        if not ok or not text:
            return None
        try:
            return profiles.from_json(text)
        except profiles.ProfileError as exc:
            LOG.warning("profile stored in the project is not usable: %s", exc)
            return None

    def _store_profile(self) -> None:
        QgsProject.instance().writeEntry(SCOPE, PROFILE_KEY, self.profile.to_json())

    def mark_profile_saved(self) -> None:
        """The profile as it is now is in a file (or is the default): replacing it loses nothing."""
        self._profile_baseline = self.profile.to_json()

    def confirm_profile_replace(self) -> bool:
        """Before Load or Default replaces weights and curves changed since the last load or save: ask."""
        if self.profile.to_json() == getattr(self, "_profile_baseline", self.profile.to_json()):
            return True
        answer = ask_unsaved(self, translate("SuitabilityDock", "The weights or curves were changed and are not "
                                                                "saved in a profile file. Save them first?"),
                             translate("SuitabilityDock", "Unsaved profile"))
        if answer == SAVE:
            return self.save_profile()
        return answer == DISCARD

    def load_profile(self, path: str = "") -> None:
        path = path or QFileDialog.getOpenFileName(self, translate("SuitabilityDock", "Load profile"),
                                                   str(resource("profiles")),
                                                   translate("SuitabilityDock", "Profiles (*.json)"))[0]
        if not path:
            return
        try:
            self.profile = profiles.load(path)
        except (OSError, profiles.ProfileError) as exc:
            self._say(translate("SuitabilityDock", "Cannot load {path}: {error}").format(path=path, error=exc),
                      Qgis.MessageLevel.Warning)
            return
        self.mark_profile_saved()
        self._fill_profile()
        self._profile_changed_or_stale()

    def save_profile(self, path: str = "") -> bool:
        path = path or QFileDialog.getSaveFileName(self, translate("SuitabilityDock", "Save profile"), "",
                                                   translate("SuitabilityDock", "Profiles (*.json)"))[0]
        if not path:
            return False
        try:
            self.profile.save(path)
        except OSError as exc:
            self._say(translate("SuitabilityDock", "Cannot save {path}: {error}").format(path=path, error=exc),
                      Qgis.MessageLevel.Warning)
            return False
        self.mark_profile_saved()
        self._say(translate("SuitabilityDock", "Profile saved to {path}.").format(path=path))
        return True

    def edit_profile(self):
        """The profile editor (window-modal); what it accepts replaces the profile and rebuilds the dock."""
        from .profile_editor import ProfileEditor

        dialog = ProfileEditor(self.profile, self.lang, self)
        dialog.accepted.connect(lambda: self.apply_profile(dialog.result_profile))
        dialog.open()
        return dialog

    def apply_profile(self, profile: Optional[profiles.Profile]) -> None:
        if profile is None:
            return
        self.profile = profile
        self._fill_profile()
        self._profile_changed_or_stale()

    def reset_profile(self) -> None:
        self.profile = profiles.default_profile()
        self.mark_profile_saved()
        self._fill_profile()
        self._profile_changed_or_stale()

    def _profile_changed_or_stale(self) -> None:
        self._store_profile()
        if self.run is not None and self.profile.spatial_key() != self.run.spatial_key:
            self._say(translate("SuitabilityDock", "The profile's distances changed: press “Score sites” again."))
        else:
            self._profile_changed()


def _curve_text(curve, lang: str = "en") -> str:
    """value:score pairs separated by semicolons, numbers in the UI language ("0:1; 3000:0,4")."""
    return "; ".join(f"{number_text(x, lang)}:{number_text(y, lang)}" for x, y in curve)


def _parse_curve(text: str, lang: str = "en") -> List[tuple]:
    """Pairs separated by semicolons (or, without any, by commas as before: "0:1, 3000:0.4")."""
    points = []
    for part in text.split(";" if ";" in text else ","):
        part = part.strip()
        if not part:
            continue
        x, _, y = part.partition(":")
        points.append((parse_number(x, lang), parse_number(y, lang)))
    return points
