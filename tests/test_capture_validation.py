"""One case per validation rule, with the message the officer reads; geometry from other CRSs; duplicates."""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY

from coworking_plugin.core.capture import drafts
from coworking_plugin.core.capture import validation as val
from coworking_plugin.core.capture.duplicates import normalise_address
from coworking_plugin.core.capture.geometry import prepare_geometry
from coworking_plugin.core.register import catalogue as cat
from coworking_plugin.core.sync import workingcopy as wc

UTM = QgsCoordinateReferenceSystem("EPSG:25833")
MEISSEN_MARKT = QgsPointXY(393295.0, 5669111.0)  # EPSG:25833
TODAY = dt.date(2026, 11, 25)


def vacancy(**kw):
    values = {"name": "Alte Post", "municipality_ags": "14627140", "ownership": "municipal",
              "building_type": "commercial", "address": "Markt 1", "postcode": "01662"}
    values.update(kw)
    return values


def messages(issues, field=None):
    return [i.message for i in issues if field is None or i.field == field]


def test_valid_vacancy_has_no_issues(qgis_app):
    assert val.validate_attributes(cat.VACANCY, vacancy(floors=3, rent_per_m2=6.5, broadband_mbps=250),
                                   today=TODAY) == []


@pytest.mark.parametrize("field, value, expected", [
    ("name", "", "“Name” is required. Please fill it in."),
    ("municipality_ags", None, "“Municipality” is required. Please fill it in."),
    ("building_type", None, "“Building type” is required. Please fill it in."),
    ("floors", 101, "“Floors” must be between 0 and 100. Please correct the value."),
    ("floors", -1, "“Floors” must be between 0 and 100. Please correct the value."),
    ("floors", 2.5, "“Floors” must be a number. Please correct the value."),
    ("rent_per_m2", -0.5, "“Rent (€/m²)” must be between 0 and 1000. Please correct the value."),
    ("broadband_mbps", 10001, "“Broadband (Mbit/s)” must be between 0 and 10000. Please correct the value."),
    ("floor_area_m2", 0, "“Floor area (m²)” must be between 0.01 and 1e+06. Please correct the value."),
    ("rooms", "viele", "“Rooms” must be a number. Please correct the value."),
    ("postcode", "1662", "“Postcode” has the wrong format. Expected: five digits, e.g. 01662."),
    ("municipality_ags", "14628010", "“Municipality” has the wrong format. Expected: an 8-digit municipality key of "
                                     "Landkreis Meißen, e.g. 14627140 for Meißen."),
    ("vacant_since", dt.date(2027, 1, 1), "“Vacant since” lies in the future. Enter a date up to today."),
    ("vacant_since", "31.02.2020", "“Vacant since” must be a date (DD.MM.YYYY). Please correct the value."),
    ("condition", "kaputt", "“Condition”: “kaputt” is not one of the allowed values. Choose one from the list."),
    ("name", "x" * 201, "“Name” may have at most 200 characters. Please shorten it."),
])
def test_attribute_rules(qgis_app, field, value, expected):
    issues = val.validate_attributes(cat.VACANCY, vacancy(**{field: value}), today=TODAY)
    assert messages(issues, field) == [expected]
    assert all(i.is_error for i in issues)


def test_labels_follow_german_ui(qgis_app):
    from qgis.core import QgsSettings

    settings = QgsSettings()
    old = settings.value("locale/overrideFlag"), settings.value("locale/userLocale")
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    try:
        issues = val.validate_attributes(cat.VACANCY, vacancy(floors=101), today=TODAY)
    finally:
        settings.setValue("locale/overrideFlag", old[0] or False)
        settings.setValue("locale/userLocale", old[1] or "")
    assert messages(issues) == ["“Geschosse” must be between 0 and 100. Please correct the value."]


def test_german_decimal_and_date_accepted(qgis_app):
    assert val.validate_attributes(cat.VACANCY, vacancy(rent_per_m2="6,50", vacant_since="01.03.2021"),
                                   today=TODAY) == []


