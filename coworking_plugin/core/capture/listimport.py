"""Importing a municipality's spreadsheet of sites into the working copy as drafts.

core/capture/listread.py reads the list (encoding, delimiter, decimal comma, header row). Each row is mapped to
catalogue fields (by the column's name, or its German or English label, case and spacing aside, or an explicit
mapping whose left side may also be a label), cells are converted as the catalogue types them (numbers with
decimal commas, dates as QDate/QDateTime/datetime or "01.05.2019", coded values as key or label), the position
comes from a geometry, coordinate columns (any CRS) or the geocoder (address, postcode, locality), and the row
then goes through the same checks and save as the capture dock. A row seen before is not imported again
(core/capture/importkeys.py says how it is recognised). Every row ends in the report: imported (possibly with duplicate
warnings), already imported, not placed, invalid or not processed, with the messages that say what to fix.
A row that fails unexpectedly is reported and the import goes on. Nothing is dropped silently.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from ..sync import workingcopy as wc
from . import drafts, importkeys
from . import validation as val
from .duplicates import normalise_address
from .geocoder import Geocoder, GeocoderError
from .geometry import prepare_geometry
from .listread import SourceRow

LOG = logging.getLogger(__name__)

IMPORTED, ALREADY_IMPORTED, NOT_PLACED, INVALID, NOT_PROCESSED = (
    "imported", "already_imported", "not_placed", "invalid", "not_processed")
STATUSES = (IMPORTED, ALREADY_IMPORTED, NOT_PLACED, INVALID, NOT_PROCESSED)
#: mapping target of a column that identifies the row in the list (not a catalogue field: it is not stored)
SOURCE_ID = "id"
#: headers taken as that column; not "Nr.", which is as often the house number next to "Straße"
_ID_HEADERS = {"id", "sourceid", "importid", "lfdnr", "laufendenummer", "objektnr", "objektnummer", "objektid",
               "listennr"}


def status_text(status: str) -> str:
    """The report's text for a row status, in the user's language."""
    return {IMPORTED: tr("imported"), ALREADY_IMPORTED: tr("already imported"), NOT_PLACED: tr("not placed"),
            INVALID: tr("invalid"), NOT_PROCESSED: tr("not processed")}[status]


def report_columns() -> List[Tuple[str, str]]:
    """(attribute of RowReport, translated column name) of the import report, in order."""
    return [("row", tr("Row")), ("status", tr("Status")), ("name", tr("Name")), ("uuid", tr("Identifier (UUID)")),
            ("messages", tr("Messages"))]


@dataclass
class RowReport:
    row: int  # the row number the spreadsheet shows (header counted); a layer's feature position
    status: str
    name: str = ""
    uuid: str = ""
    messages: List[str] = field(default_factory=list)


def _key(text: Any) -> str:
    return normalise_address(text)  # case, spaces, punctuation, umlauts folded


def _mapping_targets(kind: str) -> List[FieldDef]:
    return cat.fields_for(kind) + (list(cat.OWNER_FIELDS) if kind == cat.VACANCY else [])


def _names_of(f: FieldDef) -> List[str]:
    """The keys a column header or mapping target is compared by: the field's name, its labels, the labels
    without a parenthesised unit ("Miete (€/m²)" -> "Miete")."""
    short = [re.sub(r"\s*\(.*?\)", "", label) for label in (f.label_de, f.label_en)]
    return [_key(n) for n in [f.name, f.label_de, f.label_en] + short if _key(n)]


def mapping_target(text: str, kind: str) -> Optional[str]:
    """The field a mapping's left side names (key or label, any case), SOURCE_ID for an ID column, else None."""
    key = _key(text)
    if key in (SOURCE_ID, "sourceid"):
        return SOURCE_ID
    return next((f.name for f in _mapping_targets(kind) if key in _names_of(f)), None)


def target_label(name: str) -> str:
    """A mapping target as the user reads it: the field's label in the UI language."""
    return tr("ID of the row") if name == SOURCE_ID else val.label(cat.field_by_name(name))


