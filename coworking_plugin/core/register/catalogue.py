"""The field catalogue: the one declaration of every attribute of the register.

Forms, the GeoPackage working copy, the attribute-form configuration of QGIS layers, validation and the
PostGIS lookup tables are all derived from these definitions. Coded values are stored as stable lowercase
English keys; labels (German and English) come from here.

This module is pure data and imports nothing from QGIS, so the database migrations, the tests and the
Processing algorithms can read it anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Dict, List, Optional, Tuple

BROWNFIELD = "brownfield"
VACANCY = "vacancy"
KINDS = (BROWNFIELD, VACANCY)
KIND_LABELS = {
    BROWNFIELD: ("Brachfläche", "Brownfield"),
    VACANCY: ("Leerstand", "Vacant building"),
}

#: EPSG code of every geometry in the register (ETRS89 / UTM zone 33N, Saxony's standard CRS).
REGISTER_CRS = "EPSG:25833"
GEOMETRY_TYPES = {BROWNFIELD: "MultiPolygon", VACANCY: "Point"}
COUNTY_AGS = "14627"


class FieldType(str, Enum):
    TEXT = "text"
    INTEGER = "integer"
    REAL = "real"
    BOOLEAN = "boolean"
    DATE = "date"
    CHOICE = "choice"  # one key of a value list
    MULTI_CHOICE = "multi_choice"  # several keys of a value list, stored as a text array / JSON list


@dataclass(frozen=True)
class Choice:
    key: str
    label_de: str
    label_en: str


@dataclass(frozen=True)
class ValueList:
    name: str
    choices: Tuple[Choice, ...]

    def keys(self) -> List[str]:
        return [c.key for c in self.choices]

    def label(self, key: str, lang: str = "de") -> str:
        for c in self.choices:
            if c.key == key:
                return c.label_de if lang == "de" else c.label_en
        return key


def _vl(name: str, *items: Tuple[str, str, str]) -> ValueList:
    return ValueList(name, tuple(Choice(*i) for i in items))


VALUE_LISTS: Dict[str, ValueList] = {
    vl.name: vl
    for vl in (
        _vl(
            "status",
            ("pending", "Zur Prüfung", "Pending review"),
            ("approved", "Freigegeben", "Approved"),
            ("rejected", "Abgelehnt", "Rejected"),
            ("archived", "Archiviert", "Archived"),
        ),
        _vl(
            "ownership",
            ("municipal", "Kommunal", "Municipal"),
            ("public", "Öffentliche Hand (sonstige)", "Other public body"),
            ("private", "Privat", "Private"),
            ("business", "Unternehmen", "Business"),
            ("unknown", "Unbekannt", "Unknown"),
        ),
        _vl(
            "availability",
            ("available", "Sofort verfügbar", "Available now"),
            ("from_date", "Verfügbar ab Datum", "Available from date"),
            ("negotiable", "Nach Absprache", "Negotiable"),
            ("unavailable", "Nicht verfügbar", "Not available"),
            ("unknown", "Unbekannt", "Unknown"),
        ),
        _vl(
            "target_group",
            ("commuters", "Pendler", "Commuters"),
            ("manufactories", "Manufakturen", "Manufactories"),
            ("startups", "Start-ups", "Start-ups"),
            ("crafts", "Handwerk", "Crafts"),
            ("public_administration", "Verwaltungsmitarbeitende", "Public administration staff"),
            ("freelancers", "Freiberufler", "Freelancers"),
        ),
        _vl(
            "previous_use",
            ("industry", "Industrie", "Industry"),
            ("commerce", "Gewerbe/Handel", "Commerce"),
            ("military", "Militär", "Military"),
            ("railway", "Bahn", "Railway"),
            ("agriculture", "Landwirtschaft", "Agriculture"),
            ("residential", "Wohnen", "Residential"),
            ("social", "Soziale Infrastruktur", "Social infrastructure"),
            ("other", "Sonstiges", "Other"),
        ),
        _vl(
            "contamination",
            ("none", "Kein Verdacht", "None"),
            ("suspected", "Altlastverdacht", "Suspected"),
            ("confirmed", "Altlast bestätigt", "Confirmed"),
            ("remediated", "Saniert", "Remediated"),
            ("unknown", "Unbekannt", "Unknown"),
        ),
        _vl(
            "development_status",
            ("full", "Voll erschlossen", "Fully serviced"),
            ("partial", "Teilweise erschlossen", "Partly serviced"),
            ("none", "Nicht erschlossen", "Not serviced"),
        ),
        _vl(
            "land_use_designation",
            ("residential", "Wohnbaufläche (W)", "Residential (W)"),
            ("mixed", "Gemischte Baufläche (M)", "Mixed use (M)"),
            ("commercial", "Gewerbliche Baufläche (G)", "Commercial (G)"),
            ("special", "Sonderbaufläche (S)", "Special use (S)"),
            ("green", "Grünfläche", "Green space"),
            ("agricultural", "Fläche für Landwirtschaft", "Agricultural land"),
            ("other", "Sonstige Darstellung", "Other designation"),
            ("none", "Keine Darstellung / kein FNP", "No designation / no plan"),
        ),
        _vl(
            "building_type",
            ("residential", "Wohngebäude", "Residential building"),
            ("commercial", "Geschäftshaus", "Commercial building"),
            ("office", "Bürogebäude", "Office building"),
            ("retail", "Ladenlokal", "Shop"),
            ("industrial", "Gewerbe-/Industriegebäude", "Industrial building"),
            ("agricultural", "Landwirtschaftliches Gebäude", "Agricultural building"),
            ("public", "Öffentliches Gebäude", "Public building"),
            ("hospitality", "Gaststätte/Hotel", "Restaurant/hotel"),
            ("mixed", "Wohn- und Geschäftshaus", "Mixed-use building"),
            ("other", "Sonstiges", "Other"),
        ),
        _vl(
            "vacancy_degree",
            ("complete", "Vollständig leer", "Completely vacant"),
            ("partial", "Teilweise leer", "Partly vacant"),
        ),
        _vl(
            "condition",
            ("good", "Gut", "Good"),
            ("needs_renovation", "Sanierungsbedürftig", "Needs renovation"),
            ("poor", "Schlecht/ruinös", "Poor"),
        ),
    )
}


@dataclass(frozen=True)
class FieldDef:
    """One attribute of the register.

    ``kinds`` says which site kinds carry it; ``table`` is ``site`` (the brownfield/vacancy tables) or
    ``owner_contact`` (personal data kept apart). ``computed`` fields are filled by the server (and by the
    plugin for display) and never typed by a user. ``public`` fields may appear in the public view.
    """

    name: str
    type: FieldType
    label_de: str
    label_en: str
    kinds: Tuple[str, ...] = KINDS
    required: bool = False
    value_list: Optional[str] = None
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    max_length: Optional[int] = None
    pattern: Optional[str] = None
    default: object = None
    computed: bool = False
    public: bool = True
    not_in_future: bool = False
    table: str = "site"
    help_de: str = ""
    help_en: str = ""

    def label(self, lang: str = "de") -> str:
        return self.label_de if lang == "de" else self.label_en

    def help(self, lang: str = "de") -> str:
        return self.help_de if lang == "de" else self.help_en

    @property
    def choices(self) -> Optional[ValueList]:
        return VALUE_LISTS[self.value_list] if self.value_list else None


T = FieldType
B, V = (BROWNFIELD,), (VACANCY,)

#: Domain fields in form order. Register bookkeeping columns (uuid, status, version, ...) are in REGISTER_FIELDS.
FIELDS: Tuple[FieldDef, ...] = (
    FieldDef("name", T.TEXT, "Bezeichnung", "Name", required=True, max_length=200,
             help_de="Kurzer Name, z. B. „Ehemalige Spinnerei“", help_en="Short name, e.g. “Old spinning mill”"),
    FieldDef("municipality_ags", T.TEXT, "Gemeinde", "Municipality", required=True, pattern=r"^14627\d{3}$",
             help_de="Amtlicher Gemeindeschlüssel (8-stellig)", help_en="Official municipality key (8 digits)"),
    FieldDef("address", T.TEXT, "Anschrift (Straße, Hausnummer)", "Address (street, number)", max_length=200),
    FieldDef("postcode", T.TEXT, "Postleitzahl", "Postcode", pattern=r"^\d{5}$"),
    FieldDef("locality", T.TEXT, "Ortsteil", "Locality (Ortsteil)", max_length=100),
    FieldDef("ownership", T.CHOICE, "Eigentum", "Ownership", required=True, value_list="ownership",
             default="unknown"),
    FieldDef("availability", T.CHOICE, "Verfügbarkeit", "Availability", value_list="availability",
             default="unknown"),
    FieldDef("available_from", T.DATE, "Verfügbar ab", "Available from"),
    FieldDef("broadband_mbps", T.INTEGER, "Breitband (Mbit/s)", "Broadband (Mbit/s)", minimum=0, maximum=10000),
    FieldDef("heritage_protected", T.BOOLEAN, "Denkmalschutz", "Heritage protected", default=False),
    FieldDef("pop_up_possible", T.BOOLEAN, "Zwischennutzung (Pop-up) möglich", "Pop-up use possible",
             default=False),
    FieldDef("target_groups", T.MULTI_CHOICE, "Geeignete Zielgruppen", "Suitable target groups",
             value_list="target_group"),
    FieldDef("anchor_tenant", T.BOOLEAN, "Ankermieter vorhanden/in Aussicht", "Anchor tenant available",
             default=False),
    FieldDef("notes", T.TEXT, "Bemerkungen (intern)", "Notes (internal)", max_length=20000, public=False,
             help_de="Nur für Gemeinde und Landkreis, wird nicht veröffentlicht",
             help_en="For the municipality and the county only, never published"),
    FieldDef("public_description", T.TEXT, "Beschreibung für die Öffentlichkeit", "Public description",
             max_length=2000,
             help_de="Wird im Geoportal veröffentlicht: keine Namen, Telefonnummern oder anderen personenbezogenen "
                     "Angaben", help_en="Published in the Geoportal: no names, phone numbers or other personal data"),
    FieldDef("sensitive", T.BOOLEAN, "Sensibel (Lage öffentlich unscharf)", "Sensitive (blur location in public)",
             default=False),
    FieldDef("publication_consent", T.BOOLEAN, "Einwilligung zur Veröffentlichung", "Consent to publication",
             default=False, public=False),
    FieldDef("publication_consent_date", T.DATE, "Datum der Einwilligung", "Date of consent", not_in_future=True,
             public=False),
    # a private brownfield without consent: the Baulandkataster procedure of § 200(3) BauGB (db/catalogue_sync.py)
    FieldDef("owner_notified_on", T.DATE, "Eigentümer benachrichtigt am (§ 200 Abs. 3 BauGB)",
             "Owner notified on (§ 200(3) BauGB)", kinds=B, not_in_future=True, public=False,
             help_de="Ohne Einwilligung wird eine private Brachfläche veröffentlicht, wenn seit der Benachrichtigung "
                     "über die beabsichtigte Veröffentlichung ein Monat ohne Widerspruch vergangen ist",
             help_en="Without consent a private brownfield is published once a month has passed since the owner "
                     "was notified of the intended publication, without objection"),
    FieldDef("owner_objected_on", T.DATE, "Widerspruch des Eigentümers am", "Owner objected on", kinds=B,
             not_in_future=True, public=False,
             help_de="Ein Widerspruch verhindert die Veröffentlichung, bis eine spätere Einwilligung vorliegt",
             help_en="An objection keeps the site unpublished unless the owner consents later"),
    # brownfield
    FieldDef("area_m2", T.REAL, "Fläche (m²)", "Area (m²)", kinds=B, computed=True, minimum=0),
    FieldDef("previous_use", T.CHOICE, "Vornutzung", "Previous use", kinds=B, value_list="previous_use"),
    FieldDef("fallow_since", T.DATE, "Brach seit", "Fallow since", kinds=B, not_in_future=True),
    FieldDef("contamination", T.CHOICE, "Altlasten", "Contamination", kinds=B, value_list="contamination",
             default="unknown"),
    FieldDef("salka_ref", T.TEXT, "SALKA-Kennziffer", "SALKA reference", kinds=B, max_length=50,
             help_de="Kennziffer im Sächsischen Altlastenkataster", help_en="Key in Saxony's contamination register"),
    FieldDef("buildings_present", T.BOOLEAN, "Gebäudebestand vorhanden", "Buildings present", kinds=B,
             default=False),
    FieldDef("development_status", T.CHOICE, "Erschließung", "Development status", kinds=B,
             value_list="development_status"),
    FieldDef("land_use_designation", T.CHOICE, "Darstellung im FNP", "Land-use plan designation", kinds=B,
             value_list="land_use_designation"),
    # vacancy
    FieldDef("building_type", T.CHOICE, "Gebäudeart", "Building type", kinds=V, value_list="building_type",
             required=True),
    FieldDef("floor_area_m2", T.REAL, "Nutzfläche (m²)", "Floor area (m²)", kinds=V, minimum=0.01,
             maximum=1_000_000),
    FieldDef("rooms", T.INTEGER, "Räume", "Rooms", kinds=V, minimum=0, maximum=1000),
    FieldDef("floors", T.INTEGER, "Geschosse", "Floors", kinds=V, minimum=0, maximum=100),
    FieldDef("vacant_since", T.DATE, "Leer seit", "Vacant since", kinds=V, not_in_future=True),
    FieldDef("vacancy_degree", T.CHOICE, "Leerstandsgrad", "Vacancy degree", kinds=V, value_list="vacancy_degree",
             default="complete"),
    FieldDef("condition", T.CHOICE, "Zustand", "Condition", kinds=V, value_list="condition"),
    FieldDef("rent_per_m2", T.REAL, "Miete (€/m²)", "Rent (€/m²)", kinds=V, minimum=0, maximum=1000),
    FieldDef("barrier_free", T.BOOLEAN, "Barrierefrei", "Barrier-free", kinds=V, default=False),
    FieldDef("parking", T.BOOLEAN, "Parkplätze vorhanden", "Parking available", kinds=V, default=False),
)

#: The private owner's contact (personal data under the GDPR): its own table, one row per site.
OWNER_FIELDS: Tuple[FieldDef, ...] = (
    FieldDef("owner_name", T.TEXT, "Name Eigentümer/in", "Owner's name", max_length=200, public=False,
             table="owner_contact"),
    FieldDef("owner_phone", T.TEXT, "Telefon", "Phone", max_length=50, pattern=r"^[0-9 +()/-]*$", public=False,
             table="owner_contact"),
    FieldDef("owner_email", T.TEXT, "E-Mail", "E-mail", max_length=200, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$",
             public=False, table="owner_contact"),
    FieldDef("consent_purpose", T.TEXT, "Einwilligung wofür", "Consent given for", max_length=500, public=False,
             table="owner_contact"),
)

#: Bookkeeping columns every register table carries; set by the server, shown read-only.
REGISTER_FIELDS: Tuple[FieldDef, ...] = (
    FieldDef("uuid", T.TEXT, "Kennung (UUID)", "Identifier (UUID)", computed=True),
    FieldDef("status", T.CHOICE, "Prüfstatus", "Review status", value_list="status", computed=True,
             default="pending"),
    FieldDef("version", T.INTEGER, "Version", "Version", computed=True),
    FieldDef("created_at", T.TEXT, "Angelegt am", "Created at", computed=True, public=False),
    FieldDef("created_by", T.TEXT, "Angelegt von", "Created by", computed=True, public=False),
    FieldDef("updated_at", T.TEXT, "Geändert am", "Updated at", computed=True, public=False),
    FieldDef("updated_by", T.TEXT, "Geändert von", "Updated by", computed=True, public=False),
    FieldDef("reviewed_at", T.TEXT, "Geprüft am", "Reviewed at", computed=True, public=False),
    FieldDef("reviewed_by", T.TEXT, "Geprüft von", "Reviewed by", computed=True, public=False),
    FieldDef("review_comment", T.TEXT, "Prüfvermerk", "Review comment", computed=True, public=False),
    FieldDef("location_override_reason", T.TEXT, "Begründung: Lage außerhalb der Gemeinde zugelassen",
             "Reason: location outside the municipality accepted", computed=True, public=False,
             help_de="Nur die Prüfung des Landkreises trägt sie ein", help_en="Entered by the county's reviewers only"),
)


def fields_for(kind: str, include_owner: bool = False) -> List[FieldDef]:
    """Domain fields a site of ``kind`` carries, in form order."""
    if kind not in KINDS:
        raise ValueError(f"unknown site kind {kind!r}")
    result = [f for f in FIELDS if kind in f.kinds]
    if include_owner and kind == VACANCY:
        result += list(OWNER_FIELDS)
    return result


def field_by_name(name: str) -> FieldDef:
    for f in FIELDS + OWNER_FIELDS + REGISTER_FIELDS:
        if f.name == name:
            return f
    raise KeyError(name)


def editable_fields(kind: str) -> List[FieldDef]:
    """Fields a user types (not computed by the server)."""
    return [f for f in fields_for(kind) if not f.computed]


@dataclass
class Municipality:
    ags: str
    name: str


def _municipalities() -> Tuple[Municipality, ...]:
    names = {
        "010": "Coswig", "020": "Diera-Zehren", "030": "Ebersbach", "040": "Glaubitz", "050": "Gröditz",
        "060": "Großenhain", "070": "Hirschstein", "080": "Käbschütztal", "100": "Klipphausen",
        "110": "Lampertswalde", "130": "Lommatzsch", "140": "Meißen", "150": "Moritzburg", "170": "Niederau",
        "180": "Nossen", "190": "Nünchritz", "200": "Priestewitz", "210": "Radebeul", "220": "Radeburg",
        "230": "Riesa", "240": "Röderaue", "250": "Schönfeld", "260": "Stauchitz", "270": "Strehla",
        "290": "Thiendorf", "310": "Weinböhla", "340": "Wülknitz", "360": "Zeithain",
    }
    return tuple(Municipality(COUNTY_AGS + k, v) for k, v in names.items())


#: The 28 municipalities of Landkreis Meißen with their official keys (Gemeindeverzeichnis Sachsen).
MUNICIPALITIES: Tuple[Municipality, ...] = _municipalities()
MUNICIPALITY_NAMES: Dict[str, str] = {m.ags: m.name for m in MUNICIPALITIES}
