"""QGIS's own attribute form for site layers, configured from the field catalogue.

``configure_layer`` gives a working-copy layer (GeoPackage) or a register layer (PostGIS
coworking.brownfield/vacancy, same field names) the editor widgets, aliases, defaults, constraints (with the
texts of core/capture/validation.py), read-only bookkeeping fields and tabs that the capture dock shows, so editing a
site through QGIS's identify/attribute form follows the same rules. The Database issue stores the result in
``layer_styles``.

Multi-choice fields need a value-relation widget, which needs a layer with columns list/key/label_de/label_en
(the working copy's ``value_list`` table); ``value_list_layer()`` opens it and adds it to the project.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsFieldConstraints,
    QgsMapLayer,
    QgsProject,
    QgsVectorLayer,
)

from ..i18n import tr
from ..qtcompat import make_tab
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from . import validation as val

#: the "no value" entry of a QGIS value-map widget
VALUE_MAP_NULL = "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"

#: fields shown on the first tab ("Location"); the kind's other domain fields go to "Details"
LOCATION_FIELDS = ("name", "municipality_ags", "address", "postcode", "locality")
PUBLICATION_FIELDS = ("public_description", "sensitive", "publication_consent", "publication_consent_date",
                      "owner_notified_on", "owner_objected_on")

#: free texts edited in several lines (the form's and the capture dock's)
MULTILINE_FIELDS = ("notes", "public_description", "consent_purpose", "review_comment")

DATE_CONFIG = {"allow_null": True, "calendar_popup": True, "display_format": "dd.MM.yyyy",
               "field_format": "yyyy-MM-dd", "field_iso_format": False}


def quote(text: str) -> str:
    return QgsExpression.quotedString(text)


def field_ref(name: str) -> str:
    return QgsExpression.quotedColumnRef(name)


def tabs(kind: str) -> List[Tuple[str, List[str]]]:
    """Form tabs with their field names, in order; shared with the capture dock."""
    domain = [f.name for f in cat.fields_for(kind) if not f.computed]
    details = [n for n in domain if n not in LOCATION_FIELDS and n not in PUBLICATION_FIELDS]
    result = [(tr("Location"), [n for n in LOCATION_FIELDS if n in domain]),
              (tr("Details"), details + [f.name for f in cat.fields_for(kind) if f.computed]),
              (tr("Publication"), [n for n in PUBLICATION_FIELDS if n in domain])]
    from ..sync.workingcopy import SYNC_FIELDS

    result.append((tr("Register"), [f.name for f in cat.REGISTER_FIELDS] + [f.name for f in SYNC_FIELDS]))
    return result


def tab_of(kind: str, name: str) -> str:
    """The title of the form tab that shows the field ``name`` ("" if none does)."""
    return next((title for title, names in tabs(kind) if name in names), "")


def value_map(f: FieldDef, lang: str = "de", with_null: Optional[bool] = None) -> List[Dict[str, str]]:
    """Value-map entries (label -> key) of a choice field, in catalogue order."""
    if f.name == "municipality_ags":
        entries = [{m.name: m.ags} for m in cat.MUNICIPALITIES]
    else:
        entries = [{c.label_de if lang == "de" else c.label_en: c.key} for c in f.choices.choices]
    # a required field without default starts empty too, so the officer has to choose (the NOT NULL rule says so)
    if with_null if with_null is not None else (not f.required or f.default is None):
        entries.insert(0, {tr("(not specified)") if not f.required else tr("(please choose)"): VALUE_MAP_NULL})
    return entries


#: the widest range a QGIS spin box holds (an int: a larger bound makes it show every value as NULL)
INT_LIMIT = 2147483647


def widget_setup(f: FieldDef, lang: str = "de", value_list: Optional[QgsVectorLayer] = None) -> QgsEditorWidgetSetup:
    """The editor widget a field gets in QGIS's attribute form."""
    if f.name == "sync_state":  # bookkeeping, read-only: in words
        from ..sync.workingcopy import SYNC_STATE_LABELS

        return QgsEditorWidgetSetup("ValueMap", {"map": [{de if lang == "de" else en: key}
                                                         for key, de, en in SYNC_STATE_LABELS]})
    if f.type == FieldType.CHOICE or f.name == "municipality_ags":
        return QgsEditorWidgetSetup("ValueMap", {"map": value_map(f, lang)})
    if f.type == FieldType.MULTI_CHOICE:
        if value_list is None:
            return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": False, "UseHtml": False})
        return QgsEditorWidgetSetup("ValueRelation", {
            "Layer": value_list.id(), "LayerName": value_list.name(), "LayerSource": value_list.source(),
            "LayerProviderName": value_list.providerType(), "Key": "key",
            "Value": "label_de" if lang == "de" else "label_en",
            "FilterExpression": "{} = {}".format(field_ref("list"), quote(f.value_list)),
            "AllowMulti": True, "AllowNull": True, "OrderByValue": False, "UseCompleter": False, "NofColumns": 1,
        })
    if f.type == FieldType.BOOLEAN:
        return QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": "", "TextDisplayMethod": 0})
    if f.type == FieldType.DATE:
        return QgsEditorWidgetSetup("DateTime", dict(DATE_CONFIG))
    if f.type in (FieldType.INTEGER, FieldType.REAL):
        real = f.type == FieldType.REAL
        return QgsEditorWidgetSetup("Range", {
            "AllowNull": True, "Style": "SpinBox", "Precision": 2 if real else 0, "Step": 1,
            "Min": f.minimum if f.minimum is not None else -1e12 if real else -INT_LIMIT,
            "Max": f.maximum if f.maximum is not None else 1e12 if real else INT_LIMIT,
        })
    return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": f.name in MULTILINE_FIELDS,
                                             "UseHtml": False})


