"""coworking:discard_local_change — throw away the local change of some sites of the working copy.

    qgis_process run coworking:discard_local_change -- WORKING_COPY=/data/meissen.gpkg UUIDS="3f2a…,9b1c…"

For a site the server refuses on every push (e.g. a field-calculator update that touched a site of another
municipality): the site goes back to the register's version as last checked out, pulled or pushed.
"""

from __future__ import annotations

import re

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from .base import CoworkingAlgorithm

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


class DiscardLocalChangeAlgorithm(CoworkingAlgorithm):
    WORKING_COPY = "WORKING_COPY"
    UUIDS = "UUIDS"
    DISCARDED = "DISCARDED"
    SUMMARY = "SUMMARY"

    def name(self) -> str:
        return "discard_local_change"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Discard local changes of sites")

    def group(self) -> str:
        return self.tr("Working copy")

    def groupId(self) -> str:  # noqa: N802
        return "working_copy"

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Throws away what was changed in the working copy for the given sites (their identifiers, UUIDS, "
            "separated by commas, spaces or lines) and puts them back as the register had them at the last "
            "checkout, pull or push; a new site that was never pushed is removed. Use it for a change the "
            "register refuses on every push, such as a bulk update that touched a site of another municipality.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        params = (
            QgsProcessingParameterFile(self.WORKING_COPY, self.tr("Working copy (GeoPackage)"),
                                       extension="gpkg"),
            QgsProcessingParameterString(self.UUIDS, self.tr("Site identifiers (UUIDs)"), multiLine=True),
        )
        outputs = (QgsProcessingOutputNumber(self.DISCARDED, self.tr("Sites discarded")),
                   QgsProcessingOutputString(self.SUMMARY, self.tr("Summary")))
        ok = all([self.addParameter(p) for p in params] + [self.addOutput(o) for o in outputs])
        assert ok, "parameter or output defined twice"

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.sync import conflicts
        from ..core.sync.base import discard_message

        path = self.parameterAsFile(parameters, self.WORKING_COPY, context)
        text = self.parameterAsString(parameters, self.UUIDS, context)
        uuids = [u.lower() for u in _UUID.findall(text)]
        if not uuids:
            raise QgsProcessingException(self.tr("No site identifier (UUID) was given; nothing was changed."))
        outcomes = conflicts.discard_local_changes(path, uuids)
        for uuid, outcome in outcomes.items():
            line = discard_message(outcome, uuid)
            if outcome == "missing":
                feedback.reportError(line, False)
            else:
                feedback.pushInfo(line)
        done = sum(1 for o in outcomes.values() if o != "missing")
        summary = self.tr("Sites discarded: {done} of {total}.").format(done=done, total=len(outcomes))
        feedback.pushInfo(summary)
        return {self.DISCARDED: done, self.SUMMARY: summary, self.WORKING_COPY: path}
