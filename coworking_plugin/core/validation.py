"""Validation of a site before it is saved, derived from the field catalogue.

The same rules (and the same message texts) are used by the capture dock, the list import and, as constraint
expressions, by QGIS's own attribute form of the working-copy layers (core/formconfig.py). Every message is
translated and says what to fix; validation never changes what the user typed.

Geometry rules: not empty, of the right kind (polygon for a brownfield, point for a vacancy), transformed to
EPSG:25833, valid (self-intersections are refused with their location, or repaired on request) and inside
Landkreis Meißen. Duplicate warnings (within ``duplicate_distance_m`` or with the same normalised address)
cover the working copy and the approved sites of the server register, across municipality borders.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from . import catalogue as cat
from .catalogue import FieldDef, FieldType
from .i18n import tr
from .paths import resource

LOG = logging.getLogger(__name__)

ERROR, WARNING = "error", "warning"

#: VG5000 is generalised to 1:5,000,000; a site this close outside the coarse outline is still accepted.
COUNTY_TOLERANCE_M = 500.0


@dataclass
class Issue:
    """One finding. ``field`` names the catalogue field (None: the geometry or the site as a whole)."""

    message: str
    field: Optional[str] = None
    severity: str = ERROR
    location: Optional[QgsPointXY] = None  # EPSG:25833, where the problem is (self-intersection, duplicate)
    duplicate: Optional[Duplicate] = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class Duplicate:
    """Another site that may be the same one: where it is kept and how to open it."""

    uuid: str
    name: str
    address: str
    kind: str
    source: str  # "working_copy" or "register"
    distance_m: Optional[float] = None
    same_address: bool = False
    geometry: Optional[QgsGeometry] = field(default=None, repr=False)


def label_language() -> str:
    """Catalogue labels follow the QGIS UI language: German in a German QGIS, English otherwise."""
    from .i18n import ui_language

    return "de" if ui_language() == "de" else "en"


def label(f: FieldDef) -> str:
    return f.label(label_language())


def _num(value: float) -> str:
    return f"{value:g}"


# -- message texts (shared with the attribute-form constraints) -------------------------------------------
def required_message(f: FieldDef) -> str:
    return tr("“{label}” is required. Please fill it in.").format(label=label(f))


def range_message(f: FieldDef) -> str:
    if f.name == "area_m2":
        return tr("“{label}” must be greater than 0 m². Digitise a polygon with an area.").format(label=label(f))
    if f.minimum is not None and f.maximum is not None:
        return tr("“{label}” must be between {minimum} and {maximum}. Please correct the value.").format(
            label=label(f), minimum=_num(f.minimum), maximum=_num(f.maximum))
    if f.minimum is not None:
        return tr("“{label}” must be at least {minimum}. Please correct the value.").format(
            label=label(f), minimum=_num(f.minimum))
    return tr("“{label}” must be at most {maximum}. Please correct the value.").format(
        label=label(f), maximum=_num(f.maximum))


def length_message(f: FieldDef) -> str:
    return tr("“{label}” may have at most {n} characters. Please shorten it.").format(label=label(f), n=f.max_length)


def pattern_message(f: FieldDef) -> str:
    hints = {
        "municipality_ags": tr("an 8-digit municipality key of Landkreis Meißen, e.g. 14627140 for Meißen"),
        "postcode": tr("five digits, e.g. 01662"),
        "owner_phone": tr("digits, spaces and + ( ) / - only"),
        "owner_email": tr("an address like name@example.de"),
    }
    hint = hints.get(f.name, tr("see the field's help"))
    return tr("“{label}” has the wrong format. Expected: {hint}.").format(label=label(f), hint=hint)


def future_message(f: FieldDef) -> str:
    return tr("“{label}” lies in the future. Enter a date up to today.").format(label=label(f))


def consent_message() -> str:
    return tr("A private vacancy can only be marked for publication when the owner's consent is recorded. "
              "Enter “{date}”, or untick “{flag}”.").format(
        date=label(cat.field_by_name("publication_consent_date")),
        flag=label(cat.field_by_name("publication_consent")))


def number_message(f: FieldDef) -> str:
    return tr("“{label}” must be a number. Please correct the value.").format(label=label(f))


def date_message(f: FieldDef) -> str:
    return tr("“{label}” must be a date (DD.MM.YYYY). Please correct the value.").format(label=label(f))


def choice_message(f: FieldDef, value: str) -> str:
    return tr("“{label}”: “{value}” is not one of the allowed values. Choose one from the list.").format(
        label=label(f), value=value)


# -- attribute values ---------------------------------------------------------------------------------------
def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if hasattr(value, "isNull") and value.isNull():
        return True
    if isinstance(value, str) and not value.strip():
        return True
    return isinstance(value, (list, tuple)) and not value


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d", "%d.%m.%y", "%d/%m/%Y")
_DATE_TIME = re.compile(r"(\S+)[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")  # a time after the day
#: "1.234" is 1234 in a German list (thousands grouped with dots), 1.234 in an English one
_GROUPED_DOT = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")


def to_date(value: Any) -> Optional[dt.date]:
    """A date from a Python date/datetime, a QDate/QDateTime or an ISO, German (DD.MM.YYYY) or GDAL spreadsheet
    (YYYY/MM/DD) string, a time of day after it ignored; None if empty. Raises ValueError for anything else."""
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "toPyDateTime"):  # QDateTime
        return value.toPyDateTime().date()
    if hasattr(value, "toPyDate"):  # QDate
        return value.toPyDate()
    text = str(value).strip()
    match = _DATE_TIME.fullmatch(text)
    day = match.group(1) if match else text
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(day, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def to_number(value: Any, decimal_comma: Optional[bool] = None) -> Optional[float]:
    """A float from a number or a German/English number text; None if empty. Raises ValueError, also for NaN
    and infinity.

    "1.234,5" and "1,234.5": the last separator is the decimal one; a single comma is a decimal comma;
    "1.234" is 1234 only where ``decimal_comma`` says the list writes decimal commas (else 1.234)."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") \
                else text.replace(",", "")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        elif "," in text:  # 1,234,567
            text = text.replace(",", "")
        elif decimal_comma and _GROUPED_DOT.fullmatch(text):
            text = text.replace(".", "")
        if "_" in text:  # float() reads "1_000"; a list does not mean that
            raise ValueError(value)
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def to_bool(value: Any) -> bool:
    if is_empty(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "ja", "x", "wahr", "t", "j")
    return bool(value)


