"""The "Capture sites" dock: place a brownfield or vacancy, fill the catalogue's form, save it as a draft.

Thin: the form is generated from the catalogue (same widgets and tabs as core/capture/formconfig.py gives QGIS's
attribute form), checks and saving are core/capture/drafts.py, address search is core/capture/geocoder.py in a QgsTask.
Nothing the officer typed is cleared by an error; the form is only cleared by "New site" or after a save.

The dock is one class in three files: this one (construction, the kind and form, editing and archiving a site),
capture_placing.py (placing the site) and capture_saving.py (checks, duplicates, saving); the form's editors are
capture_form.py.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsDockWidget, QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.capture import drafts, formconfig
from ..core.capture import validation as val
from ..core.capture.geocoder import GeocodeResult
from ..core.register import catalogue as cat
from ..core.settings import PluginSettings, settings_changed
from ..core.sync import maplayers
from ..core.sync import workingcopy as wc
from ..core.tasks import CallableTask
from .capture_actions import SiteActions
from .capture_form import ERROR_STYLE, FieldWidget, form_page
from .capture_placing import SitePlacing
from .capture_saving import SiteSaving
from .capture_unsaved import CaptureUnsaved
from .feedback import notify
from .maptools import PointTool, PolygonTool

LOG = logging.getLogger(__name__)

WARNING_STYLE = "color: #8a5a00;"


def default_working_copy() -> str:
    return str(Path(QgsApplication.qgisSettingsDirPath()) / "coworking" / "arbeitskopie.gpkg")


class CaptureDock(CaptureUnsaved, SitePlacing, SiteSaving, SiteActions, QgsDockWidget):
    """Capture or edit one site at a time."""

    def __init__(self, iface, wc_path: Optional[str] = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Capture sites"))
        self.iface = iface
        self.settings = PluginSettings.load()
        #: a path given here is kept; None: the settings' working copy, followed when the Options page changes it
        self._fixed_wc_path = wc_path
        self.wc_path = wc_path or self.settings.working_copy or default_working_copy()
        self._next_wc_path: Optional[str] = None  # the new working copy, once the site being edited is saved
        self.kind = cat.VACANCY
        self.site_uuid: Optional[str] = None
        self.geometry: Optional[QgsGeometry] = None  # as placed, in self.geometry_crs
        self.geometry_crs = QgsCoordinateReferenceSystem(cat.REGISTER_CRS)
        self.widgets: Dict[str, FieldWidget] = {}
        self.suggestions: List[GeocodeResult] = []
        self.pending_duplicates: List[val.Duplicate] = []
        self.search_task: Optional[CallableTask] = None
        self.server_task: Optional[CallableTask] = None
        self._municipality_auto: Optional[str] = None
        self.placed_band: Optional[QgsRubberBand] = None  # the placed geometry on the canvas, until saved
        self._build()
        self.point_tool = PointTool(self._canvas()) if self._canvas() else None
        self.polygon_tool = PolygonTool(self._canvas()) if self._canvas() else None
        if self.point_tool:
            self.point_tool.pointPicked.connect(self._tool_placed)
            self.polygon_tool.polygonFinished.connect(self._tool_placed)
            self.polygon_tool.message.connect(lambda text: self.show_message(text, Qgis.MessageLevel.Info))
        self.set_kind(cat.VACANCY)
        self.mark_clean()
        settings_changed().connect(self._follow_settings)

    def _follow_settings(self) -> None:
        """Settings were applied: the next search uses the new geocoder, the next draft the new working copy
        (an existing site being edited is still saved where it was loaded from)."""
        self.settings = PluginSettings.load()
        path = self._fixed_wc_path or self.settings.working_copy or default_working_copy()
        if path == self.wc_path:
            self._next_wc_path = None
            return
        self._next_wc_path = path
        if self.site_uuid is None:
            self._switch_working_copy()

    def _switch_working_copy(self) -> None:
        if self._next_wc_path is None:
            return
        self.wc_path, self._next_wc_path = self._next_wc_path, None
        self.show_message(self.tr("New drafts are saved in the working copy {path}.").format(path=self.wc_path),
                          Qgis.MessageLevel.Info, bar=False)

    # -- construction -----------------------------------------------------------------------------------
    def _canvas(self):
        return self.iface.mapCanvas() if self.iface is not None else None

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        kind_row = QHBoxLayout()
        self.kind_buttons = QButtonGroup(self)
        self.brownfield_radio = QRadioButton(self.tr("Brownfield"))
        self.vacancy_radio = QRadioButton(self.tr("Vacant building"))
        for button, kind in ((self.brownfield_radio, cat.BROWNFIELD), (self.vacancy_radio, cat.VACANCY)):
            button.setObjectName(f"kind_{kind}")
            self.kind_buttons.addButton(button)
            kind_row.addWidget(button)
            button.toggled.connect(lambda on, k=kind: on and self._kind_chosen(k))
        layout.addLayout(kind_row)

        self._build_placing(layout)

        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)
        layout.addWidget(self.tabs, 1)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("capture_message")
        self.message_label.setMinimumHeight(self.message_label.fontMetrics().lineSpacing() * 3)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message_label)
        self.duplicate_list = QListWidget()
        self.duplicate_list.setMaximumHeight(80)
        self.duplicate_list.setWordWrap(True)
        self.duplicate_list.itemActivated.connect(self._open_duplicate)
        layout.addWidget(self.duplicate_list)
        dup_row = QHBoxLayout()
        self.open_duplicate_button = QPushButton(self.tr("Open"))
        self.open_duplicate_button.clicked.connect(lambda: self._open_duplicate(self.duplicate_list.currentItem()))
        self.save_anyway_button = QPushButton(self.tr("Save anyway"))
        self.save_anyway_button.clicked.connect(lambda: self.save(confirmed=True))
        dup_row.addWidget(self.open_duplicate_button)
        dup_row.addWidget(self.save_anyway_button)
        layout.addLayout(dup_row)
        self._show_duplicates([])

        buttons = QGridLayout()
        self.new_button = QPushButton(self.tr("New site"))
        self.new_button.clicked.connect(self.new_site_clicked)
        self.edit_button = QPushButton(self.tr("Edit selected"))
        self.edit_button.setToolTip(self.tr("Load the selected site of the working copy into the form."))
        self.edit_button.clicked.connect(self.edit_selected_clicked)
        self.layers_button = QPushButton(self.tr("Show working copy"))
        self.layers_button.clicked.connect(self.add_working_copy_layers)
        self.save_button = QPushButton(self.tr("Save draft"))
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        self.archive_button = QPushButton(self.tr("Archive site"))
        self.archive_tooltip = self.tr("The site is no longer vacant or available: archive it in the register "
                                       "with the next push (the register never deletes).")
        self.archive_button.setToolTip(self.archive_tooltip)
        self.archive_button.clicked.connect(lambda: self.archive_site())
        self.archive_button.setEnabled(False)
        self.dossier_button = QPushButton(self.tr("Dossier (PDF)…"))
        self.dossier_button.setToolTip(self.tr("A PDF of the site being edited (as last saved), else of the sites "
                                               "selected in the working copy."))
        self.dossier_button.clicked.connect(lambda: self.export_dossier())
        self.photos_button = QPushButton(self.tr("Photos…"))
        self.photos_button.setToolTip(self.tr("Photos of the site being edited, kept in the register (after its "
                                              "upload)."))
        self.photos_button.clicked.connect(lambda: self.show_photos())
        self.photos_button.setEnabled(False)
        for i, b in enumerate((self.new_button, self.edit_button, self.layers_button, self.archive_button,
                               self.dossier_button, self.photos_button, self.save_button)):
            buttons.addWidget(b, i // 2, i % 2)
        layout.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)

    def _build_form(self) -> None:
        """(Re)build the tabs for the current kind, keeping values of fields both kinds share."""
        kept = {name: w.get() for name, w in self.widgets.items()} if self.widgets else {}
        self.tabs.clear()
        self.widgets = {}
        lang = val.label_language()
        null_text = "–"  # spin boxes: one below the minimum reads as "not specified"
        register = {f.name for f in cat.REGISTER_FIELDS} | {"base_version", "sync_state"}
        pages = [(t, names) for t, names in formconfig.tabs(self.kind) if not set(names) <= register]
        if self.kind == cat.VACANCY:
            pages.append((self.tr("Owner contact"), [f.name for f in cat.OWNER_FIELDS]))
        for title, names in pages:
            self.tabs.addTab(form_page(names, lang, null_text, self.widgets), title)
        self._fresh_values = {name: w.get() for name, w in self.widgets.items()}
        for name, value in kept.items():
            if name in self.widgets and not self.widgets[name].field.computed:
                self.widgets[name].set(value)

    # -- public API (what the buttons do) ---------------------------------------------------------------
    def set_kind(self, kind: str) -> None:
        if kind == self.kind and self.widgets:
            return
        if self.geometry is not None and kind != self.kind:
            want = QgsWkbTypes.GeometryType.PolygonGeometry if kind == cat.BROWNFIELD else None
            if want is not None and self.geometry.type() != want:
                self.geometry = None  # a vacancy's point cannot become a brownfield's outline
        self.kind = kind
        radio = self.brownfield_radio if kind == cat.BROWNFIELD else self.vacancy_radio
        if not radio.isChecked():
            self.kind_buttons.blockSignals(True)
            for button in (self.brownfield_radio, self.vacancy_radio):
                button.blockSignals(True)
            radio.setChecked(True)
            for button in (self.brownfield_radio, self.vacancy_radio):
                button.blockSignals(False)
            self.kind_buttons.blockSignals(False)
        self.draw_button.setText(self.tr("Draw outline") if kind == cat.BROWNFIELD else self.tr("Click building"))
        self._build_form()
        self._update_geometry_label()

    def values(self) -> Dict[str, Any]:
        return {name: w.get() for name, w in self.widgets.items() if w.field.table == "site"}

    def owner_values(self) -> Dict[str, Any]:
        return {name: w.get() for name, w in self.widgets.items() if w.field.table == "owner_contact"}

    def set_value(self, name: str, value: Any) -> None:
        self.widgets[name].set(value)

    def new_site(self) -> None:
        self.site_uuid = None
        self.loaded_stamp = None  # what edit_site loaded: a save notices a change made since (capture_saving)
        self.archive_button.setEnabled(False)
        self.photos_button.setEnabled(False)
        self.geometry = None
        self._municipality_auto = None
        self.widgets = {}
        self._build_form()
        self._show_duplicates([])
        self.show_message("", Qgis.MessageLevel.Info, bar=False)
        self._update_geometry_label()
        self._switch_working_copy()
        self.mark_clean()

    def edit_site(self, kind: str, site_uuid: str) -> bool:
        """Load a stored site into the form."""
        self._switch_working_copy()
        self._ensure_working_copy()
        record = drafts.load_site(self.wc_path, kind, site_uuid)
        if record is None:
            self.show_message(self.tr("The site is not in the working copy any more."), Qgis.MessageLevel.Warning)
            return False
        self.new_site()
        self.set_kind(kind)
        self.site_uuid = site_uuid
        self.photos_button.setEnabled(True)
        archived = record.status == "archived" or record.sync_state == wc.SYNC_ARCHIVE
        self.archive_button.setEnabled(not archived)
        self.archive_button.setToolTip(self.tr("The site is archived already (or will be with the next push).")
                                       if archived else self.archive_tooltip)
        for name, value in list(record.values.items()) + list(record.owner.items()):
            if name in self.widgets:
                self.widgets[name].set(value)
        self.geometry = record.geometry
        self.geometry_crs = QgsCoordinateReferenceSystem(cat.REGISTER_CRS)
        self.loaded_stamp = drafts.stamp(record)
        self._municipality_auto = None
        self._update_geometry_label()
        name = record.values.get("name") or ""
        if record.review.get("status") == "rejected":  # the reviewer's reason, where the officer fixes the site
            self.show_message(self.tr("Editing “{name}”, rejected by the county: {reason} Change the site and push it "
                                      "again.").format(name=name, reason=record.review.get("review_comment") or ""),
                              Qgis.MessageLevel.Warning, bar=False)
        else:
            self.show_message(self.tr("Editing “{name}”.").format(name=name), Qgis.MessageLevel.Info, bar=False)
        self.mark_clean()
        return True

    def edit_selected(self) -> None:
        for layer in [self.iface.activeLayer()] + list(QgsProject.instance().mapLayers().values()):
            if not isinstance(layer, QgsVectorLayer) or layer.selectedFeatureCount() != 1:
                continue
            kind = self._working_copy_kind(layer)
            if kind:
                self.edit_site(kind, str(layer.selectedFeatures()[0]["uuid"]))
                return
        self.show_message(self.tr("Select one site in the working copy's brownfield or vacancy layer, then press "
                                  "“Edit selected” again."), Qgis.MessageLevel.Warning)

    def add_working_copy_layers(self) -> Dict[str, QgsVectorLayer]:
        """Add the working copy's site layers to the project, with the catalogue's attribute form."""
        self._ensure_working_copy()
        return maplayers.add_working_copy_layers(self.wc_path)

    def show_message(self, text: str, level=Qgis.MessageLevel.Info, bar: bool = True) -> None:
        styles = {Qgis.MessageLevel.Warning: WARNING_STYLE, Qgis.MessageLevel.Critical: ERROR_STYLE}
        self.message_label.setStyleSheet(styles.get(level, ""))
        self.message_label.setText(text)
        if text and bar:
            notify(self.iface, text, level)

    def closeEvent(self, event) -> None:  # noqa: N802
        self._remove_placed()  # nothing of an unsaved site stays on the map while the dock is closed
        super().closeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._update_geometry_label()  # the form still holds the placed site: show it again

    def unload(self) -> None:
        self._remove_placed()
        try:
            settings_changed().disconnect(self._follow_settings)
        except TypeError:  # unload() called twice
            pass
        canvas = self._canvas()
        for tool in (self.point_tool, self.polygon_tool):
            if tool is not None and canvas is not None and canvas.mapTool() is tool:
                canvas.unsetMapTool(tool)
        if self.polygon_tool is not None:
            self.polygon_tool.unload()
        for tool in (self.point_tool, self.polygon_tool):
            if tool is not None:
                tool.deleteLater()  # their signals hold lambdas on this dock: a cycle Python cannot collect
        self.point_tool = self.polygon_tool = None

    # -- helpers ----------------------------------------------------------------------------------------
    def _ensure_working_copy(self) -> None:
        path = Path(self.wc_path)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            wc.create(str(path))
            if not self.settings.working_copy:
                self.settings.working_copy = str(path)
                self.settings.save()

    def _working_copy_kind(self, layer: QgsVectorLayer) -> Optional[str]:
        return maplayers.working_copy_kind(layer, self.wc_path)

    def _refresh_layers(self) -> None:
        maplayers.refresh_working_copy_layers(self.wc_path)
