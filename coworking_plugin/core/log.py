"""Logging: every module uses ``logging.getLogger(__name__)``; this handler forwards to the QGIS message log.

QgsMessageLog is thread-safe, so tasks may log from their worker thread. The message bar is the GUI's
business (gui/feedback.py) and is only touched from the main thread.
"""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog

LOG_TAG = "Coworking Leerstandsmelder"
ROOT_LOGGER = "coworking_plugin"

_LEVELS = {
    logging.DEBUG: Qgis.MessageLevel.Info,
    logging.INFO: Qgis.MessageLevel.Info,
    logging.WARNING: Qgis.MessageLevel.Warning,
    logging.ERROR: Qgis.MessageLevel.Critical,
    logging.CRITICAL: Qgis.MessageLevel.Critical,
}


class QgisLogHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            QgsMessageLog.logMessage(self.format(record), LOG_TAG, _LEVELS.get(record.levelno, Qgis.MessageLevel.Info))
        except RuntimeError:  # the application is shutting down
            pass


def setup_logging() -> logging.Handler:
    logger = logging.getLogger(ROOT_LOGGER)
    handler = QgisLogHandler()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def teardown_logging(handler: logging.Handler) -> None:
    logging.getLogger(ROOT_LOGGER).removeHandler(handler)
