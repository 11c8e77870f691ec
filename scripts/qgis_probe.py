"""Run by QGIS with ``--code`` once its main window is up (see scripts/desktop.py).

Waits until the map canvas has rendered, writes a JSON report to $COWORKING_QGIS_REPORT (is the plugin active,
its actions, its menu and toolbar, the Processing provider, the layers), grabs the main window into
$COWORKING_QGIS_SCREENSHOT when set, and quits QGIS. With $COWORKING_QGIS_CYCLES=n it first unloads and
reloads the plugin n times as the Plugin Manager does (opening every dock in between) and records an inventory
of the main window, the Processing providers and the signal connections after each step.
"""

import gc
import json
import os
import sys
import time

import qgis.utils
from qgis.core import QgsApplication, QgsProject, QgsProviderRegistry
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QToolBar

sys.path.insert(0, os.environ["COWORKING_REPO"])
from scripts.qt_inventory import QAction, inventory  # noqa: E402

PLUGIN = "coworking_plugin"
iface = qgis.utils.iface
canvas = iface.mapCanvas()
_state = {"refreshed": False, "start": time.monotonic()}


def _on_refreshed():
    _state["refreshed"] = True


canvas.mapCanvasRefreshed.connect(_on_refreshed)


def _report():
    window = iface.mainWindow()
    plugin = qgis.utils.plugins.get(PLUGIN)
    menu_entries = []
    for action in iface.pluginMenu().actions():
        if action.menu() is not None and action.text().replace("&", "") == "Coworking Leerstandsmelder":
            menu_entries = [a.text() for a in action.menu().actions()]
    toolbars = [{"name": tb.objectName(), "title": tb.windowTitle(), "visible": tb.isVisible(),
                 "actions": [a.text() for a in tb.actions()]}
                for tb in window.findChildren(QToolBar) if tb.objectName().startswith("Coworking")]
    layers = [{"name": lyr.name(), "valid": lyr.isValid(),
               "features": lyr.featureCount() if hasattr(lyr, "featureCount") else None,
               "rights": list(lyr.metadata().rights())}
              for lyr in QgsProject.instance().mapLayers().values()]
    return {
        "active": PLUGIN in qgis.utils.active_plugins,
        "plugin_class": type(plugin).__name__ if plugin else None,
        "actions": [{"name": a.objectName(), "text": a.text()}
                    for a in window.findChildren(QAction) if a.objectName().startswith("coworking_")],
        "plugin_actions": [a.text() for a in getattr(plugin, "actions", [])],
        "menu": menu_entries,
        "toolbars": toolbars,
        "provider": QgsApplication.processingRegistry().providerById("coworking") is not None,
        "layers": layers,
        "canvas_refreshed": _state["refreshed"],
        "extent": canvas.extent().toString(0),
        "qgis_version": qgis.utils.Qgis.QGIS_VERSION,
        "postgres_connections": sorted(QgsProviderRegistry.instance().providerMetadata("postgres").connections()),
        "window": [window.width(), window.height()],
        "message_bar": [{"title": item.title(), "text": item.text(), "level": int(item.level())}
                        for item in iface.messageBar().items()],
    }


def _cycles(n, then):
    """Unload/reload the plugin n times through qgis.utils, one step per event-loop turn."""
    steps, results = [], {"loaded": [], "unloaded": []}

    def unload():
        qgis.utils.unloadPlugin(PLUGIN)

    def load():
        qgis.utils.loadPlugin(PLUGIN)
        qgis.utils.startPlugin(PLUGIN)
        plugin = qgis.utils.plugins[PLUGIN]
        for spec in sys.modules[f"{PLUGIN}.plugin"].dock_specs():
            plugin.show_dock(spec[0])

    for _ in range(n):
        steps += [unload, gc.collect, lambda: results["unloaded"].append(inventory(iface)),
                  load, gc.collect, lambda: results["loaded"].append(inventory(iface))]

    def step():
        if steps:
            try:
                steps.pop(0)()
            except Exception as exc:  # report it and quit rather than leave QGIS running
                results["error"] = repr(exc)
                steps.clear()
            QTimer.singleShot(300, step)  # deleteLater() runs in between, as in a real session
        else:
            then(results)

    step()


def _check_options_page():
    """Trigger the plugin's Settings… action; while QGIS's modal Options dialog runs, see which page it shows."""
    from qgis.PyQt.QtWidgets import QApplication, QStackedWidget, QWidget

    result = {"dialog": None, "page": False, "current": None}

    def inspect():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(250, inspect)
            return
        result["dialog"] = dialog.metaObject().className()
        result["page"] = dialog.findChild(QWidget, "CoworkingOptionsPage") is not None
        stack = dialog.findChild(QStackedWidget, "mOptionsStackedWidget")
        current = stack.currentWidget() if stack is not None else None
        if current is not None:
            inner = current.findChild(QWidget, "CoworkingOptionsPage")
            result["current"] = "CoworkingOptionsPage" if inner is not None else current.objectName()
        dialog.reject()

    action = iface.mainWindow().findChild(QAction, "coworking_settings_action")
    if action is None:
        return result
    QTimer.singleShot(500, inspect)
    action.trigger()  # returns when inspect() has closed the dialog
    return result


def _finish(cycles=None):
    report = _report()
    if os.environ.get("COWORKING_QGIS_OPTIONS"):
        report["options"] = _check_options_page()
    report["cycles"] = cycles
    shot = os.environ.get("COWORKING_QGIS_SCREENSHOT")
    if shot:
        QgsApplication.processEvents()
        report["screenshot"] = iface.mainWindow().grab().save(shot)
    with open(os.environ["COWORKING_QGIS_REPORT"], "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    QgsProject.instance().setDirty(False)  # no "save changes?" question
    QgsApplication.exit(0)


def _poll():
    waited = time.monotonic() - _state["start"]
    has_layers = bool(QgsProject.instance().mapLayers())
    rendered = _state["refreshed"] and not canvas.isDrawing()
    if waited > 2 and (rendered or not has_layers) or waited > 60:
        n = int(os.environ.get("COWORKING_QGIS_CYCLES", "0") or 0)
        if n:
            QTimer.singleShot(500, lambda: _cycles(n, _finish))
        else:
            QTimer.singleShot(500, _finish)  # let the last paint events through
    else:
        QTimer.singleShot(200, _poll)


# the whole screen: showMaximized() alone needs a window manager, which Xvfb has none of (QGIS 3.40 then keeps
# the small default size it starts with)
iface.mainWindow().setGeometry(QgsApplication.primaryScreen().availableGeometry())
iface.mainWindow().showMaximized()
canvas.refresh()
QTimer.singleShot(200, _poll)
