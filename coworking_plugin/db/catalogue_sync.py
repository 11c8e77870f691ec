"""The catalogue step of the installer: the register's database brought in line with
``core/register/catalogue.py``.

``core/register/catalogue.py`` is the one declaration of the fields. After the migrations, this step writes the
value lists and field rules as data (``coworking.value_list``, ``coworking.field``), adds missing domain columns to
the site tables, their approved snapshots and ``owner_contact`` (existing rows get the field's default), generates
``coworking.values_ok(row)`` per table (the catalogue's rules as one boolean expression), rewrites the history
trigger for the current columns and generates the public view from the catalogue's ``public`` flags. It is recorded
with a checksum in ``coworking.schema_repeatable`` and skipped when nothing changed. Imports nothing from QGIS.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import List, Sequence, Tuple

from psycopg2 import sql

from ..core.register import catalogue as cat
from ..core.register.catalogue import FieldType

LOG = logging.getLogger(__name__)

SQL_TYPES = {
    FieldType.TEXT: "text",
    FieldType.INTEGER: "integer",
    FieldType.REAL: "double precision",
    FieldType.BOOLEAN: "boolean",
    FieldType.DATE: "date",
    FieldType.CHOICE: "text",
    FieldType.MULTI_CHOICE: "text[]",
}


def catalogue_sql() -> List[Tuple[str, Sequence]]:
    """The statements of the catalogue step, with their parameters (also the input of its checksum)."""
    stmts: List[Tuple[str, Sequence]] = []
    keep_lists = []
    for vl in cat.VALUE_LISTS.values():
        for order, c in enumerate(vl.choices):
            keep_lists.append(f"{vl.name}\x1f{c.key}")
            stmts.append((
                "INSERT INTO coworking.value_list (list, key, label_de, label_en, sort_order)"
                " VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (list, key) DO UPDATE SET label_de = EXCLUDED.label_de, label_en = EXCLUDED.label_en,"
                " sort_order = EXCLUDED.sort_order",
                (vl.name, c.key, c.label_de, c.label_en, order),
            ))
    stmts.append(("DELETE FROM coworking.value_list WHERE NOT (list || chr(31) || key = ANY (%s))", (keep_lists,)))

    keep_fields = []
    per_kind = [(k, cat.fields_for(k)) for k in cat.KINDS] + [("owner_contact", list(cat.OWNER_FIELDS))]
    for kind, fields in per_kind:
        for order, f in enumerate(fields):
            keep_fields.append(f"{kind}\x1f{f.name}")
            stmts.append((
                "INSERT INTO coworking.field (kind, name, type, label_de, label_en, required, value_list, minimum,"
                " maximum, max_length, pattern, not_in_future, computed, public, sort_order)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (kind, name) DO UPDATE SET type = EXCLUDED.type, label_de = EXCLUDED.label_de,"
                " label_en = EXCLUDED.label_en, required = EXCLUDED.required, value_list = EXCLUDED.value_list,"
                " minimum = EXCLUDED.minimum, maximum = EXCLUDED.maximum, max_length = EXCLUDED.max_length,"
                " pattern = EXCLUDED.pattern, not_in_future = EXCLUDED.not_in_future, computed = EXCLUDED.computed,"
                " public = EXCLUDED.public, sort_order = EXCLUDED.sort_order",
                (kind, f.name, f.type.value, f.label_de, f.label_en, f.required, f.value_list, f.minimum, f.maximum,
                 f.max_length, f.pattern, f.not_in_future, f.computed, f.public, order),
            ))
    stmts.append(("DELETE FROM coworking.field WHERE NOT (kind || chr(31) || name = ANY (%s))", (keep_fields,)))

    for kind, fields in per_kind:
        tables = [kind, kind + "_approved"] if kind in cat.KINDS else [kind]
        for table in tables:
            for f in fields:
                # existing rows get the default, so an upgrade never leaves a required field empty
                has_default = f.default is not None and not f.computed and table == kind
                stmt = sql.SQL("ALTER TABLE coworking.{} ADD COLUMN IF NOT EXISTS {} {}{}").format(
                    sql.Identifier(table), sql.Identifier(f.name), sql.SQL(SQL_TYPES[f.type]),
                    sql.SQL(" DEFAULT {}").format(sql.Literal(f.default)) if has_default else sql.SQL(""))
                stmts.append((stmt, ()))
                if has_default:
                    stmts.append((sql.SQL("ALTER TABLE coworking.{} ALTER COLUMN {} SET DEFAULT {}").format(
                        sql.Identifier(table), sql.Identifier(f.name), sql.Literal(f.default)), ()))
    for kind, fields in per_kind:
        stmts.append((values_ok_sql(kind, fields), ()))
    # the history trigger's statements name every column: rewrite them for the columns added above
    stmts.append(("SELECT coworking.write_log_sites()", ()))
    stmts.append((public_view_sql(), ()))
    stmts.append(("GRANT SELECT ON coworking.public_site TO coworking_reader, coworking_editor, coworking_reviewer,"
                  " coworking_admin", ()))
    return stmts


def _field_ok(f: cat.FieldDef) -> sql.Composable:
    """One field's rules as a boolean expression on ``r`` (the same rules as coworking.validate).

    Written for the common row, which keeps every rule: the cheap tests come first and decide most rows (a value
    from the list is not blank, a text of at most n bytes has at most n characters), so whitespace trimming and
    counting characters run only where they can change the answer.
    """
    col = sql.SQL("r.{}").format(sql.Identifier(f.name))
    checks: List[sql.Composable] = []
    if f.type == FieldType.CHOICE:
        keys = cat.VALUE_LISTS[f.value_list].keys()
        assert all(k.strip() for k in keys), f"blank key in value list {f.value_list}"
        checks.append(sql.SQL("{} = ANY ({}::text[])").format(col, sql.Literal(keys)))
    elif f.type == FieldType.MULTI_CHOICE:
        checks.append(sql.SQL("{} <@ {}::text[]").format(col, sql.Literal(cat.VALUE_LISTS[f.value_list].keys())))
    elif f.type in (FieldType.INTEGER, FieldType.REAL):
        if f.minimum is not None:
            checks.append(sql.SQL("{}::double precision >= {}").format(col, sql.Literal(float(f.minimum))))
        if f.maximum is not None:
            checks.append(sql.SQL("{}::double precision <= {}").format(col, sql.Literal(float(f.maximum))))
    elif f.type == FieldType.TEXT:
        if f.max_length is not None:
            checks.append(sql.SQL("(octet_length({c}) <= {n} OR length({c}) <= {n})").format(
                c=col, n=sql.Literal(f.max_length)))
        if f.pattern is not None:
            checks.append(sql.SQL("{} ~ {}").format(col, sql.Literal(f.pattern)))
    elif f.type == FieldType.DATE and f.not_in_future:
        checks.append(sql.SQL("{} <= current_date").format(col))
    if f.type in (FieldType.TEXT, FieldType.CHOICE):
        blank = sql.SQL("btrim({}) = ''").format(col)
    elif f.type == FieldType.MULTI_CHOICE:
        blank = sql.SQL("cardinality({}) = 0").format(col)
    else:
        blank = None
    if f.required:
        # a value from the list is never blank; anything else must not be
        parts = [sql.SQL("{} IS NOT NULL").format(col), *checks]
        if blank is not None and f.type != FieldType.CHOICE:
            parts.append(sql.SQL("NOT {}").format(blank))
        return sql.SQL("({})").format(sql.SQL(" AND ").join(parts))
    if not checks:
        return sql.SQL("true")  # optional and free: every value keeps the rules
    parts = [sql.SQL("{} IS NULL").format(col), sql.SQL("({})").format(sql.SQL(" AND ").join(checks))]
    if blank is not None:
        parts.append(blank)
    return sql.SQL("({})").format(sql.SQL(" OR ").join(parts))


def values_ok_sql(table: str, fields: Sequence[cat.FieldDef]) -> sql.Composed:
    """``coworking.values_ok(row)`` for one register table: true when the row keeps every rule of the catalogue.

    The guard triggers evaluate this one expression per row (no catalogue lookups, no jsonb); only a row for which
    it is not true goes through the generic ``coworking.validate``, which names the broken rule. A plain SQL
    function, so the planner inlines it into the trigger's expression.
    """
    rules = [r for r in (_field_ok(f) for f in fields if not f.computed) if r != sql.SQL("true")]
    body = sql.SQL(" AND ").join(rules) if rules else sql.SQL("true")
    return sql.SQL(
        "CREATE OR REPLACE FUNCTION coworking.values_ok(r coworking.{table}) RETURNS boolean"
        " LANGUAGE sql STABLE AS $values_ok$ SELECT {body} $values_ok$"
    ).format(table=sql.Identifier(table), body=body)


def owner_allows_sql(kind: str, row: str) -> sql.Composed:
    """Whether the private owner allows publishing the site ``row`` (an alias) of ``kind``: the rule of the view.

    Consent counts with its date, and only if no objection came after it. A brownfield may also be published
    without consent under § 200(3) BauGB (Baulandkataster): the owner was notified of the intended publication and
    did not object within a month. The month ends on the day of the next month with the notification's number
    (§ 188(2) BGB), so the site is public from the day after: notified on 5 January, public from 6 February.
    """
    consent = "coalesce({r}.publication_consent, false) AND {r}.publication_consent_date IS NOT NULL"
    if kind != cat.BROWNFIELD:
        return sql.SQL("(" + consent + ")").format(r=sql.Identifier(row))
    return sql.SQL(
        "((" + consent + " AND ({r}.owner_objected_on IS NULL OR {r}.owner_objected_on < {r}.publication_consent_date))"
        " OR ({r}.owner_objected_on IS NULL AND {r}.owner_notified_on + interval '1 month' < current_date))"
    ).format(r=sql.Identifier(row))


def public_view_sql() -> sql.Composed:
    """The public view, generated from the catalogue's ``public`` flags.

    Only approved snapshots; the live row must not be archived; a private site needs the owner's consent, or for a
    brownfield an expired notification without objection (``owner_allows_sql``), in the approved version *and* now
    (a withdrawn consent or an objection hides it at once); a sensitive site (then or now) shows only its grid cell
    and no street address. No owner data, no internal notes, no review comments, no user names: only the fields
    the catalogue marks ``public``.
    """
    public = [f for f in cat.FIELDS if f.public and not f.name == "municipality_ags"]
    branches = []
    for kind in cat.KINDS:
        names = {f.name for f in cat.fields_for(kind)}
        cols = [
            sql.SQL("a.uuid"),
            sql.SQL("{}::text AS kind").format(sql.Literal(kind)),
            sql.SQL("a.municipality_ags"),
            sql.SQL("m.name AS municipality_name"),
            sql.SQL("a.version"),
            sql.SQL("a.reviewed_at::date AS approved_on"),
        ]
        for f in public:
            ident = sql.Identifier(f.name)
            if f.name not in names:
                cols.append(sql.SQL("NULL::{} AS {}").format(sql.SQL(SQL_TYPES[f.type]), ident))
            elif f.name == "address":
                cols.append(sql.SQL("CASE WHEN b.blurred THEN NULL ELSE a.{} END AS {}").format(ident, ident))
            else:
                cols.append(sql.SQL("a.{}").format(ident))
        cols += [
            sql.SQL("b.blurred"),
            sql.SQL("(CASE WHEN b.blurred THEN coworking.blur_cell(a.geom) ELSE a.geom END)"
                    "::geometry(Geometry, 25833) AS geom"),
            sql.SQL("(CASE WHEN b.blurred THEN ST_Centroid(coworking.blur_cell(a.geom))"
                    " ELSE ST_PointOnSurface(a.geom) END)::geometry(Point, 25833) AS location"),
        ]
        consent = sql.SQL(" AND ((a.ownership IS DISTINCT FROM 'private' AND s.ownership IS DISTINCT FROM"
                          " 'private') OR ({} AND {}))").format(owner_allows_sql(kind, "a"),
                                                                owner_allows_sql(kind, "s"))
        branches.append(sql.SQL(
            "SELECT {cols} FROM coworking.{snap} a JOIN coworking.{live} s ON s.uuid = a.uuid"
            " LEFT JOIN coworking.municipality m ON m.ags = a.municipality_ags"
            " CROSS JOIN LATERAL (SELECT coalesce(a.sensitive, false) OR coalesce(s.sensitive, false) AS blurred) b"
            " WHERE s.status <> 'archived'{consent}"
        ).format(cols=sql.SQL(", ").join(cols), snap=sql.Identifier(kind + "_approved"), live=sql.Identifier(kind),
                 consent=consent))
    return sql.SQL("DROP VIEW IF EXISTS coworking.public_site; CREATE VIEW coworking.public_site AS {}").format(
        sql.SQL(" UNION ALL ").join(branches))


def apply_catalogue(cur, force: bool = False) -> bool:
    """Run the catalogue step unless the database has it already (same checksum) and not ``force``; True when it
    ran. The runner forces it after a migration: what it generates names the tables' columns."""
    stmts = catalogue_sql()
    digest = hashlib.sha256()
    rendered = []
    for stmt, params in stmts:
        text = stmt.as_string(cur) if isinstance(stmt, sql.Composable) else stmt
        rendered.append((text, params))
        digest.update(text.encode())
        digest.update(json.dumps(params, default=str).encode())
    checksum = digest.hexdigest()
    cur.execute("SELECT checksum FROM coworking.schema_repeatable WHERE name = 'catalogue'")
    row = cur.fetchone()
    if row and row[0] == checksum and not force:
        return False
    for text, params in rendered:
        cur.execute(text, params or None)
    cur.execute("INSERT INTO coworking.schema_repeatable (name, checksum) VALUES ('catalogue', %s)"
                " ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()", (checksum,))
    LOG.info("catalogue step applied (%d statements)", len(rendered))
    return True
