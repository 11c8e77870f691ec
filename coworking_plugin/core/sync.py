"""Checkout, push and pull between the officer's working copy (GeoPackage) and the shared register (PostGIS).

Two rules shape everything here: never overwrite silently, never lose an edit.

* Every site in the working copy remembers the server version it is based on (``base_version``). A push sends
  it along; the server (``coworking.push_staged``, migration 0023) applies an update only when the site is still
  at that version or nothing but review fields changed since (a reviewer's decision alone is no conflict; the
  register's history tells). Anything else is a conflict, listed with both versions (table ``sync_issue``)
  until the officer resolves it (core/conflicts.py).
* A push is one transaction in a fixed number of round trips, whatever the number of sites: the sites arrive by
  COPY, the client commits only when the server says every site landed, so a refused site leaves nothing
  half-applied. The working copy is marked only after the commit, and only rows that did not change meanwhile
  become ``synced``. A retry after a dropped connection is harmless: sites carry client-generated UUIDs and the
  server reports a site whose content is already there as "landed" without writing it again.
* Pull and checkout refresh synced rows from the server, keep unpushed edits (taking over only the review
  fields when the server's editable content did not change) and report the reviewers' decisions.

Edits made with plain QGIS are noticed too: triggers in the GeoPackage mark a synced row ``modified`` when it is
changed and give rows inserted without bookkeeping a UUID and the state ``new``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import json
import logging
import sqlite3
import struct
import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from . import catalogue as cat
from . import gpkg
from . import workingcopy as wc
from .catalogue import FieldDef, FieldType
from .connection import connect
from .gpkg import Raw, sql
from .i18n import tr
from .tasks import TaskCanceled

LOG = logging.getLogger(__name__)

SRID = int(cat.REGISTER_CRS.split(":")[1])
GEOM = "geom"
KINDS = cat.KINDS
#: server-maintained register fields, copied into the working copy and never sent back
REGISTER_NAMES = tuple(f.name for f in cat.REGISTER_FIELDS[1:])
REVIEW_NAMES = ("status", "reviewed_at", "reviewed_by", "review_comment")
PUSHABLE_STATES = (wc.SYNC_NEW, wc.SYNC_MODIFIED, wc.SYNC_ARCHIVE)

Progress = Optional[Callable[[float], None]]
Canceled = Optional[Callable[[], bool]]

_UUID_SQL = ("lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
             "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
             "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))")


class SyncError(Exception):
    """A sync that could not run (message translated, says what to do)."""


def _older_register(exc) -> bool:
    """The register lacks a function of this plugin's sync (its migrations are older than the plugin)."""
    return exc.pgcode == "42883" and "coworking." in (exc.diag.message_primary or "")


def _older_register_message() -> str:
    return tr("The register is older than this plugin. Ask the county's administrator to update it (Install or "
              "upgrade the register database), then try again. Your edits are all still in the working copy.")


@dataclass
class Issue:
    """A site the last push or pull could not settle: a conflict or a refusal with the server's message."""

    uuid: str
    kind: str
    issue: str  # "conflict" | "refused"
    name: str = ""
    message: str = ""


@dataclass
class SyncReport:
    """Counts of one checkout, push or pull, and what the officer must look at."""

    operation: str
    inserted: int = 0
    updated: int = 0
    archived: int = 0
    conflicts: int = 0
    refused: int = 0
    landed: int = 0
    removed: int = 0
    approved: int = 0
    rejected: int = 0
    rejections: List[Tuple[str, str]] = field(default_factory=list)  # (site name, reviewer's comment)
    issues: List[Issue] = field(default_factory=list)
    committed: bool = True

    def counts(self) -> Dict[str, int]:
        return {"inserted": self.inserted, "updated": self.updated, "archived": self.archived,
                "conflicts": self.conflicts, "refused": self.refused}

    def decisions_text(self) -> str:
        """The reviewers' decisions in plain words: "3 approved, 1 rejected: <reason>"."""
        parts = []
        if self.approved:
            parts.append(tr("%n approved", "", self.approved))
        if self.rejected:
            reasons = "; ".join(f"{name}: {comment}" if name else comment for name, comment in self.rejections)
            parts.append(tr("%n rejected: {reasons}", "", self.rejected).format(reasons=reasons))
        return ", ".join(parts)

    def summary(self) -> str:
        if self.operation == "push":
            if not self.committed:
                text = tr("Nothing was pushed: {conflicts} and {refused}. Resolve the conflicts, fix the refused "
                          "sites and push again.").format(conflicts=tr("%n conflict(s)", "", self.conflicts),
                                                          refused=tr("%n refused site(s)", "", self.refused))
            else:
                text = tr("Pushed: {inserted} new, {updated} changed, {archived} archived.").format(
                    **self.counts())
                if self.conflicts:
                    text += " " + tr("%n conflict(s) still unresolved.", "", self.conflicts)
        else:
            counts = dict(self.counts(), conflicts=tr("%n conflict(s)", "", self.conflicts))
            text = tr("Updated from the register: {inserted} new, {updated} changed, {removed} removed, "
                      "{conflicts}.").format(removed=self.removed, **counts)
        decisions = self.decisions_text()
        return text + (" " + decisions if decisions else "")


