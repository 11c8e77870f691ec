"""The "Load data" box of the suitability dock: OpenStreetMap and a GTFS feed into the reference GeoPackage.

Both run as a QgsTask (progress in the task manager, cancellable); afterwards the layers of the GeoPackage are
added to the project once (or re-read, when loaded again: the file was replaced) and assigned to their roles.
"""

from __future__ import annotations

from typing import Callable, List, Optional

from qgis.core import Qgis, QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QFileDialog, QGridLayout, QGroupBox, QPushButton

from ..core.i18n import tr
from ..core.opendata import refgpkg
from ..core.settings import PluginSettings
from ..core.tasks import CallableTask, TaskCanceled


class DataLoadersBox(QGroupBox):
    """Buttons that load open data for the profile's roles; ``assign(role, layer)`` hands each layer to the dock."""

    def __init__(self, roles: Callable[[], List[str]], assign: Callable[[str, QgsVectorLayer], None],
                 say: Callable[..., None], label: Callable[[str], str] = str, parent=None) -> None:
        super().__init__(tr("Load data"), parent)
        self._roles, self._assign, self._say, self._label = roles, assign, say, label
        self.task: Optional[CallableTask] = None
        row = QGridLayout(self)  # two a line: the box fits a 400 px dock
        self.osm_button = QPushButton(tr("OpenStreetMap"))
        self.osm_button.setToolTip(tr("Loads shops, cafés, doctors, schools, kindergartens, accommodation, bus stops "
                                      "and protected areas of the county from the Overpass server in the plugin "
                                      "settings. © OpenStreetMap-Mitwirkende, ODbL 1.0"))
        self.osm_button.clicked.connect(lambda: self.load_osm())
        self.gtfs_button = QPushButton(tr("GTFS feed…"))
        self.gtfs_button.setToolTip(tr("Departures per hour and travel times to Dresden and the county's centres "
                                       "from a GTFS timetable (VVO, DELFI)."))
        self.gtfs_button.clicked.connect(lambda: self.load_gtfs())
        self.zensus_button = QPushButton(tr("Zensus grid…"))
        self.zensus_button.setToolTip(tr("Inhabitants within 2 km from the Zensus 2022 population grid (100 m cells, "
                                         "CSV) you downloaded."))
        self.zensus_button.clicked.connect(lambda: self.load_zensus())
        row.addWidget(self.osm_button, 0, 0, 1, 2)
        row.addWidget(self.gtfs_button, 1, 0)
        row.addWidget(self.zensus_button, 1, 1)

    @staticmethod
    def path() -> str:
        return PluginSettings.load().reference_data or refgpkg.default_path()

    def load_osm(self) -> Optional[CallableTask]:
        from ..core.opendata import osm

        settings = PluginSettings.load()
        roles, path = osm.osm_roles(self._roles()), self.path()
        return self._start(tr("Loading OpenStreetMap data"), lambda task: osm.load_osm(
            path, roles, settings.overpass_url, settings.overpass_timeout, progress=task.setProgress,
            is_canceled=task.isCanceled), roles)

    def load_gtfs(self, feed: Optional[str] = None) -> Optional[CallableTask]:
        from ..core.opendata import transit

        if feed is None:
            feed, _ = QFileDialog.getOpenFileName(self, tr("GTFS feed"), "", tr("GTFS feed (*.zip)"))
            if not feed:
                return None
        path = self.path()
        return self._start(tr("Loading the GTFS feed"), lambda task: transit.load_gtfs(
            feed, path, progress=task.setProgress, is_canceled=task.isCanceled), [transit.ROLE])

    def load_zensus(self, grid: Optional[str] = None) -> Optional[CallableTask]:
        from ..core.opendata import zensus

        if grid is None:
            grid, _ = QFileDialog.getOpenFileName(self, tr("Zensus 2022 grid"), "", tr("Zensus grid (*.csv)"))
            if not grid:
                return None
        path = self.path()
        return self._start(tr("Loading the Zensus grid"), lambda task: zensus.load_zensus(
            grid, path, is_canceled=task.isCanceled), [zensus.ROLE])

    def _start(self, title: str, work, roles: List[str]) -> CallableTask:
        self.setEnabled(False)
        self.task = CallableTask(title, work, on_success=lambda _result: self._loaded(roles),
                                 on_error=self._failed)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, TaskCanceled):
            self._say(tr("Loading cancelled; the reference data stay as they were."), Qgis.MessageLevel.Info)
        else:
            self._say(str(exc), Qgis.MessageLevel.Warning)

    def _loaded(self, roles: List[str]) -> None:
        self.setEnabled(True)
        path = self.path()
        project = QgsProject.instance()
        for role in roles:
            source = f"{path}|layername={role}"
            layer = next((lyr for lyr in project.mapLayers().values() if lyr.source() == source), None)
            if layer is not None:  # the file was replaced: read it again
                layer.setDataSource(source, layer.name(), "ogr")
            else:
                layer = refgpkg.open_layer(path, role, self._label(role))  # named as the dock names the role
                if not layer.isValid() or project.addMapLayer(layer) is None:
                    continue
            self._assign(role, layer)
        self._say(tr("Reference data loaded into {path}.").format(path=path), Qgis.MessageLevel.Success)

    def unload(self) -> None:
        if self.task is not None:
            try:
                self.task.cancel()
            except RuntimeError:
                pass
