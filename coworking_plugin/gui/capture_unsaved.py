"""What the capture dock asks before a click would drop the officer's input: a new site, another site, the other
kind, a found address or a selected feature over what was typed or placed. A part of CaptureDock: its strings are
in the dock's translation context.

The form is "clean" after a new site, a loaded site and a save; anything typed, chosen or placed since then is
asked for (Save / Discard / Cancel). Programmatic calls (new_site, edit_site, set_kind) do not ask; the buttons do.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from qgis.core import QgsWkbTypes
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QMessageBox

from ..core.capture import formconfig
from ..core.capture import validation as val
from ..core.register import catalogue as cat
from .unsaved import CANCEL, SAVE, ask_unsaved

translate = QCoreApplication.translate


class CaptureUnsaved:
    """The clean state of the form and the questions before it is dropped."""

    _clean: Optional[Tuple[Any, ...]] = None
    _fresh_values: Dict[str, Any] = {}

    def _state(self) -> Tuple[Any, ...]:
        geom = None if self.geometry is None or self.geometry.isEmpty() else \
            (self.geometry.asWkt(3), self.geometry_crs.authid())
        return (self.kind, {n: w.get() for n, w in self.widgets.items() if not w.field.computed}, geom)

    def mark_clean(self) -> None:
        """The form as it is now is what is stored (or a new, empty site)."""
        self._clean = self._state()

    def has_unsaved_changes(self) -> bool:
        return self._clean is not None and self._state() != self._clean

    def confirm_discard(self) -> bool:
        """True if the form may be replaced: nothing unsaved, saved now, or the officer chose to discard it."""
        if not self.has_unsaved_changes():
            return True
        name = self.widgets["name"].get() if "name" in self.widgets else ""
        text = translate("CaptureDock", "The site “{name}” has changes that are not saved. Save them as a draft "
                                        "first?").format(name=name) if name else \
            translate("CaptureDock", "The form has entries that are not saved. Save them as a draft first?")
        answer = ask_unsaved(self, text, translate("CaptureDock", "Unsaved changes"))
        if answer == CANCEL:
            return False
        if answer == SAVE:
            return self.save() is not None  # errors, duplicates or the register's check: the form stays as it is
        return True

    def new_site_clicked(self) -> None:
        if self.confirm_discard():
            self.new_site()

    def edit_selected_clicked(self) -> None:
        if self.confirm_discard():
            self.edit_selected()

    # -- the kind ---------------------------------------------------------------------------------------
    def _kind_fields(self, kind: str) -> List[str]:
        names = [n for _title, group in formconfig.tabs(kind) for n in group]
        if kind == cat.VACANCY:
            names += [f.name for f in cat.OWNER_FIELDS]
        return names

    def _lost_by_kind(self, kind: str) -> List[str]:
        """Labels of what switching to ``kind`` drops: entries of fields the other kind has not, the position."""
        keep = set(self._kind_fields(kind))
        lang = val.label_language()
        lost = [w.field.label(lang) for n, w in self.widgets.items()
                if n not in keep and not w.field.computed and w.get() != self._fresh_values.get(n)]
        if self.geometry is not None and not self.geometry.isEmpty() and kind == cat.BROWNFIELD \
                and self.geometry.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
            lost.append(translate("CaptureDock", "the placed point (a brownfield needs an outline)"))
        return lost

    def _kind_chosen(self, kind: str) -> None:
        """A kind radio was checked: switch, after asking if entries would be dropped (Cancel keeps the kind)."""
        if kind == self.kind:
            return
        lost = self._lost_by_kind(kind)
        if lost:
            other = translate("CaptureDock", "Brownfield") if kind == cat.BROWNFIELD else \
                translate("CaptureDock", "Vacant building")
            text = translate("CaptureDock", "“{kind}” has no place for: {lost}. Discard these entries?").format(
                kind=other, lost=", ".join(lost))
            if ask_unsaved(self, text, translate("CaptureDock", "Switch the kind?"), can_save=False) == CANCEL:
                self._check_kind_radio(self.kind)
                return
        clean = not self.has_unsaved_changes()
        self.set_kind(kind)
        if clean:
            self.mark_clean()  # an empty form of the other kind is still empty

    def _check_kind_radio(self, kind: str) -> None:
        radio = self.brownfield_radio if kind == cat.BROWNFIELD else self.vacancy_radio
        for button in (self.brownfield_radio, self.vacancy_radio):
            button.blockSignals(True)
        radio.setChecked(True)
        for button in (self.brownfield_radio, self.vacancy_radio):
            button.blockSignals(False)

    # -- replacing what was typed or placed ---------------------------------------------------------------
    def confirm_replace(self, what: List[str]) -> bool:
        """Ask before a found address or a selected feature replaces ``what`` (labels); True: replace."""
        if not what:
            return True
        answer = QMessageBox.question(
            self, translate("CaptureDock", "Replace?"),
            translate("CaptureDock", "Replace {what}?").format(what=", ".join(what)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _placed_label(self) -> List[str]:
        if self.geometry is None or self.geometry.isEmpty():
            return []
        return [translate("CaptureDock", "the placed outline") if self.kind == cat.BROWNFIELD
                else translate("CaptureDock", "the placed point")]

    def _typed_address(self, values: Dict[str, Any]) -> List[str]:
        """Labels of address fields that hold typed text the found address would change."""
        lang = val.label_language()
        return [self.widgets[n].field.label(lang) for n, v in values.items()
                if v and n in self.widgets and self.widgets[n].get() and str(self.widgets[n].get()) != str(v)]
