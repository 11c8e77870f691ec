"""The Capture dock's actions on the site in the form: archive it, its dossier, its photos. A part of CaptureDock:
its strings are in the dock's translation context.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QMessageBox

from ..core.sync import workingcopy as wc

translate = QCoreApplication.translate


class SiteActions:
    """Archive, dossier and photos of the site being edited."""

    def archive_site(self, ask: bool = True) -> bool:
        """Archive the site in the form: with the next push for a pushed site, at once for a local draft."""
        if not self.site_uuid:
            return False
        from ..core.sync.tracking import AlreadyArchived, archive

        name = (self.widgets["name"].get() if "name" in self.widgets else "") or ""
        if ask:
            answer = QMessageBox.question(self, translate("CaptureDock", "Archive site"), translate(
                "CaptureDock", "Archive “{name}”? It stays in the register's history but is no longer offered.").format(
                name=name))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            waits_for_push = archive(self.wc_path, self.kind, self.site_uuid)
        except KeyError:
            self.show_message(translate("CaptureDock", "The site is not in the working copy any more."),
                              Qgis.MessageLevel.Warning)
            return False
        except AlreadyArchived as exc:
            self.show_message(str(exc), Qgis.MessageLevel.Warning)
            return False
        self.new_site()
        self._refresh_layers()
        if waits_for_push:
            text = translate("CaptureDock", "“{name}” will be archived in the register with the next push.")
        else:
            text = translate("CaptureDock", "The draft “{name}” had never been pushed and was removed from the "
                                            "working copy.")
        self.show_message(text.format(name=name), Qgis.MessageLevel.Success)
        return True

    def export_dossier(self, output: Optional[str] = None):
        """The dossier of the site being edited, else of the sites selected in the working copy's layers."""
        from .dossier_action import export_dossier_for

        self._ensure_working_copy()
        if self.site_uuid:
            return export_dossier_for(wc.layer(self.wc_path, self.kind), uuids=[self.site_uuid], iface=self.iface,
                                      parent=self, output=output)
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsVectorLayer) and self._working_copy_kind(layer) and layer.selectedFeatureCount():
                return export_dossier_for(layer, layer.selectedFeatureIds(), iface=self.iface, parent=self,
                                          output=output)
        self.show_message(translate("CaptureDock", "Open a site with “Edit selected” or select sites in the working "
                                                   "copy first."), Qgis.MessageLevel.Warning)
        return None

    def show_photos(self):
        """The photo dialog of the site being edited (a draft: a message that photos come after the upload)."""
        from .photo_dialog import open_for_capture

        return open_for_capture(self)