def constraint_expression(f: FieldDef, kind: str) -> Optional[Tuple[str, str]]:
    """(QGIS expression, description) for the rules of ``f``; None if the field has none besides required."""
    ref = field_ref(f.name)
    if f.name == "publication_consent_date" and kind == cat.VACANCY:  # where the error points, as RG013 does
        consent = "{date} IS NOT NULL OR NOT (coalesce({own}, '') = 'private' AND coalesce({flag}, false))".format(
            own=field_ref("ownership"), flag=field_ref("publication_consent"), date=ref)
        future = f"{ref} IS NULL OR to_date({ref}) <= to_date(now())"
        return f"({consent}) AND ({future})", val.consent_message() + " " + val.future_message(f)
    if f.type in (FieldType.INTEGER, FieldType.REAL) and (f.minimum is not None or f.maximum is not None):
        parts = []
        if f.minimum is not None:
            parts.append("{} {} {}".format(ref, ">" if f.name == "area_m2" else ">=", val._num(f.minimum)))
        if f.maximum is not None:
            parts.append(f"{ref} <= {val._num(f.maximum)}")
        return "{} IS NULL OR ({})".format(ref, " AND ".join(parts)), val.range_message(f)
    if f.type == FieldType.DATE and f.not_in_future:
        return f"{ref} IS NULL OR to_date({ref}) <= to_date(now())", val.future_message(f)
    if f.type == FieldType.TEXT and f.pattern:
        expr = f"{ref} IS NULL OR trim({ref}) = '' OR regexp_match(trim({ref}), {quote(f.pattern)}) > 0"
        return expr, val.pattern_message(f)
    if f.type == FieldType.TEXT and f.max_length:
        return f"{ref} IS NULL OR length({ref}) <= {f.max_length}", val.length_message(f)
    return None


def default_expression(f: FieldDef) -> Optional[str]:
    if f.default is None:
        return None
    if isinstance(f.default, bool):
        return "true" if f.default else "false"
    if isinstance(f.default, (int, float)):
        return str(f.default)
    return quote(str(f.default))


def _field_defs(kind: str, names: Sequence[str]) -> List[FieldDef]:
    from ..sync.workingcopy import SYNC_FIELDS

    by_name = {f.name: f for f in list(cat.fields_for(kind)) + list(cat.REGISTER_FIELDS) + list(SYNC_FIELDS)}
    return [by_name[n] for n in names if n in by_name]


