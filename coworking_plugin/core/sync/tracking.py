"""The sync's bookkeeping in the working copy: the fields it moves and how their values convert, the
change-tracking triggers (``prepare``) and the writes that must not trip them (``_Suppressed``), the open
conflicts and refusals (table ``sync_issue``), archival and the count of unpushed sites."""

from __future__ import annotations

import datetime as dt
import decimal
import sqlite3
import uuid as uuidlib
from pathlib import Path
from typing import Any, Callable, List, Optional

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from ..tasks import TaskCanceled
from . import base, gpkg
from . import workingcopy as wc
from .gpkg import Raw, sql
from .report import Issue

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
        _add_missing_columns(db)
        base.create_tables(db)
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
            _prepare_copies_and_deletes(db, kind)
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            body = " ".join(sql("UPDATE {k} SET sync_state = 'modified' WHERE uuid = {row}.site_uuid "
                                "AND sync_state = 'synced';", k=kind, row=Raw(row)) for kind in KINDS)
            db.execute(sql(
                "CREATE TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON {owner} "
                "WHEN NOT EXISTS (SELECT 1 FROM sync_suppress) BEGIN {body} END",
                trigger="sync_owner_" + event.lower(), event=Raw(event), owner=wc.OWNER_LAYER, body=Raw(body)))


_SQLITE_TYPES = {FieldType.INTEGER: "INTEGER", FieldType.REAL: "REAL", FieldType.BOOLEAN: "BOOLEAN",
                 FieldType.DATE: "DATE"}


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """Columns a newer plugin's catalogue has and an older working copy lacks (e.g. location_override_reason)."""
    for kind in KINDS:
        have = {r[1] for r in db.execute(sql("PRAGMA table_info({k})", k=kind))}
        for f in wc.layer_fields(kind):
            if f.name not in have:
                db.execute(sql("ALTER TABLE {k} ADD COLUMN {c} {t}", k=kind, c=f.name,
                               t=Raw(_SQLITE_TYPES.get(f.type, "TEXT"))))


def _prepare_copies_and_deletes(db: sqlite3.Connection, kind: str) -> None:
    """A copied and pasted site (same uuid as another row) becomes a new draft with a uuid of its own; a site
    deleted with QGIS's own tools is recorded for archival (``base.restore_deleted``). The uuid index is not
    unique for that reason (a pasted row must get in before its trigger gives it a new uuid); the trigger keeps
    the uuids unique."""
    index = kind + "_uuid"
    unique = [r for r in db.execute(sql("PRAGMA index_list({k})", k=kind)) if r[1] == index and r[2]]
    if unique:
        db.execute(sql("DROP INDEX {i}", i=index))
    db.execute(sql("CREATE INDEX IF NOT EXISTS {i} ON {k} (uuid)", i=index, k=kind))
    cleared = ["base_version", *REGISTER_NAMES]
    db.execute(sql(
        "CREATE TRIGGER IF NOT EXISTS {trigger} AFTER INSERT ON {k} "
        "WHEN NOT EXISTS (SELECT 1 FROM sync_suppress) "
        "AND EXISTS (SELECT 1 FROM {k} o WHERE o.uuid = NEW.uuid AND o.fid <> NEW.fid) "
        "BEGIN UPDATE {k} SET uuid = {uuid}, sync_state = 'new', {cleared} WHERE fid = NEW.fid; END",
        trigger="sync_copy_" + kind, k=kind, uuid=Raw(_UUID_SQL),
        cleared=Raw(", ".join(sql("{c} = NULL", c=c) for c in cleared))))
    keep_base = base.keep_base_sql(kind)
    db.execute(sql(
        "CREATE TRIGGER IF NOT EXISTS {trigger} AFTER DELETE ON {k} "
        "WHEN OLD.base_version IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sync_suppress) "
        "BEGIN {keep_base} INSERT OR REPLACE INTO {deleted} (uuid, kind, deleted_at) "
        "VALUES (OLD.uuid, {kind}, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END",
        trigger="sync_delete_" + kind, k=kind, deleted=base.DELETED_TABLE, kind=Raw("'" + kind + "'"),
        keep_base=Raw(keep_base)))
    # the first edit of a synced row keeps the row as it was: the site's base (core/sync/base.py)
    db.execute(sql(
        "CREATE TRIGGER IF NOT EXISTS {trigger} BEFORE UPDATE ON {k} "
        "WHEN OLD.sync_state = 'synced' AND OLD.uuid IS NEW.uuid AND NOT EXISTS (SELECT 1 FROM sync_suppress) "
        "BEGIN {keep_base} END", trigger="sync_base_" + kind, k=kind, keep_base=Raw(keep_base)))


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



def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class AlreadyArchived(ValueError):
    """The site is archived in the register already: archiving it again would change nothing."""


def archive(path: str, kind: str, uuid: str) -> bool:
    """Ask for a site's archival with the next push (the register never deletes: it archives).

    A site that never reached the server is simply removed from the working copy. Returns True when the
    archival waits for a push, False when the draft was removed.
    """
    prepare(path)
    with gpkg.connect(path) as db:
        row = db.execute(sql("SELECT base_version, status FROM {k} WHERE uuid = ?", k=kind), (uuid,)).fetchone()
        if row is None:
            raise KeyError(uuid)
        if row[1] == "archived":
            raise AlreadyArchived(tr("The site is already archived."))
        if row[0] is None:
            db.execute(sql("DELETE FROM {k} WHERE uuid = ?", k=kind), (uuid,))
            db.execute(sql("DELETE FROM {t} WHERE site_uuid = ?", t=wc.OWNER_LAYER), (uuid,))
            return False
        db.execute(sql("UPDATE {k} SET sync_state = ? WHERE uuid = ?", k=kind), (wc.SYNC_ARCHIVE, uuid))
        return True


# ---------------------------------------------------------------------------------------------- issues
def issues(path: str) -> List[Issue]:
    """Conflicts and refusals still open in the working copy, and the sites the county rejected (with the
    reviewer's reason) until they are changed and pushed again (for the dock)."""
    if not Path(path).exists():
        return []
    prepare(path)
    result = []
    with gpkg.connect(path) as db:
        for uuid, kind, issue, message in db.execute(
                "SELECT uuid, kind, issue, message FROM sync_issue ORDER BY issue, noticed_at"):
            row = db.execute(sql("SELECT name FROM {k} WHERE uuid = ?", k=kind), (uuid,)).fetchone()
            result.append(Issue(uuid, kind, issue, row[0] if row and row[0] else "", message or ""))
        listed = {i.uuid for i in result}
        for kind in KINDS:  # the pushed answer makes a rejected site pending again: then it leaves the list
            for uuid, name, comment in db.execute(sql(
                    "SELECT uuid, name, review_comment FROM {k} WHERE status = 'rejected' ORDER BY name", k=kind)):
                if uuid not in listed:
                    result.append(Issue(uuid, kind, "rejected", name or "", comment or ""))
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
