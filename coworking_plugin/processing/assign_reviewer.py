"""coworking:assign_reviewer — make a login a county reviewer (run as an administrator).

    qgis_process run coworking:assign_reviewer -- DATABASE="service=coworking" ROLE=schmidt_lra
"""

from __future__ import annotations

from qgis.core import QgsProcessingOutputString

from .assign_reader import AssignReaderAlgorithm


class AssignReviewerAlgorithm(AssignReaderAlgorithm):
    """coworking:assign_reader granting coworking_reviewer; the server lets only coworking_admin grant it."""

    REVIEWER = "REVIEWER"
    GROUP = "reviewer"

    def name(self) -> str:
        return "assign_reviewer"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Make a login a county reviewer")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Makes an existing login role a member of coworking_reviewer: it may then read the sites of every "
            "municipality and approve or reject them, but never a version it submitted or last changed itself "
            "(four eyes). Run it as a member of coworking_admin; the database refuses anyone else.")

    def _output(self) -> QgsProcessingOutputString:
        return QgsProcessingOutputString(self.REVIEWER, self.tr("Login role of the reviewer"))

    def _done(self, role: str) -> str:
        return self.tr("{role} may now review the sites of every municipality.").format(role=role)
