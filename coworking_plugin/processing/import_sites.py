"""coworking:import_sites — a municipality's list (CSV, XLSX or any QGIS-readable table) into the working copy.

A CSV file is read by core/capture/listread.py from its bytes (encoding, delimiter, decimal comma), any other
table through QGIS; core/capture/listimport.py maps the columns, converts the cells, recognises rows imported
before, places (geocodes) and checks the rows and saves drafts in the working copy. The report has one row per
list row, with German (translated) column names, its status and the messages to act on, and is written whatever
happens. The parameters are those of the first version; the outputs add ALREADY_IMPORTED and NOT_PROCESSED.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
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
            "working copy as drafts. A CSV may come from Excel in UTF-8 or Windows-1252, with semicolons, commas or "
            "tabs and with decimal commas; in a spreadsheet, a title and blank rows above the header are skipped. "
            "Columns named like the catalogue fields or their German/English labels (in any case) are mapped "
            "automatically; add pairs such as “Bezeichnung=Objekt; Anschrift=Straße” for others. Choice columns may "
            "hold the key or the label; the municipality its name or key; dates may be date cells or text such as "
            "01.05.2019. The position comes from the layer's geometry, from the coordinate columns (in the given "
            "CRS) or, for vacant buildings, from the address search. Every row is checked like in the capture dock. "
            "A row imported before is recognised by its ID column (ID, Lfd. Nr., Objekt-Nr.) or else by its name, "
            "address and municipality, and is not imported again. The report lists every row by its row number: "
            "imported (with duplicate warnings), already imported, not placed, invalid or not processed, with what "
            "to fix.")

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

        kind = cat.KINDS[self.parameterAsEnum(parameters, self.KIND, context)]
        settings = PluginSettings.load()
        wc_path = self.parameterAsFile(parameters, self.WORKING_COPY, context) or settings.working_copy
        if not wc_path:
            raise QgsProcessingException(self.tr("No working copy: choose a GeoPackage or set it in the plugin "
                                                 "settings."))
        explicit = listimport.parse_mapping(self.parameterAsString(parameters, self.MAPPING, context))
        x_param = self.parameterAsString(parameters, self.X_FIELD, context)
        y_param = self.parameterAsString(parameters, self.Y_FIELD, context)
        source, table = self._read_list(parameters, context, feedback,
                                        listimport.header_score(kind, explicit, (x_param, y_param)))
        errors = listimport.mapping_errors(explicit, table.columns, kind)
        if errors:
            raise QgsProcessingException(" ".join(errors))
        mapping = listimport.auto_mapping(table.columns, kind, explicit)
        feedback.pushInfo(self.tr("Mapped columns: {pairs}").format(
            pairs=", ".join(f"{listimport.target_label(k)} ← {v}" for k, v in mapping.items())))
        if not Path(wc_path).exists():
            Path(wc_path).parent.mkdir(parents=True, exist_ok=True)
            wc.create(wc_path)
        coordinate_crs = self.parameterAsCrs(parameters, self.COORDINATE_CRS, context)
        placement = listimport.Placement(
            x_column=self._column(x_param, source, table), y_column=self._column(y_param, source, table),
            coordinate_crs=coordinate_crs if coordinate_crs.isValid() else QgsCoordinateReferenceSystem("EPSG:4326"),
            geometry_crs=source.sourceCrs(), decimal_comma=table.decimal_comma,
            geocoder=Geocoder.from_settings(settings) if self.parameterAsBoolean(parameters, self.GEOCODE, context)
            else None)
        fields = QgsFields()
        for (_attr, title), vtype in zip(listimport.report_columns(), (FieldTypes.INT,) + (FieldTypes.STRING,) * 4):
            fields.append(QgsField(title, vtype))
        sink, dest = self.parameterAsSink(parameters, self.REPORT, context, fields, QgsWkbTypes.Type.NoGeometry,
                                          QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.REPORT))
        reports = []
        try:
            listimport.import_rows(table.rows, kind, wc_path, mapping, placement,
                                   distance_m=settings.duplicate_distance_m, is_canceled=feedback.isCanceled,
                                   progress=feedback.setProgress, reports=reports)
        finally:  # the report is written whatever happens: a rerun must know what is in the working copy
            reports += listimport.not_processed(table.rows[len(reports):], self.tr(
                "The import stopped before this row. Run it again: rows already imported are recognised."))
            counts = self._write_report(reports, fields, sink, parameters, feedback)
        feedback.pushInfo(self.tr("{imported} imported, {already} already imported, {not_placed} not placed, "
                                  "{invalid} invalid, of %n row(s).", "", len(reports)).format(
            imported=counts[listimport.IMPORTED], already=counts[listimport.ALREADY_IMPORTED],
            not_placed=counts[listimport.NOT_PLACED], invalid=counts[listimport.INVALID]))
        return {self.REPORT: dest, "IMPORTED": counts[listimport.IMPORTED],
                "ALREADY_IMPORTED": counts[listimport.ALREADY_IMPORTED],
                "NOT_PLACED": counts[listimport.NOT_PLACED], "INVALID": counts[listimport.INVALID],
                "NOT_PROCESSED": counts[listimport.NOT_PROCESSED], "WORKING_COPY": wc_path}

    def _read_list(self, parameters, context, feedback, header_score):
        """(feature source, listread.ListTable): a CSV from its bytes, anything else through QGIS."""
        from ..core.capture import listread

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The list could not be opened. Choose a CSV, XLSX or layer."))
        value = parameters.get(self.INPUT)
        selected = isinstance(value, QgsProcessingFeatureSourceDefinition) and value.selectedFeaturesOnly
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        path, form = ("", "")
        if layer is not None and layer.providerType() == "ogr" and not selected and not layer.subsetString():
            path, form = listread.list_path(layer.source())
        if form == "csv":
            table = listread.read_csv(path, header_score)
            feedback.pushInfo(self.tr("Read as {encoding}, columns separated by “{delimiter}”, {decimal}.").format(
                encoding=table.encoding, delimiter="Tab" if table.delimiter == "\t" else table.delimiter,
                decimal={True: self.tr("decimal comma"), False: self.tr("decimal point")}.get(
                    table.decimal_comma, self.tr("decimal separator per cell"))))
        else:
            table = listread.read_source(source, header_score, spreadsheet=form == "spreadsheet")
        if table.header_row > 1:
            feedback.pushInfo(self.tr("The header is row {row}: {names}").format(
                row=table.header_row, names=", ".join(table.columns)))
        return source, table

    @staticmethod
    def _column(name: str, source, table) -> str:
        """The list's column for a column parameter chosen among the layer's fields (by name, else position:
        QGIS may have read the header with a wrong encoding or from a title row)."""
        from ..core.capture import listimport

        if not name:
            return ""
        found = listimport.find_column(name, table.columns)
        if found:
            return found
        index = source.fields().lookupField(name)
        return table.columns[index] if 0 <= index < len(table.columns) else name

    def _write_report(self, reports, fields, sink, parameters, feedback):
        from ..core.capture import listimport

        counts = {status: 0 for status in listimport.STATUSES}
        for r in reports:
            counts[r.status] += 1
            feat = QgsFeature(fields)
            feat.setAttributes([r.row, listimport.status_text(r.status), r.name, r.uuid, " | ".join(r.messages)])
            if not sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.REPORT))
            if r.status not in (listimport.IMPORTED, listimport.ALREADY_IMPORTED):
                feedback.reportError(self.tr("Row {row} ({name}): {messages}").format(
                    row=r.row, name=r.name, messages=" ".join(r.messages)))
        return counts
