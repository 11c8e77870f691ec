"""Install or upgrade the shared register: the baseline and later migrations, then the catalogue step.

* ``migrations/0001_baseline/`` is the schema of version 1.0, in parts a reader takes in order (tables; rules,
  roles and row-level security; views; sync functions). Later changes are forward-only migrations beside it,
  ``migrations/NNNN_name.sql`` (or a folder ``NNNN_name/`` of parts), applied once each, in order, and recorded
  in ``coworking.schema_migration``. A migration that was applied is never edited: a change is a new migration.
* The catalogue step (``catalogue_sync.py``) then brings the database in line with ``core/register/catalogue.py``.
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
from typing import Callable, Iterable, List, Optional, Tuple

from psycopg2 import sql

from .catalogue_sync import apply_catalogue

LOG = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
GROUP_ROLES = ("coworking_admin", "coworking_reviewer", "coworking_editor", "coworking_reader")
#: raised by the baseline when the installing login may not grant the existing group roles (PostgreSQL 16+)
ROLE_ADMIN_MISSING = "RG101"
_LOCK_KEY = 0x636F776B  # "cowk": one installer at a time per database
_NAME_RE = re.compile(r"^(\d{4})_([a-z0-9_]+?)(\.sql)?$")

#: (ags, name, geometry as GeoJSON in EPSG:4326 or WKT in EPSG:25833, source/attribution)
MunicipalityRow = Tuple[str, str, str, str]


class RoleAdminMissing(RuntimeError):
    """The group roles exist, made by someone else, and the installing login may not grant them.

    Since PostgreSQL 16 a role with CREATEROLE grants only roles it holds WITH ADMIN OPTION (those it created
    itself, or those a superuser granted it so). ``grant`` is the statement a superuser runs once.
    """

    def __init__(self, login: str, grant: str):
        super().__init__(f"The login {login} may not grant the existing coworking_* group roles; "
                         f"a superuser runs once: {grant}")
        self.login = login
        self.grant = grant


@dataclass(frozen=True)
class Migration:
    """One migration: a file ``NNNN_name.sql``, or a folder ``NNNN_name/`` whose ``*.sql`` parts are read in
    name order as one script."""

    version: int
    name: str
    path: Path

    @property
    def parts(self) -> List[Path]:
        return sorted(self.path.glob("*.sql")) if self.path.is_dir() else [self.path]

    @property
    def text(self) -> str:
        return "\n".join(p.read_text(encoding="utf-8") for p in self.parts)

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


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
    for p in sorted(MIGRATIONS_DIR.iterdir()):
        m = _NAME_RE.match(p.name)
        if m and (p.is_dir() == (m.group(3) is None)):
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
                cur.execute(m.text)
                cur.execute("INSERT INTO coworking.schema_migration (version, name, checksum) VALUES (%s, %s, %s)",
                            (m.version, m.name, m.checksum))
                result.applied.append(m.version)
                if progress:
                    progress(100.0 * (i + 1) / steps)
            for m in todo_all:
                if m.version in done and done[m.version] != m.checksum:
                    LOG.warning("migration %04d_%s changed after it was applied (ignored)", m.version, m.name)
            if target is None:
                result.catalogue_updated = apply_catalogue(cur, force=bool(result.applied))
            if progress:
                progress(100.0 * (steps - 1) / steps)
            result.municipalities_loaded = _load_municipalities(cur, municipalities)
            cur.execute("SELECT coalesce(max(version), 0) FROM coworking.schema_migration")
            result.version = cur.fetchone()[0]
        conn.commit()
    except BaseException as exc:
        conn.rollback()
        if getattr(exc, "pgcode", None) == ROLE_ADMIN_MISSING:
            raise _role_admin_missing(conn) from exc
        raise
    if progress:
        progress(100.0)
    return result


def _role_admin_missing(conn) -> RoleAdminMissing:
    with conn.cursor() as cur:
        cur.execute("SELECT current_user")
        login = cur.fetchone()[0]
    conn.rollback()
    grant = sql.SQL("GRANT {} TO {} WITH ADMIN OPTION;").format(
        sql.SQL(", ").join(map(sql.Identifier, GROUP_ROLES)), sql.Identifier(login)).as_string(conn)
    return RoleAdminMissing(login, grant)


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