# ---------------------------------------------------------------------------------------------- columns
def site_fields(kind: str) -> List[FieldDef]:
    """Fields an officer edits and a push sends (catalogue order); the geometry goes along as ``geom``."""
    return cat.editable_fields(kind)


def local_fields(kind: str) -> List[FieldDef]:
    """Fields a checkout writes into the working copy besides uuid and the sync bookkeeping."""
    return [f for f in cat.fields_for(kind)] + [f for f in cat.REGISTER_FIELDS[1:]]


def _to_local(f: FieldDef, value: Any) -> Any:
    """A server value (psycopg2 or JSON) as the working copy stores it."""
    if value is None:
        return None
    if f.type == FieldType.MULTI_CHOICE:
        return wc.encode_multi(value if isinstance(value, list) else wc.decode_multi(value))
    if f.type == FieldType.BOOLEAN:
        return 1 if value else 0
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def _to_server(f: FieldDef, value: Any) -> Any:
    """A working-copy value as JSON for ``jsonb_populate_record`` on the server."""
    if value is None:
        return None
    if f.type == FieldType.MULTI_CHOICE:
        return wc.decode_multi(value)
    if f.type == FieldType.BOOLEAN:
        return bool(value)
    if f.type == FieldType.DATE:
        return str(value)[:10]
    return value


# ---------------------------------------------------------------------------------------------- working copy
def prepare(path: str) -> None:
    """Create the working copy when missing and add the sync tables and triggers (idempotent)."""
    if not Path(path).exists():
        wc.create(path)
    with gpkg.connect(path) as db:
        db.execute("CREATE TABLE IF NOT EXISTS sync_issue (uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                   "issue TEXT NOT NULL, local_state TEXT, message TEXT, server_version INTEGER, "
                   "theirs TEXT, theirs_geom BLOB, noticed_at TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS sync_suppress (flag INTEGER)")
        for kind in KINDS:
            db.execute(sql(
                "CREATE TRIGGER IF NOT EXISTS {trigger} AFTER UPDATE ON {k} "
                "WHEN OLD.sync_state = 'synced' AND NEW.sync_state IS 'synced' "
                "AND NOT EXISTS (SELECT 1 FROM sync_suppress) "
                "BEGIN UPDATE {k} SET sync_state = 'modified' WHERE fid = NEW.fid; END",
                trigger="sync_edit_" + kind, k=kind))
            db.execute(sql(
                "CREATE TRIGGER IF NOT EXISTS {trigger} AFTER INSERT ON {k} "
                "WHEN (NEW.sync_state IS NULL OR NEW.uuid IS NULL OR NEW.uuid = '') "
                "AND NOT EXISTS (SELECT 1 FROM sync_suppress) "
                "BEGIN UPDATE {k} SET sync_state = coalesce(NEW.sync_state, 'new'), "
                "uuid = coalesce(nullif(NEW.uuid, ''), {uuid}) WHERE fid = NEW.fid; END",
                trigger="sync_new_" + kind, k=kind, uuid=Raw(_UUID_SQL)))
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            body = " ".join(sql("UPDATE {k} SET sync_state = 'modified' WHERE uuid = {row}.site_uuid "
                                "AND sync_state = 'synced';", k=kind, row=Raw(row)) for kind in KINDS)
            db.execute(sql(
                "CREATE TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON {owner} "
                "WHEN NOT EXISTS (SELECT 1 FROM sync_suppress) BEGIN {body} END",
                trigger="sync_owner_" + event.lower(), event=Raw(event), owner=wc.OWNER_LAYER, body=Raw(body)))


class _Suppressed:
    """One SQLite transaction in which the sync's own writes do not trip the change-tracking triggers."""

    def __init__(self, path: str):
        self.db = gpkg.connect(path)

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO sync_suppress VALUES (1)")
        return self.db

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.db.execute("DELETE FROM sync_suppress")
                self.db.commit()
            else:
                self.db.rollback()
        finally:
            self.db.close()


def _check(is_canceled: Canceled) -> None:
    if is_canceled and is_canceled():
        raise TaskCanceled()


def _step(progress: Progress, value: float) -> None:
    if progress:
        progress(value)


# ---------------------------------------------------------------------------------------------- pull
def checkout(database: str, path: str, progress: Progress = None, is_canceled: Canceled = None) -> SyncReport:
    """Create or refresh the working copy: every site this login may see, their owner contacts, municipalities."""
    report = _refresh(database, path, "checkout", progress, is_canceled, municipalities=True)
    wc.set_meta(path, checked_out_at=dt.datetime.now(dt.timezone.utc).isoformat())
    return report


