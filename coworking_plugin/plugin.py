"""Wiring only: actions, docks, menu, toolbar, Processing provider, translator. unload() undoes all of it.

Docks and their modules are imported the first time a user opens them, so QGIS starts as fast as without
the plugin.
"""

from __future__ import annotations

import importlib
import logging
from typing import Dict, List, Optional, Tuple

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QDockWidget, QMenu

from .core import log
from .core.i18n import install_translator, tr
from .core.paths import i18n_dir, icon_path
from .gui.qtcompat import QAction

LOG = logging.getLogger(__name__)

MENU = "Coworking Leerstandsmelder"


def dock_specs() -> Tuple[Tuple[str, str, str, str, str], ...]:
    """key, icon file, action text, module in gui/, dock class; called after the translator is installed."""
    return (
        ("capture", "capture.svg", tr("Capture sites"), "capture_dock", "CaptureDock"),
        ("review", "review.svg", tr("Review sites"), "review_dock", "ReviewDock"),
        ("suitability", "suitability.svg", tr("Site suitability"), "suitability_dock", "SuitabilityDock"),
        ("sync", "sync.svg", tr("Sync with the register"), "sync_dock", "SyncDock"),
    )


class CoworkingPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.actions: List[QAction] = []
        self.docks: Dict[str, QDockWidget] = {}
        self.dock_actions: Dict[str, QAction] = {}
        self.toolbar = None
        self.provider = None
        self.translator = None
        self.log_handler: Optional[logging.Handler] = None
        self.options_factory = None
        self.dashboard = None
        self.close_guard = None
        #: (signal, slot) pairs connected on objects that outlive the plugin; unload() disconnects them
        self.connections: List[Tuple[object, object]] = []

    # -- QGIS entry points -------------------------------------------------------------------------------
    def initProcessing(self) -> None:  # noqa: N802
        """Called by qgis_process (hasProcessingProvider=yes) and by initGui(): register the provider once."""
        if self.provider is not None:
            return
        from .processing.provider import CoworkingProvider

        provider = CoworkingProvider()
        # on failure (another "coworking" provider is registered) QGIS deletes the object: keep no reference
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider
        else:
            LOG.error("The Processing provider 'coworking' is already registered; its algorithms may be stale.")

    def initGui(self) -> None:  # noqa: N802
        self.log_handler = log.setup_logging()
        self.translator = install_translator(i18n_dir())
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(MENU)
        self.toolbar.setObjectName("CoworkingLeerstandsmelderToolbar")
        for key, icon, text, _module, _cls in dock_specs():
            action = self._add_action(icon, text, lambda checked=False, k=key: self.show_dock(k, checked))
            action.setCheckable(True)
            action.setObjectName(f"coworking_{key}_action")
            self.dock_actions[key] = action
        self._add_extra_actions()
        self._add_settings()
        from .gui.unsaved import CloseGuard

        self.close_guard = CloseGuard(self.docks)  # QGIS closing asks before unsaved input goes
        self.iface.mainWindow().installEventFilter(self.close_guard)

    def unload(self) -> None:
        for signal, slot in reversed(self.connections):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):  # already gone with its sender
                pass
        self.connections.clear()
        if self.close_guard is not None:
            self.iface.mainWindow().removeEventFilter(self.close_guard)
            self.close_guard.deleteLater()
            self.close_guard = None
        if self.dashboard is not None:
            self.dashboard.unload()
            self.dashboard.close()
            self.dashboard.deleteLater()
            self.dashboard = None
        for dock in self.docks.values():
            self.iface.removeDockWidget(dock)
            unload = getattr(dock, "unload", None)
            if unload:
                unload()
            dock.deleteLater()
        self.docks.clear()
        for action in self.actions:
            self.iface.removePluginMenu(MENU, action)
            self.iface.removeToolBarIcon(action)
            action.deleteLater()
        self.actions.clear()
        self.dock_actions.clear()
        self._delete_empty_menu()
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        if self.log_handler is not None:
            log.teardown_logging(self.log_handler)
            self.log_handler = None

    # -- helpers -----------------------------------------------------------------------------------------
    def _add_action(self, icon: str, text: str, callback, toolbar: bool = True) -> QAction:
        action = QAction(QIcon(icon_path(icon)), text, self.iface.mainWindow())
        action.triggered.connect(callback)
        self.iface.addPluginToMenu(MENU, action)
        if toolbar and self.toolbar is not None:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def _delete_empty_menu(self) -> None:
        # QGIS's removePluginMenu() takes the emptied submenu out of the Plugins menu but never deletes it,
        # so every reload would leave one more QMenu behind
        window = self.iface.mainWindow()
        for menu in window.findChildren(QMenu) if window is not None else ():
            if menu.title().replace("&", "") == MENU and not menu.actions():
                menu.deleteLater()

    def connect(self, signal, slot) -> None:
        """Connect ``signal`` (of QGIS, the project, the canvas…) to ``slot`` and disconnect it in unload()."""
        signal.connect(slot)
        self.connections.append((signal, slot))

    def _add_settings(self) -> None:
        """The plugin's page in QGIS Options, and a menu entry that opens it."""
        from .core.settings import purge_stored_password
        from .gui.options import PAGE_NAME, CoworkingOptionsFactory

        removed = purge_stored_password()  # stored by an older version: strip it now and say so once
        if removed:
            self.iface.messageBar().pushWarning(tr("Coworking"), removed)
        self.options_factory = CoworkingOptionsFactory()
        self.iface.registerOptionsWidgetFactory(self.options_factory)
        action = self._add_action("coworking.svg", tr("Settings…"),
                                  lambda: self.iface.showOptionsDialog(self.iface.mainWindow(), PAGE_NAME),
                                  toolbar=False)
        action.setObjectName("coworking_settings_action")

    def _add_extra_actions(self) -> None:
        """Menu-only actions (admin tasks, settings); filled by the features that need them."""
        action = self._add_action("coworking.svg", tr("Install or upgrade database…"),
                                  self._install_database, toolbar=False)
        action.setObjectName("coworking_install_database_action")
        action = self._add_action("coworking.svg", tr("Success indicators…"), lambda: self.show_dashboard(),
                                  toolbar=False)
        action.setObjectName("coworking_dashboard_action")

    def _install_database(self) -> None:
        from .gui.install_action import ask_and_install

        ask_and_install(self.iface)

    def show_dashboard(self, refresh: bool = True):
        """The success indicators' dialog (one, kept until unload), read afresh from the register."""
        if self.dashboard is None:
            from .gui.dashboard import DashboardDialog

            self.dashboard = DashboardDialog(self.iface, parent=self.iface.mainWindow())
            self.dashboard.setObjectName("coworking_dashboard")
        self.dashboard.show()
        self.dashboard.raise_()
        if refresh:
            self.dashboard.refresh()
        return self.dashboard

    def dock(self, key: str) -> QDockWidget:
        """The dock for ``key``, created on first use."""
        if key not in self.docks:
            spec = next(d for d in dock_specs() if d[0] == key)
            module = importlib.import_module(f"{__package__}.gui.{spec[3]}")
            dock = getattr(module, spec[4])(self.iface)
            dock.setObjectName(f"coworking_{key}_dock")
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.visibilityChanged.connect(self.dock_actions[key].setChecked)
            self.docks[key] = dock
        return self.docks[key]

    def show_dock(self, key: str, visible: bool = True) -> QDockWidget:
        dock = self.dock(key)
        if visible:
            dock.setVisible(True)
            dock.raise_()
        else:
            dock.close()  # as its close button does: a dock may take its things off the map (closeEvent)
        return dock