def validate_attributes(kind: str, values: Mapping[str, Any], owner: Optional[Mapping[str, Any]] = None,
                        today: Optional[dt.date] = None) -> List[Issue]:
    """Check the typed values of a site of ``kind`` against the catalogue; owner contact fields too."""
    today = today or dt.date.today()
    issues: List[Issue] = []
    defs = [f for f in cat.fields_for(kind) if not f.computed or f.name == "area_m2"]
    checks: List[Tuple[FieldDef, Any]] = [(f, values.get(f.name)) for f in defs]
    if owner:
        checks += [(f, owner.get(f.name)) for f in cat.OWNER_FIELDS]
    for f, value in checks:
        issues += _check_value(f, value, today)
    if kind == cat.VACANCY and values.get("ownership") == "private" and to_bool(values.get("publication_consent")):
        consent_date = values.get("publication_consent_date")
        if is_empty(consent_date):  # the server refuses it too (RG013)
            issues.append(Issue(consent_message(), "publication_consent"))
    return issues


def _check_value(f: FieldDef, value: Any, today: dt.date) -> List[Issue]:
    if is_empty(value):
        return [Issue(required_message(f), f.name)] if f.required else []
    if f.type in (FieldType.INTEGER, FieldType.REAL):
        try:
            number = to_number(value)
        except (TypeError, ValueError):
            return [Issue(number_message(f), f.name)]
        if f.type == FieldType.INTEGER and number is not None and number != int(number):
            return [Issue(number_message(f), f.name)]
        low_ok = f.minimum is None or (number > 0 if f.name == "area_m2" else number >= f.minimum)
        high_ok = f.maximum is None or number <= f.maximum
        return [] if low_ok and high_ok else [Issue(range_message(f), f.name)]
    if f.type == FieldType.DATE:
        try:
            date = to_date(value)
        except ValueError:
            return [Issue(date_message(f), f.name)]
        return [Issue(future_message(f), f.name)] if f.not_in_future and date and date > today else []
    if f.type == FieldType.CHOICE:
        keys = f.choices.keys() if f.choices else []
        return [] if str(value) in keys else [Issue(choice_message(f, str(value)), f.name)]
    if f.type == FieldType.MULTI_CHOICE:
        from .workingcopy import decode_multi

        keys = f.choices.keys() if f.choices else []
        bad = [k for k in decode_multi(value) if k not in keys]
        return [Issue(choice_message(f, ", ".join(bad)), f.name)] if bad else []
    if f.type == FieldType.TEXT:
        text = str(value)
        if f.max_length and len(text) > f.max_length:
            return [Issue(length_message(f), f.name)]
        if f.pattern and not re.search(f.pattern, text.strip()):
            return [Issue(pattern_message(f), f.name)]
    return []


