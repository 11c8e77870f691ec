"""Count what a plugin can leave behind in a QGIS session: widgets on the main window, Processing providers,
and signal connections on the long-lived QGIS objects (counted with QObject.receivers() for every signal).

Used by the load/unload tests, in pytest-qgis and inside the real QGIS desktop (scripts/qgis_probe.py).
"""

from __future__ import annotations

from typing import Dict, Iterable, List

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QMetaMethod, QObject
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar

try:
    from qgis.PyQt.QtGui import QAction  # Qt6 (QGIS 4)
except ImportError:
    from qgis.PyQt.QtWidgets import QAction  # Qt5


def long_lived_objects(iface) -> List[QObject]:
    objects = [QgsProject.instance(), QgsProject.instance().layerTreeRoot(), QgsApplication.instance(),
               QgsApplication.taskManager(), QgsApplication.processingRegistry(), QgsApplication.messageLog(),
               iface.mapCanvas()]
    if isinstance(iface, QObject):
        objects.append(iface)
    return objects


def receivers(objects: Iterable[QObject]) -> Dict[str, int]:
    """``Class.signal`` -> number of connected slots, for every signal of every object."""
    counts: Dict[str, int] = {}
    for obj in objects:
        meta = obj.metaObject()
        for i in range(meta.methodCount()):
            method = meta.method(i)
            if method.methodType() != QMetaMethod.MethodType.Signal:
                continue
            name = bytes(method.name()).decode()
            try:  # PyQt cannot wrap a few signals (e.g. with bool* arguments): those are skipped
                signal = getattr(obj, name, None)
                if signal is None or not hasattr(signal, "connect"):
                    continue
                n = obj.receivers(signal)
            except (TypeError, RuntimeError):
                continue
            key = f"{meta.className()}.{name}"
            counts[key] = counts.get(key, 0) + n
    return counts


def _count(items: Iterable[str]) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def inventory(iface, prefix: str = "coworking") -> Dict[str, object]:
    """Counts of toolbars, docks, menus and actions on the main window, providers, signal receivers and the
    items on the map canvas."""
    window = iface.mainWindow()

    def named(cls) -> List[str]:
        return sorted(o.objectName() for o in window.findChildren(cls) if o.objectName().lower().startswith(prefix))

    menubar = window.menuBar() if hasattr(window, "menuBar") else None
    # QGIS's removePluginMenu() takes the separator above the plugin entries out of the Plugins menu when the
    # last plugin entry goes, but never deletes it: that orphan belongs to QGIS, not to a plugin
    actions = [a for a in window.findChildren(QAction) if not (a.isSeparator() and not a.associatedWidgets())]
    return {
        "toolbars": len(window.findChildren(QToolBar)),
        "docks": len(window.findChildren(QDockWidget)),
        "menus": len(window.findChildren(QMenu)),
        "actions": len(actions),
        "action_texts": _count(a.text() for a in actions),
        "menubar_entries": len(menubar.actions()) if menubar is not None else 0,
        "providers": sorted(p.id() for p in QgsApplication.processingRegistry().providers()),
        "named": named(QToolBar) + named(QDockWidget) + named(QAction) + named(QMenu),
        "receivers": receivers(long_lived_objects(iface)),
        # rubber bands, highlights, markers: what a plugin draws on the map must go with it
        "canvas_items": len(iface.mapCanvas().scene().items()) if iface.mapCanvas() is not None else 0,
    }


def difference(before: Dict[str, object], after: Dict[str, object]) -> Dict[str, object]:
    """What changed between two inventories (empty when nothing was left behind)."""
    diff: Dict[str, object] = {}
    for key in before:
        if key in ("receivers", "action_texts"):
            names = set(before[key]) | set(after[key])
            changed = {k: (before[key].get(k, 0), after[key].get(k, 0)) for k in names
                       if before[key].get(k, 0) != after[key].get(k, 0)}
            if changed:
                diff[key] = changed
        elif before[key] != after[key]:
            diff[key] = (before[key], after[key])
    return diff
