"""Install or upgrade the shared register: versioned SQL migrations plus the catalogue step.

* ``migrations/NNNN_name.sql`` are applied once each, in order, and recorded in ``coworking.schema_migration``.
  Each file is idempotent on its own, so a database that is half-known (e.g. restored by hand) still upgrades.
* The catalogue step then brings the database in line with ``core/catalogue.py`` (the one declaration of fields):
  value lists and field rules as data, missing domain columns added to the site tables and their approved
  snapshots, owner-contact columns, and the public view generated from the catalogue's ``public`` flags.
  It is recorded with a checksum and skipped when nothing changed.
* The municipalities are loaded from the data shipped with the plugin when the table is empty, or from rows an
  administrator supplies.

Everything runs in one transaction under an advisory lock: an install either happens completely or not at all.
This module imports nothing from QGIS so scripts, tests and the Processing algorithms can all use it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from psycopg2 import sql

from ..core.register import catalogue as cat
from ..core.register.catalogue import FieldType

LOG = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SCHEMA = "coworking"
GROUP_ROLES = ("coworking_admin", "coworking_reviewer", "coworking_editor", "coworking_reader")
_LOCK_KEY = 0x636F776B  # "cowk": one installer at a time per database
_NAME_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

SQL_TYPES = {
    FieldType.TEXT: "text",
    FieldType.INTEGER: "integer",
    FieldType.REAL: "double precision",
    FieldType.BOOLEAN: "boolean",
    FieldType.DATE: "date",
    FieldType.CHOICE: "text",
    FieldType.MULTI_CHOICE: "text[]",
}

#: (ags, name, geometry as GeoJSON in EPSG:4326 or WKT in EPSG:25833, source/attribution)
MunicipalityRow = Tuple[str, str, str, str]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@dataclass
class MigrationResult:
    """What a run did; ``applied`` is empty and ``catalogue_updated`` False when the database was current."""

    applied: List[int] = field(default_factory=list)
    catalogue_updated: bool = False
    municipalities_loaded: int = 0
    version: int = 0


def migrations() -> List[Migration]:
    """The migrations shipped with the plugin, in order."""
    result = []
    for p in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = _NAME_RE.match(p.name)
        if m:
            result.append(Migration(int(m.group(1)), m.group(2), p))
    return result


def latest_version() -> int:
    ms = migrations()
    return ms[-1].version if ms else 0


def _ensure_bookkeeping(cur) -> None:
    cur.execute("CREATE SCHEMA IF NOT EXISTS coworking")
    cur.execute(
        """CREATE TABLE IF NOT EXISTS coworking.schema_migration (
               version integer PRIMARY KEY,
               name text NOT NULL,
               checksum text NOT NULL,
               applied_at timestamptz NOT NULL DEFAULT now(),
               applied_by text NOT NULL DEFAULT current_user)"""
    )
    cur.execute(
        """CREATE TABLE IF NOT EXISTS coworking.schema_repeatable (
               name text PRIMARY KEY,
               checksum text NOT NULL,
               applied_at timestamptz NOT NULL DEFAULT now())"""
    )


def applied_versions(conn) -> List[int]:
    """Versions recorded in the database (empty when the register is not installed)."""
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('coworking.schema_migration') IS NOT NULL")
        if not cur.fetchone()[0]:
            return []
        cur.execute("SELECT version FROM coworking.schema_migration ORDER BY version")
        return [r[0] for r in cur.fetchall()]


def migrate(
    conn,
    target: Optional[int] = None,
    municipalities: Optional[Iterable[MunicipalityRow]] = None,
    progress: Optional[Callable[[float], None]] = None,
    is_canceled: Optional[Callable[[], bool]] = None,
) -> MigrationResult:
    """Bring the register in ``conn``'s database up to ``target`` (default: the latest) and commit.

    The connection must belong to a role that may create schemas, roles and triggers (the installing
    administrator, usually the database owner with CREATEROLE, or a superuser). On any error the whole run is
    rolled back.
    """
    result = MigrationResult()
    todo_all = migrations()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            _ensure_bookkeeping(cur)
            cur.execute("SELECT version, checksum FROM coworking.schema_migration")
            done = dict(cur.fetchall())
            todo = [m for m in todo_all if m.version not in done and (target is None or m.version <= target)]
            steps = len(todo) + 2
            for i, m in enumerate(todo):
                if is_canceled and is_canceled():
                    raise InterruptedError("installation canceled")
                LOG.info("applying migration %04d_%s", m.version, m.name)
                cur.execute(m.path.read_text(encoding="utf-8"))
                cur.execute("INSERT INTO coworking.schema_migration (version, name, checksum) VALUES (%s, %s, %s)",
                            (m.version, m.name, m.checksum))
                result.applied.append(m.version)
                if progress:
                    progress(100.0 * (i + 1) / steps)
            for m in todo_all:
                if m.version in done and done[m.version] != m.checksum:
                    LOG.warning("migration %04d_%s changed after it was applied (ignored)", m.version, m.name)
            if target is None:
                result.catalogue_updated = _apply_catalogue(cur)
            if progress:
                progress(100.0 * (steps - 1) / steps)
            result.municipalities_loaded = _load_municipalities(cur, municipalities)
            cur.execute("SELECT coalesce(max(version), 0) FROM coworking.schema_migration")
            result.version = cur.fetchone()[0]
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    if progress:
        progress(100.0)
    return result


# ------------------------------------------------------------------------------------------------ catalogue step

def _site_fields(kind: str) -> List[cat.FieldDef]:
    return cat.fields_for(kind)


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
    per_kind = [(k, _site_fields(k)) for k in cat.KINDS] + [("owner_contact", list(cat.OWNER_FIELDS))]
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
    # the history trigger's statements name every column: rewrite them for the columns added above (0011)
    stmts.append(("SELECT coworking.write_log_sites()", ()))
    stmts.append((public_view_sql(), ()))
    stmts.append(("GRANT SELECT ON coworking.public_site TO coworking_reader, coworking_editor, coworking_reviewer,"
                  " coworking_admin", ()))
    return stmts


def _field_ok(f: cat.FieldDef) -> sql.Composable:
    """One field's rules as a boolean expression on ``r`` (the same rules as coworking.validate in 0004).

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


