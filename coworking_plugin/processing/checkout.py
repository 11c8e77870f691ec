"""coworking:checkout — create or refresh the officer's working copy from the register.

    qgis_process run coworking:checkout -- DATABASE="service=coworking" WORKING_COPY=/data/meissen.gpkg
"""

from __future__ import annotations

from .sync_algorithm import SyncAlgorithm


class CheckoutAlgorithm(SyncAlgorithm):
    def name(self) -> str:
        return "checkout"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Check out a working copy")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Creates or refreshes a GeoPackage with every site of the register this login may see (the database's "
            "row-level security decides), their owner contacts where allowed, and the municipalities for offline "
            "work. Edits in an existing working copy that were not pushed yet are kept. DATABASE is a QGIS "
            "PostgreSQL connection name or a connection string (service=… or host=… dbname=…); no password is "
            "stored in the working copy.")

    def run_sync(self, database, path, progress, is_canceled):
        from ..core.sync.pull import checkout

        return checkout(database, path, progress, is_canceled)