def test_owner_contact_rules(qgis_app):
    issues = val.validate_attributes(cat.VACANCY, vacancy(), owner={"owner_email": "kein-at", "owner_phone": "abc"},
                                     today=TODAY)
    assert messages(issues, "owner_email") == ["“E-mail” has the wrong format. Expected: an address like "
                                               "name@example.de."]
    assert messages(issues, "owner_phone") == ["“Phone” has the wrong format. Expected: digits, spaces and "
                                               "+ ( ) / - only."]


def test_private_vacancy_needs_consent_before_publication(qgis_app):
    private = vacancy(ownership="private", publication_consent=True)
    issues = val.validate_attributes(cat.VACANCY, private, today=TODAY)
    # one consent date, on the site (the register's RG013 checks it); the message says on which tab
    assert messages(issues, "publication_consent_date") == [
        "A private vacancy can only be marked for publication when the owner's consent is recorded. Enter "
        "“Date of consent” on the tab “Publication”, or untick “Consent to publication”."]
    assert val.validate_attributes(cat.VACANCY, dict(private, publication_consent_date=dt.date(2026, 1, 5)),
                                   today=TODAY) == []
    assert [f.name for f in cat.fields_for(cat.VACANCY, include_owner=True) if "consent" in f.name] == [
        "publication_consent", "publication_consent_date", "consent_purpose"]
    assert val.validate_attributes(cat.VACANCY, vacancy(publication_consent=True), today=TODAY) == []


def test_brownfield_area_must_be_positive(qgis_app):
    values = {"name": "Spinnerei", "municipality_ags": "14627140", "ownership": "private", "area_m2": 0}
    assert messages(val.validate_attributes(cat.BROWNFIELD, values, today=TODAY), "area_m2") == [
        "“Area (m²)” must be greater than 0 m². Digitise a polygon with an area."]


# -- geometry ------------------------------------------------------------------------------------------------
def square(x, y, size=50.0):
    return QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))")


def test_geometry_empty(qgis_app):
    geom, issues = prepare_geometry(cat.VACANCY, QgsGeometry(), UTM)
    assert geom is None and messages(issues) == [
        "The site has no geometry yet. Digitise it on the map, search an address, or take the geometry of a "
        "selected feature."]


def test_self_intersection_refused_with_location_or_repaired(qgis_app):
    x, y = MEISSEN_MARKT.x(), MEISSEN_MARKT.y()
    bowtie = QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 100} {y + 100},{x + 100} {y},{x} {y + 100},{x} {y}))")
    geom, issues = prepare_geometry(cat.BROWNFIELD, bowtie, UTM)
    assert geom is None and len(issues) == 1
    assert issues[0].location is not None
    assert issues[0].location.distance(QgsPointXY(x + 50, y + 50)) < 0.01
    assert "at E 393345.0, N 5669161.0 (EPSG:25833)" in issues[0].message
    assert "choose “Repair geometry”" in issues[0].message
    repaired, issues = prepare_geometry(cat.BROWNFIELD, bowtie, UTM, repair=True)
    assert repaired is not None and repaired.isGeosValid() and repaired.area() == pytest.approx(5000)
    assert [i.severity for i in issues] == [val.WARNING]
    assert messages(issues) == ["The geometry was invalid and has been repaired. Check the outline on the map."]


def test_outside_county(qgis_app):
    dresden = QgsGeometry.fromPointXY(QgsPointXY(13.7373, 51.0504))
    geom, issues = prepare_geometry(cat.VACANCY, dresden, QgsCoordinateReferenceSystem("EPSG:4326"))
    assert geom is None
    assert messages(issues)[0].startswith("The site lies outside Landkreis Meißen (at E 411")
    assert "place the site inside the county" in messages(issues)[0]


def test_wrong_geometry_kind(qgis_app):
    geom, issues = prepare_geometry(cat.BROWNFIELD, QgsGeometry.fromPointXY(MEISSEN_MARKT), UTM)
    assert geom is None and messages(issues) == [
        "A brownfield needs an outline: digitise a polygon or take a polygon feature (for example a parcel)."]
    geom, issues = prepare_geometry(cat.VACANCY, square(MEISSEN_MARKT.x(), MEISSEN_MARKT.y()), UTM)
    assert issues == [] and geom.asPoint().distance(QgsPointXY(MEISSEN_MARKT.x() + 25, MEISSEN_MARKT.y() + 25)) < 1


