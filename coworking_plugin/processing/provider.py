"""Processing provider "coworking": every algorithm lives in its own module and calls core code."""

from __future__ import annotations

import importlib
import logging

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.paths import icon_path

LOG = logging.getLogger(__name__)

#: (module, class) of each algorithm, imported when QGIS asks the provider to load them
ALGORITHMS = (
    ("score_sites", "ScoreSitesAlgorithm"),
    ("suitability_grid", "SuitabilityGridAlgorithm"),
    ("install_database", "InstallDatabaseAlgorithm"),
    ("install_boundaries", "InstallBoundariesAlgorithm"),
    ("assign_editor", "AssignEditorAlgorithm"),
    ("assign_reader", "AssignReaderAlgorithm"),
    ("assign_reviewer", "AssignReviewerAlgorithm"),
    ("publish_project", "PublishProjectAlgorithm"),
    ("checkout", "CheckoutAlgorithm"),
    ("push", "PushAlgorithm"),
    ("pull", "PullAlgorithm"),
    ("import_sites", "ImportSitesAlgorithm"),
    ("discard_local_change", "DiscardLocalChangeAlgorithm"),
    ("export_dossier", "ExportDossierAlgorithm"),
    ("load_osm", "LoadOsmAlgorithm"),
    ("load_gtfs", "LoadGtfsAlgorithm"),
    ("load_zensus", "LoadZensusAlgorithm"),
)


class CoworkingProvider(QgsProcessingProvider):
    def id(self) -> str:  # noqa: A003
        return "coworking"

    def name(self) -> str:
        return self.tr("Coworking Leerstandsmelder")

    def longName(self) -> str:  # noqa: N802
        return self.name()

    def icon(self) -> QIcon:
        return QIcon(icon_path("coworking.svg"))

    def loadAlgorithms(self) -> None:  # noqa: N802
        # QGIS calls this from C++: an exception escaping here aborts QGIS (PyQt turns it into qFatal), so one
        # broken algorithm is logged as an error (the desktop test fails on it) and the others still load
        for module_name, class_name in ALGORITHMS:
            try:
                module = importlib.import_module(f"{__package__}.{module_name}")
                self.addAlgorithm(getattr(module, class_name)())
            except Exception:
                LOG.exception("Processing algorithm %s.%s could not be loaded", module_name, class_name)
