"""Push: every local insert, update and archival in one transaction (COPY, then ``coworking.push_staged``,
baseline 4_sync.sql); what landed is marked in the working copy after the commit."""

from __future__ import annotations

import functools
import json
import logging
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

from ..i18n import tr
from ..register import catalogue as cat
from ..register.catalogue import FieldType
from ..register.messages import error_message, refusal_message
from ..tasks import TaskCanceled
from . import base, conflicts, gpkg
from . import workingcopy as wc
from .background import _Background, _connect_for_sync
from .gpkg import Raw, sql
from .report import Issue, SyncError, SyncReport, _older_register, _older_register_message
from .tracking import (
    GEOM,
    KINDS,
    PUSHABLE_STATES,
    SRID,
    Canceled,
    Progress,
    _check,
    _now,
    _save_conflicts,
    _step,
    _Suppressed,
    _to_local,
    _to_server,
    local_fields,
    new_uuid,
    prepare,
    site_fields,
)

LOG = logging.getLogger(__name__)


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


#: an edit of a site the working copy holds as archived goes as an archival: it stays archived (an update of a
#: site archived on the server meanwhile brings it back into review: the officer chose to keep it)
_OP_SQL = ("CASE WHEN k.base_version IS NULL THEN 'insert' WHEN k.sync_state = 'archive' THEN 'archive' "
           "WHEN k.status = 'archived' THEN 'archive' ELSE 'update' END")
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
    layer, the sites as COPY input for pg_temp.push_site (baseline 4_sync.sql)."""
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
    """Send every local insert, update and archival in one transaction; mark what landed after the commit.

    Conflicts whose three-way merge needs no choice (every field changed on one side only) are merged at once
    and pushed again, once."""
    if not Path(path).exists():
        raise SyncError(tr("The working copy {path} does not exist. Check out first.").format(path=path))
    report = _push_once(database, path, progress, is_canceled)
    if not report.committed and report.merged and not report.conflicts and not report.refused:
        merged = report.merged
        report = _push_once(database, path, progress, is_canceled)
        report.merged += merged
    return report


def _earlier_pushes(path: str) -> List[str]:
    """Ids of this working copy's pushes whose answer never arrived (their COMMIT may have landed)."""
    return json.loads(wc.meta(path).get("unanswered_pushes") or "[]")


def _push_once(database: str, path: str, progress: Progress, is_canceled: Canceled) -> SyncReport:
    prepare(path)
    if base.has_deleted(path):
        with _Suppressed(path) as db:
            base.restore_deleted(db)  # sites deleted with QGIS's tools go as archivals
    earlier = _earlier_pushes(path)
    push_id = new_uuid()  # if its answer is lost, the retry tells the server which versions were this push's
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
        try:
            result = _send(conn, out, report, progress, is_canceled, push_id, earlier)
        except SyncError:  # no answer: the COMMIT may have landed
            wc.set_meta(path, unanswered_pushes=json.dumps(earlier + [push_id]))
            raise
        if not report.committed and result.get("ok"):
            raise TaskCanceled()
        _apply_push_result(path, out, result, report, db)
        if earlier and report.committed:  # a commit settled the earlier pushes (their sites were all sent again)
            wc.set_meta(path, unanswered_pushes="[]")
    finally:
        db.close()
    if not report.committed and report.conflicts:
        merged = conflicts.merge_automatically(path, [i.uuid for i in report.issues if i.issue == "conflict"])
        report.merged, report.conflicts = len(merged), report.conflicts - len(merged)
        report.issues = [i for i in report.issues if i.uuid not in merged]
    _step(progress, 100)
    LOG.info("push of %s: %s", path, report.summary())
    return report


def _send(conn, out: _Outgoing, report: SyncReport, progress: Progress, is_canceled: Canceled, push_id: str,
          earlier: List[str]) -> dict:
    """One transaction in four round trips whatever the number of sites: BEGIN, the staging table and the COPY
    of the sites; the end of the COPY; applying them (coworking.push_staged, baseline 4_sync.sql); COMMIT/ROLLBACK."""
    import io

    import psycopg2
    from psycopg2 import sql as pgsql

    try:
        conn.autocommit = True  # BEGIN goes with the COPY: one round trip less
        with conn.cursor() as cur:
            begin = pgsql.SQL("BEGIN; SELECT coworking.push_begin({columns}, {earlier}::uuid[]); " + _COPY).format(
                columns=pgsql.Literal(out.columns), earlier=pgsql.Literal(earlier),
                cols=pgsql.SQL(", ").join(pgsql.Identifier(c) for c in (*_META, *out.columns)))
            cur.copy_expert(begin, io.StringIO(out.data), size=1 << 20)
            _step(progress, 30)
            if is_canceled and is_canceled():
                cur.execute("ROLLBACK")
                raise TaskCanceled()
            cur.execute("SELECT coworking.push_staged(%s::jsonb, %s::uuid)", (out.owners, push_id))
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
        raise SyncError(tr("The register refused the push: {error}").format(error=error_message(exc))) from None
    finally:
        conn.close()


def _apply_push_result(path: str, out: _Outgoing, result: Dict[str, Any], report: SyncReport,
                       reader: Optional[sqlite3.Connection] = None) -> None:
    """Record conflicts and refusals, or mark what landed. When no other connection wrote the working copy
    since ``reader`` read it (PRAGMA data_version, checked under the write lock), every sent row becomes synced
    without reading it again; otherwise only the rows that did not change meanwhile."""
    # applied sites come as [uuid, version, status] (baseline 4_sync.sql), the others as objects
    sites = [{"uuid": s[0], "kind": out.kinds[s[0]], "verdict": "applied", "version": s[1], "status": s[2]}
             if isinstance(s, list) else s for s in result.get("sites", [])]
    owner_refusals = {o["site_uuid"]: refusal_message(o.get("code"), o.get("column"), o.get("message", ""))
                      for o in result.get("owners", []) if o.get("verdict") != "applied"}
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
                    message = (refusal_message(s.get("code"), s.get("column"), s.get("message", ""))
                               if s.get("message") else owner_refusals.get(uuid, ""))
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

