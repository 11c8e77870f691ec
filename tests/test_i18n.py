"""The UI is complete in German: every tr() string of the sources has a finished German translation, the
translation keeps the source's {placeholders} (a missing one would raise KeyError in .format()), and the
translations really reach the Processing algorithms and the docks at run time (a tr() whose context differs
from the one pylupdate5 filed the string under silently stays English)."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "i18n" / "coworking_plugin_de.ts"
#: {name} and {name:.1f}: the format spec must survive the translation too
PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*(?::[^{}]*)?\}")
SCREENSHOTS = ROOT / "test-output" / "screenshots"


def _messages(ts: Path):
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        ctx = context.findtext("name")
        for msg in context.iter("message"):
            tr = msg.find("translation")
            yield ctx, msg.findtext("source"), tr


def _texts(tr) -> list:
    """The translated texts of a message: its numerus forms (singular, plural) or its one text."""
    forms = tr.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [tr.text or ""]


def _german() -> dict:
    """English source -> the German translations it has (in any context; both forms of a count)."""
    result: dict = {}
    for _ctx, src, tr in _messages(TS):
        result.setdefault(src, set()).update(_texts(tr))
    return result


def _sources_in_code(tmp_path: Path) -> set:
    scratch = tmp_path / "scratch.ts"
    shutil.copy(TS, scratch)
    sources = sorted(str(p) for p in (ROOT / "coworking_plugin").rglob("*.py"))
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(scratch)], check=True,
                   capture_output=True)
    return {(ctx, src) for ctx, src, _ in _messages(scratch)}


def test_every_string_in_the_code_is_in_the_ts_file(tmp_path):
    in_code = _sources_in_code(tmp_path)
    in_ts = {(ctx, src) for ctx, src, _ in _messages(TS)}
    missing = sorted(in_code - in_ts)
    assert not missing, f"run `make translate` and translate: {missing[:20]} ({len(missing)} in all)"


def test_every_translation_is_finished_and_keeps_placeholders():
    problems = []
    for ctx, src, tr in _messages(TS):
        texts = _texts(tr)
        if tr.get("type") in ("unfinished", "obsolete", "vanished") or not all(t.strip() for t in texts):
            problems.append(("untranslated", ctx, src))
            continue
        if ("%n" in src) != bool(tr.findall("numerusform")):
            problems.append(("a count (%n) needs tr(text, '', n) and German singular and plural", ctx, src))
        for text in texts:
            if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(("placeholders differ", ctx, src, text))
            elif "%n" in src and "%n" not in text:
                problems.append(("%n missing", ctx, src, text))
            elif "“" in src and "„" not in text:
                problems.append(("German quotes „…“ expected", ctx, src, text))
    assert not problems, problems[:20]


@pytest.mark.parametrize("source, german", [
    ("Could not connect to the database: {error}", "Verbindung zur Datenbank fehlgeschlagen: {error}"),
    ("“{label}” is required. Please fill it in.", "„{label}“ ist ein Pflichtfeld. Bitte füllen Sie es aus."),
])
def test_translator_serves_german(german_translator, source, german):
    from coworking_plugin.core.i18n import tr

    assert tr(source) == german
    assert tr(source).format(error="x", label="Bezeichnung")  # the placeholders still format


def _algorithm_texts(cls) -> list:
    alg = cls()
    alg.initAlgorithm()
    texts = [alg.displayName(), alg.group(), alg.shortHelpString()]
    texts += [p.description() for p in alg.parameterDefinitions()]
    texts += [o.description() for o in alg.outputDefinitions()]
    return [t for t in texts if t]


def test_processing_algorithms_speak_german(qgis_app, request):
    """Names, groups, help, parameters and outputs of every algorithm of the provider come out in German."""
    from coworking_plugin.processing.provider import ALGORITHMS, CoworkingProvider

    classes = [getattr(importlib.import_module(f"coworking_plugin.processing.{module}"), name)
               for module, name in ALGORITHMS]
    english = {cls: _algorithm_texts(cls) for cls in classes}
    german = _german()
    translator = request.getfixturevalue("german_translator")
    assert translator is not None
    problems = []
    for cls in classes:
        for en, de in zip(english[cls], _algorithm_texts(cls)):
            if en not in german:
                problems.append((cls.__name__, "not in the .ts file (not wrapped in tr()?)", en))
            elif de not in german[en]:
                problems.append((cls.__name__, "shown untranslated", en, de))
    assert CoworkingProvider().name() == "Coworking Leerstandsmelder"
    assert not problems, problems


def _widget_texts(widget) -> list:
    """Every text a user reads on ``widget`` and its children: labels, buttons, titles, tooltips, headers."""
    from qgis.PyQt.QtWidgets import (
        QAbstractButton,
        QDockWidget,
        QGroupBox,
        QLabel,
        QLineEdit,
        QTableWidget,
        QTabWidget,
        QWidget,
    )

    texts = [widget.windowTitle()]
    for w in [widget] + widget.findChildren(QWidget):
        texts.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QDockWidget):
            texts.append(w.windowTitle())
        if isinstance(w, QTableWidget):
            for i in range(w.columnCount()):
                item = w.horizontalHeaderItem(i)
                texts.append(item.text() if item else "")
    return [t for t in texts if t]


DOCKS = [("capture_dock", "CaptureDock"), ("review_dock", "ReviewDock"), ("sync_dock", "SyncDock"),
         ("suitability_dock", "SuitabilityDock")]


@pytest.mark.parametrize("module, name", DOCKS)
def test_docks_speak_german(german_translator, qgis_iface, qgis_new_project, tmp_path, module, name):
    """No text of a dock is an English source string whose German translation differs; screenshots of the
    German docks land in test-output/screenshots/i18n_de_*.png for a look."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    old = settings.value("locale/overrideFlag", False), settings.value("locale/userLocale", "")
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    cls = getattr(importlib.import_module(f"coworking_plugin.gui.{module}"), name)
    dock = cls(qgis_iface, wc_path=str(tmp_path / "wc.gpkg")) if name == "CaptureDock" else cls(qgis_iface)
    try:
        dock.resize(460, 1000)
        dock.show()
        german = _german()
        texts = _widget_texts(dock)
        english = [t for t in texts if t in german and t not in german[t]]
        assert not english, f"{name} shows English: {english}"
        assert sum(t in german_texts for german_texts in german.values() for t in texts) >= 5
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"i18n_de_{module}.png"
        assert dock.grab().save(str(path)) and path.stat().st_size > 1000
    finally:
        unload = getattr(dock, "unload", None)
        if unload:
            unload()
        dock.close()
        dock.deleteLater()
        settings.setValue("locale/overrideFlag", old[0])
        settings.setValue("locale/userLocale", old[1])


def test_options_page_speaks_german(german_translator):
    from coworking_plugin.gui.options import CoworkingOptionsPage

    page = CoworkingOptionsPage()
    german = _german()
    texts = _widget_texts(page)
    assert "Registerdatenbank" in texts
    assert not [t for t in texts if t in german and t not in german[t]]
    page.deleteLater()