@pytest.mark.parametrize("authid, x, y, tolerance", [
    ("EPSG:4326", 13.4739203, 51.1634741, 0.5),
    ("EPSG:31468", 4603205.06, 5670864.25, 5.0),  # DHDN / Gauss-Krüger zone 4 (old Saxon data)
])
def test_transformed_to_25833(qgis_app, authid, x, y, tolerance):
    geom, issues = prepare_geometry(cat.VACANCY, QgsGeometry.fromPointXY(QgsPointXY(x, y)),
                                        QgsCoordinateReferenceSystem(authid))
    assert issues == []
    assert geom.asPoint().distance(MEISSEN_MARKT) < tolerance


def test_polygon_from_4326_gets_area_in_square_metres(qgis_app):
    poly = QgsGeometry.fromWkt("POLYGON((13.4700 51.1600,13.4710 51.1600,13.4710 51.1610,13.4700 51.1610,"
                               "13.4700 51.1600))")
    geom, issues = prepare_geometry(cat.BROWNFIELD, poly, QgsCoordinateReferenceSystem("EPSG:4326"))
    assert issues == [] and geom.isMultipart()
    assert drafts.area_m2(geom) == pytest.approx(70 * 111, rel=0.02)  # 0.001° x 0.001° at 51°N: ≈ 70 m x 111 m


# -- duplicates ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [
    ("Hauptstraße 5", "Hauptstr. 5"), ("Hauptstrasse 5", "hauptstr 5"), ("Meißner  Straße 1", "Meissner Str. 1"),
    ("Am Markt 3a", "am markt 3 A"), ("Gartenstraße 2", "GARTENSTR.2"),
])
def test_normalised_addresses_match(a, b):
    assert normalise_address(a) == normalise_address(b) != ""


def test_normalised_addresses_differ():
    assert normalise_address("Hauptstraße 5") != normalise_address("Hauptstraße 7")


@pytest.fixture
def working_copy(qgis_app, tmp_path):
    return str(wc.create(str(tmp_path / "wc.gpkg")))


def test_duplicate_within_distance_and_same_address(working_copy):
    first = drafts.save_site(working_copy, cat.VACANCY, vacancy(address="Hauptstraße 5"),
                              QgsGeometry.fromPointXY(MEISSEN_MARKT))
    near = QgsGeometry.fromPointXY(QgsPointXY(MEISSEN_MARKT.x() + 20, MEISSEN_MARKT.y()))
    result = drafts.check_site(working_copy, cat.VACANCY, vacancy(address="Neumarkt 2"), near, UTM)
    assert result.ok and [d.uuid for d in result.duplicates] == [first]
    assert result.warnings[0].message == (
        "Possible duplicate: “Alte Post” (working copy) lies 20 m away. Open it to compare, or save anyway if this "
        "is a different site.")
    far = QgsGeometry.fromPointXY(QgsPointXY(MEISSEN_MARKT.x() + 400, MEISSEN_MARKT.y()))
    assert drafts.check_site(working_copy, cat.VACANCY, vacancy(address="Neumarkt 2"), far, UTM).duplicates == []
    same = drafts.check_site(working_copy, cat.VACANCY, vacancy(address="Hauptstr. 5"), far, UTM)
    assert [d.same_address for d in same.duplicates] == [True]
    assert "has the same address “Hauptstraße 5”" in same.warnings[0].message
    # editing the site itself is no duplicate
    assert drafts.check_site(working_copy, cat.VACANCY, vacancy(), near, UTM, site_uuid=first).duplicates == []