def pull(database: str, path: str, progress: Progress = None, is_canceled: Canceled = None) -> SyncReport:
    """Bring the server's changes, above all the reviewers' decisions; unpushed local edits are kept."""
    if not Path(path).exists():
        raise SyncError(tr("The working copy {path} does not exist. Check out first.").format(path=path))
    return _refresh(database, path, "pull", progress, is_canceled, municipalities=False)


def _select_sites_sql(kind: str):
    from psycopg2 import sql

    cols = [_local_expr(f) for f in local_fields(kind)]
    return sql.SQL(
        "SELECT t.uuid::text, {cols}, ST_AsBinary(t.geom), ST_XMin(t.geom), ST_XMax(t.geom), ST_YMin(t.geom), "
        "ST_YMax(t.geom) FROM {table} t"
    ).format(cols=sql.SQL(", ").join(cols), table=sql.Identifier("coworking", kind))


def _local_expr(f: FieldDef):
    """The column as the working copy stores it, converted by the server (cheaper than in Python)."""
    from psycopg2 import sql

    col = sql.SQL("t.{}").format(sql.Identifier(f.name))
    if f.type == FieldType.BOOLEAN:
        return sql.SQL("{}::int").format(col)
    if f.type == FieldType.MULTI_CHOICE:
        return sql.SQL("nullif({}::text, '{{}}')").format(col)  # "{a,b}" like QGIS value relations store it
    if f.type == FieldType.DATE or f.name.endswith("_at"):  # dates and timestamps as ISO text
        return sql.SQL("{}::text").format(col)
    return col


def _owner_sql():
    from psycopg2 import sql

    cols = [sql.Identifier(f.name) for f in cat.OWNER_FIELDS]
    return sql.SQL("SELECT site_uuid::text, {} FROM coworking.owner_contact").format(sql.SQL(", ").join(cols))


def _edited(path: str) -> Dict[str, List[Tuple[str, int]]]:
    """(uuid, base_version) per kind of the checked-out sites with unpushed local edits (none in a new copy)."""
    edited: Dict[str, List[Tuple[str, int]]] = {kind: [] for kind in KINDS}
    if not Path(path).exists():
        return edited
    with gpkg.connect(path) as db:
        existing = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for kind in KINDS:
            if kind in existing:
                edited[kind] = db.execute(sql("SELECT uuid, base_version FROM {k} WHERE base_version IS NOT NULL "
                                              "AND sync_state NOT IN (?, ?)", k=kind),
                                          (wc.SYNC_SYNCED, wc.SYNC_NEW)).fetchall()
    return edited


def _unchanged(cur, kind: str, edited: List[Tuple[str, int]]) -> Set[str]:
    """Of the locally edited sites, those the server changed since their base in review fields only."""
    import psycopg2
    from psycopg2 import sql as pgsql

    try:
        cur.execute(pgsql.SQL(
            "SELECT x.u::text FROM unnest(%s::uuid[], %s::integer[]) x (u, b) JOIN {} t ON t.uuid = x.u"
            " WHERE t.version > x.b AND NOT coworking.content_changed_since(%s, x.u, x.b, t.version)"
        ).format(pgsql.Identifier("coworking", kind)), ([u for u, _ in edited], [b for _, b in edited], kind))
    except psycopg2.Error as exc:
        if _older_register(exc):
            raise SyncError(_older_register_message()) from None
        raise
    return {r[0] for r in cur.fetchall()}


def _fetch(database: str, municipalities: bool, edited: Dict[str, List[Tuple[str, int]]],
           is_canceled: Canceled) -> Dict[str, Any]:
    """Everything a refresh needs, in one read-only snapshot (a handful of round trips). For the sites edited
    locally, ``unchanged_<kind>``: those the server changed since their base version in review fields only."""
    conn = _connect_for_sync(database)
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        data: Dict[str, Any] = {}
        with conn.cursor() as cur:
            for kind in KINDS:
                cur.execute(_select_sites_sql(kind))
                data[kind] = cur.fetchall()
                _check(is_canceled)
                data["unchanged_" + kind] = _unchanged(cur, kind, edited[kind]) if edited[kind] else set()
            cur.execute(_owner_sql())
            data["owner"] = cur.fetchall()
            if municipalities:
                cur.execute("SELECT ags, name, ST_AsBinary(ST_Multi(geom)), ST_XMin(geom), ST_XMax(geom), "
                            "ST_YMin(geom), ST_YMax(geom) FROM coworking.municipality WHERE geom IS NOT NULL "
                            "ORDER BY ags")
                data["municipality"] = cur.fetchall()
        conn.rollback()
        return data
    finally:
        conn.close()


def _refresh(database: str, path: str, operation: str, progress: Progress, is_canceled: Canceled,
             municipalities: bool) -> SyncReport:
    _step(progress, 1)
    # the server answers while the working copy is created or prepared
    fetching = _Background(_fetch, database, municipalities, _edited(path), is_canceled)
    try:
        prepare(path)
    except BaseException:
        fetching.discard()
        raise
    _step(progress, 5)
    data = fetching.result()
    _step(progress, 60)
    _check(is_canceled)
    report = SyncReport(operation)
    with _Suppressed(path) as db:
        for kind in KINDS:
            _merge_kind(db, kind, data[kind], data["unchanged_" + kind], report)
        _merge_owners(db, data["owner"])
        if municipalities and data.get("municipality"):
            _write_municipalities(db, data["municipality"])
    _step(progress, 100)
    LOG.info("%s of %s: %s", operation, path, report.summary())
    return report


