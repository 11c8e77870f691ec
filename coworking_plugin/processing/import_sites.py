"""coworking:import_sites — a municipality's list (CSV, XLSX or any QGIS-readable table) into the working copy.

Calls core/capture/listimport.py: field mapping, geocoding of rows without coordinates, the capture checks, drafts in
the working copy. The report table has one row per input row with its status and the messages to act on.
"""

from __future__ import annotations

import re
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.qtcompat import FieldTypes
from ..core.register import catalogue as cat
from ..core.settings import PluginSettings
from .base import CoworkingAlgorithm


class ImportSitesAlgorithm(CoworkingAlgorithm):
    INPUT = "INPUT"
    KIND = "KIND"
    WORKING_COPY = "WORKING_COPY"
    MAPPING = "MAPPING"
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    COORDINATE_CRS = "COORDINATE_CRS"
    GEOCODE = "GEOCODE"
    REPORT = "REPORT"

    def name(self) -> str:
        return "import_sites"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import sites from a list")

    def group(self) -> str:
        return self.tr("Capture")

    def groupId(self) -> str:  # noqa: N802
        return "capture"

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports brownfields or vacant buildings from a table (CSV, XLSX or any layer QGIS can read) into the "
            "working copy as drafts. Columns named like the catalogue fields or their German/English labels are "
            "mapped automatically; add pairs such as “name=Objekt; address=Straße” for others. Choice columns may "
            "hold the key or the label; the municipality its name or key. The position comes from the layer's "
            "geometry, from the coordinate columns (in the given CRS) or, for vacant buildings, from the address "
            "search. Every row is checked like in the capture dock. The report lists every row: imported (with "
            "duplicate warnings), not placed or invalid, with what to fix.")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        params = []
        params.append(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("List of sites (table or layer)"), [QgsProcessing.SourceType.TypeVector]))
        params.append(QgsProcessingParameterEnum(
            self.KIND, self.tr("Kind of site"), [self.tr("Brownfield"), self.tr("Vacant building")], defaultValue=1))
        params.append(QgsProcessingParameterFile(
            self.WORKING_COPY, self.tr("Working copy (GeoPackage; empty: the one in the plugin settings)"),
            extension="gpkg", optional=True))
        params.append(QgsProcessingParameterString(
            self.MAPPING, self.tr("Field mapping (field=column; …), in addition to matching names"),
            optional=True, multiLine=True))
        params.append(QgsProcessingParameterField(
            self.X_FIELD, self.tr("X / longitude column"), parentLayerParameterName=self.INPUT, optional=True))
        params.append(QgsProcessingParameterField(
            self.Y_FIELD, self.tr("Y / latitude column"), parentLayerParameterName=self.INPUT, optional=True))
        params.append(QgsProcessingParameterCrs(
            self.COORDINATE_CRS, self.tr("CRS of the coordinate columns (empty: WGS 84, EPSG:4326)"),
            defaultValue="EPSG:4326", optional=True))
        params.append(QgsProcessingParameterBoolean(
            self.GEOCODE, self.tr("Search the address of rows without coordinates"), defaultValue=True))
        params.append(QgsProcessingParameterFeatureSink(
            self.REPORT, self.tr("Import report"), QgsProcessing.SourceType.TypeVector))
        for param in params:
            if not self.addParameter(param):
                raise QgsProcessingException(f"parameter {param.name()} could not be added")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # imported here: the import machinery (and requests) load when the algorithm runs, not at QGIS start
        from ..core.capture import listimport
        from ..core.capture.geocoder import Geocoder
        from ..core.sync import workingcopy as wc

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The list could not be opened. Choose a CSV, XLSX or layer."))
        kind = cat.KINDS[self.parameterAsEnum(parameters, self.KIND, context)]
        settings = PluginSettings.load()
        wc_path = self.parameterAsFile(parameters, self.WORKING_COPY, context) or settings.working_copy
        if not wc_path:
            raise QgsProcessingException(self.tr("No working copy: choose a GeoPackage or set it in the plugin "
                                                 "settings."))
        if not Path(wc_path).exists():
            Path(wc_path).parent.mkdir(parents=True, exist_ok=True)
            wc.create(wc_path)
        features = list(source.getFeatures())
        columns = source.fields().names()
        header_row = None
        if features and all(re.fullmatch(r"Field\d+", c) for c in columns):
            # GDAL reads an all-text spreadsheet without header detection (Field1, Field2, ...): row 1 is the header
            header_row = [str(features[0][c]).strip() for c in columns]
            features = features[1:]
            feedback.pushInfo(self.tr("The first row is used as the header: {names}").format(
                names=", ".join(header_row)))
        names = header_row or columns
        explicit = listimport.parse_mapping(self.parameterAsString(parameters, self.MAPPING, context))
        unknown = [k for k, v in explicit.items() if v not in names]
        if unknown:
            raise QgsProcessingException(self.tr("The mapping names columns the list does not have: {names}. "
                                                 "Columns: {columns}").format(names=", ".join(unknown),
                                                                               columns=", ".join(names)))
        mapping = listimport.auto_mapping(names, kind, explicit)
        feedback.pushInfo(self.tr("Mapped columns: {pairs}").format(
            pairs=", ".join(f"{k} ← {v}" for k, v in mapping.items())))
        has_geometry = source.wkbType() not in (QgsWkbTypes.Type.NoGeometry, QgsWkbTypes.Type.Unknown)
        rows, geometries = [], []
        for feat in features:
            rows.append({name: feat[column] for name, column in zip(names, columns)})
            geometries.append(feat.geometry() if has_geometry and feat.hasGeometry() else None)
        geocoder = Geocoder.from_settings(settings) if self.parameterAsBoolean(parameters, self.GEOCODE, context) \
            else None
        coordinate_crs = self.parameterAsCrs(parameters, self.COORDINATE_CRS, context)
        reports = listimport.import_rows(
            rows, kind, wc_path, mapping,
            x_column=self.parameterAsString(parameters, self.X_FIELD, context),
            y_column=self.parameterAsString(parameters, self.Y_FIELD, context),
            coordinate_crs=coordinate_crs if coordinate_crs.isValid() else QgsCoordinateReferenceSystem("EPSG:4326"),
            geometries=geometries, geometry_crs=source.sourceCrs(), geocoder=geocoder,
            distance_m=settings.duplicate_distance_m, is_canceled=feedback.isCanceled,
            progress=feedback.setProgress)
        fields = QgsFields()
        for name, vtype in (("row", FieldTypes.INT), ("status", FieldTypes.STRING), ("name", FieldTypes.STRING),
                            ("uuid", FieldTypes.STRING), ("messages", FieldTypes.STRING)):
            fields.append(QgsField(name, vtype))
        sink, dest = self.parameterAsSink(parameters, self.REPORT, context, fields, QgsWkbTypes.Type.NoGeometry,
                                          QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.REPORT))
        counts = {listimport.IMPORTED: 0, listimport.NOT_PLACED: 0, listimport.INVALID: 0}
        for r in reports:
            counts[r.status] += 1
            feat = QgsFeature(fields)
            feat.setAttributes([r.row, r.status, r.name, r.uuid, " | ".join(r.messages)])
            if not sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.REPORT))
            if r.status != listimport.IMPORTED:
                feedback.reportError(self.tr("Row {row} ({name}): {messages}").format(
                    row=r.row, name=r.name, messages=" ".join(r.messages)))
        feedback.pushInfo(self.tr("{imported} imported, {not_placed} not placed, {invalid} invalid, of {total} "
                                  "rows.").format(imported=counts[listimport.IMPORTED],
                                                  not_placed=counts[listimport.NOT_PLACED],
                                                  invalid=counts[listimport.INVALID], total=len(rows)))
        return {self.REPORT: dest, "IMPORTED": counts[listimport.IMPORTED],
                "NOT_PLACED": counts[listimport.NOT_PLACED], "INVALID": counts[listimport.INVALID],
                "WORKING_COPY": wc_path}
