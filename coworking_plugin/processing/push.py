"""coworking:push — send the working copy's inserts, updates and archivals to the register in one transaction.

    qgis_process run coworking:push -- DATABASE="service=coworking" WORKING_COPY=/data/meissen.gpkg
"""

from __future__ import annotations

from .sync_algorithm import SyncAlgorithm


class PushAlgorithm(SyncAlgorithm):
    def name(self) -> str:
        return "push"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Push edits to the register")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Sends every new, changed and archived site of the working copy in one transaction: either all of it "
            "lands or nothing does. A site that was changed on the server since your checkout is reported as a "
            "conflict and never overwritten; sites the server refuses are listed with the server's message. "
            "Resolve conflicts in the Sync panel, then push again. Retrying after a lost connection is safe.")

    def run_sync(self, database, path, progress, is_canceled):
        from ..core.sync.push import push

        return push(database, path, progress, is_canceled)
