"""Long work as a QgsTask: ``run()`` touches no GUI, checks cancellation, reports progress; the result or
the error reaches the caller in ``finished()``, on the main thread.

    task = CallableTask(tr("Pushing edits"), lambda task: sync.push(..., progress=task.setProgress,
                        is_canceled=task.isCanceled), on_success=show_counts, on_error=show_error)
    QgsApplication.taskManager().addTask(task)
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from qgis.core import QgsTask

LOG = logging.getLogger(__name__)


class TaskCanceled(Exception):
    """Raised by work functions that noticed ``is_canceled()``."""


class CallableTask(QgsTask):
    def __init__(
        self,
        description: str,
        work: Callable[[CallableTask], Any],
        on_success: Optional[Callable[[Any], None]] = None,
        on_error: Optional[Callable[[BaseException], None]] = None,
        flags: QgsTask.Flag = QgsTask.Flag.CanCancel,
    ) -> None:
        super().__init__(description, flags)
        self._work = work
        self._on_success = on_success
        self._on_error = on_error
        self.result: Any = None
        self.error: Optional[BaseException] = None

    def run(self) -> bool:
        try:
            self.result = self._work(self)
        except TaskCanceled:
            return False
        except Exception as exc:  # shown to the user in finished(), on the main thread
            LOG.exception("%s failed", self.description())
            self.error = exc
            return False
        return not self.isCanceled()

    def finished(self, ok: bool) -> None:
        if ok:
            if self._on_success:
                self._on_success(self.result)
        elif self.error is not None and self._on_error:
            self._on_error(self.error)
        elif self._on_error:
            self._on_error(TaskCanceled())
