"""The suitability dock: assign reference layers, edit weights/curves/knock-outs, score, explain, overlay.

Thin: the work is core/suitability (the same code as coworking:score_sites). Scoring runs in a QgsTask;
afterwards a changed weight, curve or knock-out re-scores at once from the cached indicator values. The profile's
table, knock-outs and files are suitability_profile.py, a part of the same class.
"""

from __future__ import annotations

import logging
from typing import Dict, List, Optional

from qgis.core import Qgis, QgsApplication, QgsProject, QgsVectorLayer
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import ui_language
from ..core.qtcompat import layer_filters
from ..core.register.catalogue import REGISTER_CRS
from ..core.suitability import layers, overlays, projectkeys, ranking
from ..core.suitability import profile as profiles
from ..core.suitability.chartpaint import explanation_bars
from ..core.tasks import CallableTask
from .feedback import notify
from .suitability_chart import ExplanationChart
from .suitability_compare import score_text
from .suitability_demo import demo_layers
from .suitability_loaders import DataLoadersBox
from .suitability_profile import ProfileEditing
from .suitability_results import ResultsSaving, narrow_combo

LOG = logging.getLogger(__name__)

class SuitabilityDock(ProfileEditing, ResultsSaving, QDockWidget):
    def __init__(self, iface, parent=None) -> None:
        super().__init__(parent)
        self.iface = iface
        self.lang = ui_language()
        self.setWindowTitle(self.tr("Site suitability"))
        self.profile = self._project_profile() or profiles.default_profile()
        self.mark_profile_saved()  # as stored in the project: a Load or Default asks once it is changed
        self.run: Optional[layers.SuitabilityRun] = None
        self.result_layer: Optional[QgsVectorLayer] = None
        self.task: Optional[CallableTask] = None
        self._filling = False
        self._fids: List[int] = []
        self.overlay_layers: List[QgsVectorLayer] = []  # temporary until saved with the results
        self.ranking_dialog = None
        self._build()
        self._fill_profile()
        self._restore_layers()
        QgsProject.instance().readProject.connect(self._project_read)
        QgsProject.instance().layersAdded.connect(self._layers_added)

    # -- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget()
        box = QVBoxLayout(body)

        layers_box = QGroupBox(self.tr("Layers"))
        form = QFormLayout(layers_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a 400 px panel: inputs below long labels
        self.sites_combo = QgsMapLayerComboBox()
        self.sites_combo.setFilters(layer_filters("PointLayer", "PolygonLayer"))
        self.sites_combo.setAllowEmptyLayer(True)
        narrow_combo(self.sites_combo)
        # the county's own sites (working copy or register) or nothing: never the first point layer (stations)
        self.sites_combo.setLayer(projectkeys.register_site_layer(QgsProject.instance().mapLayers().values()))
        form.addRow(self.tr("Sites"), self.sites_combo)
        self.layers_form = form
        self.ref_combos: Dict[str, QgsMapLayerComboBox] = {}
        self.demo_button = QPushButton(self.tr("Add demo layers"))
        self.demo_button.setToolTip(self.tr("Stations and municipalities (real) and a SYNTHETIC sample for the other "
                                            "roles; layers already in the project are used, not added again."))
        self.demo_button.clicked.connect(self.add_demo_layers)
        form.addRow(self.demo_button)
        box.addWidget(layers_box)
        self.loaders = DataLoadersBox(lambda: self.profile.reference_roles(), self._assign_loaded, self._say,
                                      self._role_label)
        box.addWidget(self.loaders)

        prof_box = QGroupBox(self.tr("Profile"))
        pv = QVBoxLayout(prof_box)
        self.profile_label = QLabel()
        self.profile_label.setWordWrap(True)
        pv.addWidget(self.profile_label)
        row = QGridLayout()
        for k, (text, slot) in enumerate(((self.tr("Edit…"), self.edit_profile), (self.tr("Load…"), self.load_profile),
                                          (self.tr("Save…"), self.save_profile),
                                          (self.tr("Default"), self.reset_profile))):
            b = QPushButton(text)
            asked = slot in (self.load_profile, self.reset_profile)  # they replace what was typed in the table
            b.clicked.connect(lambda _=False, s=slot, a=asked: (not a or self.confirm_profile_replace()) and s())
            row.addWidget(b, k // 2, k % 2)
        pv.addLayout(row)
        hint = QLabel(self.tr("Weights per model and the curve of each criterion (value:score; …). "
                              "Changes re-score at once."))
        hint.setWordWrap(True)
        pv.addWidget(hint)
        self.table = QTableWidget()
        self.table.itemChanged.connect(self._item_changed)
        self.table.setMinimumHeight(260)
        pv.addWidget(self.table)
        self.knockout_boxes: Dict[str, QCheckBox] = {}
        self.knockout_row = QVBoxLayout()  # one per line: the German labels are long
        self.knockout_row.addWidget(QLabel(self.tr("Knock-outs:")))
        self.knockout_row.addStretch(1)
        pv.addLayout(self.knockout_row)
        box.addWidget(prof_box)

        run_row = QGridLayout()
        self.score_button = QPushButton(self.tr("Score sites"))
        self.score_button.clicked.connect(self.score_sites)
        run_row.addWidget(self.score_button, 0, 0)
        self.ranking_button = QPushButton(self.tr("Ranking…"))
        self.ranking_button.setToolTip(self.tr("The sites ranked per model: sort, compare, export (CSV, XLSX)."))
        self.ranking_button.clicked.connect(lambda: self.open_ranking())
        run_row.addWidget(self.ranking_button, 0, 1)
        self.save_button = QPushButton(self.tr("Save results…"))
        self.save_button.setToolTip(self.tr("Scored sites, overlays and profile into a GeoPackage of your choice, "
                                            "with German field names and styles: kept when QGIS closes."))
        self.save_button.clicked.connect(lambda: self.save_results())
        run_row.addWidget(self.save_button, 1, 0)
        self.dossier_button = QPushButton(self.tr("Dossier (PDF)…"))
        self.dossier_button.setToolTip(self.tr("A PDF of the selected sites with this profile's scores."))
        self.dossier_button.clicked.connect(lambda: self.export_dossier())
        run_row.addWidget(self.dossier_button, 1, 1)
        box.addLayout(run_row)

        ov_box = QGroupBox(self.tr("Overlays"))
        ov = QVBoxLayout(ov_box)  # one button a line: the German labels are long
        for text, cid in ((self.tr("Station catchments"), "rail_dist"), (self.tr("Service coverage"), "services_1000"),
                          (self.tr("Accommodation reach"), "accommodation_2000")):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, c=cid, t=text: self.add_catchment(c, t))
            ov.addWidget(b)
        grid_row = QHBoxLayout()
        self.grid_model = QComboBox()
        narrow_combo(self.grid_model)
        grid_row.addWidget(self.grid_model, 1)
        b = QPushButton(self.tr("Suitability grid"))
        b.clicked.connect(lambda: self.add_grid())
        grid_row.addWidget(b)
        ov.addLayout(grid_row)
        box.addWidget(ov_box)

        ex_box = QGroupBox(self.tr("Explanation (selected site)"))
        ev = QVBoxLayout(ex_box)
        self.chart_model = QComboBox()
        narrow_combo(self.chart_model)
        self.chart_model.currentIndexChanged.connect(lambda _: self.explain())
        ev.addWidget(self.chart_model)
        self.chart = ExplanationChart()
        ev.addWidget(self.chart)
        box.addWidget(ex_box)

        self.status = QLabel()
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        box.addStretch(1)
        self._sync_profile_widgets()  # the profile's roles and knock-outs, laid out with the rest
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)

    # -- layers -----------------------------------------------------------------------------------------------
    def _add_role_combo(self, role: str) -> None:
        """A layer input for a reference role of the profile (built for every role a loaded profile names)."""
        combo = QgsMapLayerComboBox()
        combo.setFilters(layer_filters("VectorLayer"))
        combo.setAllowEmptyLayer(True)
        combo.setLayer(None)
        narrow_combo(combo)
        combo.layerChanged.connect(lambda layer, r=role: self._layer_assigned(r, layer))
        info = self.profile.references.get(role, {})
        label = info.get("label_de" if self.lang == "de" else "label_en", role)
        combo.setToolTip((info.get("note_de") if self.lang == "de" else "") or info.get("note", ""))
        label = QLabel(label)
        label.setWordWrap(True)  # long German role names wrap in a 400 px panel
        self.layers_form.insertRow(self.layers_form.rowCount() - 1, label, combo)  # above the demo button
        self.ref_combos[role] = combo

    def _layers_added(self, added) -> None:
        if self.sites_combo.currentLayer() is None:
            self.sites_combo.setLayer(projectkeys.register_site_layer(added))

    def _layer_assigned(self, role: str, layer) -> None:
        projectkeys.assign_layer(QgsProject.instance(), role, layer.id() if layer else "")

    def _restore_layers(self) -> None:
        """The layers assigned in the project (by the user, or by the script that built it: the demo)."""
        for role, combo in self.ref_combos.items():
            layer = projectkeys.assigned_layer(QgsProject.instance(), role)
            if layer is not None:
                combo.setLayer(layer)

    def add_demo_layers(self) -> None:
        """Assign the shipped reference layers; those already in the project are used, not added again."""
        for role, layer in demo_layers().items():
            if role in self.ref_combos:
                self.ref_combos[role].setLayer(layer)

    def _role_label(self, role: str) -> str:
        return self.profile.references.get(role, {}).get("label_de" if self.lang == "de" else "label_en") or role

    def _assign_loaded(self, role: str, layer: QgsVectorLayer) -> None:
        if role not in self.ref_combos:
            self._add_role_combo(role)
        self.ref_combos[role].setLayer(layer)

    def reference_layers(self) -> Dict[str, QgsVectorLayer]:
        roles = self.profile.reference_roles()
        return {role: combo.currentLayer() for role, combo in self.ref_combos.items()
                if combo.currentLayer() and role in roles}

    # -- scoring --------------------------------------------------------------------------------------------
    def score_sites(self) -> Optional[CallableTask]:
        sites = self.sites_combo.currentLayer()
        if sites is None:
            self._say(self.tr("Choose the sites layer first."), Qgis.MessageLevel.Warning)
            return None
        src = layers.DetachedSource(sites)
        refs = {role: layers.DetachedSource(lyr) for role, lyr in self.reference_layers().items()}
        profile = self.profile.copy()
        self.score_button.setEnabled(False)
        self.task = CallableTask(
            self.tr("Scoring sites for coworking models"),
            lambda task: layers.compute_run(src, refs, profile, progress=task.setProgress,
                                            is_canceled=task.isCanceled),
            on_success=lambda run, name=sites.name(), crs=sites.crs().authid() or REGISTER_CRS,
            gtype=sites.geometryType(): self._scored(run, name, crs, gtype),
            on_error=self._failed)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _failed(self, exc: BaseException) -> None:
        self.score_button.setEnabled(True)
        self._say(self.tr("Scoring stopped: {error}").format(error=exc or self.tr("cancelled")),
                  Qgis.MessageLevel.Warning)

    def _scored(self, run: layers.SuitabilityRun, sites_name: str, crs: str, gtype: int) -> None:
        self.score_button.setEnabled(True)
        if self.profile.spatial_key() == run.spatial_key:
            run.rescore(self.profile)  # weights edited while the task ran
        self.run = run
        fields = layers.output_fields(run.source_fields, self.profile, self.lang)
        geom = {0: "Point", 1: "LineString", 2: "Polygon"}.get(int(gtype), "Point")
        layer = QgsVectorLayer(f"Multi{geom}?crs={crs}", self.tr("Suitability: {name}").format(name=sites_name),
                               "memory")
        layer.dataProvider().addAttributes(fields.toList())
        layer.updateFields()
        feats = []
        for f in layers.scored_features(run, layer.fields()):
            g = f.geometry()
            if not g.isNull():
                g.convertToMultiType()
                f.setGeometry(g)
            feats.append(f)
        ok, added = layer.dataProvider().addFeatures(feats)
        self._fids = [f.id() for f in added]
        overlays.style_sites(layer, self.profile, self.lang, self.tr("knocked out"))
        if self.result_layer is not None and QgsProject.instance().mapLayer(self.result_layer.id()):
            QgsProject.instance().removeMapLayer(self.result_layer.id())
        if QgsProject.instance().addMapLayer(layer) is None:
            self._say(self.tr("The result layer could not be added to the project."), Qgis.MessageLevel.Critical)
            return
        self.result_layer = layer
        layer.selectionChanged.connect(self._selection_changed)
        n_bad = int((~run.sites.valid).sum())
        msg = self.tr("%n site(s) scored.", "", len(run.features))
        if n_bad:
            msg += " " + self.tr("%n site(s) without geometry, not scored.", "", n_bad)
        if run.problems and not n_bad:
            msg += " " + self.tr("Check the log: {first}").format(first=run.problems[0])
        self._say(msg, Qgis.MessageLevel.Warning if run.problems else Qgis.MessageLevel.Success)
        if self._fids:
            layer.selectByIds([self._fids[0]])
        self._refresh_ranking()

    def _write_scores(self) -> None:
        """Fast path: new score values into the result layer, no spatial work."""
        layer = self.result_layer
        if layer is None or self.run is None or QgsProject.instance().mapLayer(layer.id()) is None:
            return
        names = layers.score_field_names(self.profile)
        idx = [layer.fields().indexOf(n) for n in names]
        changes = {}
        for i, fid in enumerate(self._fids):
            vals = layers.score_values(self.run.scores, i)
            changes[fid] = {k: v for k, v in zip(idx, vals) if k >= 0}
        if not layer.dataProvider().changeAttributeValues(changes):
            self._say(self.tr("The new scores could not be written to the result layer."), Qgis.MessageLevel.Warning)
        overlays.style_sites(layer, self.profile, self.lang, self.tr("knocked out"))
        layer.triggerRepaint()
        self._refresh_ranking()

    # -- explanation --------------------------------------------------------------------------------------
    def _selection_changed(self, *_args) -> None:
        self.explain()

    def explain(self) -> None:
        layer, run = self.result_layer, self.run
        if layer is None or run is None or run.scores is None:
            return
        try:
            selected = layer.selectedFeatureIds()
        except RuntimeError:  # layer deleted
            return
        if not selected or selected[0] not in self._fids:
            return
        i = self._fids.index(selected[0])
        model_id = self.chart_model.currentData() or self.profile.model_ids[0]
        s = run.scores
        m = s.model_ids.index(model_id)
        bars = explanation_bars(self.profile, s, i, model_id, self.lang)  # unknown values: what they count
        name = ranking.site_names([run.features[i]])[0]  # as the ranking names it; an empty name is no "NULL"
        score = s.scores[i, m]
        title = self.tr("{site}: {model} {score}").format(
            site=name, model=self.profile.model(model_id).label(self.lang), score=score_text(score, self.lang))
        if s.knockouts[i]:
            title += " — " + self.tr("knocked out: {rules}").format(
                rules=", ".join(ranking.knockout_labels(self.profile, s.knockouts[i], self.lang)))
        self.chart.set_data(title, bars, overlays.model_colours(self.profile)[model_id], self.lang)

    # -- misc -----------------------------------------------------------------------------------------------
    def _say(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        self.status.setText(text)
        notify(self.iface, text, level)

    def _project_read(self, *_args) -> None:
        """Another project opened: its stored profile (or the default) and layer assignments take over."""
        self.profile = self._project_profile() or profiles.default_profile()
        self.mark_profile_saved()  # as stored in the project: a Load or Default asks once it is changed
        self.run = None
        self.result_layer = None
        self.overlay_layers = []
        self._fill_profile()
        self._refresh_ranking()
        self._restore_layers()
        self.sites_combo.setLayer(projectkeys.register_site_layer(QgsProject.instance().mapLayers().values()))

    def unload(self) -> None:
        self.loaders.unload()
        for signal, slot in ((QgsProject.instance().readProject, self._project_read),
                             (QgsProject.instance().layersAdded, self._layers_added)):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass
        if self.result_layer is not None:
            try:
                self.result_layer.selectionChanged.disconnect(self._selection_changed)
            except (TypeError, RuntimeError):  # already gone with its layer
                pass
        if self.ranking_dialog is not None:
            self.ranking_dialog.close()
        if self.task is not None:
            try:
                self.task.cancel()
            except RuntimeError:
                pass
