"""The documentation holds: every relative link and image of README.md and docs/*.md resolves (file and heading
anchor), and every label the user guide quotes „like this“ is a text the plugin really shows in German (a
translation in i18n/coworking_plugin_de.ts, or a German label of the register's catalogue, its value lists, the
working copy's states or the standard rejection reasons).

The postgis tests make the guide's own screenshots of dialogs in German (test-output/screenshots/handbuch-*.png,
copied to docs/img/ by hand after a look) and check there that the dialogs show the labels the guide names.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, Iterator, List, Set

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
GUIDE = ROOT / "docs" / "benutzerhandbuch.md"
TS = ROOT / "i18n" / "coworking_plugin_de.ts"
MIGRATIONS = ROOT / "coworking_plugin" / "db" / "migrations"

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]*`")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n")


def prose(text: str) -> str:
    """Markdown without fenced code blocks and inline code (their brackets and quotes are not links or labels)."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


# ------------------------------------------------------------------------------------------------- links
def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, letters/digits/spaces/hyphens kept, spaces to hyphens."""
    text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> Set[str]:
    seen: Dict[str, int] = {}
    result = set()
    for line in FENCE.sub("", path.read_text(encoding="utf-8")).splitlines():
        match = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            base = slug(match.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            result.add(base if n == 0 else f"{base}-{n}")
    return result


def links(path: Path) -> Iterator[str]:
    yield from LINK.findall(prose(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_relative_links_and_images_resolve(doc):
    broken = []
    for target in links(doc):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        linked = (doc.parent / file_part).resolve() if file_part else doc
        if not linked.exists():
            broken.append(f"{target}: no file {linked.relative_to(ROOT) if ROOT in linked.parents else linked}")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{target}: no heading with the anchor #{anchor} in {linked.name}")
    assert not broken, f"{doc.name}: " + "; ".join(broken)


def test_the_guide_shows_small_images():
    images = [t for t in links(GUIDE) if t.endswith(".png")]
    assert len(images) >= 8
    for target in images:
        path = GUIDE.parent / target
        if path.exists():
            assert path.stat().st_size < 300_000, f"{target} is {path.stat().st_size} bytes; keep it under 300 KB"


def test_anchor_slugs_follow_github():
    assert slug("Veröffentlichung im Geoportal (QGIS Server)") == "veröffentlichung-im-geoportal-qgis-server"
    assert slug("A5 Eigentümerdaten und Einwilligung") == "a5-eigentümerdaten-und-einwilligung"
    assert slug("B5 Vier-Augen-Prinzip und Verlauf") == "b5-vier-augen-prinzip-und-verlauf"


# ------------------------------------------------------------------------------------------------- labels
def quotes(text: str) -> List[str]:
    """The outermost „…“ quotations of ``text`` (German quotes may nest), whitespace collapsed."""
    found, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "„":
            if depth == 0:
                start = i + 1
            depth += 1
        elif c == "“" and depth:
            depth -= 1
            if depth == 0:
                found.append(" ".join(text[start:i].split()))
    assert depth == 0, f"an opening „ without its closing “ after: {text[start:start + 60]!r}"
    return found


def ts_texts() -> Set[str]:
    """Every German translation (and numerus form) in the shipped .ts file."""
    texts = set()
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        forms = translation.findall("numerusform")
        for text in [f.text for f in forms] if forms else [translation.text]:
            if text and text.strip():
                texts.add(" ".join(text.split()))
    return texts


def catalogue_texts() -> Set[str]:
    """The German labels the register and the working copy show: fields, value lists, kinds, sync states, map
    legend, standard rejection reasons."""
    from coworking_plugin.core.register import catalogue as cat
    from coworking_plugin.core.register.styles import SYNC_LABELS
    from coworking_plugin.core.sync.workingcopy import SYNC_FIELDS, SYNC_STATE_LABELS

    texts = {f.label_de for f in cat.FIELDS + cat.OWNER_FIELDS + cat.REGISTER_FIELDS + SYNC_FIELDS}
    texts |= {c.label_de for vl in cat.VALUE_LISTS.values() for c in vl.choices}
    texts |= {de for de, _en in cat.KIND_LABELS.values()} | {de for de, _en in SYNC_LABELS.values()}
    texts |= {de for _key, de, _en in SYNC_STATE_LABELS}
    texts |= {m.name for m in cat.MUNICIPALITIES}
    sql = "\n".join(p.read_text(encoding="utf-8") for p in MIGRATIONS.rglob("*.sql"))
    block = re.search(r"INSERT INTO coworking\.review_reason .*?VALUES(.*?);", sql, re.S)
    texts |= set(re.findall(r"\('[a-z_]+', '([^']+)', '[^']+', \d+\)", block.group(1)))
    return texts


def label_pattern(label: str) -> re.Pattern:
    """A label with its placeholders ({name}, %n) matching any text."""
    parts = PLACEHOLDER.split(label)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S)


def quote_pattern(quoted: str) -> re.Pattern:
    """A quotation whose ellipses (“…”: left out) match any text."""
    return re.compile(".*".join(re.escape(p) for p in quoted.split("…")), re.S)


def is_shown(quoted: str, labels: Set[str]) -> bool:
    if quoted in labels:
        return True
    pattern = quote_pattern(quoted) if "…" in quoted else None
    return any(label_pattern(label).fullmatch(quoted) or (pattern and pattern.fullmatch(label)) for label in labels)


def test_every_quoted_label_of_the_guide_is_a_real_german_label(qgis_app):
    labels = ts_texts() | catalogue_texts()
    quoted = quotes(prose(GUIDE.read_text(encoding="utf-8")))
    assert len(quoted) > 150
    unknown = sorted({q for q in quoted if q.strip("… ") and not is_shown(q, labels)})
    assert not unknown, f"labels the plugin does not show in German: {unknown}"


def test_label_matching_rules():
    labels = {"„{name}“ als Entwurf in der Arbeitskopie gespeichert.", "Standorte erfassen", "%n freigegeben"}
    assert is_shown("„Alte Post“ als Entwurf in der Arbeitskopie gespeichert.", labels)
    assert is_shown("3 freigegeben", labels) and is_shown("Standorte erfassen", labels)
    assert is_shown("„…“ als Entwurf …", labels)
    assert not is_shown("Standort erfassen", labels) and not is_shown("Standorte erfassen …x", labels)
    assert quotes("„a „b“ c“ und „d“") == ["a „b“ c", "d"]


# ------------------------------------------------------------------------------------------------- screenshots
@pytest.fixture
def qt_german(qgis_app):
    """What QGIS in German adds to the plugin's translation: Qt's and QGIS's own German texts (Abbrechen, Keine
    Authentifikation) and German number formats (1,0 s)."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    installed = []
    for folder, name in ((QLibraryInfo.location(QLibraryInfo.TranslationsPath), "qtbase_de"),
                         (QgsApplication.i18nPath(), "qgis_de")):
        translator = QTranslator()
        if translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
            installed.append(translator)
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(old)
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def save(widget, output_dir: Path, name: str) -> Path:
    path = output_dir / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path)) and path.stat().st_size > 5000
    return path