def find_column(name: str, columns: Sequence[str]) -> Optional[str]:
    """The column called ``name``: exactly, else case, spacing and punctuation aside."""
    if name in columns:
        return name
    return next((c for c in columns if _key(c) and _key(c) == _key(name)), None)


def auto_mapping(columns: Iterable[str], kind: str, explicit: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """catalogue field (or SOURCE_ID) -> column: explicit pairs first (either side by name or label), then
    columns named like a field, its German or English label, or an ID."""
    columns = list(columns)
    by_key = {}
    for c in columns:
        by_key.setdefault(_key(c), c)
    mapping: Dict[str, str] = {}
    for target, source in (explicit or {}).items():
        name, column = mapping_target(target, kind), find_column(source, columns)
        if name and column:
            mapping[name] = column
    taken = set(mapping.values())
    for f in _mapping_targets(kind):
        if f.name in mapping:
            continue
        column = next((by_key[k] for k in _names_of(f) if k in by_key and by_key[k] not in taken), None)
        if column:
            mapping[f.name] = column
            taken.add(column)
    if SOURCE_ID not in mapping:
        column = next((c for c in columns if _key(c) in _ID_HEADERS and c not in taken), None)
        if column:
            mapping[SOURCE_ID] = column
    return mapping


def mapping_errors(explicit: Mapping[str, str], columns: Sequence[str], kind: str) -> List[str]:
    """What is wrong with an explicit mapping, as messages that say what to write instead."""
    errors = []
    for target, source in explicit.items():
        if mapping_target(target, kind) is None:
            errors.append(tr("“{target}” is not a field of the catalogue. Write a field's name or its German or "
                             "English label on the left, e.g. “Bezeichnung=Objekt”.").format(target=target))
        if find_column(source, columns) is None:
            errors.append(tr("The list has no column “{column}”. Its columns are: {columns}.").format(
                column=source, columns=", ".join(columns)))
    return errors


def header_score(kind: str, explicit: Optional[Mapping[str, str]] = None,
                 extra: Sequence[str] = ()) -> Callable[[Sequence[str]], int]:
    """How well a row's cells fit as the header: the number of fields they name (for listread.find_header)."""
    extra_keys = {_key(e) for e in extra if e}

    def score(cells: Sequence[str]) -> int:
        return len(auto_mapping(cells, kind, explicit)) + sum(_key(c) in extra_keys for c in cells)

    return score


def parse_mapping(text: str) -> Dict[str, str]:
    """``"name=Bezeichnung; address=Straße"`` -> dict (the algorithm's mapping parameter)."""
    result = {}
    for part in (text or "").replace("\n", ";").split(";"):
        if "=" in part:
            target, source = part.split("=", 1)
            result[target.strip()] = source.strip()
    return result


def _text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # a spreadsheet's 3.0 in a text column
    return str(raw).strip()


def coded_value(f: FieldDef, raw: Any, decimal_comma: Optional[bool] = None) -> Any:
    """A cell as the catalogue stores it: numbers and dates converted (a cell that is neither stays text, for
    validation to name), choice labels to keys, municipality names to AGS, lists split."""
    if val.is_empty(raw):
        return None
    if f.type in (FieldType.INTEGER, FieldType.REAL):
        try:
            number = val.to_number(raw, decimal_comma)
        except (TypeError, ValueError):
            return _text(raw)
        return int(number) if f.type == FieldType.INTEGER and number.is_integer() else number
    if f.type == FieldType.DATE:
        try:
            return val.to_date(raw)
        except ValueError:
            return _text(raw)
    text = _text(raw)
    if f.name == "municipality_ags":
        if text.isdigit() and len(text) == 3:
            return cat.COUNTY_AGS + text
        by_name = {_key(m.name): m.ags for m in cat.MUNICIPALITIES}
        return by_name.get(_key(text), text)
    if f.name == "postcode" and text.isdigit() and len(text) == 4:
        return "0" + text  # Saxon postcodes start with 0; a number cell drops it
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


def row_values(row: Mapping[str, Any], mapping: Mapping[str, str], kind: str,
               decimal_comma: Optional[bool] = None) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """(site values, owner values) of a row, catalogue defaults for what the list does not say."""
    values: Dict[str, Any] = {}
    owner: Dict[str, Any] = {}
    for name, column in mapping.items():
        if name == SOURCE_ID:
            continue
        f = cat.field_by_name(name)
        target = owner if f.table == "owner_contact" else values
        target[name] = coded_value(f, row.get(column), decimal_comma)
    for f in cat.fields_for(kind):
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


@dataclass
class Placement:
    """Where rows get their position: coordinate columns, the geocoder, the rows' own geometry."""

    x_column: str = ""
    y_column: str = ""
    coordinate_crs: QgsCoordinateReferenceSystem = field(
        default_factory=lambda: QgsCoordinateReferenceSystem("EPSG:4326"))
    geometry_crs: Optional[QgsCoordinateReferenceSystem] = None
    geocoder: Optional[Geocoder] = None
    decimal_comma: Optional[bool] = None


def _place_hint(row: SourceRow, placement: Placement) -> str:
    """What tells two rows without an address apart in the source key: their coordinates or geometry."""
    if row.geometry is not None and not row.geometry.isEmpty():
        return row.geometry.asWkt(7)
    cells = [row.cells.get(c) for c in (placement.x_column, placement.y_column) if c]
    return "|".join("" if val.is_empty(c) else str(c).strip() for c in cells)


def import_rows(rows: Sequence[SourceRow], kind: str, wc_path: str, mapping: Mapping[str, str],
                placement: Optional[Placement] = None, distance_m: float = 25.0,
                is_canceled: Callable[[], bool] = lambda: False,
                progress: Callable[[float], None] = lambda p: None,
                reports: Optional[List[RowReport]] = None) -> List[RowReport]:
    """Check and save every row; returns one report per row, in order. ``reports`` (if given) is filled as rows
    are done, so a caller still has them if the import stops; rows after a cancel are "not processed"."""
    placement = placement or Placement()
    reports = reports if reports is not None else []
    keys = importkeys.KeyStore(wc_path)
    seen: Dict[str, int] = {}  # source key -> row number, for a row listed twice
    for i, row in enumerate(rows):
        if is_canceled():
            reports += not_processed(rows[i:], tr("The import was cancelled before this row. Run it again: rows "
                                                  "already imported are recognised and not imported twice."))
            break
        progress(100.0 * i / max(1, len(rows)))
        report = RowReport(row.number, INVALID)
        reports.append(report)
        try:
            _import_row(row, kind, wc_path, mapping, placement, distance_m, keys, seen, report)
        except Exception as exc:  # noqa: BLE001  (one bad row must not cost the others or the report)
            LOG.exception("list import: row %s failed", row.number)
            report.status = INVALID
            report.messages.append(tr("This row could not be imported ({error}). Check its values; the other rows "
                                      "are imported.").format(error=exc))
    progress(100.0)
    return reports


def not_processed(rows: Sequence[SourceRow], message: str) -> List[RowReport]:
    return [RowReport(r.number, NOT_PROCESSED, messages=[message]) for r in rows]


def _import_row(row: SourceRow, kind: str, wc_path: str, mapping: Mapping[str, str], placement: Placement,
                distance_m: float, keys: importkeys.KeyStore, seen: Dict[str, int], report: RowReport) -> None:
    values, owner = row_values(row.cells, mapping, kind, placement.decimal_comma)
    report.name = str(values.get("name") or "")
    source_id = row.cells.get(mapping[SOURCE_ID]) if SOURCE_ID in mapping else None
    key = importkeys.row_key(kind, values, source_id, _place_hint(row, placement))
    content = importkeys.content_hash({c: row.cells.get(c) for c in mapping.values()})
    if key in seen:
        report.status = ALREADY_IMPORTED
        report.messages.append(tr("Same site as row {row} of this list (same ID, or same name, address and "
                                  "municipality): imported once. If they are different sites, tell them apart by "
                                  "name or give the list an ID column.").format(row=seen[key]))
        return
    known = keys.lookup(key, kind, values, not val.is_empty(source_id), content)
    if known is not None:
        report.status, report.uuid = ALREADY_IMPORTED, known.uuid
        report.messages.append(_known_message(known, source_id))
        return
    geom, crs = _place(row, values, kind, placement, report)
    if geom is None:
        report.status = NOT_PLACED
        return
    if val.is_empty(values.get("municipality_ags")):
        prepared, _ = prepare_geometry(kind, geom, crs, repair=True)
        if prepared is not None:
            values["municipality_ags"] = drafts.municipality_at(wc_path, prepared)
    result = drafts.check_site(wc_path, kind, values, geom, crs, owner=owner or None, distance_m=distance_m)
    if result.errors:
        report.messages += [i.message for i in result.errors]
        report.status = NOT_PLACED if any(i.field is None for i in result.errors) else INVALID
        return
    site_uuid = wc.new_uuid()
    keys.remember(key, kind, site_uuid, content)  # first: a crash after it leaves a key without a site
    try:
        report.uuid = drafts.save_site(wc_path, kind, values, result.geometry, owner=owner or None,
                                        site_uuid=site_uuid)
    except OSError as exc:
        keys.forget(key)
        report.messages.append(str(exc))
        return
    keys.saved(site_uuid)
    seen[key] = row.number
    report.status = IMPORTED
    report.messages += [i.message for i in result.warnings]


def _known_message(known: importkeys.Known, source_id: Any) -> str:
    if known.how == importkeys.BY_ID:
        text = tr("Imported before (recognised by its ID “{id}”): not imported again.").format(id=source_id)
    elif known.how == importkeys.BY_KEY and known.by_position:
        text = tr("Imported before (recognised by its name, municipality and position, as it has no address): not "
                  "imported again.")
    elif known.how == importkeys.BY_KEY:
        text = tr("Imported before (recognised by its name, address and municipality): not imported again.")
    else:
        text = tr("The working copy already holds this site (same name, address and municipality): not imported "
                  "again.")
    if known.changed:
        text += " " + tr("The row has changed since it was imported; the changes were not applied. Edit the site "
                         "in the Capture dock.")
    return text


def _place(row: SourceRow, values: Dict[str, Any], kind: str, placement: Placement, report: RowReport):
    """(geometry, crs) of a row, or (None, None) with the reason in the report."""
    geometry, cells = row.geometry, row.cells
    if geometry is not None and not geometry.isNull() and not geometry.isEmpty():
        return geometry, placement.geometry_crs
    x_raw, y_raw = cells.get(placement.x_column), cells.get(placement.y_column)
    if placement.x_column and placement.y_column and not val.is_empty(x_raw) and not val.is_empty(y_raw):
        try:
            x, y = val.to_number(x_raw, placement.decimal_comma), val.to_number(y_raw, placement.decimal_comma)
        except (TypeError, ValueError):
            report.messages.append(tr("The coordinates “{x}”, “{y}” are not numbers. Correct them or leave them "
                                      "empty to search the address.").format(x=x_raw, y=y_raw))
            return None, None
        return QgsGeometry.fromPointXY(QgsPointXY(x, y)), placement.coordinate_crs
    if kind == cat.BROWNFIELD:
        report.messages.append(tr("A brownfield needs its outline: import it from a polygon layer, or capture it "
                                  "in the dock."))
        return None, None
    query = geocode_query(values)
    if not query or placement.geocoder is None:
        report.messages.append(tr("The row has neither coordinates nor an address to search. Add one of them."))
        return None, None
    try:
        results = placement.geocoder.search(query, limit=1)
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
