"""The plugin's start cost (import + classFactory + initGui) against QGIS's own start (QgsApplication init).

Each repeat is a fresh Python process, so imports are really paid (a warm interpreter would hide them). The
iface is a small stand-in on a real QMainWindow and canvas: what is measured is the plugin's own work,
including the Processing provider loading its algorithms. Target: the plugin adds under 50 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

from bench.common import Row

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.050

#: imported by QGIS anyway or by the plugin's own start; anything else heavy should wait for first use
HEAVY = ("psycopg2", "requests", "sqlite3", "urllib3", "processing", "numpy", "matplotlib", "yaml",
         "qgis.PyQt.QtWebKit", "qgis.PyQt.QtSql", "osgeo")

_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from qgis.core import QgsApplication
from qgis.gui import QgsMapCanvas
app = QgsApplication([], True)
app.initQgis()
t1 = time.perf_counter()
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtWidgets import QMainWindow


class Iface:  # what the plugin's start calls on QGIS's iface, on a real main window
    def __init__(self):
        self.window = QMainWindow()
        self.canvas = QgsMapCanvas(self.window)
        self.bar = QgsMessageBar(self.window)
        self.menu = self.window.menuBar().addMenu("Plugins")
    def mainWindow(self): return self.window
    def mapCanvas(self): return self.canvas
    def messageBar(self): return self.bar
    def addToolBar(self, name): return self.window.addToolBar(name)
    def addPluginToMenu(self, name, action): self.menu.addAction(action)
    def removePluginMenu(self, name, action): self.menu.removeAction(action)
    def removeToolBarIcon(self, action): pass
    def addDockWidget(self, area, dock): self.window.addDockWidget(area, dock)
    def removeDockWidget(self, dock): self.window.removeDockWidget(dock)
    def registerOptionsWidgetFactory(self, factory): pass
    def unregisterOptionsWidgetFactory(self, factory): pass


iface = Iface()
before = set(sys.modules)
t2 = time.perf_counter()
import coworking_plugin
t3 = time.perf_counter()
plugin = coworking_plugin.classFactory(iface)
t4 = time.perf_counter()
plugin.initGui()
t5 = time.perf_counter()
new = sorted(set(sys.modules) - before)
plugin.unload()
print(json.dumps({"qgis": t1 - t0, "import": t3 - t2, "factory": t4 - t3, "initgui": t5 - t4, "modules": new}))
"""


def _once() -> Dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for var in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(var, None)
    out = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(repeat: int = 5) -> List[Row]:
    runs = [_once() for _ in range(max(repeat, 3))]
    qgis = statistics.median(r["qgis"] for r in runs)
    plugin = statistics.median(r["import"] + r["factory"] + r["initgui"] for r in runs)
    imported = runs[-1]["modules"]
    own = [m for m in imported if m.startswith("coworking_plugin")]
    heavy = [m for m in imported if m.split(".")[0] in HEAVY or m in HEAVY]
    sys.stdout.write(f"\nbench_startup: modules the plugin's start imports: {len(own)} of its own "
                     f"({', '.join(own)}); heavy third-party: {', '.join(heavy) or 'none'}\n")
    return [
        Row("startup: QgsApplication init (offscreen, GUI)", qgis),
        Row("startup: plugin import", statistics.median(r["import"] for r in runs), "QgsApplication init", qgis),
        Row("startup: plugin initGui (incl. Processing provider)", statistics.median(r["initgui"] for r in runs),
            "QgsApplication init", qgis),
        Row("startup: plugin import + classFactory + initGui", plugin, "QgsApplication init", qgis,
            target=f"< {TARGET_S * 1000:.0f} ms", ok=plugin < TARGET_S),
    ]