def texts_of(widget) -> Set[str]:
    from qgis.PyQt.QtWidgets import QAbstractButton, QComboBox, QLabel

    result = {w.text() for w in widget.findChildren((QLabel, QAbstractButton))}
    for combo in widget.findChildren(QComboBox):
        result |= {combo.itemText(i) for i in range(combo.count())}
    return result


def guide_quotes() -> Set[str]:
    return set(quotes(prose(GUIDE.read_text(encoding="utf-8"))))


def test_handbook_options_page(german_translator, german_ui, qt_german, clean_settings, output_dir):
    from coworking_plugin.core.settings import PluginSettings
    from coworking_plugin.gui.options import CoworkingOptionsPage

    PluginSettings(database="Coworking Landkreis", working_copy="/home/bauamt/Leerstand/arbeitskopie.gpkg",
                   geocoder_email="bauamt@example.de").save()
    page = CoworkingOptionsPage()
    page.resize(820, 480)
    page.show()
    shown = texts_of(page)
    named = {"Registerdatenbank", "Zugangsdaten (nur für Verbindungszeichenkette)", "Arbeitskopie (GeoPackage)",
             "Eignungsprofil", "URL des Geocoders", "Kontakt-E-Mail für den Geocoder",
             "Abstand für die Dublettenprüfung", "Overpass-Server (OpenStreetMap)", "Referenzdaten (GeoPackage)"}
    assert named <= shown and named <= guide_quotes()
    save(page, output_dir, "handbuch-optionen")
    page.close()


