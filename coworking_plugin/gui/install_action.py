"""Menu action for administrators: install or upgrade the register database, as a QgsTask."""

from __future__ import annotations

import logging
from typing import Optional, Set

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtWidgets import QInputDialog, QMessageBox

from ..core import connection
from ..core.i18n import tr
from ..core.register.messages import user_message
from ..core.settings import PluginSettings
from ..core.tasks import CallableTask, TaskCanceled
from .feedback import notify

LOG = logging.getLogger(__name__)

#: running install tasks: the Python object must outlive the call, the task manager holds only the C++ side
_RUNNING: Set[CallableTask] = set()


def start_install(iface, database: str) -> CallableTask:
    """Run db/install.install on ``database`` in the background; the outcome goes to the message bar."""
    from ..db.install import install

    def work(task: CallableTask):
        return install(database, progress=task.setProgress, is_canceled=task.isCanceled)

    def done(report) -> None:
        _RUNNING.discard(task)
        notify(iface, report.summary(), Qgis.MessageLevel.Success)

    def failed(exc: BaseException) -> None:
        _RUNNING.discard(task)
        if isinstance(exc, TaskCanceled):
            notify(iface, tr("Installation canceled; the database was not changed."), Qgis.MessageLevel.Warning)
            return
        text = str(exc) if isinstance(exc, connection.ConnectionError_) else user_message(exc)
        notify(iface, tr("Installing the register failed; the database was not changed: {error}").format(error=text),
               Qgis.MessageLevel.Critical, duration=0)

    task = CallableTask(tr("Installing or upgrading the register database"), work, on_success=done, on_error=failed)
    _RUNNING.add(task)
    QgsApplication.taskManager().addTask(task)
    return task


def ask_and_install(iface) -> Optional[CallableTask]:
    """Ask which database (QGIS connections, or the one in the settings), confirm, then install."""
    settings = PluginSettings.load()
    names = connection.postgres_connection_names()
    items = ([settings.database] if settings.database and settings.database not in names else []) + names
    current = items.index(settings.database) if settings.database in items else 0
    database, ok = QInputDialog.getItem(
        iface.mainWindow(), tr("Install or upgrade database"),
        tr("QGIS PostgreSQL connection or connection string (you need to be the database's administrator):"),
        items, current, True)
    if not ok or not database.strip():
        return None
    answer = QMessageBox.question(
        iface.mainWindow(), tr("Install or upgrade database"),
        tr("Install or upgrade the coworking register in “{database}”? Existing data is kept.").format(
            database=database if "password" not in database else tr("the database given")))
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return start_install(iface, database.strip())
