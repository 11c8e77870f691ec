"""coworking:publish_project — write the QGIS Server project that serves the published sites to the Geoportal.

    qgis_process run coworking:publish_project -- SERVICE=coworking_geoportal \
        OUTPUT=/srv/qgis/geoportal/coworking.qgz CONTACT_MAIL=geoportal@kreis-meissen.de
"""

from __future__ import annotations

import re

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from .base import RegisterAdminAlgorithm


class PublishProjectAlgorithm(RegisterAdminAlgorithm):
    SERVICE = "SERVICE"
    OUTPUT = "OUTPUT"
    TITLE = "TITLE"
    ABSTRACT = "ABSTRACT"
    ORGANIZATION = "ORGANIZATION"
    CONTACT_MAIL = "CONTACT_MAIL"
    ONLINE_RESOURCE = "ONLINE_RESOURCE"
    LICENCE = "LICENCE"

    def name(self) -> str:
        return "publish_project"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Write the Geoportal project (QGIS Server)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Writes a QGIS Server project (.qgz or .qgs) that publishes the approved, published sites of "
            "coworking.public_site as WMS, WFS and OGC API Features: vacant buildings as points, brownfields as "
            "polygons, sensitive sites as their 1 km grid cell, with German names, symbols, labels and field "
            "names, the municipality boundaries and the service description with the data licences. The public "
            "photos of the published sites (as approved, with their credit) are written as JPEG files into the "
            "folder fotos/ beside the project (photos no longer public are removed from it), and the table layer "
            "“Fotos” lists them by site with the file name. The layers "
            "name the database only by the libpq service (pg_service.conf): on the server that service holds the "
            "reader's login; no password is written into the project. The service must also work where this runs, "
            "with any login that may read the public view.")

    def flags(self):
        # a QgsProject of its own, written to disk: not from a worker thread
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        from ..core.register.geoportal import ServiceInfo

        defaults = ServiceInfo()
        self._add(QgsProcessingParameterString(self.SERVICE, self.tr("libpq service name (pg_service.conf)")))
        self._add(QgsProcessingParameterString(self.TITLE, self.tr("Service title"), defaultValue=defaults.title))
        self._add(QgsProcessingParameterString(self.ABSTRACT, self.tr("Service description"), multiLine=True,
                                               defaultValue=defaults.abstract))
        self._add(QgsProcessingParameterString(self.ORGANIZATION, self.tr("Organisation"),
                                               defaultValue=defaults.organization))
        self._add(QgsProcessingParameterString(self.CONTACT_MAIL, self.tr("Contact e-mail"), optional=True))
        self._add(QgsProcessingParameterString(self.ONLINE_RESOURCE, self.tr("Service address (URL)"),
                                               optional=True))
        self._add(QgsProcessingParameterString(self.LICENCE, self.tr("Licence of the register's data"),
                                               defaultValue=defaults.register_licence))
        self._add(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("QGIS Server project"),
                                                        self.tr("QGIS project (*.qgz *.qgs)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.register.geoportal import ServiceInfo, write_project

        service = self.parameterAsString(parameters, self.SERVICE, context).strip()
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", service):
            raise QgsProcessingException(self.tr(
                "Enter the name of a libpq service (letters, digits, _ . -), e.g. coworking_geoportal: the server "
                "keeps its login in pg_service.conf."))
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output.lower().endswith((".qgz", ".qgs")):
            output += ".qgz"
        text = {key: self.parameterAsString(parameters, key, context).strip()
                for key in (self.TITLE, self.ABSTRACT, self.ORGANIZATION, self.CONTACT_MAIL, self.ONLINE_RESOURCE,
                            self.LICENCE)}
        defaults = ServiceInfo()
        info = ServiceInfo(title=text[self.TITLE] or defaults.title, abstract=text[self.ABSTRACT] or defaults.abstract,
                           organization=text[self.ORGANIZATION] or defaults.organization,
                           contact_mail=text[self.CONTACT_MAIL], online_resource=text[self.ONLINE_RESOURCE],
                           register_licence=text[self.LICENCE] or defaults.register_licence)
        try:
            path, error = write_project(output, service, info), ""
        except RuntimeError as exc:
            path, error = None, str(exc)
        if error:  # raised outside the handler: its traceback would keep the layers alive past QGIS's exit
            raise QgsProcessingException(error)
        photos = len(list((path.parent / "fotos").glob("*.jpg")))
        feedback.pushInfo(self.tr("Geoportal project written to {path} with %n public photo(s) in the folder "
                                  "fotos/; copy it with the file of municipality boundaries and that folder beside it "
                                  "to the server.", "", photos).format(path=str(path)))
        return {self.OUTPUT: str(path)}