@pytest.mark.postgis
def test_handbook_conflict_dialog(german_translator, german_ui, qt_german, qgis_iface, register, tmp_path, output_dir):
    from qgis.core import QgsGeometry

    from coworking_plugin.core.sync.pull import checkout
    from coworking_plugin.core.sync.push import push
    from coworking_plugin.gui.conflict_dialog import ConflictDialog
    from tests.sync_helpers import MEISSEN, add_site, edit_site, point_in, vacancy_values

    mine, theirs = str(tmp_path / "mine.gpkg"), str(tmp_path / "theirs.gpkg")
    checkout(register.dsn("editor_meissen"), theirs)
    uid = add_site(theirs, **vacancy_values(name="Ladenlokal Markt 9", availability="available", floors=2))
    push(register.dsn("editor_meissen"), theirs)
    checkout(register.dsn("editor_meissen2"), mine)
    x, y = point_in(MEISSEN)
    edit_site(theirs, uid, availability="negotiable", notes="Besichtigung im Mai",
              geometry=QgsGeometry.fromWkt(f"POINT({x + 15} {y})"))
    push(register.dsn("editor_meissen"), theirs)
    edit_site(mine, uid, availability="unknown", floors=3, geometry=QgsGeometry.fromWkt(f"POINT({x} {y + 15})"))
    assert push(register.dsn("editor_meissen2"), mine).conflicts == 1
    dialog = ConflictDialog(qgis_iface, mine, uid)
    try:
        headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
        assert headers == ["Feld", "Ursprünglich", "Meine Version", "Server-Version", "Geändert", "Übernehmen"]
        rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())}
        assert rows["Verfügbarkeit"] == "auf beiden Seiten" and rows["Geschosse"] == "von Ihnen"
        assert rows["Bemerkungen (intern)"] == "auf dem Server" and "Geometrie (siehe Karte)" in rows
        shown = texts_of(dialog)
        named = {"Alle meine übernehmen", "Alle vom Server übernehmen", "Meine Auswahl anwenden", "meine", "Server"}
        assert named <= shown and named <= guide_quotes()
        assert not dialog.apply_button.isEnabled()  # a row changed on both sides waits for a choice
        dialog.resize(1240, 330)
        dialog.show()
        save(dialog, output_dir, "handbuch-konflikt")
    finally:
        dialog.reject()


@pytest.mark.postgis
def test_handbook_reject_dialog(german_translator, german_ui, qt_german, register, output_dir):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from coworking_plugin.core.register import review
    from coworking_plugin.gui.review_dialogs import RejectDialog

    conn = register.connect("reviewer")
    try:
        reasons = review.reasons(conn)
    finally:
        conn.close()
    dialog = RejectDialog(reasons, "Ladenlokal Markt 9")
    try:
        standard = [dialog.reason.itemText(i) for i in range(1, dialog.reason.count())]
        assert standard == ["Lage unplausibel", "Angaben unvollständig", "Dublette", "Einwilligung fehlt",
                            "Kein Leerstand/keine Brachfläche", "Sonstiges (siehe Vermerk)"]
        assert set(standard) <= guide_quotes()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "Ablehnen" and not ok.isEnabled()
        dialog.reason.setCurrentIndex(1)
        dialog.comment.setPlainText("Der Punkt liegt auf dem Nachbargrundstück (Markt 11). Bitte auf das "
                                    "Gebäude Markt 9 setzen und erneut hochladen.")
        assert ok.isEnabled()
        assert dialog.windowTitle() == "Standort ablehnen"
        assert {"Standardgrund:", "Prüfvermerk für die Gemeinde:"} <= texts_of(dialog)
        dialog.resize(520, 300)
        dialog.show()
        save(dialog, output_dir, "handbuch-ablehnen")
    finally:
        dialog.comment.clear()  # a typed comment would be asked for before it is dropped
        dialog.reject()


