"""Run by QGIS with ``--code`` for `make demo` (scripts/demo.py): open the plugin's docks, and headless take the
screenshots.

On a desktop ($COWORKING_DEMO_SHOTS unset) it opens the four docks as
tabs (capture in front) and leaves QGIS to the user. Headless it shows one dock at a time and grabs the main
window into $COWORKING_DEMO_SHOTS/<key>.png (capture with the site $COWORKING_DEMO_EDIT in the form, suitability,
sync as the Meißen editor; review after
switching the plugin's connection to the reviewer $COWORKING_DEMO_REVIEWER, with the pending change
$COWORKING_DEMO_CHANGE selected so its detail shows the approved and the changed version side by side), then the
success indicators dialog (dashboard.png); it writes a JSON report to $COWORKING_QGIS_REPORT and quits QGIS.
"""

import json
import os
import sys
import time

import qgis.utils
from qgis.core import QgsApplication, QgsProject, QgsProviderRegistry
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QDockWidget

sys.path.insert(0, os.environ["COWORKING_REPO"])
PLUGIN = "coworking_plugin"
DOCKS = ("capture", "review", "suitability", "sync")
DOCK_WIDTH = 470  # px of 1600: the docks' buttons and labels in full, the map beside them
iface = qgis.utils.iface
canvas = iface.mapCanvas()
out = os.environ.get("COWORKING_DEMO_SHOTS", "")
headless = bool(out)
report = {"screenshots": {}, "steps": []}
_state = {"refreshed": False, "start": time.monotonic()}
canvas.mapCanvasRefreshed.connect(lambda: _state.update(refreshed=True))


def plugin():
    return qgis.utils.plugins[PLUGIN]


def settings():
    from coworking_plugin.core.settings import PluginSettings

    return PluginSettings


def idle() -> bool:
    """No task of the plugin (or QGIS) running and the map drawn."""
    return QgsApplication.taskManager().countActiveTasks() == 0 and not canvas.isDrawing()


def show_only(key):
    for other in DOCKS:
        if other != key and other in plugin().docks:
            plugin().show_dock(other, False)
    dock = plugin().show_dock(key)
    iface.mainWindow().resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
    return dock


def save(key, widget):
    QgsApplication.processEvents()
    path = os.path.join(out, f"{key}.png")
    if widget.grab().save(path, "PNG", 0):  # strongest compression
        report["screenshots"][key] = os.path.getsize(path)


def capture_prepare():
    """The Meißen editor's form with one of their sites loaded (as "Edit selected" does)."""
    show_only("capture").edit_site("vacancy", os.environ["COWORKING_DEMO_EDIT"])


def review_prepare():
    """The reviewer's view: the plugin follows its connection setting live; the pending change selected."""
    s = settings().load()
    s.database = os.environ["COWORKING_DEMO_REVIEWER"]
    s.save()
    dock = show_only("review")
    dock.refresh()


def review_select():
    plugin().docks["review"].select([os.environ["COWORKING_DEMO_CHANGE"]])


def review_zoom():
    """Out far enough to show the approved (dashed) and the proposed position of the moved site together."""
    canvas.zoomScale(max(canvas.scale(), 6000))


def dashboard_open():
    for key in DOCKS:
        plugin().show_dock(key, False)
    dialog = plugin().show_dashboard()
    dialog.move(iface.mainWindow().geometry().center() - dialog.rect().center())


def restore():
    """The profile's connection back on the Meißen editor (as the demo wrote it)."""
    from scripts.demo_roles import DEFAULT_ROLE, ROLES

    plugin().dashboard.close()
    s = settings().load()
    s.database = ROLES[DEFAULT_ROLE].connection
    s.save()


def logins():
    """Who each demo connection of QGIS logs in as (through its service: the credentials QGIS really uses)."""
    from scripts.demo_roles import ROLES

    found = {}
    for role in ROLES.values():
        try:
            conn = QgsProviderRegistry.instance().providerMetadata("postgres").findConnection(role.connection)
            found[role.connection] = str(conn.executeSql("SELECT current_user")[0][0])
        except Exception as exc:  # recorded for scripts/demo.py and the tests to judge
            found[role.connection] = "error: " + str(exc)
    return found


def finish():
    project = QgsProject.instance()
    report.update(
        active=PLUGIN in qgis.utils.active_plugins,
        provider=QgsApplication.processingRegistry().providerById("coworking") is not None,
        window=[iface.mainWindow().width(), iface.mainWindow().height()],
        message_bar=[{"title": i.title(), "text": i.text(), "level": int(i.level())}
                     for i in iface.messageBar().items()],
        layer_tree=[n.name() for n in project.layerTreeRoot().findLayers()],
        layers=[{"name": lyr.name(), "valid": lyr.isValid(), "features": getattr(lyr, "featureCount", int)(),
                 "rights": list(lyr.metadata().rights())} for lyr in project.mapLayers().values()],
        logins=logins(),
    )
    with open(os.environ["COWORKING_QGIS_REPORT"], "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    QgsProject.instance().setDirty(False)  # no "save changes?" question
    QgsApplication.exit(0)


# (what to do, then wait at least this long and until idle) ... each step on its own event-loop turn
STEPS = [
    (capture_prepare, 1.5), (lambda: save("capture", iface.mainWindow()), 0.2),
    (lambda: show_only("suitability"), 1.5), (lambda: save("suitability", iface.mainWindow()), 0.2),
    (lambda: show_only("sync"), 1.5), (lambda: save("sync", iface.mainWindow()), 0.2),
    (review_prepare, 2.0), (review_select, 2.0), (review_zoom, 1.0), (lambda: save("review", iface.mainWindow()), 0.2),
    (dashboard_open, 3.0), (lambda: save("dashboard", plugin().dashboard), 0.2),
    (restore, 0.2), (finish, 0),
]


def run_steps():
    if not STEPS:
        return
    action, wait = STEPS.pop(0)
    try:
        action()
        report["steps"].append(getattr(action, "__name__", "step"))
    except Exception as exc:  # recorded for scripts/demo.py, then quit rather than leave QGIS running
        report["error"] = repr(exc)
        STEPS[:] = [(finish, 0)]
    started = time.monotonic()

    def later():
        if time.monotonic() - started < wait or not idle():
            QTimer.singleShot(200, later)
        else:
            run_steps()

    QTimer.singleShot(200, later)


def open_docks():
    """The desktop demo: every dock open, tabbed, the capture dock in front."""
    docks = [plugin().show_dock(key) for key in DOCKS]
    for dock in docks[1:]:
        iface.mainWindow().tabifyDockWidget(docks[0], dock)
    docks[0].raise_()


def wait_for_map():
    waited = time.monotonic() - _state["start"]
    if waited > 2 and _state["refreshed"] and not canvas.isDrawing() or waited > 60:
        if headless:
            os.makedirs(out, exist_ok=True)
            browser = iface.mainWindow().findChild(QDockWidget, "Browser")
            if browser is not None:  # the layer tree gets the full height of the left side
                browser.hide()
            run_steps()
        else:
            open_docks()
    else:
        QTimer.singleShot(200, wait_for_map)


# the whole screen: Xvfb has no window manager to maximise the window (see qgis_probe.py)
iface.mainWindow().setGeometry(QgsApplication.primaryScreen().availableGeometry())
iface.mainWindow().showMaximized()
canvas.refresh()
QTimer.singleShot(200, wait_for_map)
