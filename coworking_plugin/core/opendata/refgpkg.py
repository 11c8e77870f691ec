"""The reference GeoPackage: the layers the plugin loads itself (OpenStreetMap, GTFS, Zensus), one per role.

Loading again replaces the layers it brings, atomically: the current file is copied to a temporary file beside it,
the new layers are written there, and the copy replaces the file in one rename. A failed or cancelled load leaves
the previous file as it was; layers other loaders wrote (GTFS stops beside the OSM POIs) are kept. Every layer
carries its source and licence in its metadata (``gpkg_metadata``), which QGIS shows in the layer properties.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFields,
    QgsLayerMetadata,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from ..i18n import tr
from ..register.catalogue import REGISTER_CRS

LOG = logging.getLogger(__name__)

FILE_NAME = "coworking_referenzdaten.gpkg"


class ReferenceDataError(Exception):
    """The reference GeoPackage could not be written; the message says what to do."""


@dataclass
class LayerData:
    name: str  # the layer (= the profile's role)
    fields: QgsFields
    wkb_type: int
    features: List[QgsFeature]
    title: str = ""
    abstract: str = ""
    attribution: str = ""
    licence: str = ""


def default_path() -> str:
    """Where the plugin keeps its reference data unless the settings name a file: the QGIS profile folder."""
    return str(Path(QgsApplication.qgisSettingsDirPath()) / "coworking" / FILE_NAME)


def metadata(data: LayerData) -> QgsLayerMetadata:
    md = QgsLayerMetadata()
    md.setIdentifier(data.name)
    md.setTitle(data.title or data.name)
    md.setAbstract(data.abstract)
    md.setCrs(QgsCoordinateReferenceSystem(REGISTER_CRS))
    if data.attribution:
        md.setRights([data.attribution])
    if data.licence:
        md.setLicenses([data.licence])
    return md


def _write_layer(path: str, data: LayerData, create_file: bool) -> None:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.fileEncoding = "UTF-8"
    options.layerName = data.name
    options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile if create_file
                                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer)
    options.layerMetadata = metadata(data)
    options.saveMetadata = True
    writer = QgsVectorFileWriter.create(path, data.fields, data.wkb_type, QgsCoordinateReferenceSystem(REGISTER_CRS),
                                        QgsVectorLayer("Point", "x", "memory").transformContext(), options)
    try:
        if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
            raise ReferenceDataError(tr("The layer {layer} could not be written to {path}: {error}").format(
                layer=data.name, path=path, error=writer.errorMessage()))
        if data.features and not writer.addFeatures(data.features):
            raise ReferenceDataError(tr("The layer {layer} could not be written to {path}: {error}").format(
                layer=data.name, path=path, error=writer.errorMessage()))
    finally:
        del writer  # closes the file
    # the writer of QGIS 3.22 does not store the metadata itself; the provider registry does (QGIS >= 3.20)
    ok, error = QgsProviderRegistry.instance().saveLayerMetadata("ogr", f"{path}|layername={data.name}",
                                                                 metadata(data))
    if not ok:
        LOG.warning("metadata of %s could not be stored: %s", data.name, error)


def write_layers(path: str, layers: Iterable[LayerData]) -> None:
    """Write (or replace) ``layers`` in the GeoPackage at ``path``, keeping its other layers; all or nothing."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".gpkg", prefix=".coworking-", dir=str(target.parent))
        os.close(fd)
    except OSError as exc:
        raise ReferenceDataError(tr("The folder of {path} cannot be written: {error}").format(
            path=path, error=exc)) from exc
    try:
        fresh = not target.exists()
        if not fresh:
            shutil.copyfile(str(target), tmp)
        else:
            os.unlink(tmp)
        for k, data in enumerate(layers):
            _write_layer(tmp, data, create_file=fresh and k == 0)
        os.replace(tmp, str(target))
    except OSError as exc:
        raise ReferenceDataError(tr("The reference data {path} could not be replaced ({error}). Close programs "
                                    "that hold it open and load again.").format(path=path, error=exc)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    LOG.info("reference data written to %s", path)


def layer_names(path: str) -> List[str]:
    """The layers in the GeoPackage (empty when it does not exist)."""
    if not Path(path).exists():
        return []
    layer = QgsVectorLayer(path, "probe", "ogr")
    return [s.split("!!::!!")[1] for s in layer.dataProvider().subLayers()] if layer.isValid() else []


def open_layer(path: str, name: str, title: Optional[str] = None) -> QgsVectorLayer:
    return QgsVectorLayer(f"{path}|layername={name}", title or name, "ogr")
