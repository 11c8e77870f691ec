"""Importing a municipality's spreadsheet of sites into the working copy as drafts.

Each row is mapped to catalogue fields (by the column's name, or its German or English label, or an
explicit mapping), coded values are accepted as key or label, the position comes from a geometry, coordinate
columns (any CRS) or the geocoder (address, postcode, locality), and the row then goes through the same
checks and save as the capture dock. Every row ends in the report: imported (possibly with duplicate
warnings), not placed, or invalid, with the messages that say what to fix. Nothing is dropped silently.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from . import drafts
from . import validation as val
from .duplicates import normalise_address
from .geocoder import Geocoder, GeocoderError
from .geometry import prepare_geometry

LOG = logging.getLogger(__name__)

IMPORTED, NOT_PLACED, INVALID = "imported", "not_placed", "invalid"


@dataclass
class RowReport:
    row: int  # 1-based data row number, as the officer sees it in the spreadsheet (header not counted)
    status: str
    name: str = ""
    uuid: str = ""
    messages: List[str] = field(default_factory=list)


def _key(text: str) -> str:
    return normalise_address(text)  # case, spaces, punctuation, umlauts folded


def auto_mapping(columns: Iterable[str], kind: str, explicit: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """catalogue field -> column: explicit pairs first, then columns named like a field or its labels."""
    columns = list(columns)
    by_key = {_key(c): c for c in columns}
    mapping: Dict[str, str] = {}
    defs = cat.fields_for(kind) + (list(cat.OWNER_FIELDS) if kind == cat.VACANCY else [])
    for f in defs:
        if explicit and f.name in explicit and explicit[f.name] in columns:
            mapping[f.name] = explicit[f.name]
            continue
        short = [re.sub(r"\s*\(.*?\)", "", label) for label in (f.label_de, f.label_en)]  # "Miete (€/m²)"
        for candidate in [f.name, f.label_de, f.label_en] + short:
            if _key(candidate) in by_key:
                mapping[f.name] = by_key[_key(candidate)]
                break
    return mapping


def parse_mapping(text: str) -> Dict[str, str]:
    """``"name=Bezeichnung; address=Straße"`` -> dict (the algorithm's mapping parameter)."""
    result = {}
    for part in (text or "").replace("\n", ";").split(";"):
        if "=" in part:
            target, source = part.split("=", 1)
            result[target.strip()] = source.strip()
    return result


def coded_value(f: FieldDef, raw: Any) -> Any:
    """A cell as the catalogue stores it: choice labels to keys, municipality names to AGS, lists split."""
    if val.is_empty(raw):
        return None
    text = str(raw).strip()
    if f.name == "municipality_ags":
        if text.isdigit() and len(text) == 3:
            return cat.COUNTY_AGS + text
        by_name = {_key(m.name): m.ags for m in cat.MUNICIPALITIES}
        return by_name.get(_key(text), text)
    if f.type == FieldType.CHOICE and f.choices:
        for c in f.choices.choices:
            if _key(text) in (_key(c.key), _key(c.label_de), _key(c.label_en)):
                return c.key
        return text  # validation names the unknown value
    if f.type == FieldType.MULTI_CHOICE and f.choices:
        parts = [p for p in text.replace(";", ",").replace("|", ",").strip("{}[]").split(",") if p.strip()]
        return [coded_value(FieldDef(f.name, FieldType.CHOICE, "", "", value_list=f.value_list), p) for p in parts]
    if f.type == FieldType.BOOLEAN:
        return val.to_bool(text)
    return text


def row_values(row: Mapping[str, Any], mapping: Mapping[str, str], kind: str):
    values: Dict[str, Any] = {}
    owner: Dict[str, Any] = {}
    for name, column in mapping.items():
        f = cat.field_by_name(name)
        target = owner if f.table == "owner_contact" else values
        target[name] = coded_value(f, row.get(column))
    for f in cat.fields_for(kind):  # catalogue defaults for what the list does not say
        if f.name not in values and f.default is not None and not f.computed:
            values[f.name] = f.default
    return values, owner


def geocode_query(values: Mapping[str, Any]) -> str:
    parts = [values.get("address"), " ".join(str(v) for v in (values.get("postcode"), values.get("locality"))
                                             if not val.is_empty(v))]
    ags = values.get("municipality_ags")
    if ags in cat.MUNICIPALITY_NAMES:
        parts.append(cat.MUNICIPALITY_NAMES[ags])
    return ", ".join(str(p) for p in parts if not val.is_empty(p))


def import_rows(rows: Iterable[Mapping[str, Any]], kind: str, wc_path: str, mapping: Mapping[str, str],
                x_column: str = "", y_column: str = "",
                coordinate_crs: QgsCoordinateReferenceSystem = QgsCoordinateReferenceSystem("EPSG:4326"),
                geometries: Optional[List[Optional[QgsGeometry]]] = None,
                geometry_crs: Optional[QgsCoordinateReferenceSystem] = None,
                geocoder: Optional[Geocoder] = None, distance_m: float = 25.0,
                is_canceled: Callable[[], bool] = lambda: False,
                progress: Callable[[float], None] = lambda p: None) -> List[RowReport]:
    """Check and save every row; returns one report per row, in order."""
    rows = list(rows)
    reports: List[RowReport] = []
    for i, row in enumerate(rows):
        if is_canceled():
            break
        progress(100.0 * i / max(1, len(rows)))
        values, owner = row_values(row, mapping, kind)
        report = RowReport(i + 1, INVALID, str(values.get("name") or ""))
        reports.append(report)
        geom, crs = _place(row, values, kind, x_column, y_column, coordinate_crs,
                           geometries[i] if geometries else None, geometry_crs, geocoder, report)
        if geom is None:
            report.status = NOT_PLACED
            continue
        if val.is_empty(values.get("municipality_ags")):
            prepared, _ = prepare_geometry(kind, geom, crs, repair=True)
            if prepared is not None:
                values["municipality_ags"] = drafts.municipality_at(wc_path, prepared)
        result = drafts.check_site(wc_path, kind, values, geom, crs, owner=owner or None, distance_m=distance_m)
        if result.errors:
            report.messages += [i.message for i in result.errors]
            geometry_failed = any(i.field is None for i in result.errors)
            report.status = NOT_PLACED if geometry_failed else INVALID
            continue
        try:
            report.uuid = drafts.save_site(wc_path, kind, values, result.geometry, owner=owner or None)
        except OSError as exc:
            report.messages.append(str(exc))
            continue
        report.status = IMPORTED
        report.messages += [i.message for i in result.warnings]
    progress(100.0)
    return reports


def _place(row, values, kind, x_column, y_column, coordinate_crs, geometry, geometry_crs, geocoder,
           report: RowReport):
    """(geometry, crs) of a row, or (None, None) with the reason in the report."""
    if geometry is not None and not geometry.isNull() and not geometry.isEmpty():
        return geometry, geometry_crs
    if x_column and y_column and not val.is_empty(row.get(x_column)) and not val.is_empty(row.get(y_column)):
        try:
            x, y = val.to_number(row.get(x_column)), val.to_number(row.get(y_column))
        except (TypeError, ValueError):
            report.messages.append(tr("The coordinates “{x}”, “{y}” are not numbers. Correct them or leave them "
                                      "empty to search the address.").format(x=row.get(x_column),
                                                                             y=row.get(y_column)))
            return None, None
        return QgsGeometry.fromPointXY(QgsPointXY(x, y)), coordinate_crs
    if kind == cat.BROWNFIELD:
        report.messages.append(tr("A brownfield needs its outline: import it from a polygon layer, or capture it "
                                  "in the dock."))
        return None, None
    query = geocode_query(values)
    if not query or geocoder is None:
        report.messages.append(tr("The row has neither coordinates nor an address to search. Add one of them."))
        return None, None
    try:
        results = geocoder.search(query, limit=1)
    except GeocoderError as exc:
        report.messages.append(str(exc))
        return None, None
    if not results:
        report.messages.append(tr("The address “{address}” was not found in Landkreis Meißen. Correct it or add "
                                  "coordinates.").format(address=query))
        return None, None
    hit = results[0]
    for name, value in (("postcode", hit.postcode), ("locality", hit.locality)):
        if val.is_empty(values.get(name)) and value:
            values[name] = value
    return hit.point(), QgsCoordinateReferenceSystem(cat.REGISTER_CRS)
