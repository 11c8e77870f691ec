"""What the review dock does with the selected sites: approve (one or a selection), reject with a reason, open the
timeline, export the dossier (PDF). A mixin of ReviewDock (gui/review_dock.py), which supplies ``selected_rows``,
``_run`` (a QgsTask on the dock's connection), ``load``, ``status``, ``model`` and ``iface``."""

from __future__ import annotations

from typing import List, Optional

from qgis.core import Qgis

from ..core.i18n import tr
from ..core.register import review
from ..core.tasks import CallableTask
from .feedback import notify
from .review_dialogs import RejectDialog, TimelineDialog


class ReviewActions:
    """Decisions, timeline and dossier of the review dock (see the module)."""

    # -- decisions ---------------------------------------------------------------------------------------
    def approve_selected(self) -> Optional[CallableTask]:
        rows = [r for r in self.selected_rows() if r.status == "pending"]
        if not rows or self._busy():
            return None
        sites = [(r.kind, r.uuid, r.version) for r in rows]
        if len(rows) == 1:
            return self._run(tr("Approving a site"),
                             lambda conn: review.approve(conn, *sites[0]),
                             lambda _v: self._decided(tr("Approved: {name}").format(name=rows[0].name)))
        return self._run(tr("Approving sites"), lambda conn: review.approve_many(conn, sites), self._batch_done)

    def _batch_done(self, results: List[review.DecisionResult]) -> None:
        ok = sum(r.ok for r in results)
        names = {r.uuid: r.name for r in self.model.rows}
        failed = [f"{names.get(r.uuid, r.uuid)}: {r.error}" for r in results if not r.ok]
        message = tr("Approved {ok} of {n} sites.").format(ok=ok, n=len(results))
        self._decided(" ".join([message] + failed), Qgis.MessageLevel.Success if not failed
                      else Qgis.MessageLevel.Warning)

    def reject_selected(self, dialog: Optional[RejectDialog] = None) -> Optional[CallableTask]:
        """Open the reject dialog (or use ``dialog``, already filled in) and reject with what it holds."""
        rows = self.selected_rows()
        if len(rows) != 1 or rows[0].status != "pending" or self._busy():
            return None
        row = rows[0]
        if dialog is not None:
            if not dialog.is_complete():
                self.status.setText(dialog.hint.text())
                return None
            return self._send_reject(row, dialog)
        uuid, comment, reason = self.last_reject or (None, "", None)
        if uuid != row.uuid:  # a kept comment belongs to its site, never to the next one
            comment, reason = "", None
        dialog = RejectDialog(self.reasons, row.name, self, comment, reason)
        dialog.submit = lambda: self._send_reject(row, dialog)
        self.reject_dialog = dialog
        try:
            dialog.exec()  # open until the register took the decision, or the reviewer cancels
        finally:
            self.reject_dialog = None
        return None

    def _send_reject(self, row, dialog: RejectDialog) -> CallableTask:
        comment, reason = dialog.comment_text(), dialog.reason_key()
        self.last_reject = (row.uuid, comment, reason)  # kept when the server refuses: offered again next time

        def decided(_v) -> None:
            dialog.decided()
            self._decided(tr("Rejected: {name}").format(name=row.name))

        return self._run(tr("Rejecting a site"),
                         lambda conn: review.reject(conn, row.kind, row.uuid, row.version, comment, reason),
                         decided, on_failure=dialog.refused)

    def _decided(self, message: str, level=Qgis.MessageLevel.Success) -> None:
        self.last_reject = None
        notify(self.iface, message, level)
        self._decision_message = message
        self.status.setText(message)
        self.load(self.query)

    # -- timeline ----------------------------------------------------------------------------------------
    def show_timeline(self, modal: bool = True) -> Optional[CallableTask]:
        rows = self.selected_rows()
        if len(rows) != 1 or self._busy():
            return None
        row = rows[0]

        def show(entries) -> None:
            self.timeline_dialog = TimelineDialog(row.name, entries, self)
            self.timeline_dialog.exec() if modal else self.timeline_dialog.show()

        return self._run(tr("Loading a site's timeline"), lambda conn: review.timeline(conn, row.kind, row.uuid),
                         show)

    # -- dossier -----------------------------------------------------------------------------------------
    def export_dossier(self, output: Optional[str] = None) -> Optional[CallableTask]:
        """The dossier (PDF) of the selected sites, read from the register with the dock's login."""
        from .dossier_action import export_dossier_for, register_layer

        rows = self.selected_rows()
        if not rows or len({r.kind for r in rows}) != 1:
            self.status.setText(tr("Select sites of one kind for the dossier (vacancies or brownfields)."))
            return None
        return export_dossier_for(register_layer(self.database(), rows[0].kind), uuids=[r.uuid for r in rows],
                                  iface=self.iface, parent=self, output=output)