# -- geometry -----------------------------------------------------------------------------------------------
def register_crs() -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem(cat.REGISTER_CRS)


def to_register_crs(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> QgsGeometry:
    """A copy of ``geometry`` in EPSG:25833. Raises QgsCsException if the transformation fails."""
    geom = QgsGeometry(geometry)
    target = register_crs()
    if crs.isValid() and crs != target:
        result = geom.transform(QgsCoordinateTransform(crs, target, QgsProject.instance().transformContext()))
        if result != QgsGeometry.OperationResult.Success:
            raise QgsCsException(f"transformation failed ({result})")
    return geom


@lru_cache(maxsize=1)
def county_geometry() -> QgsGeometry:
    """The county outline (VG5000, shipped) in EPSG:25833, widened by COUNTY_TOLERANCE_M for its coarseness."""
    layer = QgsVectorLayer(str(resource("data", "lk_meissen_kreis_vg5000.geojson")), "kreis", "ogr")
    geoms = [f.geometry() for f in layer.getFeatures()]
    outline = to_register_crs(QgsGeometry.unaryUnion(geoms), layer.crs())
    return outline.buffer(COUNTY_TOLERANCE_M, 8)


def _site_geometry_kind(kind: str, geom: QgsGeometry) -> Tuple[Optional[QgsGeometry], Optional[str]]:
    gtype = geom.type()
    if kind == cat.BROWNFIELD:
        if gtype != QgsWkbTypes.GeometryType.PolygonGeometry:
            return None, tr("A brownfield needs an outline: digitise a polygon or take a polygon feature "
                            "(for example a parcel).")
        if not geom.isMultipart() and not geom.convertToMultiType():
            return None, tr("The polygon could not be stored as a multipolygon. Digitise it again.")
        return geom, None
    if gtype == QgsWkbTypes.GeometryType.PointGeometry:
        if geom.isMultipart():
            parts = geom.asMultiPoint()
            if len(parts) != 1:
                return None, tr("A vacancy is one building: click a single point.")
            geom = QgsGeometry.fromPointXY(parts[0])
        return geom, None
    if gtype == QgsWkbTypes.GeometryType.PolygonGeometry:  # e.g. a building footprint: its inner point
        return geom.pointOnSurface(), None
    return None, tr("A vacancy needs a point: click the building or take a building or address feature.")


def prepare_geometry(kind: str, geometry: Optional[QgsGeometry], crs: QgsCoordinateReferenceSystem,
                     repair: bool = False) -> Tuple[Optional[QgsGeometry], List[Issue]]:
    """The site geometry in EPSG:25833, of the kind's type, and the problems found.

    Self-intersections are reported with their location; with ``repair`` the geometry is repaired
    (makeValid) instead and a warning says so. The returned geometry is None when there are errors."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None, [Issue(tr("The site has no geometry yet. Digitise it on the map, search an address, or take "
                               "the geometry of a selected feature."))]
    try:
        geom = to_register_crs(geometry, crs)
    except QgsCsException as exc:
        return None, [Issue(tr("The geometry could not be transformed from {crs} to EPSG:25833 ({error}). Check "
                               "the layer's coordinate reference system.").format(crs=crs.authid(), error=exc))]
    geom, message = _site_geometry_kind(kind, geom)
    if message:
        return None, [Issue(message)]
    issues: List[Issue] = []
    errors = geom.validateGeometry(Qgis.GeometryValidationEngine.Geos)
    if errors:
        if repair:
            fixed = geom.makeValid()
            if kind == cat.BROWNFIELD:
                fixed = QgsGeometry.collectGeometry(
                    [p for p in (fixed.asGeometryCollection() or [fixed])
                     if p.type() == QgsWkbTypes.GeometryType.PolygonGeometry])
                if not fixed.isMultipart() and not fixed.convertToMultiType():
                    fixed = QgsGeometry()
            geom = fixed
            issues.append(Issue(tr("The geometry was invalid and has been repaired. Check the outline on the map."),
                                severity=WARNING))
        else:
            err = errors[0]
            where = err.where() if err.hasWhere() else None
            text = tr("The outline is invalid ({error}) at E {x:.1f}, N {y:.1f} (EPSG:25833). Correct the outline "
                      "there, or choose “Repair geometry”.").format(
                error=err.what(), x=where.x() if where else 0.0, y=where.y() if where else 0.0)
            return None, [Issue(text, location=where)]
    if geom.isEmpty():
        return None, [Issue(tr("The geometry is empty after repair. Digitise the site again."))]
    if kind == cat.BROWNFIELD and geom.area() <= 0:
        return None, [Issue(range_message(cat.field_by_name("area_m2")), "area_m2")]
    if not county_geometry().intersects(geom):
        centre = geom.centroid().asPoint()
        return None, [Issue(tr("The site lies outside Landkreis Meißen (at E {x:.0f}, N {y:.0f}, EPSG:25833). Check "
                               "the position and the coordinate reference system of the source, and place the site "
                               "inside the county.").format(x=centre.x(), y=centre.y()), location=centre)]
    return geom, issues


# -- duplicates ---------------------------------------------------------------------------------------------
_STREET = re.compile(r"(stra(ss|ß)e|str\.?)(?=\s|\d|$)")


def normalise_address(address: Any) -> str:
    """A comparable form of an address: case, whitespace, punctuation, ß/ss, umlauts, Straße/Str./Strasse."""
    if is_empty(address):
        return ""
    text = str(address).lower().strip()
    text = _STREET.sub("str", text)
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


def duplicate_issue(dup: Duplicate) -> Issue:
    where = tr("working copy") if dup.source == "working_copy" else tr("register, approved")
    if dup.same_address:
        text = tr("Possible duplicate: “{name}” ({where}) has the same address “{address}”. Open it to compare, "
                  "or save anyway if this is a different site.")
    else:
        text = tr("Possible duplicate: “{name}” ({where}) lies {distance:.0f} m away. Open it to compare, or save "
                  "anyway if this is a different site.")
    location = dup.geometry.centroid().asPoint() if dup.geometry is not None else None
    return Issue(text.format(name=dup.name, where=where, address=dup.address, distance=dup.distance_m or 0.0),
                 severity=WARNING, location=location, duplicate=dup)


def _match(geom: QgsGeometry, address_key: str, other_geom: Optional[QgsGeometry], other_address: Any,
           distance_m: float) -> Tuple[bool, Optional[float], bool]:
    distance = geom.distance(other_geom) if other_geom is not None and not other_geom.isNull() else None
    same = bool(address_key) and normalise_address(other_address) == address_key
    return (same or (distance is not None and distance <= distance_m)), distance, same


def local_duplicates(wc_path: str, geom: QgsGeometry, address: Any, distance_m: float = 25.0,
                     exclude_uuid: Optional[str] = None) -> List[Duplicate]:
    """Sites of both kinds in the working copy near ``geom`` (EPSG:25833) or with the same address."""
    from qgis.core import QgsFeatureRequest, QgsRectangle

    from . import workingcopy as wc

    key = normalise_address(address)
    found: List[Duplicate] = []
    for kind in cat.KINDS:
        layer = wc.layer(wc_path, kind)
        if key:
            request = QgsFeatureRequest()  # addresses: every row (a working copy holds a few hundred)
        else:
            box = QgsRectangle(geom.boundingBox())
            box.grow(distance_m)
            request = QgsFeatureRequest().setFilterRect(box)
        for feat in layer.getFeatures(request):
            if exclude_uuid and feat["uuid"] == exclude_uuid or feat["sync_state"] == wc.SYNC_ARCHIVE:
                continue
            hit, distance, same = _match(geom, key, feat.geometry(), feat["address"], distance_m)
            if hit:
                found.append(Duplicate(str(feat["uuid"]), str(feat["name"] or ""), str(feat["address"] or ""),
                                       kind, "working_copy", distance, same, QgsGeometry(feat.geometry())))
    return found


def server_duplicates(conn, geom: QgsGeometry, address: Any, distance_m: float = 25.0,
                      exclude_uuid: Optional[str] = None, schema: str = "coworking") -> List[Duplicate]:
    """Approved sites in the register (psycopg2 connection) near ``geom`` or with the same address.

    The database narrows by distance or by the house number/first letters of the address; Python compares
    the normalised addresses, so the rule is the same as for the working copy."""
    from psycopg2 import sql

    key = normalise_address(address)
    numbers = re.findall(r"\d+", str(address or ""))
    prefix = re.sub(r"([%_\\])", r"\\\1", str(address or "").strip()[:4])  # LIKE wildcards typed by the user
    like = "%" + numbers[0] + "%" if numbers else ("%" + prefix + "%" if key else None)
    found: List[Duplicate] = []
    with conn.cursor() as cur:
        for kind in cat.KINDS:
            query = sql.SQL(
                "SELECT uuid::text, name, address, ST_AsBinary(geom) FROM {}.{} "
                "WHERE status = 'approved' AND (uuid::text <> %(exclude)s) AND "
                "(ST_DWithin(geom, ST_GeomFromWKB(%(wkb)s, 25833), %(dist)s) "
                "OR (%(like)s IS NOT NULL AND address ILIKE %(like)s))"
            ).format(sql.Identifier(schema), sql.Identifier(kind))
            cur.execute(query, {"exclude": exclude_uuid or "", "wkb": bytes(geom.asWkb()), "dist": distance_m,
                                "like": like})
            for uuid, name, addr, wkb in cur.fetchall():
                other = QgsGeometry()
                if wkb is not None:
                    other.fromWkb(bytes(wkb))
                hit, distance, same = _match(geom, key, other, addr, distance_m)
                if hit:
                    found.append(Duplicate(uuid, name or "", addr or "", kind, "register", distance, same, other))
    return found


def duplicate_issues(duplicates: Iterable[Duplicate]) -> List[Issue]:
    return [duplicate_issue(d) for d in sorted(duplicates, key=lambda d: (d.distance_m is None, d.distance_m or 0))]


def errors_only(issues: Sequence[Issue]) -> List[Issue]:
    return [i for i in issues if i.is_error]


def by_field(issues: Sequence[Issue]) -> Dict[Optional[str], List[str]]:
    result: Dict[Optional[str], List[str]] = {}
    for issue in issues:
        result.setdefault(issue.field, []).append(issue.message)
    return result
