"""Validation of a site's attributes before it is saved, derived from the field catalogue.

The same rules (and the same message texts) are used by the capture dock, the list import and, as constraint
expressions, by QGIS's own attribute form of the working-copy layers (core/capture/formconfig.py). Every message is
translated and says what to fix; validation never changes what the user typed. The geometry's rules are in
core/capture/geometry.py, the duplicate warnings in core/capture/duplicates.py; all report ``Issue``s.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from qgis.core import QgsGeometry, QgsPointXY

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType

LOG = logging.getLogger(__name__)

ERROR, WARNING = "error", "warning"



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
    from ..i18n import ui_language

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
    """The one consent rule (here, in QGIS's form and the register's RG013): the date of the owner's consent to
    publication is a field of the site, on the form's tab this message names."""
    from .formconfig import tab_of

    return tr("A private vacancy can only be marked for publication when the owner's consent is recorded. "
              "Enter “{date}” on the tab “{tab}”, or untick “{flag}”.").format(
        date=label(cat.field_by_name("publication_consent_date")), tab=tab_of(cat.VACANCY, "publication_consent_date"),
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
    from .publication import publication_issue  # a private site the public view will not show: say why

    issues += [i for i in [publication_issue(kind, values, today)] if i is not None]
    if kind == cat.VACANCY and values.get("ownership") == "private" and to_bool(values.get("publication_consent")):
        consent_date = values.get("publication_consent_date")
        if is_empty(consent_date):  # the server refuses it too (RG013)
            issues.append(Issue(consent_message(), "publication_consent_date"))
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
        from ..sync.workingcopy import decode_multi

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


def errors_only(issues: Sequence[Issue]) -> List[Issue]:
    return [i for i in issues if i.is_error]


def by_field(issues: Sequence[Issue]) -> Dict[Optional[str], List[str]]:
    result: Dict[Optional[str], List[str]] = {}
    for issue in issues:
        result.setdefault(issue.field, []).append(issue.message)
    return result
