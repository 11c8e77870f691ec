"""Results of a suitability run kept in one GeoPackage the user chooses: the scored sites, the overlays
(catchments, hexagon grid), the profile they were scored with (a table with its JSON), German (UI language)
field aliases and each layer's style in the GeoPackage's ``layer_styles``, used as its default style.

Written from the main thread (styles are saved from layers); the data are small (sites, a grid of ~600 cells).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from qgis.core import (
    QgsFeature,
    QgsField,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from ..i18n import tr
from ..qtcompat import FieldTypes, save_style_to_database
from .profile import Profile

LOG = logging.getLogger(__name__)

SITES_LAYER = "eignung_standorte"
PROFILE_TABLE = "eignung_profil"


class ResultsError(RuntimeError):
    """The results could not be written; the message says which layer and why."""


def table_name(title: str, taken: Sequence[str] = ()) -> str:
    """A GeoPackage table name from a layer title: lower-case ASCII, digits and underscores, unique."""
    ascii_text = unicodedata.normalize("NFKD", title.replace("ß", "ss")).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:50] or "layer"
    name, k = base, 2
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    return name


def field_aliases(layer: QgsVectorLayer) -> Dict[str, str]:
    """The layer's field aliases (set on the layer or carried by its fields)."""
    out = {}
    for i, f in enumerate(layer.fields()):
        alias = layer.attributeAlias(i) or f.alias()
        if alias:
            out[f.name()] = alias
    return out


def _write(layer: QgsVectorLayer, path: str, name: str, overwrite_file: bool) -> None:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile if overwrite_file
                                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer)
    error, message, *_ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, QgsProject.instance().transformContext(), options)
    if error != QgsVectorFileWriter.WriterError.NoError:
        raise ResultsError(tr("The layer “{layer}” could not be written to {path}: {error}").format(
            layer=layer.name(), path=path, error=message or error))


def _profile_layer(profile: Profile) -> QgsVectorLayer:
    layer = QgsVectorLayer("None", PROFILE_TABLE, "memory")
    fields = [QgsField("name", FieldTypes.STRING, "String"), QgsField("saved_utc", FieldTypes.STRING, "String"),
              QgsField("profile_json", FieldTypes.STRING, "String")]
    for f, alias in zip(fields, (tr("Profile"), tr("Saved (UTC)"), tr("Profile (JSON)"))):
        f.setAlias(alias)
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    feat = QgsFeature(layer.fields())
    feat.setAttributes([profile.name, datetime.now(timezone.utc).isoformat(timespec="seconds"), profile.to_json()])
    layer.dataProvider().addFeatures([feat])
    return layer


def _set_alternative_names(path: str, name: str, aliases: Dict[str, str]) -> None:
    """The aliases also as OGR alternative names (gpkg_data_columns), which other GIS read; GDAL 3.7+ only
    (before, the style in layer_styles carries them)."""
    from osgeo import ogr

    flag = getattr(ogr, "ALTER_ALTERNATIVE_NAME_FLAG", None)
    if flag is None:
        return
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName(name) if ds is not None else None
    if lyr is None:
        return
    defn = lyr.GetLayerDefn()
    for field, alias in aliases.items():
        i = defn.GetFieldIndex(field)
        if i >= 0:
            fd = ogr.FieldDefn(field, defn.GetFieldDefn(i).GetType())
            fd.SetAlternativeName(alias)
            lyr.AlterFieldDefn(i, fd, flag)
    ds = None


def _reads_from(layer: QgsVectorLayer, path: str, name: str) -> bool:
    if layer.providerType() != "ogr":
        return False
    file, _, options = layer.source().partition("|")
    return Path(file).resolve() == Path(path).resolve() and f"layername={name}" in options.split("|")


