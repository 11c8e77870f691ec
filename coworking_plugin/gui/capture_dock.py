"""The "Capture sites" dock: place a brownfield or vacancy, fill the catalogue's form, save it as a draft.

Thin: the form is generated from the catalogue (same widgets and tabs as core/capture/formconfig.py gives QGIS's
attribute form), checks and saving are core/capture/drafts.py, address search is core/capture/geocoder.py in a QgsTask.
Nothing the officer typed is cleared by an error; the form is only cleared by "New site" or after a save.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsDateEdit, QgsDockWidget, QgsDoubleSpinBox, QgsSpinBox
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.capture import drafts, formconfig
from ..core.capture import validation as val
from ..core.capture.duplicates import duplicate_issue, server_duplicates
from ..core.capture.geocoder import Geocoder, GeocodeResult
from ..core.capture.geometry import prepare_geometry
from ..core.connection import connect
from ..core.register import catalogue as cat
from ..core.register.catalogue import FieldDef, FieldType
from ..core.settings import PluginSettings
from ..core.sync import workingcopy as wc
from ..core.tasks import CallableTask
from .feedback import notify
from .maptools import PointTool, PolygonTool

LOG = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


def default_working_copy() -> str:
    return str(Path(QgsApplication.qgisSettingsDirPath()) / "coworking" / "arbeitskopie.gpkg")


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
        if f.name in ("notes", "consent_purpose"):
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
                w.clear()
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


class CaptureDock(QgsDockWidget):
    """Capture or edit one site at a time."""

    def __init__(self, iface, wc_path: Optional[str] = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Capture sites"))
        self.iface = iface
        self.settings = PluginSettings.load()
        self.wc_path = wc_path or self.settings.working_copy or default_working_copy()
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
        self._build()
        self.point_tool = PointTool(self._canvas()) if self._canvas() else None
        self.polygon_tool = PolygonTool(self._canvas()) if self._canvas() else None
        if self.point_tool:
            self.point_tool.pointPicked.connect(self.set_geometry)
            self.polygon_tool.polygonFinished.connect(self.set_geometry)
            self.polygon_tool.message.connect(lambda text: self.show_message(text, Qgis.MessageLevel.Info))
        self.set_kind(cat.VACANCY)

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
            button.toggled.connect(lambda on, k=kind: on and self.set_kind(k))
        layout.addLayout(kind_row)

        place_row = QHBoxLayout()
        self.draw_button = QPushButton(self.tr("Draw on map"))
        self.draw_button.clicked.connect(self.activate_map_tool)
        self.selected_button = QPushButton(self.tr("Take selected feature"))
        self.selected_button.setToolTip(self.tr("Use the geometry of the one selected feature of the active layer "
                                                "(any layer, any CRS), e.g. a parcel or a building."))
        self.selected_button.clicked.connect(self.take_selected_feature)
        place_row.addWidget(self.draw_button)
        place_row.addWidget(self.selected_button)
        layout.addLayout(place_row)

        search_row = QHBoxLayout()
        self.address_search = QLineEdit()
        self.address_search.setPlaceholderText(self.tr("Search address, e.g. Markt 1, Meißen"))
        self.address_search.returnPressed.connect(self.search_address)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.clicked.connect(self.search_address)
        search_row.addWidget(self.address_search)
        search_row.addWidget(self.search_button)
        layout.addLayout(search_row)
        self.suggestion_list = QListWidget()
        self.suggestion_list.setMaximumHeight(90)
        self.suggestion_list.hide()
        self.suggestion_list.itemActivated.connect(self._suggestion_chosen)
        self.suggestion_list.itemClicked.connect(self._suggestion_chosen)
        layout.addWidget(self.suggestion_list)

        geom_row = QHBoxLayout()
        self.geometry_label = QLabel()
        self.geometry_label.setWordWrap(True)
        self.repair_check = QCheckBox(self.tr("Repair geometry"))
        self.repair_check.setToolTip(self.tr("Repair an invalid outline (e.g. self-intersections) when saving."))
        geom_row.addWidget(self.geometry_label, 1)
        geom_row.addWidget(self.repair_check)
        layout.addLayout(geom_row)

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
        self.new_button.clicked.connect(self.new_site)
        self.edit_button = QPushButton(self.tr("Edit selected"))
        self.edit_button.setToolTip(self.tr("Load the selected site of the working copy into the form."))
        self.edit_button.clicked.connect(self.edit_selected)
        self.layers_button = QPushButton(self.tr("Show working copy"))
        self.layers_button.clicked.connect(self.add_working_copy_layers)
        self.save_button = QPushButton(self.tr("Save draft"))
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        self.archive_button = QPushButton(self.tr("Archive site"))
        self.archive_button.setToolTip(self.tr("The site is no longer vacant or available: archive it in the "
                                               "register with the next push (the register never deletes)."))
        self.archive_button.clicked.connect(lambda: self.archive_site())
        self.archive_button.setEnabled(False)
        for i, b in enumerate((self.new_button, self.edit_button, self.layers_button, self.archive_button,
                               self.save_button)):
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
            page = QWidget()
            form = QFormLayout(page)
            # docks are narrow: every label goes above its field, so fields get the full width
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                f = cat.field_by_name(name)
                fw = FieldWidget(f, lang, null_text)
                self.widgets[name] = fw
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
            self.tabs.addTab(page_scroll, title)
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

    def activate_map_tool(self) -> None:
        tool = self.polygon_tool if self.kind == cat.BROWNFIELD else self.point_tool
        if tool is not None:
            self._canvas().setMapTool(tool)
            self.show_message(self.tr("Click the corners of the outline; right-click to finish.")
                              if self.kind == cat.BROWNFIELD else self.tr("Click the building on the map."),
                              Qgis.MessageLevel.Info, bar=False)

    def set_geometry(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> None:
        """Take a geometry from a map tool, the geocoder or a feature; prefill municipality and area."""
        self.geometry = QgsGeometry(geometry)
        self.geometry_crs = QgsCoordinateReferenceSystem(crs)
        geom, issues = prepare_geometry(self.kind, geometry, crs, repair=True)
        if geom is not None:
            self._ensure_working_copy()
            ags = drafts.municipality_at(self.wc_path, geom)
            current = self.widgets["municipality_ags"].get()
            if ags and (current is None or current == self._municipality_auto):
                self.widgets["municipality_ags"].set(ags)
                self._municipality_auto = ags
            if "area_m2" in self.widgets:
                self.widgets["area_m2"].set(drafts.area_m2(geom))
        errors = [i.message for i in issues if i.is_error]
        if errors:
            self.show_message(errors[0], Qgis.MessageLevel.Warning)
        else:
            self.show_message("", Qgis.MessageLevel.Info, bar=False)
        self._update_geometry_label()

    def take_selected_feature(self) -> None:
        layer = self.iface.activeLayer() if self.iface is not None else None
        feats = layer.selectedFeatures() if isinstance(layer, QgsVectorLayer) else []
        if len(feats) != 1:
            self.show_message(self.tr("Select exactly one feature in the active layer (for example a parcel), then "
                                      "press “Take selected feature” again."), Qgis.MessageLevel.Warning)
            return
        self.set_geometry(feats[0].geometry(), layer.crs())

    def search_address(self) -> None:
        text = self.address_search.text().strip()
        if not text:
            self.show_message(self.tr("Type an address to search for, e.g. “Markt 1, Meißen”."),
                              Qgis.MessageLevel.Info, bar=False)
            return
        geocoder = Geocoder.from_settings(self.settings)
        self.search_button.setEnabled(False)
        self.show_message(self.tr("Searching “{text}” …").format(text=text), Qgis.MessageLevel.Info, bar=False)
        self.search_task = CallableTask(self.tr("Address search"), lambda task: geocoder.search(text),
                                        on_success=self._show_suggestions, on_error=self._search_failed)
        QgsApplication.taskManager().addTask(self.search_task)

    def choose_suggestion(self, index: int) -> None:
        """Fill the address fields from a suggestion; a vacancy is placed there, a brownfield's map is centred."""
        result = self.suggestions[index]
        for name, value in (("address", result.address), ("postcode", result.postcode),
                            ("locality", result.locality)):
            if value and name in self.widgets:
                self.widgets[name].set(value)
        if self.kind == cat.VACANCY:
            self.set_geometry(result.point(), QgsCoordinateReferenceSystem(cat.REGISTER_CRS))
        else:
            self.show_message(self.tr("Address filled in. Now draw the outline of the brownfield on the map."),
                              Qgis.MessageLevel.Info, bar=False)
        self._zoom_to(result.point(), QgsCoordinateReferenceSystem(cat.REGISTER_CRS))

    def new_site(self) -> None:
        self.site_uuid = None
        self.archive_button.setEnabled(False)
        self.geometry = None
        self._municipality_auto = None
        self.widgets = {}
        self._build_form()
        self._show_duplicates([])
        self.show_message("", Qgis.MessageLevel.Info, bar=False)
        self._update_geometry_label()

    def edit_site(self, kind: str, site_uuid: str) -> bool:
        """Load a stored site into the form."""
        self._ensure_working_copy()
        record = drafts.load_site(self.wc_path, kind, site_uuid)
        if record is None:
            self.show_message(self.tr("The site is not in the working copy any more."), Qgis.MessageLevel.Warning)
            return False
        self.new_site()
        self.set_kind(kind)
        self.site_uuid = site_uuid
        self.archive_button.setEnabled(True)
        for name, value in list(record.values.items()) + list(record.owner.items()):
            if name in self.widgets:
                self.widgets[name].set(value)
        self.geometry = record.geometry
        self.geometry_crs = QgsCoordinateReferenceSystem(cat.REGISTER_CRS)
        self._municipality_auto = None
        self._update_geometry_label()
        self.show_message(self.tr("Editing “{name}”.").format(name=record.values.get("name") or ""),
                          Qgis.MessageLevel.Info, bar=False)
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

    def archive_site(self, ask: bool = True) -> bool:
        """Archive the site in the form: with the next push for a pushed site, at once for a local draft."""
        if not self.site_uuid:
            return False
        from ..core.sync.tracking import archive

        name = self.widgets["name"].get() if "name" in self.widgets else ""
        if ask:
            answer = QMessageBox.question(
                self, self.tr("Archive site"),
                self.tr("Archive “{name}”? It stays in the register's history but is no longer offered.").format(
                    name=name or ""))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            waits_for_push = archive(self.wc_path, self.kind, self.site_uuid)
        except KeyError:
            self.show_message(self.tr("The site is not in the working copy any more."), Qgis.MessageLevel.Warning)
            return False
        self.new_site()
        self._refresh_layers()
        if waits_for_push:
            text = self.tr("“{name}” will be archived in the register with the next push.").format(name=name or "")
        else:
            text = self.tr("The draft “{name}” had never been pushed and was removed from the working copy.").format(
                name=name or "")
        self.show_message(text, Qgis.MessageLevel.Success)
        return True

    def add_working_copy_layers(self) -> Dict[str, QgsVectorLayer]:
        """Add the working copy's site layers to the project, with the catalogue's attribute form."""
        self._ensure_working_copy()
        project = QgsProject.instance()
        layers = {}
        for kind in cat.KINDS:
            existing = [lyr for lyr in project.mapLayers().values()
                        if isinstance(lyr, QgsVectorLayer) and self._working_copy_kind(lyr) == kind]
            if existing:
                layers[kind] = existing[0]
                continue
            lyr = wc.layer(self.wc_path, kind)
            lyr.setName(cat.KIND_LABELS[kind][0 if val.label_language() == "de" else 1])
            layers[kind] = project.addMapLayer(lyr)
        formconfig.configure_working_copy(self.wc_path, layers)
        return layers

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
        self.show_message(self.tr("Checking the register for duplicates …"), Qgis.MessageLevel.Info, bar=False)
        self.server_task = CallableTask(self.tr("Duplicate check"), work,
                                        on_success=lambda dups: self._after_server_check(dups, ""),
                                        on_error=lambda exc: self._after_server_check([], str(exc)))
        QgsApplication.taskManager().addTask(self.server_task)
        return None

    def _after_server_check(self, duplicates: List[val.Duplicate], error: str) -> None:
        self.save_button.setEnabled(True)
        result = self._check()  # the officer may have typed on meanwhile: check and save what the form holds now
        if result is not None:
            note = self.tr("The register could not be searched for duplicates ({error}); only the working copy "
                           "was checked.").format(error=error) if error else ""
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
        text = general[0] if general else self.tr("Please correct the marked fields ({n}).").format(
            n=len(result.errors))
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
        text = self.tr("“{name}” saved as a draft in the working copy.").format(name=name)
        self.show_message(" ".join([text] + repaired + ([note] if note else [])),
                          Qgis.MessageLevel.Warning if note else Qgis.MessageLevel.Success)
        self._refresh_layers()
        return uid

    def show_message(self, text: str, level=Qgis.MessageLevel.Info, bar: bool = True) -> None:
        styles = {Qgis.MessageLevel.Warning: WARNING_STYLE, Qgis.MessageLevel.Critical: ERROR_STYLE}
        self.message_label.setStyleSheet(styles.get(level, ""))
        self.message_label.setText(text)
        if text and bar:
            notify(self.iface, text, level)

    def unload(self) -> None:
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
        source = layer.source()
        if Path(source.split("|")[0]).resolve() != Path(self.wc_path).resolve():
            return None
        for kind in cat.KINDS:
            if source.endswith(f"layername={kind}"):
                return kind
        return None

    def _refresh_layers(self) -> None:
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsVectorLayer) and self._working_copy_kind(layer):
                layer.dataProvider().reloadData()
                layer.triggerRepaint()

    def _update_geometry_label(self) -> None:
        if self.geometry is None or self.geometry.isEmpty():
            text = self.tr("No position yet: draw it, search an address or take a selected feature.")
        else:
            geom, _ = prepare_geometry(self.kind, self.geometry, self.geometry_crs, repair=True)
            if geom is None:
                text = self.tr("Position set, but not usable yet (see the message below).")
            elif self.kind == cat.BROWNFIELD:
                text = self.tr("Outline set: {area} m².").format(area=f"{drafts.area_m2(geom):,.0f}".replace(",", "."))
            else:
                p = geom.asPoint()
                text = self.tr("Point set: E {x:.1f}, N {y:.1f} (EPSG:25833).").format(x=p.x(), y=p.y())
        self.geometry_label.setText(text)

    def _show_suggestions(self, results: List[GeocodeResult]) -> None:
        self.search_button.setEnabled(True)
        self.suggestions = results
        self.suggestion_list.clear()
        for r in results:
            self.suggestion_list.addItem(r.label)
        self.suggestion_list.setVisible(bool(results))
        if results:
            self.show_message(self.tr("{n} addresses found: choose one.").format(n=len(results)),
                              Qgis.MessageLevel.Info, bar=False)
        else:
            self.show_message(self.tr("No address found in Landkreis Meißen. Check the spelling, or place the site "
                                      "on the map."), Qgis.MessageLevel.Warning)

    def _search_failed(self, error: BaseException) -> None:
        self.search_button.setEnabled(True)
        text = str(error) or self.tr("The address search was cancelled.")
        self.show_message(text, Qgis.MessageLevel.Warning)

    def _suggestion_chosen(self, item: QListWidgetItem) -> None:
        self.choose_suggestion(self.suggestion_list.row(item))

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

    def _zoom_to(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> None:
        canvas = self._canvas()
        if canvas is None:
            return
        try:
            geom = QgsGeometry(geometry)
            xform = QgsCoordinateTransform(crs, canvas.mapSettings().destinationCrs(), QgsProject.instance())
            if geom.transform(xform) != QgsGeometry.OperationResult.Success:
                return
            box = QgsRectangle(geom.boundingBox())
            metres = canvas.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters
            box.grow(max(50.0, box.width(), box.height()) if metres else 0.001)
            canvas.setExtent(box)
            canvas.refresh()
        except Exception:  # zooming is a convenience; never lose the form over it
            LOG.exception("zoom failed")

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
