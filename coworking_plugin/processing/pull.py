"""coworking:pull — bring the register's changes (above all the reviewers' decisions) into the working copy.

    qgis_process run coworking:pull -- DATABASE="service=coworking" WORKING_COPY=/data/meissen.gpkg
"""

from __future__ import annotations

from .sync_algorithm import SyncAlgorithm


class PullAlgorithm(SyncAlgorithm):
    def name(self) -> str:
        return "pull"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Pull changes and review decisions")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Updates the working copy from the register: new and changed sites, and the reviewers' decisions "
            "(approved, rejected with the reason). Edits you have not pushed yet are kept; a site changed on both "
            "sides is listed as a conflict.")

    def run_sync(self, database, path, progress, is_canceled):
        from ..core.sync.pull import pull

        return pull(database, path, progress, is_canceled)
