"""coworking:assign_reader — let a login role read the register's published sites (run as an administrator).

    qgis_process run coworking:assign_reader -- DATABASE="service=coworking" ROLE=stadtrat_meissen
"""

from __future__ import annotations

from qgis.core import QgsProcessingOutputString

from .assign_editor import AssignEditorAlgorithm


class AssignReaderAlgorithm(AssignEditorAlgorithm):
    """DATABASE and ROLE as in coworking:assign_editor; the server lets only coworking_admin grant the role."""

    READER = "READER"

    def name(self) -> str:
        return "assign_reader"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Give a login read access (reader)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Makes an existing login role a member of coworking_reader: it may then read the approved, published "
            "sites (coworking.public_site) and nothing else. Run it as a member of coworking_admin; the database "
            "refuses anyone else.")

    #: the group coworking:assign_reviewer grants instead (db/roles.GROUPS)
    GROUP = "reader"

    def _output(self) -> QgsProcessingOutputString:
        return QgsProcessingOutputString(self.READER, self.tr("Login role with read access"))

    def _done(self, role: str) -> str:
        return self.tr("{role} may now read the published sites.").format(role=role)

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        ok = all([self.addParameter(p) for p in self._login_parameters()] + [self.addOutput(self._output())])
        assert ok, "parameter or output defined twice"

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..db.roles import grant_reader

        role = self._on_register(parameters, context, lambda conn, login: grant_reader(conn, login, self.GROUP))
        feedback.pushInfo(self._done(role))
        return {self._output().name(): role}
