"""Each checked-out site's base: the server's row as this working copy last had it in sync (table ``sync_base``).

The base is the common ancestor of a three-way merge (core/sync/conflicts.py: a field changed on one side only
is taken from that side), what "discard my local change" restores, and what a site deleted with QGIS's own
delete tool is archived with (the register never deletes, it archives: ``sync_deleted`` records the deletion
and the next push or pull puts the site back, marked for archival).

A synced row is by definition its base, so the base is kept when a synced row is first changed (a trigger of
the working copy: ``keep_base_sql``; a checkout, pull or push writes nothing extra), when a conflict is resolved
(the server's row it is now based on) and when a pull takes only review fields. An edited row keeps the base it
had when it was last synced.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..i18n import tr
from ..register import catalogue as cat
from . import gpkg
from . import workingcopy as wc
from .gpkg import Raw, sql

BASE_TABLE = "sync_base"
DELETED_TABLE = "sync_deleted"
GEOM = "geom"


def local_names(kind: str) -> List[str]:
    """The columns a base keeps: the catalogue's fields of ``kind`` and the register's bookkeeping."""
    return [f.name for f in cat.fields_for(kind)] + [f.name for f in cat.REGISTER_FIELDS[1:]]


def create_tables(db: sqlite3.Connection) -> None:
    db.execute(sql("CREATE TABLE IF NOT EXISTS {t} (uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, version INTEGER, "
                   "data TEXT NOT NULL, geom BLOB)", t=BASE_TABLE))
    db.execute(sql("CREATE TABLE IF NOT EXISTS {t} (uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, deleted_at TEXT)",
                   t=DELETED_TABLE))


def _json_object(kind: str, alias: str = "k") -> str:
    """SQLite expression: the row's base columns as one JSON object (json_object takes up to 127 arguments:
    built in chunks of 40 keys)."""
    names = local_names(kind)
    chunks = []
    for i in range(0, len(names), 40):
        pairs = ", ".join("'{n}', {a}.{c}".format(n=n, a=alias, c=sql("{c}", c=n)) for n in names[i:i + 40])
        chunks.append(f"json_object({pairs})")
    expr = chunks[0]
    for chunk in chunks[1:]:
        expr = f"json_patch({expr}, {chunk})"
    return expr


def keep_base_sql(kind: str) -> str:
    """Trigger statement: a synced row about to change (OLD) becomes its site's base, unless the site has its
    base of this version already (a BEFORE trigger: the change-tracking trigger's own UPDATE of the row, which
    comes after, must not replace it with the edited values)."""
    return sql("INSERT OR REPLACE INTO {b} (uuid, kind, version, data, geom) "
               "SELECT OLD.uuid, {kind}, OLD.base_version, {obj}, OLD.geom WHERE OLD.sync_state = 'synced' "
               "AND NOT EXISTS (SELECT 1 FROM {b} x WHERE x.uuid = OLD.uuid AND x.version IS OLD.base_version);",
               b=BASE_TABLE, kind=Raw("'" + kind + "'"), obj=Raw(_json_object(kind, "OLD")))


def write(db: sqlite3.Connection, kind: str, uuid: str, version: Optional[int], values: Dict[str, Any],
          geom: Optional[bytes]) -> None:
    """Set a site's base (after a conflict was resolved: the server's row it is now based on)."""
    data = {n: values.get(n) for n in local_names(kind)}
    db.execute(sql("INSERT OR REPLACE INTO {b} (uuid, kind, version, data, geom) VALUES (?, ?, ?, ?, ?)",
                   b=BASE_TABLE), (uuid, kind, version, json.dumps(data, ensure_ascii=False), geom))


def update_review(db: sqlite3.Connection, rows: Sequence[Tuple[Any, ...]], names: Sequence[str]) -> None:
    """A pull took only review fields of the server (``rows``: values of ``names``, the version, the uuid):
    the base follows, since the server's content is still the base's."""
    for row in rows:
        found = db.execute(sql("SELECT data FROM {b} WHERE uuid = ?", b=BASE_TABLE), (row[-1],)).fetchone()
        if found is None:
            continue
        data = json.loads(found[0])
        data.update(zip(names, row[:len(names)]))
        db.execute(sql("UPDATE {b} SET version = ?, data = ? WHERE uuid = ?", b=BASE_TABLE),
                   (row[-2], json.dumps(data, ensure_ascii=False), row[-1]))


_ANY = object()


def read(db: sqlite3.Connection, uuid: str,
         version: Any = _ANY) -> Optional[Tuple[int, Dict[str, Any], Optional[bytes]]]:
    """(version, values, geometry blob) of a site's base, or None when the working copy has none (of
    ``version``, when given: the version the row is based on; a base of another version is an older one)."""
    row = db.execute(sql("SELECT version, data, geom FROM {b} WHERE uuid = ?", b=BASE_TABLE), (uuid,)).fetchone()
    if row is None or (version is not _ANY and row[0] != version):
        return None
    return row[0], json.loads(row[1]), row[2]


def _set_from_base(db: sqlite3.Connection, kind: str, uuid: str, state: str, version: Any = _ANY) -> bool:
    """Put the base back into the site's row (values, geometry, version) with ``state``; False without a base
    (of ``version``, when given)."""
    found = read(db, uuid, version)
    if found is None:
        return False
    version, data, geom = found
    names = local_names(kind)
    values = [data.get(n) for n in names] + [geom, version, state]
    cols = names + [GEOM, "base_version", "sync_state"]
    if db.execute(sql("SELECT 1 FROM {k} WHERE uuid = ?", k=kind), (uuid,)).fetchone():
        db.execute(sql("UPDATE {k} SET {cols_set} WHERE uuid = ?", k=kind, cols_set=cols), (*values, uuid))
    else:
        gpkg.insert_features(db, kind, ["uuid", *cols], [(uuid, *values)])
    return True


def has_deleted(path: str) -> bool:
    """Are there sites deleted in the working copy that wait to become archivals?"""
    with gpkg.connect(path) as db:
        return db.execute(sql("SELECT 1 FROM {t} LIMIT 1", t=DELETED_TABLE)).fetchone() is not None


def restore_deleted(db: sqlite3.Connection) -> int:
    """Sites deleted in the working copy (QGIS's delete tool, the attribute table) come back from their base,
    marked for archival; a deleted site whose row came back from the server is marked too. Returns their
    number. Runs inside the sync's own (trigger-suppressed) transaction."""
    restored = 0
    for uuid, kind in db.execute(sql("SELECT uuid, kind FROM {t}", t=DELETED_TABLE)).fetchall():
        if kind not in cat.KINDS:
            continue
        exists = db.execute(sql("SELECT 1 FROM {k} WHERE uuid = ?", k=kind), (uuid,)).fetchone()
        if exists:
            db.execute(sql("UPDATE {k} SET sync_state = ? WHERE uuid = ?", k=kind), (wc.SYNC_ARCHIVE, uuid))
        elif not _set_from_base(db, kind, uuid, wc.SYNC_ARCHIVE):
            continue  # no base (a working copy of an older plugin): the next pull brings the row, then it is marked
        db.execute(sql("DELETE FROM {t} WHERE uuid = ?", t=DELETED_TABLE), (uuid,))
        restored += 1
    return restored


def discard(db: sqlite3.Connection, kind: str, uuid: str) -> str:
    """Throw away the local change of one site inside the sync's transaction. Returns what happened:
    ``"restored"`` (the base is back, the site synced), ``"removed"`` (a draft never pushed: deleted),
    ``"pull"`` (no base known: the site is marked synced without a version, the next pull brings the server's
    row) or ``"missing"``."""
    row = db.execute(sql("SELECT base_version, sync_state FROM {k} WHERE uuid = ?", k=kind), (uuid,)).fetchone()
    deleted = db.execute(sql("SELECT 1 FROM {t} WHERE uuid = ?", t=DELETED_TABLE), (uuid,)).fetchone()
    db.execute("DELETE FROM sync_issue WHERE uuid = ?", (uuid,))
    db.execute(sql("DELETE FROM {t} WHERE uuid = ?", t=DELETED_TABLE), (uuid,))
    if row is None and not deleted:
        return "missing"
    if row is not None and row[0] is None:
        db.execute(sql("DELETE FROM {k} WHERE uuid = ?", k=kind), (uuid,))
        db.execute(sql("DELETE FROM {t} WHERE site_uuid = ?", t=wc.OWNER_LAYER), (uuid,))
        return "removed"
    if row is not None and row[1] == wc.SYNC_SYNCED:
        return "restored"  # nothing changed locally
    if _set_from_base(db, kind, uuid, wc.SYNC_SYNCED, _ANY if row is None else row[0]):
        return "restored"
    if row is None:
        return "missing"
    db.execute(sql("UPDATE {k} SET sync_state = ?, base_version = NULL WHERE uuid = ?", k=kind),
               (wc.SYNC_SYNCED, uuid))
    return "pull"


def discard_message(outcome: str, name: str) -> str:
    """What discarding one site did, in words."""
    texts = {
        "restored": tr("“{name}”: your local change was discarded; the site is as the register had it at your "
                       "last checkout, pull or push."),
        "removed": tr("“{name}”: the draft had never been pushed and was removed from the working copy."),
        "pull": tr("“{name}”: your local change was discarded; pull to get the register's version of the site."),
        "missing": tr("“{name}” is not in the working copy."),
    }
    return texts[outcome].format(name=name)