def test_handbook_import_report(german_translator, german_ui, qt_german, processing_ready, qgis_canvas, tmp_path,
                                output_dir):
    from import_helpers import report_layer, run, write_csv
    from qgis.core import QgsProcessingFeedback
    from qgis.gui import QgsDualView

    from tests.sync_helpers import MEISSEN, RIESA, point_in

    (mx, my), (rx, ry) = point_in(MEISSEN), point_in(RIESA)
    header = ["Lfd. Nr.", "Bezeichnung", "Gemeinde", "Anschrift", "Gebäudeart", "Eigentum", "Nutzfläche",
              "Leer seit", "Rechtswert", "Hochwert"]
    first = ["1", "Altes Kaufhaus am Markt", "Meißen", "Markt 4", "Geschäftshaus", "Privat", "420,5", "01.03.2021",
             f"{mx:.1f}".replace(".", ","), f"{my:.1f}".replace(".", ",")]
    rows = [header, first,
            ["2", "Ladenzeile Hauptstraße", "Riesa", "Hauptstraße 12", "Ladenlokal", "Unternehmen", "85",
             "15.09.2022", f"{rx:.1f}".replace(".", ","), f"{ry:.1f}".replace(".", ",")],
            ["3", "Gasthof Zur Linde", "Riesa", "Lindenweg 2", "Burg", "Privat", "310", "2020",
             f"{rx + 400:.1f}".replace(".", ","), f"{ry:.1f}".replace(".", ",")],
            ["4", "Scheune am Gut", "Meißen", "Gutshof 1", "Landwirtschaftliches Gebäude", "Kommunal", "", "",
             "300000", "5600000"]]
    wc_path = str(tmp_path / "arbeitskopie.gpkg")
    params = dict(X_FIELD="Rechtswert", Y_FIELD="Hochwert", COORDINATE_CRS="EPSG:25833")
    run(write_csv(tmp_path / "erste.csv", [header, first], encoding="cp1252"), wc_path, **params)

    class Log(QgsProcessingFeedback):
        lines: List[str] = []

        def pushInfo(self, info):  # noqa: N802
            self.lines.append(info)

    feedback = Log()
    result = run(write_csv(tmp_path / "leerstaende.csv", rows, encoding="cp1252"), wc_path, feedback=feedback,
                 **params)
    assert "Gelesen als cp1252, Spalten getrennt durch „;“, Dezimalkomma." in feedback.lines
    layer = report_layer(result)
    assert [f.name() for f in layer.fields()] == ["Zeile", "Status", "Bezeichnung", "Kennung (UUID)", "Meldungen"]
    statuses = {f["Zeile"]: f["Status"] for f in layer.getFeatures()}
    assert statuses == {2: "bereits importiert", 3: "importiert", 4: "ungültig", 5: "nicht verortet"}
    assert set(statuses.values()) | {f.name() for f in layer.fields()} <= guide_quotes()
    view = QgsDualView()
    view.init(layer, qgis_canvas)
    view.setView(QgsDualView.ViewMode.AttributeTable)
    table = view.tableView()
    table.setWordWrap(True)
    view.resize(1200, 290)
    view.show()
    for column, width in enumerate((50, 130, 190, 150, 640)):
        table.setColumnWidth(column, width)
    table.resizeRowsToContents()
    save(view, output_dir, "handbuch-importbericht")
    view.close()