def configure_layer(layer: QgsVectorLayer, kind: str, lang: Optional[str] = None,
                    value_list: Optional[QgsVectorLayer] = None) -> QgsVectorLayer:
    """Configure the attribute form of a site layer of ``kind`` (fields missing in the layer are skipped).

    Labels are German when QGIS runs in German (``lang`` None: the UI language), English otherwise."""
    if kind not in cat.KINDS:
        raise ValueError(kind)
    lang = lang or val.label_language()
    names = layer.fields().names()
    config = layer.editFormConfig()
    defs = _field_defs(kind, [n for n in names])
    for f in defs:
        idx = names.index(f.name)
        layer.setFieldAlias(idx, f.label(lang))
        layer.setEditorWidgetSetup(idx, widget_setup(f, lang, value_list))
        if f.required:
            layer.setFieldConstraint(idx, QgsFieldConstraints.Constraint.ConstraintNotNull,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
        rule = constraint_expression(f, kind)
        if f.required and f.type == FieldType.TEXT:
            extra = "{r} IS NOT NULL AND trim({r}) <> ''".format(r=field_ref(f.name))
            rule = (extra + (" AND (" + rule[0] + ")" if rule else ""),
                    val.required_message(f) + (" " + rule[1] if rule else ""))
        if rule:
            layer.setConstraintExpression(idx, rule[0], rule[1])
            layer.setFieldConstraint(idx, QgsFieldConstraints.Constraint.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
        default = default_expression(f)
        if f.name == "uuid":
            default = "substr(uuid(), 2, 36)"
        elif f.name == "area_m2":
            default = "round($area, 1)"
        if default:
            layer.setDefaultValueDefinition(idx, QgsDefaultValue(default, f.name == "area_m2"))
        config.setReadOnly(idx, f.computed)
    # the sync state follows edits made in the native form too: a synced row becomes "modified"
    if "sync_state" in names:
        layer.setDefaultValueDefinition(names.index("sync_state"), QgsDefaultValue(
            "CASE WHEN {s} IN ('synced') THEN 'modified' ELSE coalesce({s}, 'new') END".format(
                s=field_ref("sync_state")), True))
    config.setLayout(QgsEditFormConfig.EditorLayout.TabLayout)
    config.clearTabs()
    root = config.invisibleRootContainer()
    for title, tab_fields in tabs(kind):
        container = QgsAttributeEditorContainer(title, root)
        make_tab(container)
        for name in tab_fields:
            if name in names:
                container.addChildElement(QgsAttributeEditorField(name, names.index(name), container))
        if container.children():
            config.addTab(container)
    layer.setEditFormConfig(config)
    return layer


def mark_private(layer: QgsMapLayer) -> None:
    """Flag a helper layer (value lists) private: no layer picker offers it (QgsMapLayer.Private, QGIS 3.18+)."""
    private = getattr(QgsMapLayer, "Private", None)
    if private is not None:
        layer.setFlags(layer.flags() | private)


def value_list_layer(wc_path: str, project: Optional[QgsProject] = None) -> QgsVectorLayer:
    """The working copy's value_list table as a layer in the project (not in the layer tree); reused if open."""
    from ..sync import workingcopy as wc

    project = project or QgsProject.instance()
    source_key = str(wc_path)
    for lyr in project.mapLayers().values():
        if isinstance(lyr, QgsVectorLayer) and lyr.name() == wc.VALUE_LIST_TABLE and source_key in lyr.source():
            return lyr
    lyr = wc.layer(str(wc_path), wc.VALUE_LIST_TABLE)
    mark_private(lyr)
    if project.addMapLayer(lyr, False) is None:
        raise RuntimeError(f"could not add {lyr.source()} to the project")
    return lyr


def configure_working_copy(wc_path: str, layers: Dict[str, QgsVectorLayer], lang: Optional[str] = None,
                           project: Optional[QgsProject] = None) -> None:
    """Configure the brownfield/vacancy layers (``{kind: layer}``) of a working copy, value relations included,
    with symbols by state (draft, conflict, pending, approved, rejected, archived) where the layer still has the
    default single symbol: symbols an officer chose are kept."""
    from qgis.core import QgsSingleSymbolRenderer

    from ..i18n import ui_language
    from ..register.styles import status_renderer

    vl = value_list_layer(wc_path, project)
    for kind, lyr in layers.items():
        configure_layer(lyr, kind, lang, vl)
        if isinstance(lyr.renderer(), QgsSingleSymbolRenderer):
            lyr.setRenderer(status_renderer(kind, lang or ui_language(), with_sync_state=True))