def test_duplicate_across_kinds_and_municipality_border(working_copy):
    # a brownfield in Weinböhla's polygon and a vacancy 15 m away, typed in as Coswig (neighbours)
    station = QgsGeometry.fromPointXY(QgsPointXY(13.552767, 51.147553))
    point, _ = prepare_geometry(cat.VACANCY, station, QgsCoordinateReferenceSystem("EPSG:4326"))
    p = point.asPoint()
    drafts.save_site(working_copy, cat.BROWNFIELD, {"name": "Bahnbrache", "municipality_ags": "14627310",
                                                     "ownership": "business"}, square(p.x() - 40, p.y() + 15, 30))
    result = drafts.check_site(working_copy, cat.VACANCY, vacancy(municipality_ags="14627010", address=""),
                                point, UTM)
    assert [(d.kind, d.name) for d in result.duplicates] == [(cat.BROWNFIELD, "Bahnbrache")]


@pytest.mark.postgis
def test_duplicate_among_approved_register_sites(working_copy, postgis_db):
    import psycopg2

    conn = psycopg2.connect(postgis_db)
    with conn.cursor() as cur:  # the register contract of issue 3 (only the columns the check reads)
        cur.execute("CREATE SCHEMA coworking")
        for kind, gtype in (("brownfield", "MultiPolygon"), ("vacancy", "Point")):
            cur.execute(f"CREATE TABLE coworking.{kind} (uuid uuid PRIMARY KEY, name text, address text, "
                        f"status text, geom geometry({gtype}, 25833))")
        rows = [("0b7c3c5e-8d1e-4f7b-9c55-6a1f0c3a0001", "Rathaus", "Markt 1", "approved", 0),
                ("0b7c3c5e-8d1e-4f7b-9c55-6a1f0c3a0002", "Entwurf", "Markt 2", "pending", 0),
                ("0b7c3c5e-8d1e-4f7b-9c55-6a1f0c3a0003", "Speicher", "Gartenstraße 2", "approved", 3000)]
        for uid, name, addr, status, dx in rows:
            cur.execute("INSERT INTO coworking.vacancy VALUES (%s, %s, %s, %s, ST_SetSRID(ST_MakePoint(%s, %s), "
                        "25833))", (uid, name, addr, status, MEISSEN_MARKT.x() + dx, MEISSEN_MARKT.y() + 10))
    conn.commit()
    try:
        result = drafts.check_site(working_copy, cat.VACANCY, vacancy(address="Gartenstr. 2"),
                                    QgsGeometry.fromPointXY(MEISSEN_MARKT), UTM, server_conn=conn)
    finally:
        conn.close()
    found = {(d.name, d.source, d.same_address) for d in result.duplicates}
    assert found == {("Rathaus", "register", False), ("Speicher", "register", True)}
    assert any("(register, approved) lies 10 m away" in m for m in messages(result.warnings))


def test_private_brownfield_warns_when_it_will_not_be_published(qgis_app):
    """Not an error: the site is kept and reviewed, the public view just does not show it (issue 14)."""
    from coworking_plugin.core.capture.publication import one_month_after

    today = dt.date(2026, 3, 10)

    def check(kind, values):
        return val.validate_attributes(kind, values, today=today)

    base = {"name": "Alte Ziegelei", "municipality_ags": "14627140", "ownership": "private"}
    warnings = check(cat.BROWNFIELD, base)
    assert [i.is_error for i in warnings] == [False] and "§ 200(3) BauGB" in warnings[0].message
    notified = check(cat.BROWNFIELD, {**base, "owner_notified_on": dt.date(2026, 3, 1)})
    assert [i.field for i in notified] == ["owner_notified_on"] and "2026-04-02" in notified[0].message
    assert check(cat.BROWNFIELD, {**base, "owner_notified_on": dt.date(2026, 2, 9)}) == []
    objected = check(cat.BROWNFIELD, {**base, "owner_notified_on": dt.date(2026, 1, 2),
                                       "owner_objected_on": dt.date(2026, 1, 20)})
    assert [i.field for i in objected] == ["owner_objected_on"] and not objected[0].is_error
    assert check(cat.BROWNFIELD, {**base, "ownership": "municipal"}) == []
    # the end of the month is the same day number, or the month's last day (§ 188 BGB, as PostgreSQL adds a month)
    assert one_month_after(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert one_month_after(dt.date(2026, 12, 5)) == dt.date(2027, 1, 5)
