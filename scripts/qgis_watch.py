"""Run by QGIS through PYQGIS_STARTUP, before plugins load (see scripts/desktop.py).

Writes every QGIS message-log entry as a JSON line to $COWORKING_QGIS_MESSAGES, and ends QGIS after
$COWORKING_QGIS_WATCHDOG seconds in case a modal error dialog keeps it from quitting by itself.
"""

import json
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer

_path = os.environ.get("COWORKING_QGIS_MESSAGES")
_file = open(_path, "a", encoding="utf-8") if _path else None  # noqa: SIM115 (open for the whole session)


def _record(message, tag, level):
    if _file is not None:
        _file.write(json.dumps({"tag": tag, "level": int(level), "message": message}) + "\n")
        _file.flush()


QgsApplication.messageLog().messageReceived.connect(_record)

_watchdog = int(os.environ.get("COWORKING_QGIS_WATCHDOG", "0") or 0)
if _watchdog:
    QTimer.singleShot(_watchdog * 1000, lambda: (_record("watchdog: QGIS did not quit in time", "watchdog", 2),
                                                 os._exit(3)))
