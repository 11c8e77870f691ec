"""Values as the capture form shows them: catalogue labels, value-list labels, numbers and dates in the user's
language (German: 1.200,5 and 02.12.2026), booleans as Ja/Nein."""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from qgis.PyQt.QtCore import QDate, QDateTime, QLocale, QTime

from ...capture.validation import label_language
from ...i18n import tr
from .. import catalogue as cat
from ..catalogue import FieldDef, FieldType


def locale(lang: Optional[str] = None) -> QLocale:
    """German formats in a German QGIS; otherwise the locale QGIS runs with."""
    return QLocale("de_DE") if (lang or label_language()) == "de" else QLocale()


def field_label(name: str, lang: Optional[str] = None) -> str:
    if name == "geom":
        return tr("Geometry")
    try:
        return cat.field_by_name(name).label(lang or label_language())
    except KeyError:
        return name


def number(value: float, decimals: int = 1, lang: Optional[str] = None) -> str:
    """``value`` with grouping and at most ``decimals`` decimals (trailing zeros dropped)."""
    loc = locale(lang)
    if float(value).is_integer():
        return loc.toString(int(value))
    text = loc.toString(float(value), "f", decimals)
    point = loc.decimalPoint()
    return text.rstrip("0").rstrip(point) if point in text else text


def date(value: Any, lang: Optional[str] = None) -> str:
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return locale(lang).toString(QDate(d.year, d.month, d.day), "dd.MM.yyyy" if (lang or label_language()) == "de"
                                 else "yyyy-MM-dd")


def timestamp(value: Any, lang: Optional[str] = None) -> str:
    """A point in time in local time, to the minute (no seconds, no microseconds)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(str(value))
    if value.tzinfo is not None:
        value = value.astimezone()
    qdt = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, 0))
    return locale(lang).toString(qdt, "dd.MM.yyyy HH:mm" if (lang or label_language()) == "de"
                                 else "yyyy-MM-dd HH:mm")


def yes_no(value: Any) -> str:
    return tr("Yes") if value in (True, "true", "t", 1, "1") else tr("No")


def value_text(f: FieldDef, value: Any, lang: Optional[str] = None) -> str:
    """``value`` of field ``f`` as the form shows it; an empty value is an empty string."""
    lang = lang or label_language()
    if value is None or value == "" or value == []:
        return ""
    if f.name == "municipality_ags":
        return f"{cat.MUNICIPALITY_NAMES.get(str(value), str(value))} ({value})"
    if f.type == FieldType.BOOLEAN:
        return yes_no(value)
    if f.type == FieldType.CHOICE and f.choices is not None:
        return f.choices.label(str(value), lang)
    if f.type == FieldType.MULTI_CHOICE and f.choices is not None:
        keys = value if isinstance(value, list) else [value]
        return ", ".join(f.choices.label(str(k), lang) for k in keys)
    if f.type == FieldType.INTEGER:
        return locale(lang).toString(int(value))
    if f.type == FieldType.REAL:
        return number(float(value), 2, lang)
    if f.type == FieldType.DATE:
        return date(value, lang)
    if f.name.endswith("_at"):
        return timestamp(value, lang)
    return str(value)


def named_value(name: str, value: Any, lang: Optional[str] = None) -> str:
    try:
        return value_text(cat.field_by_name(name), value, lang)
    except KeyError:
        return "" if value is None else str(value)
