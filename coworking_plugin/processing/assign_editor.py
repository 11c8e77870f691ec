"""coworking:assign_editor — let a login role edit sites of some municipalities (run as an administrator).

    qgis_process run coworking:assign_editor -- DATABASE="service=coworking" ROLE=meissen_bauamt \
        MUNICIPALITIES="Meißen,14627230"
"""

from __future__ import annotations

from typing import Any, Callable

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from ..core.connection import ConnectionError_
from ..core.register.messages import user_message
from .base import RegisterAdminAlgorithm


class AssignEditorAlgorithm(RegisterAdminAlgorithm):
    DATABASE = "DATABASE"
    ROLE = "ROLE"
    MUNICIPALITIES = "MUNICIPALITIES"
    REPLACE = "REPLACE"
    HELD = "HELD"

    def name(self) -> str:
        return "assign_editor"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Assign municipalities to an editor")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Makes an existing login role a member of coworking_editor and lets it capture and edit sites of the "
            "given municipalities (comma-separated 8-digit keys such as 14627140 or names such as Meißen). With "
            "'Replace' the role holds exactly these municipalities afterwards; an empty list withdraws all. Run it "
            "as a member of coworking_admin.")

    def _login_parameters(self) -> tuple:
        """DATABASE and ROLE, shared with coworking:assign_reader."""
        return (
            self._database_parameter(),
            QgsProcessingParameterString(self.ROLE, self.tr("Login role")),
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        params = (
            *self._login_parameters(),
            QgsProcessingParameterString(
                self.MUNICIPALITIES, self.tr("Municipalities (keys or names, comma-separated)"), optional=True),
            QgsProcessingParameterBoolean(
                self.REPLACE, self.tr("Replace the role's previous municipalities"), defaultValue=True),
        )
        ok = all([self.addParameter(p) for p in params] + [self.addOutput(
            QgsProcessingOutputString(self.HELD, self.tr("Municipalities held")))])
        assert ok, "parameter or output defined twice"

    def _on_register(self, parameters, context, work: Callable[[Any, str], Any]) -> Any:
        """``work(connection, role)`` on a new connection; every failure becomes a translated message."""
        from ..core.connection import connect
        from ..db.roles import RoleError

        role = self.parameterAsString(parameters, self.ROLE, context).strip()
        try:
            conn = connect(self.parameterAsString(parameters, self.DATABASE, context))
        except ConnectionError_ as exc:
            raise QgsProcessingException(str(exc)) from None
        try:
            return work(conn, role)
        except RoleError as exc:
            raise QgsProcessingException(str(exc)) from None
        except Exception as exc:  # e.g. permission denied when not run as an administrator
            raise QgsProcessingException(
                self.tr("Changing the login role failed; nothing was changed: {error}").format(
                    error=user_message(exc))) from None
        finally:
            conn.close()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..db.roles import assign_editor

        values = [v for v in self.parameterAsString(parameters, self.MUNICIPALITIES, context).split(",") if v.strip()]
        replace = self.parameterAsBoolean(parameters, self.REPLACE, context)
        role = self.parameterAsString(parameters, self.ROLE, context).strip()
        held = self._on_register(parameters, context, lambda conn, role: assign_editor(conn, role, values, replace))
        feedback.pushInfo(self.tr("{role} edits: {list}").format(role=role, list=", ".join(held) or "-"))
        return {self.HELD: ",".join(held)}
