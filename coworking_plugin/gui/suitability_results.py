"""The suitability dock's results: overlays kept track of, "Save results…" into a GeoPackage (the project then
uses the saved layers instead of the temporary ones), the dossier of the selected sites and the ranking dialog.
A part of SuitabilityDock: its strings are in the dock's translation context.
"""

from __future__ import annotations

import logging
from typing import Optional

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QComboBox, QFileDialog

from ..core.suitability import hexgrid, layers, overlays, resultsfile
from ..core.tasks import CallableTask

LOG = logging.getLogger(__name__)
translate = QCoreApplication.translate


def narrow_combo(combo: QComboBox, chars: int = 12) -> None:
    """A combo box whose width does not grow with its longest entry (layer names can be long): the dock fits a
    400 px panel and the entry is elided."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)


class ResultsSaving:
    """Overlays, saving the results and the ranking dialog of the suitability dock."""

    # -- overlays -------------------------------------------------------------------------------------------
    def _numeric_refs(self):
        return layers.read_references(self.reference_layers(), self.profile)

    def add_catchment(self, criterion_id: str, title: str) -> Optional[QgsVectorLayer]:
        try:
            c = self.profile.criterion(criterion_id)
        except KeyError:
            self._say(translate("SuitabilityDock", "The profile has no criterion {id}.").format(id=criterion_id),
                      Qgis.MessageLevel.Warning)
            return None
        refs = self._numeric_refs()
        if not any(role in refs for role in c.layers):
            self._say(translate("SuitabilityDock", "Assign a layer for “{label}” first.").format(
                label=c.label(self.lang)), Qgis.MessageLevel.Warning)
            return None
        return self._add_overlay(overlays.catchment_layer(refs, c, title))

    def add_grid(self, radius_m: float = 1000.0) -> Optional[QgsVectorLayer]:
        refs = self._numeric_refs()
        model_id = self.grid_model.currentData() or self.profile.model_ids[0]
        try:
            centres, scores = hexgrid.score_grid(self.profile, refs, radius_m)
        except ValueError:
            self._say(translate("SuitabilityDock", "The grid needs the municipalities layer (county outline)."),
                      Qgis.MessageLevel.Warning)
            return None
        layer = hexgrid.grid_layer(self.profile, centres, scores, radius_m,
                                   translate("SuitabilityDock", "Suitability grid: {model}").format(
                                       model=self.profile.model(model_id).label(self.lang)), self.lang)
        overlays.style_grid(layer, model_id)
        return self._add_overlay(layer)

    def _add_overlay(self, layer: QgsVectorLayer) -> Optional[QgsVectorLayer]:
        added = QgsProject.instance().addMapLayer(layer)
        if added is not None:
            self.overlay_layers.append(added)
        return added

    def _live(self, layer) -> bool:
        try:
            return layer is not None and QgsProject.instance().mapLayer(layer.id()) is not None
        except RuntimeError:  # deleted with the project
            return False

    def save_results(self, path: str = "") -> Optional[str]:
        """Scored sites, the overlays in the project and the profile into one GeoPackage; the project then shows
        the saved layers (nothing is lost on exit). Returns the path, or None."""
        if not self._live(self.result_layer):
            self._say(translate("SuitabilityDock", "Score the sites first: there are no results to save."),
                      Qgis.MessageLevel.Warning)
            return None
        path = path or QFileDialog.getSaveFileName(
            self, translate("SuitabilityDock", "Save results"), "",
            translate("SuitabilityDock", "GeoPackage (*.gpkg)"))[0]
        if not path:
            return None
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        shown = [lyr for lyr in self.overlay_layers if self._live(lyr)]
        try:
            pairs = resultsfile.write_results(path, self.result_layer, shown, self.profile)
        except (resultsfile.ResultsError, OSError) as exc:
            self._say(translate("SuitabilityDock", "The results were not saved: {error}").format(error=exc),
                      Qgis.MessageLevel.Critical)
            return None
        try:
            saved = [self._replace_in_project(old, new) for old, new in pairs]
        except resultsfile.ResultsError as exc:
            self._say(str(exc), Qgis.MessageLevel.Critical)
            return None
        if saved[0] is not self.result_layer:
            self.result_layer = saved[0]
            # the GeoPackage keeps the features in the order written: the run's sites in order
            self._fids = sorted(f.id() for f in self.result_layer.getFeatures())
            self.result_layer.selectionChanged.connect(self._selection_changed)
        self.overlay_layers = saved[1:]
        self._say(translate("SuitabilityDock", "%n layer(s) and the profile saved to {path}.", "", len(saved))
                  .format(path=path), Qgis.MessageLevel.Success)
        return path

    def _replace_in_project(self, old: QgsVectorLayer, new: QgsVectorLayer) -> QgsVectorLayer:
        """The saved layer takes the temporary one's place in the layer tree (same group, same position)."""
        if old is new:
            return new
        project = QgsProject.instance()
        node = project.layerTreeRoot().findLayer(old.id())
        parent = node.parent() if node is not None else project.layerTreeRoot()
        index = parent.children().index(node) if node is not None else 0
        if project.addMapLayer(new, False) is None:
            raise resultsfile.ResultsError(translate("SuitabilityDock", "The saved layer “{layer}” could not be "
                                                     "added to the project.").format(layer=new.name()))
        parent.insertLayer(index, new)
        if old is self.result_layer:
            try:
                old.selectionChanged.disconnect(self._selection_changed)
            except (TypeError, RuntimeError):
                pass
        project.removeMapLayer(old.id())
        return new

    def export_dossier(self, output: Optional[str] = None) -> Optional[CallableTask]:
        """The dossier of the sites selected in the sites layer (or in the result layer), with this profile."""
        from .dossier_action import export_dossier_for

        sites = self.sites_combo.currentLayer()
        if sites is None:
            self._say(translate("SuitabilityDock", "Choose the sites layer first."), Qgis.MessageLevel.Warning)
            return None
        ids, uuids = sites.selectedFeatureIds(), None
        try:
            if not ids and self.result_layer is not None and "uuid" in self.result_layer.fields().names():
                uuids = [str(f["uuid"]) for f in self.result_layer.selectedFeatures()]
        except RuntimeError:  # the result layer was removed
            uuids = None
        return export_dossier_for(sites, None if uuids else ids, iface=self.iface, parent=self, uuids=uuids,
                                  output=output, profile=self.profile.copy(), references=self.reference_layers())

    def open_ranking(self):
        """The ranking dialog (one, kept in step with the scores)."""
        from .suitability_ranking import RankingDialog

        if self.ranking_dialog is None:
            self.ranking_dialog = RankingDialog(self, self)
        else:
            self.ranking_dialog.refresh()
        self.ranking_dialog.show()
        self.ranking_dialog.raise_()
        return self.ranking_dialog

    def _refresh_ranking(self) -> None:
        if self.ranking_dialog is not None and self.ranking_dialog.isVisible():
            self.ranking_dialog.refresh()
