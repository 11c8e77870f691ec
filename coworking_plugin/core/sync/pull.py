"""Checkout and pull: the server's rows into the working copy, read in one snapshot while the working copy
is created or prepared; unpushed edits are kept, the reviewers' decisions reported."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any, Dict, List, Sequence, Set, Tuple

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldDef, FieldType
from ..register.messages import error_message
from . import base, conflicts, gpkg
from . import workingcopy as wc
from .background import _Background, _connect_for_sync
from .gpkg import sql
from .report import SyncError, SyncReport, _older_register, _older_register_message
from .tracking import (
    GEOM,
    KINDS,
    REVIEW_NAMES,
    SRID,
    Canceled,
    Progress,
    _check,
    _now,
    _save_conflicts,
    _step,
    _Suppressed,
    _to_local,
    local_fields,
    prepare,
)

LOG = logging.getLogger(__name__)


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


def _unchanged(cur, kind: str, edited: List[Tuple[str, int]], earlier: List[str]) -> Set[str]:
    """Of the locally edited sites, those the server changed since their base in review fields only, or whose
    server version is this working copy's own push whose answer was lost (``earlier``: those pushes' ids)."""
    from psycopg2 import sql as pgsql

    cur.execute(pgsql.SQL(
        "SELECT x.u::text FROM unnest(%s::uuid[], %s::integer[]) x (u, b) JOIN {} t ON t.uuid = x.u"
        " LEFT JOIN coworking.own_push_versions(%s::uuid[]) o ON o.uuid = x.u"
        " WHERE t.version > x.b AND (o.version IS NOT DISTINCT FROM t.version"
        " OR NOT coworking.content_changed_since(%s, x.u, x.b, t.version))"
    ).format(pgsql.Identifier("coworking", kind)),
        ([u for u, _ in edited], [b for _, b in edited], earlier, kind))
    return {r[0] for r in cur.fetchall()}


def _fetch(database: str, municipalities: bool, edited: Dict[str, List[Tuple[str, int]]], earlier: List[str],
           is_canceled: Canceled) -> Dict[str, Any]:
    """Everything a refresh needs, in one read-only snapshot (a handful of round trips). For the sites edited
    locally, ``unchanged_<kind>``: those the server changed since their base version in review fields only."""
    import psycopg2

    conn = _connect_for_sync(database)
    try:
        return _read_snapshot(conn, municipalities, edited, earlier, is_canceled)
    except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
        raise SyncError(tr("The connection to the register was lost ({error}). Nothing in the working copy was "
                           "changed; try again.").format(error=str(exc).strip().splitlines()[0] if str(exc) else "")
                        ) from None
    except psycopg2.Error as exc:
        if _older_register(exc):
            raise SyncError(_older_register_message()) from None
        raise SyncError(tr("The register refused to send the sites: {error}").format(error=error_message(exc))
                        ) from None
    finally:
        conn.close()


def _read_snapshot(conn, municipalities: bool, edited: Dict[str, List[Tuple[str, int]]], earlier: List[str],
                   is_canceled: Canceled) -> Dict[str, Any]:
    """_fetch's queries (a register older than the plugin lacks own_push_versions: 42883, said by _fetch)."""
    conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
    data: Dict[str, Any] = {}
    with conn.cursor() as cur:
        for kind in KINDS:
            cur.execute(_select_sites_sql(kind))
            data[kind] = cur.fetchall()
            _check(is_canceled)
            data["unchanged_" + kind] = _unchanged(cur, kind, edited[kind], earlier) if edited[kind] else set()
        cur.execute(_owner_sql())
        data["owner"] = cur.fetchall()
        cur.execute("SELECT to_regclass('coworking.setting') IS NOT NULL")
        if cur.fetchone()[0]:  # the register's tolerance for where a site lies, for the capture check
            cur.execute("SELECT value FROM coworking.setting WHERE key = 'location_tolerance_m'")
            data["location_tolerance_m"] = next(iter(cur.fetchone() or ()), None)
        if municipalities:
            cur.execute("SELECT ags, name, ST_AsBinary(ST_Multi(geom)), ST_XMin(geom), ST_XMax(geom), "
                        "ST_YMin(geom), ST_YMax(geom) FROM coworking.municipality WHERE geom IS NOT NULL "
                        "ORDER BY ags")
            data["municipality"] = cur.fetchall()
    conn.rollback()
    return data


def _refresh(database: str, path: str, operation: str, progress: Progress, is_canceled: Canceled,
             municipalities: bool) -> SyncReport:
    _step(progress, 1)
    # the server answers while the working copy is created or prepared
    earlier = json.loads(wc.meta(path).get("unanswered_pushes") or "[]") if Path(path).exists() else []
    fetching = _Background(_fetch, database, municipalities, _edited(path), earlier, is_canceled)
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
        base.restore_deleted(db)  # a site deleted with QGIS's tools stays, marked for archival
        for kind in KINDS:
            _merge_kind(db, kind, data[kind], data["unchanged_" + kind], report)
        base.restore_deleted(db)
        _merge_owners(db, data["owner"])
        if municipalities and data.get("municipality"):
            _write_municipalities(db, data["municipality"])
    if data.get("location_tolerance_m"):
        wc.set_meta(path, location_tolerance_m=str(data["location_tolerance_m"]))
    if report.conflicts:
        merged = conflicts.merge_automatically(path, report.conflict_uuids)
        report.merged, report.conflicts = len(merged), report.conflicts - len(merged)
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
            report.conflict_uuids.append(uuid)
        if values[status_i] != old_status and values[status_i] == "approved":
            report.approved += 1
        elif values[status_i] != old_status and values[status_i] == "rejected":
            report.rejected += 1
            report.rejections.append((values[names.index("name")] or name or "", values[comment_i] or ""))
    gpkg.insert_features(db, kind, ["uuid", *full_cols], inserts)
    db.executemany(update_sql, updates)
    db.executemany(review_sql, reviews)
    base.update_review(db, reviews, REVIEW_NAMES + ("version",))
    _save_conflicts(db, kind, conflicts)
    # synced rows the server no longer shows (deleted by an admin, moved out of reach): drop them locally
    gone = [(u,) for u, m in local.items() if u not in seen and m[0] == wc.SYNC_SYNCED]
    db.executemany(sql("DELETE FROM {k} WHERE uuid = ?", k=kind), gone)
    report.removed += len(gone)


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

