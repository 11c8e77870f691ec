"""Saving the form as a draft: the local checks, the register's duplicate check (in a QgsTask) and the list
of possible duplicates. A part of CaptureDock: its strings are in the dock's translation context.
"""

from __future__ import annotations

from typing import List, Optional

from qgis.core import Qgis, QgsApplication, QgsCoordinateReferenceSystem, QgsExpression, QgsGeometry
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QListWidgetItem

from ..core.capture import drafts
from ..core.capture import validation as val
from ..core.capture.duplicates import duplicate_issue, server_duplicates
from ..core.connection import connect
from ..core.register import catalogue as cat
from ..core.tasks import CallableTask
from .unsaved import CANCEL, DISCARD, SAVE, ask_unsaved

translate = QCoreApplication.translate


class SiteSaving:
    """Check, look for duplicates, save."""

    def save(self, confirmed: bool = False) -> Optional[str]:
        """Check and store the form as a draft; returns the uuid, or None if something must be fixed first.

        With a database in the settings, the register's approved sites are searched for duplicates in a
        QgsTask first; the save then continues when it answers (the return value is None meanwhile)."""
        result = self._check()
        if result is None:
            return None
        if confirmed or not self.settings.database.strip():
            return self._finish_save(result, [], "", confirmed)
        geom, address, uid = QgsGeometry(result.geometry), self.values().get("address"), self.site_uuid
        database, distance = self.settings.database, self.settings.duplicate_distance_m

        def work(task):
            conn = connect(database, connect_timeout=5)
            try:
                return server_duplicates(conn, geom, address, distance, uid)
            finally:
                conn.close()

        self.save_button.setEnabled(False)
        self.show_message(translate("CaptureDock", "Checking the register for duplicates …"), Qgis.MessageLevel.Info,
                          bar=False)
        self.server_task = CallableTask(translate("CaptureDock", "Duplicate check"), work,
                                        on_success=lambda dups: self._after_server_check(dups, ""),
                                        on_error=lambda exc: self._after_server_check([], str(exc)))
        QgsApplication.taskManager().addTask(self.server_task)
        return None

    def _after_server_check(self, duplicates: List[val.Duplicate], error: str) -> None:
        self.save_button.setEnabled(True)
        result = self._check()  # the officer may have typed on meanwhile: check and save what the form holds now
        if result is not None:
            note = translate("CaptureDock", "The register could not be searched for duplicates ({error}); only the "
                                            "working copy was checked.").format(error=error) if error else ""
            self._finish_save(result, duplicates, note, False)

    def _check(self) -> Optional[drafts.CheckResult]:
        """Local checks; marks the fields and shows the first problem. None if there are errors."""
        self._ensure_working_copy()
        values, owner = self.values(), self.owner_values()
        result = drafts.check_site(self.wc_path, self.kind, values, self.geometry, self.geometry_crs,
                                    owner=owner if self.kind == cat.VACANCY else None, site_uuid=self.site_uuid,
                                    repair=self.repair_check.isChecked(),
                                    distance_m=self.settings.duplicate_distance_m)
        by_field = val.by_field(result.errors)
        for name, w in self.widgets.items():
            w.show_messages(by_field.get(name, []))
        if not result.errors:
            return result
        self._focus_first_error(result.errors)
        general = [i.message for i in result.errors if i.field not in self.widgets]
        text = general[0] if general else translate("CaptureDock", "Please correct the marked field(s) (%n).", None,
                                                    len(result.errors))
        self.show_message(text, Qgis.MessageLevel.Warning)
        location = next((i.location for i in result.errors if i.location is not None), None)
        if location is not None:
            self._zoom_to(QgsGeometry.fromPointXY(location), QgsCoordinateReferenceSystem(cat.REGISTER_CRS))
        return None

    def _finish_save(self, result: drafts.CheckResult, server_duplicates: List[val.Duplicate], note: str,
                     confirmed: bool) -> Optional[str]:
        duplicates = result.duplicates + list(server_duplicates)
        if duplicates and not confirmed:
            self._show_duplicates(duplicates)
            self.show_message(" ".join([duplicate_issue(duplicates[0]).message] + ([note] if note else [])),
                              Qgis.MessageLevel.Warning)
            return None
        if not self._stored_as_loaded():
            return None
        values, owner = self.values(), self.owner_values()
        try:
            uid = drafts.save_site(self.wc_path, self.kind, values, result.geometry,
                                    owner=owner if self.kind == cat.VACANCY else None, site_uuid=self.site_uuid)
        except OSError as exc:
            self.show_message(str(exc), Qgis.MessageLevel.Critical)
            return None
        name = values.get("name") or ""
        repaired = [i.message for i in result.warnings if i.duplicate is None]
        self.new_site()
        text = translate("CaptureDock", "“{name}” saved as a draft in the working copy.").format(name=name)
        self.show_message(" ".join([text] + repaired + ([note] if note else [])),
                          Qgis.MessageLevel.Warning if note else Qgis.MessageLevel.Success)
        self._refresh_layers()
        return uid

    def _stored_as_loaded(self) -> bool:
        """True when the stored site is still as the form loaded it; else the officer decides: save over the change
        (a pull or QGIS's own form changed it meanwhile), reload the stored site, or keep the entries unsaved."""
        loaded = getattr(self, "loaded_stamp", None)
        record = drafts.load_site(self.wc_path, self.kind, self.site_uuid) if self.site_uuid and loaded else None
        if record is None or drafts.stamp(record) == loaded:
            return True
        name = record.values.get("name") or ""
        choice = ask_unsaved(self, translate(
            "CaptureDock", "“{name}” was changed in the working copy after you opened it (by a pull or in another "
                           "form). Save your entries over that change? “Discard” loads the stored site instead; "
                           "“Cancel” keeps your entries in the form.").format(name=name),
            title=translate("CaptureDock", "Site changed meanwhile"),
            save_text=translate("CaptureDock", "Save over it"))
        if choice == SAVE:
            return True
        if choice == DISCARD:
            self.edit_site(self.kind, self.site_uuid)
        elif choice == CANCEL:
            self.show_message(translate("CaptureDock", "Not saved: the stored site changed after you opened it."),
                              Qgis.MessageLevel.Warning, bar=False)
        return False

    def _show_duplicates(self, duplicates: List[val.Duplicate]) -> None:
        self.pending_duplicates = list(duplicates)
        self.duplicate_list.clear()
        for dup in duplicates:
            item = QListWidgetItem(duplicate_issue(dup).message)
            self.duplicate_list.addItem(item)
        for w in (self.duplicate_list, self.open_duplicate_button, self.save_anyway_button):
            w.setVisible(bool(duplicates))
        if duplicates:
            self.duplicate_list.setCurrentRow(0)

    def _open_duplicate(self, item: Optional[QListWidgetItem]) -> None:
        """Show the other site on the map and select it if it is in the working copy; the form stays as it is."""
        if item is None:
            return
        dup = self.pending_duplicates[self.duplicate_list.row(item)]
        if dup.geometry is not None:
            self._zoom_to(dup.geometry, QgsCoordinateReferenceSystem(cat.REGISTER_CRS))
        if dup.source == "working_copy":
            layers = self.add_working_copy_layers()
            layer = layers[dup.kind]
            layer.selectByExpression(f"\"uuid\" = {QgsExpression.quotedString(dup.uuid)}")
            if self.iface is not None:
                self.iface.setActiveLayer(layer)

    def _focus_first_error(self, errors: List[val.Issue]) -> None:
        for issue in errors:
            if issue.field in self.widgets:
                editor = self.widgets[issue.field].editor
                for i in range(self.tabs.count()):
                    page = self.tabs.widget(i)
                    if page.isAncestorOf(editor):
                        self.tabs.setCurrentIndex(i)
                        page.ensureWidgetVisible(editor)
                        break
                editor.setFocus()
                return