def _merge_kind(db: sqlite3.Connection, kind: str, rows: Sequence[tuple], unchanged: Set[str],
                report: SyncReport) -> None:
    """Take the server's rows into the working copy. A site edited locally whose server version moved on takes
    only the review fields when the server changed nothing else since its base (``unchanged``), else it is a
    conflict."""
    fields = local_fields(kind)
    names = [f.name for f in fields]
    n = len(fields)
    local = {r[0]: r[1:] for r in db.execute(sql(
        "SELECT k.uuid, k.sync_state, k.base_version, k.status, k.name FROM {k} k", k=kind))}
    issues = {r[0] for r in db.execute("SELECT uuid FROM sync_issue WHERE issue = 'conflict'")}
    full_cols = names + [GEOM, "base_version", "sync_state"]
    update_sql = sql("UPDATE {k} SET {cols_set} WHERE uuid = ?", k=kind, cols_set=full_cols)
    review_idx = [names.index(c) for c in REVIEW_NAMES + ("version",)]
    review_sql = sql("UPDATE {k} SET {cols_set}, base_version = ? WHERE uuid = ?", k=kind,
                     cols_set=REVIEW_NAMES + ("version",))
    inserts, updates, reviews, conflicts = [], [], [], []
    seen = set()
    status_i, comment_i, version_i = names.index("status"), names.index("review_comment"), names.index("version")
    for row in rows:
        uuid = row[0]
        seen.add(uuid)
        values = list(row[1:1 + n])
        wkb, xmin, xmax, ymin, ymax = row[1 + n:]
        blob = gpkg.blob_from_wkb(wkb, SRID, (xmin, xmax, ymin, ymax)) if wkb is not None else None
        version = values[version_i]
        mine = local.get(uuid)
        if mine is None:
            inserts.append((uuid, *values, blob, version, wc.SYNC_SYNCED))
            report.inserted += 1
            continue
        state, base_version, old_status, name = mine
        if state == wc.SYNC_NEW:
            continue  # pushed but not yet acknowledged: the next push reports it as landed
        if version == base_version and uuid not in issues:
            continue
        if state == wc.SYNC_SYNCED:
            updates.append((*values, blob, version, wc.SYNC_SYNCED, uuid))
            report.updated += 1
        elif uuid in unchanged and uuid not in issues:
            # only review fields changed on the server: take them, keep the officer's edits
            reviews.append((*[values[i] for i in review_idx], version, uuid))
            report.updated += 1
        else:
            theirs = {nm: v for nm, v in zip(names, values)}
            conflicts.append((uuid, kind, "conflict", state if state != wc.SYNC_CONFLICT else None,
                              tr("The site was changed on the server too."), version,
                              json.dumps(theirs, ensure_ascii=False), blob, _now()))
            report.conflicts += 1
        if values[status_i] != old_status and values[status_i] == "approved":
            report.approved += 1
        elif values[status_i] != old_status and values[status_i] == "rejected":
            report.rejected += 1
            report.rejections.append((values[names.index("name")] or name or "", values[comment_i] or ""))
    gpkg.insert_features(db, kind, ["uuid", *full_cols], inserts)
    db.executemany(update_sql, updates)
    db.executemany(review_sql, reviews)
    _save_conflicts(db, kind, conflicts)
    # synced rows the server no longer shows (deleted by an admin, moved out of reach): drop them locally
    gone = [(u,) for u, m in local.items() if u not in seen and m[0] == wc.SYNC_SYNCED]
    db.executemany(sql("DELETE FROM {k} WHERE uuid = ?", k=kind), gone)
    report.removed += len(gone)


