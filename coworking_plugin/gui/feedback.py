"""Messages for the user: the message bar (main thread only) and the QGIS log, through one function."""

from __future__ import annotations

import logging

from qgis.core import Qgis

LOG = logging.getLogger("coworking_plugin.gui")

_LOG_LEVEL = {
    Qgis.MessageLevel.Info: logging.INFO,
    Qgis.MessageLevel.Success: logging.INFO,
    Qgis.MessageLevel.Warning: logging.WARNING,
    Qgis.MessageLevel.Critical: logging.ERROR,
}


def notify(iface, text: str, level=Qgis.MessageLevel.Info, title: str = "Coworking", duration: int = 8) -> None:
    """Show ``text`` (already translated) in the message bar and write it to the plugin's log."""
    LOG.log(_LOG_LEVEL.get(level, logging.INFO), "%s", text)
    if iface is not None:
        iface.messageBar().pushMessage(title, text, level, duration)
