"""The list import's reading of cells and files, without Processing: encodings, delimiters, decimal commas,
dates as GDAL/QGIS hand them over, bad numbers, and the header row below a title."""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.PyQt.QtCore import QDate, QDateTime, QTime

from coworking_plugin.core.capture import listimport, listread
from coworking_plugin.core.capture import validation as val
from coworking_plugin.core.register import catalogue as cat


@pytest.mark.parametrize("data, text, encoding", [
    ("Gärtnerei Müller;Nutzfläche (m²)".encode("cp1252"), "Gärtnerei Müller;Nutzfläche (m²)", "cp1252"),
    ("Gärtnerei Müller".encode("utf-8-sig"), "Gärtnerei Müller", "utf-8-sig"),
    ("Gärtnerei Müller".encode(), "Gärtnerei Müller", "utf-8"),
    ("Gärtnerei Müller\tRäume".encode("utf-16"), "Gärtnerei Müller\tRäume", "utf-16"),  # Excel's Unicode text
])
def test_decode(data, text, encoding):
    assert listread.decode(data) == (text, encoding)


def test_delimiter_and_decimal_comma():
    assert listread.sniff_delimiter(["a;b;c", "1,5;2;3", "4;5,5;6"]) == ";"
    assert listread.sniff_delimiter(["a\tb", "1,5\t2"]) == "\t"
    assert listread.sniff_delimiter(['a,b,c', '"1,5",2,3']) == ","
    assert listread.detect_decimal_comma(["6,50", "1.234,5", "13.4741"]) is True
    assert listread.detect_decimal_comma(["6.50", "13.4741", "1.234"]) is False
    assert listread.detect_decimal_comma(["1.234", "abc", "12"]) is None  # only ambiguous cells


@pytest.mark.parametrize("text, decimal_comma, number", [
    ("1.234,5", None, 1234.5), ("1,234.5", None, 1234.5), ("6,50", None, 6.5), ("1.234", True, 1234.0),
    ("1.234", None, 1.234), ("5.669.136,0", True, 5669136.0), (" 1 234,5 ", True, 1234.5), (12, None, 12.0),
])
def test_numbers(text, decimal_comma, number):
    assert val.to_number(text, decimal_comma) == number


@pytest.mark.parametrize("bad", ["NaN", float("nan"), "inf", float("-inf"), "1_000", "zwölf", True])
def test_numbers_that_are_not(bad):
    with pytest.raises(ValueError):
        val.to_number(bad)


@pytest.mark.parametrize("value", [QDate(2019, 5, 1), QDateTime(QDate(2019, 5, 1), QTime(10, 30)),
                                   dt.datetime(2019, 5, 1, 10, 30), dt.date(2019, 5, 1), "01.05.2019", "1.5.2019",
                                   "01.05.19", "2019/05/01", "2019/05/01 10:30:00", "2019-05-01T10:30:00"])
def test_dates(value):
    assert val.to_date(value) == dt.date(2019, 5, 1)
    assert listimport.coded_value(cat.field_by_name("vacant_since"), value) == dt.date(2019, 5, 1)


def test_a_bad_cell_is_a_message_not_a_crash():
    rooms = cat.field_by_name("rooms")
    assert listimport.coded_value(rooms, "NaN") == "NaN"
    assert listimport.coded_value(rooms, float("nan")) == "nan"
    assert listimport.coded_value(rooms, "12") == 12 and listimport.coded_value(rooms, 12.0) == 12
    issues = val.validate_attributes(cat.VACANCY, {"name": "x", "municipality_ags": "14627140", "ownership": "private",
                                                   "building_type": "retail", "rooms": "NaN"})
    # the one error; a private vacancy without consent also gets the warning that it will not be published
    assert [i.message for i in issues if i.is_error] == ["“Rooms” must be a number. Please correct the value."]


def test_the_header_below_a_title_and_blank_rows():
    grid = [(1, ["Leerstände der Stadt Meißen", None, None], None), (2, [None, "", None], None),
            (3, ["Stand: Mai 2024", None, None], None), (4, ["Bezeichnung", "Gebäudeart", "Räume"], None),
            (5, ["Alte Post", "Bürogebäude", "3"], None), (6, [None, None, None], None),
            (7, ["Eckladen", "Ladenlokal", None, "Notiz ohne Kopf"], None)]
    table = listread.table_from_grid(grid, listimport.header_score(cat.VACANCY))
    assert table.header_row == 4 and table.columns == ["Bezeichnung", "Gebäudeart", "Räume", "Column 4"]
    assert [(r.number, r.cells["Bezeichnung"]) for r in table.rows] == [(5, "Alte Post"), (7, "Eckladen")]
    # nothing names a field: the first row with content is the header, as before
    plain = listread.table_from_grid([(1, [None], None), (2, ["a", "b"], None), (3, ["1", "2"], None)],
                                     listimport.header_score(cat.VACANCY))
    assert plain.header_row == 2 and plain.columns == ["a", "b"]


def test_a_csv_with_excels_sep_line_and_a_title(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes("sep=;\r\nLeerstände Meißen;;\r\n;;\r\nBezeichnung;Räume;Miete (€/m²)\r\nAlte Post;3;1.234,5\r\n"
                     "\r\nEckladen;;6,5\r\n".encode("cp1252"))
    table = listread.read_csv(str(path), listimport.header_score(cat.VACANCY))
    assert (table.encoding, table.delimiter, table.decimal_comma, table.header_row) == ("cp1252", ";", True, 3)
    assert [(r.number, r.cells["Bezeichnung"], r.cells["Miete (€/m²)"]) for r in table.rows] == [
        (4, "Alte Post", "1.234,5"), (6, "Eckladen", "6,5")]


@pytest.mark.parametrize("text", ["01.05.2019 abends", "2019-05-01 x", "32.05.2019", "Mai 2019"])
def test_texts_that_are_not_dates(text):
    with pytest.raises(ValueError):
        val.to_date(text)
