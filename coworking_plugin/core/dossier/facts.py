"""A site's attributes as text, as the capture form shows them: the catalogue's labels in the UI language,
value-list labels instead of keys, numbers and dates in the local format (German: 1.234,5 and 31.12.2024)."""

from __future__ import annotations

import datetime
from typing import Any, Callable, List, Mapping, Optional, Tuple

from qgis.PyQt.QtCore import QDate, QDateTime, QLocale

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from ..sync.workingcopy import decode_multi

#: Fields a dossier leaves out although the catalogue marks them public: the free-text notes (officers write
#: names and phone numbers there), and the publication bookkeeping, which says nothing about the site.
INTERNAL = ("notes", "sensitive", "publication_consent", "publication_consent_date", "municipality_ags")

Fact = Tuple[str, str]


def is_empty(value: Any) -> bool:
    return value is None or value == "" or (hasattr(value, "isNull") and value.isNull())


def _locale(lang: str) -> QLocale:
    return QLocale(QLocale.Language.German if lang == "de" else QLocale.Language.English,
                   QLocale.Country.Germany if lang == "de" else QLocale.Country.UnitedKingdom)


def format_date(value: Any, lang: str) -> str:
    if isinstance(value, QDateTime):
        value = value.date()
    if isinstance(value, (datetime.date, datetime.datetime)):
        value = QDate(value.year, value.month, value.day)
    if isinstance(value, str):
        parsed = QDate.fromString(value[:10], "yyyy-MM-dd")
        value = parsed if parsed.isValid() else value
    if isinstance(value, QDate):
        return value.toString("dd.MM.yyyy" if lang == "de" else "yyyy-MM-dd")
    return str(value)


def format_number(value: Any, lang: str, decimals: int = 0) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    loc = _locale(lang)
    if decimals == 0 or number.is_integer():
        return loc.toString(int(round(number)))
    return loc.toString(number, "f", decimals)


def format_value(f: FieldDef, value: Any, lang: str) -> str:
    """``value`` of field ``f`` as the form shows it; "" when empty."""
    if is_empty(value):
        return ""
    if f.name == "municipality_ags":
        return cat.MUNICIPALITY_NAMES.get(str(value), str(value))
    if f.type == FieldType.CHOICE:
        return f.choices.label(str(value), lang)
    if f.type == FieldType.MULTI_CHOICE:
        return ", ".join(f.choices.label(k, lang) for k in decode_multi(value))
    if f.type == FieldType.BOOLEAN:
        truth = value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "t", "yes")
        return tr("yes") if truth else tr("no")
    if f.type == FieldType.DATE:
        return format_date(value, lang)
    if f.type == FieldType.INTEGER:
        return format_number(value, lang)
    if f.type == FieldType.REAL:
        return format_number(value, lang, 1)
    return str(value).strip()


def _address(get: Callable[[str], Any]) -> str:
    street = "" if is_empty(get("address")) else str(get("address")).strip()
    town = " ".join(str(get(k)).strip() for k in ("postcode", "locality") if not is_empty(get(k)))
    return ", ".join(p for p in (street, town) if p)


def site_facts(kind: str, values: Mapping[str, Any], lang: str) -> List[Fact]:
    """Label and value of every filled field of the site, in form order; kind and municipality first, the
    address in one line."""
    def get(name: str) -> Any:
        return values.get(name)

    facts: List[Fact] = [
        (tr("Kind"), cat.KIND_LABELS[kind][0 if lang == "de" else 1]),
        (cat.field_by_name("municipality_ags").label(lang), format_value(cat.field_by_name("municipality_ags"),
                                                                          get("municipality_ags"), lang)),
    ]
    address = _address(get)
    if address:
        facts.append((tr("Address"), address))
    for f in cat.fields_for(kind):
        if f.name in INTERNAL or f.name in ("name", "address", "postcode", "locality"):
            continue
        text = format_value(f, get(f.name), lang)
        if text:
            facts.append((f.label(lang), text))
    return facts


def status_facts(values: Mapping[str, Any], lang: str) -> List[Fact]:
    """Review status, when it was decided and the register version."""
    status = values.get("status")
    facts: List[Fact] = [(cat.field_by_name("status").label(lang),
                          tr("Draft, not yet in the register") if is_empty(status)
                          else format_value(cat.field_by_name("status"), status, lang))]
    for name in ("reviewed_at", "updated_at", "version"):
        f = cat.field_by_name(name)
        value = values.get(name)
        text = format_date(value, lang) if name.endswith("_at") and not is_empty(value) else format_value(
            f, value, lang)
        if text:
            facts.append((f.label(lang), text))
    return facts


def owner_facts(values: Optional[Mapping[str, Any]], lang: str) -> List[Fact]:
    if not values:
        return []
    return [(f.label(lang), format_value(f, values.get(f.name), lang)) for f in cat.OWNER_FIELDS
            if format_value(f, values.get(f.name), lang)]