def public_view_sql() -> sql.Composed:
    """The public view, generated from the catalogue's ``public`` flags.

    Only approved snapshots; the live row must not be archived; a private vacancy needs consent in the approved
    version *and* now (a withdrawn consent hides it at once); a sensitive site (then or now) shows only its grid
    cell and no street address. No owner data, no review comments, no user names.
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
        consent = sql.SQL("")
        if kind == cat.VACANCY:
            consent = sql.SQL(
                " AND ((a.ownership IS DISTINCT FROM 'private' AND s.ownership IS DISTINCT FROM 'private')"
                " OR (coalesce(a.publication_consent, false) AND coalesce(s.publication_consent, false)))")
        branches.append(sql.SQL(
            "SELECT {cols} FROM coworking.{snap} a JOIN coworking.{live} s ON s.uuid = a.uuid"
            " LEFT JOIN coworking.municipality m ON m.ags = a.municipality_ags"
            " CROSS JOIN LATERAL (SELECT coalesce(a.sensitive, false) OR coalesce(s.sensitive, false) AS blurred) b"
            " WHERE s.status <> 'archived'{consent}"
        ).format(cols=sql.SQL(", ").join(cols), snap=sql.Identifier(kind + "_approved"), live=sql.Identifier(kind),
                 consent=consent))
    return sql.SQL("DROP VIEW IF EXISTS coworking.public_site; CREATE VIEW coworking.public_site AS {}").format(
        sql.SQL(" UNION ALL ").join(branches))


def _apply_catalogue(cur) -> bool:
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
    if row and row[0] == checksum:
        return False
    for text, params in rendered:
        cur.execute(text, params or None)
    cur.execute("INSERT INTO coworking.schema_repeatable (name, checksum) VALUES ('catalogue', %s)"
                " ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()", (checksum,))
    LOG.info("catalogue step applied (%d statements)", len(rendered))
    return True


# ------------------------------------------------------------------------------------------------ municipalities

DEFAULT_MUNICIPALITY_SOURCE = ("BKG VG5000 (Stand 01.01.2021), © GeoBasis-DE / BKG 2021 (Daten verändert), "
                               "dl-de/by-2-0")


def shipped_municipalities() -> List[MunicipalityRow]:
    """The 28 municipalities from the data shipped with the plugin (GeoJSON, EPSG:4326)."""
    from ..core.paths import resource

    path = resource("data", "lk_meissen_gemeinden_vg5000.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(f["properties"]["AGS"], f["properties"]["GEN"], json.dumps(f["geometry"]), DEFAULT_MUNICIPALITY_SOURCE)
            for f in data["features"]]


def _load_municipalities(cur, rows: Optional[Iterable[MunicipalityRow]]) -> int:
    cur.execute("SELECT to_regclass('coworking.municipality') IS NOT NULL")
    if not cur.fetchone()[0]:
        return 0
    if rows is None:
        cur.execute("SELECT count(*) FROM coworking.municipality")
        if cur.fetchone()[0]:
            return 0
        rows = shipped_municipalities()
    n = 0
    for ags, name, geom, source in rows:
        is_geojson = geom.lstrip().startswith("{")
        cur.execute(
            "INSERT INTO coworking.municipality (ags, name, geom, source) VALUES (%(ags)s, %(name)s,"
            " ST_Multi(CASE WHEN %(is_geojson)s"
            " THEN ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(%(geom)s), 4326), 25833)"
            " ELSE ST_GeomFromText(%(geom)s, 25833) END), %(source)s)"
            " ON CONFLICT (ags) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom, source = EXCLUDED.source",
            {"ags": ags, "name": name, "geom": geom, "is_geojson": is_geojson, "source": source},
        )
        n += 1
    return n
