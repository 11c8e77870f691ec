"""Translation helpers for code outside QObject subclasses.

Use ``tr("literal English text")`` and format afterwards: ``tr("Pushed to {name}").format(name=name)``.
pylupdate5 sees the literal; an f-string inside tr() would hide the text from the translation tools.

Counts use Qt's numerus forms: ``tr("%n site(s) pushed", "", n)`` (positional, so pylupdate5 files the message
with numerus="yes"); Qt puts n for %n and picks the German singular or plural from the .ts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "@default"  # the context pylupdate5 gives tr() calls outside classes


def tr(text: str, disambiguation: Optional[str] = None, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, disambiguation or None, n)


def ui_language() -> str:
    """Two-letter language of the QGIS user interface ("de", "en", ...)."""
    override = QgsSettings().value("locale/overrideFlag", False, type=bool)
    name = QgsSettings().value("locale/userLocale", "", type=str) if override else ""
    return (name or QLocale().name() or "en")[:2]


def install_translator(i18n_dir: Path, language: Optional[str] = None) -> Optional[QTranslator]:
    """Load ``coworking_plugin_<lang>.qm`` into the application; returns it so unload() can remove it."""
    lang = language or ui_language()
    qm = Path(i18n_dir) / f"coworking_plugin_{lang}.qm"
    if not qm.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def format_number(value: float, lang: str, decimals: Optional[int] = None) -> str:
    """A number as the UI language writes it ("1.234,5" in German, "1,234.5" in English); without
    ``decimals``, as many as its size needs (2 below 10, 1 below 100, none above)."""
    if decimals is None:
        size = abs(value)
        decimals = 2 if size < 10 else 1 if size < 100 else 0
    return QLocale(lang).toString(float(value), "f", decimals)


def number_text(value: float, lang: str) -> str:
    """A number for an input field: the UI language's decimal sign, no thousands separators, no trailing
    zeros ("0,4", "1500", "2,25" in German)."""
    locale = QLocale(lang)
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(float(value), "g", 12)


def parse_number(text: str, lang: str) -> float:
    """A number typed by the user: the UI language's decimal comma or a decimal point ("0,4", "0.4"); German
    thousands separators are accepted where a comma marks the decimals ("1.500,5"). Raises ValueError."""
    t = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if QLocale(lang).decimalPoint() == "," and "," in t:
        t = t.replace(".", "").replace(",", ".")
    value = float(t)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value
