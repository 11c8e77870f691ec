"""coworking:export_dossier — a PDF dossier of sites for the coworking network's outreach (issue 14).

Same core code as the docks' dossier button (core/dossier): facts as the form shows them, a map, the scores per
model with the explanation chart, the status; the owner's contact only when asked for and readable by the role.
"""

from __future__ import annotations

import os
import re

from qgis.core import (
    Qgis,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from .base import CoworkingAlgorithm
from .score_sites import ROLES, ScoreSitesAlgorithm

UUID_PATTERN = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def uuids_in(text: str):
    """The UUIDs written in ``text`` (separated by anything), and what else was written there."""
    found = UUID_PATTERN.findall(text or "")
    rest = UUID_PATTERN.sub(" ", text or "").replace(",", " ").replace(";", " ").split()
    return found, rest


class ExportDossierAlgorithm(CoworkingAlgorithm):
    INPUT = "INPUT"
    UUIDS = "UUIDS"
    PROFILE = "PROFILE"
    INCLUDE_OWNER = "INCLUDE_OWNER"
    PER_SITE = "PER_SITE"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "export_dossier"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export site dossier (PDF)")

    def group(self) -> str:
        return self.tr("Suitability")

    def groupId(self) -> str:  # noqa: N802
        return "suitability"

    def flags(self):
        # print layouts render on the main thread (as QGIS's own layout export algorithms do)
        if hasattr(Qgis, "ProcessingAlgorithmFlag"):  # QGIS >= 3.36
            return super().flags() | Qgis.ProcessingAlgorithmFlag.NoThreading
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Writes a PDF dossier of sites: one A4 page per site with a map of the site and its surroundings, the "
            "key facts as the form shows them, the score 0..100 for each coworking model with the best model, "
            "knock-outs and the explanation chart, and the review status. Sites: the UUIDs given, else the "
            "selected features of the layer. One PDF for all sites, or with “One PDF per site” one file per site "
            "in the folder named like the output without “.pdf”. Owner contacts only when asked for, and only "
            "what the database lets your role read. Reference layers not given are taken from the suitability "
            "dock's assignment in the project, else the rail stations and municipalities shipped with the plugin.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self._add(QgsProcessingParameterVectorLayer(
            self.INPUT, self.tr("Sites (working copy or register layer)"),
            [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon]))
        self._add(QgsProcessingParameterString(
            self.UUIDS, self.tr("Site identifiers (UUIDs; empty: the selected features)"), optional=True,
            multiLine=True))
        labels = ScoreSitesAlgorithm().role_labels()
        for role in ROLES:
            self._add(QgsProcessingParameterVectorLayer(
                role.upper(), labels[role], [QgsProcessing.SourceType.TypeVectorAnyGeometry], optional=True))
        self._add(QgsProcessingParameterFile(
            self.PROFILE, self.tr("Suitability profile (JSON; empty: the project's or the shipped default)"),
            extension="json", optional=True))
        self._add(QgsProcessingParameterBoolean(
            self.INCLUDE_OWNER, self.tr("Include the owner's contact (confidential)"), defaultValue=False))
        self._add(QgsProcessingParameterBoolean(self.PER_SITE, self.tr("One PDF per site"), defaultValue=False))
        self._add(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Dossier"), self.tr("PDF (*.pdf)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.dossier import collect, layout, prepare
        from ..core.suitability import profile as profiles
        from ..core.tasks import TaskCanceled

        uuids, rest = uuids_in(self.parameterAsString(parameters, self.UUIDS, context))
        if rest:
            raise QgsProcessingException(self.tr("These are no site identifiers (UUIDs): {text}").format(
                text=", ".join(rest[:5])))
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        fids = None if uuids else layer.selectedFeatureIds()
        if not uuids and not fids:
            raise QgsProcessingException(self.tr("Select the sites on the map or give their identifiers (UUIDs)."))
        path = self.parameterAsFile(parameters, self.PROFILE, context)
        try:
            profile = profiles.load(path) if path else None
        except (OSError, profiles.ProfileError) as exc:
            raise QgsProcessingException(self.tr("Cannot read the profile {path}: {error}").format(
                path=path, error=exc)) from exc
        refs = {role: self.parameterAsVectorLayer(parameters, role.upper(), context) for role in ROLES}
        refs = {k: v for k, v in refs.items() if v is not None} or None
        include_owner = self.parameterAsBool(parameters, self.INCLUDE_OWNER, context)
        request, map_layers = prepare.request_for(layer, fids, uuids or None, profile, refs, include_owner)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        per_site = self.parameterAsBool(parameters, self.PER_SITE, context)
        if per_site:
            output = os.path.splitext(output)[0]
        try:
            sites = collect.collect(request, lambda p: feedback.setProgress(0.4 * p), feedback.isCanceled)
            if uuids and len(sites) < len(set(uuids)):
                feedback.reportError(self.tr("{n} of the identifiers name no site of the layer.").format(
                    n=len(set(uuids)) - len(sites)))
            for site in sites:
                if site.owner_note:
                    feedback.pushInfo(f"{site.name}: {site.owner_note}")
            paths = layout.export(sites, output, per_site, map_layers, request.lang,
                                  lambda p: feedback.setProgress(40.0 + 0.6 * p), feedback.isCanceled)
        except TaskCanceled:
            raise QgsProcessingException(self.tr("Cancelled.")) from None
        except (ValueError, OSError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(self.tr("%n site(s) in the dossier.", "", len(sites)))
        return {self.OUTPUT: output, "FILES": paths}
