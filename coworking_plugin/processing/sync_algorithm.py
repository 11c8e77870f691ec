"""The shared shape of coworking:checkout, coworking:push and coworking:pull: DATABASE + WORKING_COPY in,
the counts out (inserted, updated, archived, conflicts, refused), the summary in the log."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFileDestination,
)

from ..core.connection import ConnectionError_
from ..core.tasks import TaskCanceled
from .base import CoworkingAlgorithm

COUNTS = ("inserted", "updated", "archived", "conflicts", "refused")


class SyncAlgorithm(CoworkingAlgorithm):
    DATABASE = "DATABASE"
    WORKING_COPY = "WORKING_COPY"
    SUMMARY = "SUMMARY"

    def group(self) -> str:
        return self.tr("Working copy")

    def groupId(self) -> str:  # noqa: N802
        return "working_copy"

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        params = (
            self._database_parameter(),
            QgsProcessingParameterFileDestination(
                self.WORKING_COPY, self.tr("Working copy (GeoPackage)"), self.tr("GeoPackage (*.gpkg)")),
        )
        labels = {"inserted": self.tr("Inserted"), "updated": self.tr("Updated"), "archived": self.tr("Archived"),
                  "conflicts": self.tr("Conflicts"), "refused": self.tr("Refused")}
        outputs = [QgsProcessingOutputNumber(key.upper(), labels[key]) for key in COUNTS]
        outputs.append(QgsProcessingOutputString(self.SUMMARY, self.tr("Summary")))
        ok = all([self.addParameter(p) for p in params] + [self.addOutput(o) for o in outputs])
        assert ok, "parameter or output defined twice"

    def run_sync(self, database: str, path: str, progress, is_canceled):
        raise NotImplementedError

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.sync.report import SyncError

        database = self.parameterAsString(parameters, self.DATABASE, context)
        path = self.parameterAsFileOutput(parameters, self.WORKING_COPY, context)
        try:
            report = self.run_sync(database, path, feedback.setProgress, feedback.isCanceled)
        except (ConnectionError_, SyncError) as exc:
            raise QgsProcessingException(str(exc)) from None
        except TaskCanceled:
            raise QgsProcessingException(self.tr("Canceled; nothing was changed.")) from None
        summary = report.summary()
        feedback.pushInfo(summary)
        kinds = {"conflict": self.tr("Conflict: changed on the server too"),
                 "refused": self.tr("Refused by the server")}
        for issue in report.issues:
            line = f"{kinds.get(issue.issue, issue.issue)}: {issue.name or issue.uuid}"
            feedback.reportError(f"{line}: {issue.message}" if issue.message else line, False)
        result = {key.upper(): value for key, value in report.counts().items()}
        result[self.SUMMARY] = summary
        result[self.WORKING_COPY] = path
        return result