def _save_conflicts(db: sqlite3.Connection, kind: str, conflicts: List[tuple]) -> None:
    """Record conflicts (keeping the local state of the first notice) and flag the rows."""
    for c in conflicts:
        old = db.execute("SELECT local_state FROM sync_issue WHERE uuid = ? AND issue = 'conflict'",
                         (c[0],)).fetchone()
        local_state = c[3] or (old[0] if old else wc.SYNC_MODIFIED)
        db.execute("INSERT OR REPLACE INTO sync_issue (uuid, kind, issue, local_state, message, server_version, "
                   "theirs, theirs_geom, noticed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (c[0], c[1], c[2], local_state, *c[4:]))
        db.execute(sql("UPDATE {k} SET sync_state = ? WHERE uuid = ?", k=kind), (wc.SYNC_CONFLICT, c[0]))


def _merge_owners(db: sqlite3.Connection, rows: Sequence[tuple]) -> None:
    """Owner contacts of synced sites follow the server (RLS decides which rows arrive at all)."""
    synced = set()
    for kind in KINDS:
        synced |= {r[0] for r in db.execute(sql("SELECT uuid FROM {k} WHERE sync_state = 'synced'", k=kind))}
    names = [f.name for f in cat.OWNER_FIELDS]
    fresh = [(r[0], *[_to_local(f, v) for f, v in zip(cat.OWNER_FIELDS, r[1:])]) for r in rows if r[0] in synced]
    db.executemany(sql("DELETE FROM {t} WHERE site_uuid = ?", t=wc.OWNER_LAYER), [(u,) for u in synced])
    db.executemany(sql("INSERT INTO {t} (site_uuid, {cols}) VALUES ({marks})", t=wc.OWNER_LAYER, cols=names,
                       marks=len(names) + 1), fresh)


def _write_municipalities(db: sqlite3.Connection, rows: Sequence[tuple]) -> None:
    db.execute(sql("DELETE FROM {t}", t=wc.MUNICIPALITY_LAYER))
    db.executemany(sql("INSERT INTO {t} (ags, name, geom) VALUES (?, ?, ?)", t=wc.MUNICIPALITY_LAYER),
                   [(ags, name, gpkg.blob_from_wkb(wkb, SRID, (x0, x1, y0, y1)))
                    for ags, name, wkb, x0, x1, y0, y1 in rows])


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------- push
@dataclass
class _Outgoing:
    columns: List[str]  # the staged value columns (push_columns())
    data: str  # the sites as COPY input (CSV, one line each)
    owners: Optional[str]  # the owner contacts of those sites as JSON, or None
    snapshot: Dict[str, tuple]  # uuid -> the row as read, to see whether it changed while pushing
    kinds: Dict[str, str]
    ops: Dict[str, str]
    names: Dict[str, str]
    unresolved: int
    data_version: int = -1  # PRAGMA data_version when read: unchanged means no other connection wrote since


_OP_SQL = ("CASE WHEN k.base_version IS NULL THEN 'insert' WHEN k.sync_state = 'archive' THEN 'archive' "
           "ELSE 'update' END")
#: the staged sites: SQLite writes each value as an SQL literal ('text' with '' doubled, NULL), which is CSV with
#: ' as the quote character; a text "NULL" stays quoted and so stays text
_COPY = "COPY pg_temp.push_site ({cols}) FROM STDIN WITH (FORMAT csv, QUOTE '''', NULL 'NULL')"
_META = ("kind", "uuid", "op", "base_version")


def push_columns() -> List[str]:
    """The value columns a push stages: the editable fields of every kind (catalogue order, each once) and the
    geometry. A site leaves the columns of the other kind empty; the server takes only its table's columns."""
    names: List[str] = []
    for kind in KINDS:
        names += [f.name for f in site_fields(kind) if f.name not in names]
    return names + [GEOM]


@functools.lru_cache(maxsize=1024)
def _multi_array(value: Any) -> Optional[str]:
    """A multi-choice as PostgreSQL array input ({"a","b"}); a layer holds few distinct ones, hence the cache."""
    if value is None:
        return None
    quoted = ('"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"' for k in wc.decode_multi(value))
    return "{" + ",".join(quoted) + "}"


def _ewkb(blob: Optional[bytes]) -> Optional[str]:
    wkb = gpkg.wkb_of(blob)
    return gpkg.ewkb_hex(wkb, SRID) if wkb else None


def _geom_sql() -> str:
    """The geometry as hex EWKB: written by SQLite for the blobs QGIS and GDAL write (little-endian WKB of a 2D,
    Z, M or ZM type after a little-endian header without or with an XY envelope), by push_geom (Python) for any
    other. About a tenth of the time of reading 10,000 sites went into calling Python per row."""
    g = sql("k.{g}", g=GEOM)
    srid = struct.pack("<I", SRID).hex().upper()
    branches = []
    for header, size in (("47500003", 40), ("47500001", 8)):  # "GP", version 0, flags: LE, XY envelope or none
        branches.append(f"WHEN substr({g}, 1, 4) = x'{header}' AND substr({g}, {size + 1}, 1) = x'01' "
                        f"AND substr({g}, {size + 5}, 1) = x'00' AND length({g}) > {size + 5} "
                        f"THEN '01' || hex(substr({g}, {size + 2}, 3)) || '20{srid}' || hex(substr({g}, {size + 6}))")
    return f"CASE WHEN {g} IS NULL THEN NULL {' '.join(branches)} ELSE push_geom({g}) END"


def _rows(db: sqlite3.Connection, kind: str) -> Iterator[tuple]:
    """(uuid, sync_state, base_version, name, line) of every unpushed row of a layer, in fid order.

    The line is the site as the push stages it (one CSV line, see ``_COPY``): kind, uuid, op, base_version and
    the values of ``push_columns()``. SQLite writes it: reading 10,000 sites creates no Python object per value.
    Dates go cut to the day, booleans as 0/1 (PostgreSQL's boolean input takes them), multi-choices as arrays,
    the geometry as hex EWKB; every value as text, which the server reads per site (a value it cannot read is
    refused for that site, with the server's message).
    """
    db.create_function("push_multi", 1, _multi_array, deterministic=True)
    db.create_function("push_geom", 1, _ewkb, deterministic=True)
    fields = {f.name: f for f in site_fields(kind)}
    # printf writes the line in one pass (concatenating 40 values would copy it 40 times); %Q is quote() for
    # text, a number goes as quoted text too, except a real: quote() writes it exactly, printf to 15 digits
    formats, values = ["%Q", "%Q", "%Q", "%Q"], ["?", "k.uuid", _OP_SQL, "k.base_version"]
    for name in push_columns():
        f = fields.get(name)
        col = sql("k.{c}", c=name)
        if name == GEOM:
            formats.append("%Q")
            values.append(_geom_sql())
        elif f is None:
            formats.append("NULL")
        elif f.type == FieldType.REAL:
            formats.append("%s")
            values.append(f"quote({col})")
        else:
            formats.append("%Q")
            values.append(f"substr({col}, 1, 10)" if f.type == FieldType.DATE else
                          f"push_multi({col})" if f.type == FieldType.MULTI_CHOICE else col)
    line = f"printf('{','.join(formats)}', {', '.join(values)})"
    yield from db.execute(sql("SELECT k.uuid, k.sync_state, k.base_version, k.name, {line} FROM {k} k "
                              "WHERE k.sync_state IN (?, ?, ?) ORDER BY k.fid", line=Raw(line), k=kind),
                          (kind, *PUSHABLE_STATES))


def _data_version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA data_version").fetchone()[0]


def collect(path: str, db: Optional[sqlite3.Connection] = None) -> _Outgoing:
    """Read every unpushed insert, update and archival (and the owner contacts of those sites): one SELECT per
    layer, the sites as COPY input for pg_temp.push_site (migration 0023)."""
    snapshot, kinds, ops, names = {}, {}, {}, {}
    lines: List[str] = []
    own = db is None
    if own:
        db = gpkg.connect(path)
    try:
        version = _data_version(db)
        unresolved = 0
        for kind in KINDS:
            for row in _rows(db, kind):
                uuid, state, base_version = row[0], row[1], row[2]
                lines.append(row[4])
                snapshot[uuid] = row
                kinds[uuid] = kind
                ops[uuid] = "insert" if base_version is None else "archive" if state == wc.SYNC_ARCHIVE else "update"
                names[uuid] = row[3] or ""
            unresolved += db.execute(sql("SELECT count(*) FROM {k} WHERE sync_state = ?", k=kind),
                                     (wc.SYNC_CONFLICT,)).fetchone()[0]
        owner_names = [f.name for f in cat.OWNER_FIELDS]
        owners = []
        if snapshot:
            for row in db.execute(sql("SELECT site_uuid, {cols} FROM {t}", cols=owner_names, t=wc.OWNER_LAYER)):
                if row[0] in snapshot:
                    item = {"site_uuid": row[0], "kind": kinds[row[0]]}
                    item.update({f.name: _to_server(f, v) for f, v in zip(cat.OWNER_FIELDS, row[1:])})
                    owners.append(item)
    finally:
        if own:
            db.close()
    owners_json = json.dumps({"columns": owner_names, "rows": owners}, ensure_ascii=False) if owners else None
    data = "\n".join(lines) + "\n" if lines else ""
    return _Outgoing(push_columns(), data, owners_json, snapshot, kinds, ops, names, unresolved, version)


def push(database: str, path: str, progress: Progress = None, is_canceled: Canceled = None) -> SyncReport:
    """Send every local insert, update and archival in one transaction; mark what landed after the commit."""
    if not Path(path).exists():
        raise SyncError(tr("The working copy {path} does not exist. Check out first.").format(path=path))
    prepare(path)
    _step(progress, 2)
    # the connection is opened while the working copy is read: over a slow link its set-up (several round
    # trips) then costs no extra time
    opener = _Background(_connect_for_sync, database, dispose=lambda conn: conn.close())
    db = gpkg.connect(path)
    try:
        try:
            out = collect(path, db)
            report = SyncReport("push", conflicts=out.unresolved)
            if not out.snapshot:
                _step(progress, 100)
                return report
            _check(is_canceled)
            _step(progress, 10)
            conn = opener.result()
        finally:
            opener.discard()
        result = _send(conn, out, report, progress, is_canceled)
        if not report.committed and result.get("ok"):
            raise TaskCanceled()
        _apply_push_result(path, out, result, report, db)
    finally:
        db.close()
    _step(progress, 100)
    LOG.info("push of %s: %s", path, report.summary())
    return report


class _Background:
    """Run ``fn(*args)`` in a thread while the caller goes on (libpq waits for the server without holding the GIL).

    result() waits and returns fn's value or raises its exception. discard() gives up on it without waiting:
    ``dispose`` (closing a connection) is applied to a value nobody took, now or when it arrives.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, dispose: Optional[Callable[[Any], None]] = None) -> None:
        import threading

        self._value: Any = None
        self._error: Optional[BaseException] = None
        self._state = "running"  # -> "taken" by result() or "discarded"
        self._dispose = dispose
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., Any], args: tuple) -> None:
        try:
            value = fn(*args)
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc
            return
        with self._lock:
            if self._state == "discarded":
                if self._dispose:
                    self._dispose(value)
            else:
                self._value = value

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        self._state = "taken"
        return self._value

    def discard(self) -> None:
        with self._lock:
            if self._state == "taken":
                return
            self._state = "discarded"
            if self._value is not None and self._dispose:
                self._dispose(self._value)
                self._value = None


def _connect_for_sync(database: str):
    return connect(database, application_name="coworking_plugin sync")


def _send(conn, out: _Outgoing, report: SyncReport, progress: Progress, is_canceled: Canceled) -> dict:
    """One transaction in four round trips whatever the number of sites: BEGIN, the staging table and the COPY
    of the sites; the end of the COPY; applying them (coworking.push_staged, migration 0023); COMMIT/ROLLBACK."""
    import io

    import psycopg2
    from psycopg2 import sql as pgsql

    try:
        conn.autocommit = True  # BEGIN goes with the COPY: one round trip less
        with conn.cursor() as cur:
            begin = pgsql.SQL("BEGIN; SELECT coworking.push_begin({columns}); " + _COPY).format(
                columns=pgsql.Literal(out.columns),
                cols=pgsql.SQL(", ").join(pgsql.Identifier(c) for c in (*_META, *out.columns)))
            cur.copy_expert(begin, io.StringIO(out.data), size=1 << 20)
            _step(progress, 30)
            if is_canceled and is_canceled():
                cur.execute("ROLLBACK")
                raise TaskCanceled()
            cur.execute("SELECT coworking.push_staged(%s::jsonb)", (out.owners,))
            result = cur.fetchone()[0]
            _step(progress, 80)
            if result.get("ok") and not (is_canceled and is_canceled()):
                cur.execute("COMMIT")
                report.committed = True
            else:
                cur.execute("ROLLBACK")
                report.committed = False
        return result
    except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
        raise SyncError(tr("The connection to the register was lost during the push ({error}). Your edits are all "
                           "still in the working copy. Push again: sites that already arrived are recognised and "
                           "not stored twice.").format(error=str(exc).strip().splitlines()[0] if str(exc) else "")
                        ) from None
    except psycopg2.Error as exc:
        if _older_register(exc):
            raise SyncError(_older_register_message()) from None
        message = exc.diag.message_primary or str(exc).strip()
        raise SyncError(tr("The register refused the push: {error}").format(error=message)) from None
    finally:
        conn.close()


def _apply_push_result(path: str, out: _Outgoing, result: Dict[str, Any], report: SyncReport,
                       reader: Optional[sqlite3.Connection] = None) -> None:
    """Record conflicts and refusals, or mark what landed. When no other connection wrote the working copy
    since ``reader`` read it (PRAGMA data_version, checked under the write lock), every sent row becomes synced
    without reading it again; otherwise only the rows that did not change meanwhile."""
    # applied sites come as [uuid, version, status] (migration 0023), the others as objects
    sites = [{"uuid": s[0], "kind": out.kinds[s[0]], "verdict": "applied", "version": s[1], "status": s[2]}
             if isinstance(s, list) else s for s in result.get("sites", [])]
    owner_refusals = {o["site_uuid"]: o.get("message", "") for o in result.get("owners", [])
                      if o.get("verdict") != "applied"}
    with _Suppressed(path) as db:
        db.execute("DELETE FROM sync_issue WHERE issue = 'refused'")
        if not report.committed:
            conflicts: Dict[str, List[tuple]] = {k: [] for k in KINDS}
            for s in sites:
                uuid, verdict = s["uuid"], s.get("verdict")
                if verdict == "conflict":
                    kind = s["kind"]
                    theirs_geom = None
                    if s.get("theirs_geom"):
                        theirs_geom = gpkg.blob_from_wkb(gpkg.wkb_from_ewkb_hex(s["theirs_geom"]), SRID)
                    theirs = {f.name: _to_local(f, s.get("theirs", {}).get(f.name)) for f in local_fields(kind)}
                    state = out.snapshot[uuid][1]
                    conflicts[kind].append((uuid, kind, "conflict", state, tr("The site was changed on the server "
                                            "since your last checkout or pull."), s.get("version"),
                                            json.dumps(theirs, ensure_ascii=False), theirs_geom, _now()))
                    report.issues.append(Issue(uuid, kind, "conflict", out.names.get(uuid, ""), ""))
                    report.conflicts += 1
                elif verdict == "refused" or uuid in owner_refusals:
                    message = s.get("message") or owner_refusals.get(uuid, "")
                    db.execute("INSERT OR REPLACE INTO sync_issue (uuid, kind, issue, message, noticed_at) "
                               "VALUES (?, ?, 'refused', ?, ?)", (uuid, s["kind"], message, _now()))
                    report.issues.append(Issue(uuid, s["kind"], "refused", out.names.get(uuid, ""), message))
                    report.refused += 1
            for kind in KINDS:
                _save_conflicts(db, kind, conflicts[kind])
            return
        current = None
        if reader is None or _data_version(reader) != out.data_version:
            current = {}
            for kind in KINDS:
                for row in _rows(db, kind):
                    current[row[0]] = row
        marks: Dict[str, List[tuple]] = {k: [] for k in KINDS}
        for s in sites:
            uuid, kind = s["uuid"], s["kind"]
            version, status = s.get("version"), s.get("status")
            same = current is None or current.get(uuid) == out.snapshot.get(uuid)
            state = wc.SYNC_SYNCED if same else wc.SYNC_MODIFIED
            marks[kind].append((version, version, status, state, uuid))
            if s.get("verdict") == "landed":
                report.landed += 1
            op = out.ops[uuid]
            if op == "insert":
                report.inserted += 1
            elif op == "archive":
                report.archived += 1
            else:
                report.updated += 1
        _mark(db, marks)
        if db.execute("SELECT 1 FROM sync_issue LIMIT 1").fetchone():
            db.executemany("DELETE FROM sync_issue WHERE uuid = ?", [(s["uuid"],) for s in sites])


def _mark(db: sqlite3.Connection, marks: Dict[str, List[tuple]]) -> None:
    """Set version, status and state of the pushed rows: (base_version, version, status, state, uuid) each."""
    if sqlite3.sqlite_version_info < (3, 33):  # no UPDATE ... FROM: one statement per row
        for kind in KINDS:
            db.executemany(sql("UPDATE {k} SET base_version = ?, version = ?, status = ?, sync_state = ? "
                               "WHERE uuid = ?", k=kind), marks[kind])
        return
    # one statement per layer from a temporary table: about a third cheaper than one UPDATE per row
    db.execute("CREATE TEMP TABLE IF NOT EXISTS sync_mark (uuid TEXT PRIMARY KEY, base_version INTEGER, "
               "version INTEGER, status TEXT, state TEXT)")
    for kind in KINDS:
        if not marks[kind]:
            continue
        db.execute("DELETE FROM sync_mark")
        db.executemany("INSERT INTO sync_mark (base_version, version, status, state, uuid) VALUES (?, ?, ?, ?, ?)",
                       marks[kind])
        db.execute(sql("UPDATE {k} SET base_version = m.base_version, version = m.version, status = m.status, "
                       "sync_state = m.state FROM sync_mark m WHERE m.uuid = {k}.uuid", k=kind))
    db.execute("DROP TABLE sync_mark")


def archive(path: str, kind: str, uuid: str) -> bool:
    """Ask for a site's archival with the next push (the register never deletes: it archives).

    A site that never reached the server is simply removed from the working copy. Returns True when the
    archival waits for a push, False when the draft was removed.
    """
    prepare(path)
    with gpkg.connect(path) as db:
        row = db.execute(sql("SELECT base_version FROM {k} WHERE uuid = ?", k=kind), (uuid,)).fetchone()
        if row is None:
            raise KeyError(uuid)
        if row[0] is None:
            db.execute(sql("DELETE FROM {k} WHERE uuid = ?", k=kind), (uuid,))
            db.execute(sql("DELETE FROM {t} WHERE site_uuid = ?", t=wc.OWNER_LAYER), (uuid,))
            return False
        db.execute(sql("UPDATE {k} SET sync_state = ? WHERE uuid = ?", k=kind), (wc.SYNC_ARCHIVE, uuid))
        return True


# ---------------------------------------------------------------------------------------------- issues
def issues(path: str) -> List[Issue]:
    """Conflicts and refusals still open in the working copy (for the dock)."""
    if not Path(path).exists():
        return []
    prepare(path)
    result = []
    with gpkg.connect(path) as db:
        for uuid, kind, issue, message in db.execute(
                "SELECT uuid, kind, issue, message FROM sync_issue ORDER BY issue, noticed_at"):
            row = db.execute(sql("SELECT name FROM {k} WHERE uuid = ?", k=kind), (uuid,)).fetchone()
            result.append(Issue(uuid, kind, issue, row[0] if row and row[0] else "", message or ""))
    return result


def pending_count(path: str) -> int:
    """Sites with edits not yet pushed, those in conflict included (a conflict only arises over a local edit)."""
    if not Path(path).exists():
        return 0
    states = (*PUSHABLE_STATES, wc.SYNC_CONFLICT)
    with gpkg.connect(path) as db:
        return sum(db.execute(sql("SELECT count(*) FROM {k} WHERE sync_state IN (?, ?, ?, ?)", k=k),
                              states).fetchone()[0] for k in KINDS)


def new_uuid() -> str:
    return str(uuidlib.uuid4())