def _store_style_row(path: str, table: str, layer: QgsVectorLayer, description: str) -> bool:
    """The layer's style as the default of ``table`` in the GeoPackage's layer_styles, written with sqlite3;
    False when the file has no layer_styles table yet (QGIS then creates it)."""
    import sqlite3

    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument()
    layer.exportNamedStyle(doc)
    db = sqlite3.connect(path, timeout=10)
    try:
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").fetchone() is None:
            return False
        row = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)).fetchone()
        with db:
            db.execute("UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ?", (table,))
            db.execute("DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ?", (table, layer.name()))
            db.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                       "styleName, styleQML, styleSLD, useAsDefault, description, owner) "
                       "VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '')",
                       (table, row[0] if row else "", layer.name(), doc.toString(), description))
    finally:
        db.close()
    return True


def write_results(path: str, sites: QgsVectorLayer, overlays: Sequence[QgsVectorLayer],
                  profile: Profile) -> List[Tuple[QgsVectorLayer, QgsVectorLayer]]:
    """Write the scored sites, the overlays and the profile into the GeoPackage ``path`` (its other tables are
    kept; tables of the same name are replaced). Returns (source layer, layer read back from the GeoPackage)
    pairs, styled and aliased like their sources, for the project to use instead of temporary layers."""
    fresh = not Path(path).exists()
    # QGIS 3.22 waits forever in saveStyleToDatabase on a GeoPackage whose tables a layer changed in this
    # session (even one removed since): into an existing file the style rows go into its layer_styles directly
    # (the table and columns QGIS made there); a new file gets them through QGIS
    busy = not fresh
    taken = [SITES_LAYER, PROFILE_TABLE]
    plan = [(sites, SITES_LAYER)]
    for lyr in overlays:
        name = table_name(lyr.name(), taken)
        taken.append(name)
        plan.append((lyr, name))
    out = []
    for k, (source, name) in enumerate(plan):
        if _reads_from(source, path, name):
            # saved there before (its scores are updated in place): data and style are in the file already;
            # saving the style again would wait forever on QGIS 3.22's lock of the table it changed
            out.append((source, source))
            continue
        _write(source, path, name, overwrite_file=fresh and k == 0)
        out.append((source, _read_back(source, path, name, direct_style=busy)))
    _write(_profile_layer(profile), path, PROFILE_TABLE, overwrite_file=False)
    return out


def _read_back(source: QgsVectorLayer, path: str, name: str, direct_style: bool = False) -> QgsVectorLayer:
    """The written table as a layer, with the source's aliases and renderer, its style stored as default."""
    aliases = field_aliases(source)
    _set_alternative_names(path, name, aliases)
    saved = QgsVectorLayer(f"{path}|layername={name}", source.name(), "ogr")
    if not saved.isValid():
        raise ResultsError(tr("The layer “{layer}” could not be read back from {path}.").format(
            layer=source.name(), path=path))
    for field, alias in aliases.items():
        i = saved.fields().indexOf(field)
        if i >= 0:
            saved.setFieldAlias(i, alias)
    for i, f in enumerate(source.fields()):  # value maps (the best model's name instead of its key)
        j = saved.fields().indexOf(f.name())
        if j >= 0 and source.editorWidgetSetup(i).type() == "ValueMap":
            saved.setEditorWidgetSetup(j, source.editorWidgetSetup(i))
    if source.renderer() is not None:
        saved.setRenderer(source.renderer().clone())
    saved.setOpacity(source.opacity())
    description = tr("Coworking suitability: style and German field names")
    if direct_style and _store_style_row(path, name, saved, description):
        return saved
    error = save_style_to_database(saved, source.name(), description, True)
    if error:
        raise ResultsError(tr("The style of “{layer}” could not be stored in {path}: {error}").format(
            layer=source.name(), path=path, error=error))
    return saved


def read_profile(path: str) -> Profile:
    """The profile stored with results in a GeoPackage (the newest row of its profile table)."""
    from . import profile as profiles

    layer = QgsVectorLayer(f"{path}|layername={PROFILE_TABLE}", PROFILE_TABLE, "ogr")
    if not layer.isValid():
        raise profiles.ProfileError(tr("{path} holds no suitability profile.").format(path=path))
    rows = sorted(layer.getFeatures(), key=lambda f: str(f["saved_utc"]))
    if not rows:
        raise profiles.ProfileError(tr("{path} holds no suitability profile.").format(path=path))
    return profiles.from_json(str(rows[-1]["profile_json"]))
