"""Run by the real QGIS desktop with ``--code`` (tests/test_db_styles.py): add a register table as the Browser does
(QGIS's own add-layer path, which loads the stored default style and resolves the form's layer dependencies), then
write the project's layers and the message bar to $COWORKING_QGIS_REPORT and quit."""

import json
import os

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface


def _add_and_report():
    report = {}
    try:
        layer = iface.addVectorLayer(os.environ["COWORKING_BROWSER_URI"], "Leerstand", "postgres")
        report["added"] = bool(layer and layer.isValid())
        QgsApplication.processEvents()
        report["layers"] = sorted([lyr.name(), lyr.providerType(), lyr.isValid(), lyr.featureCount()]
                                  for lyr in QgsProject.instance().mapLayers().values())
        report["message_bar"] = [w.text() for w in iface.messageBar().items() if hasattr(w, "text")]
    except Exception as exc:  # reported, and QGIS quits all the same
        report["error"] = repr(exc)
    with open(os.environ["COWORKING_QGIS_REPORT"], "w", encoding="utf-8") as f:
        json.dump(report, f)
    QgsProject.instance().setDirty(False)
    QgsApplication.exit(0)


QTimer.singleShot(1000, _add_and_report)
