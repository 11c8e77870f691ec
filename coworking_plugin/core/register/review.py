"""County review of the shared register: what is pending, approve, reject (with a comment).

The rules themselves live in the database (only reviewers decide; a rejection needs a comment; decisions are
written to coworking.history). These functions add what a reviewer's tool needs on top: a decision is guarded by
the version the reviewer looked at, so a change made meanwhile by a municipality is never approved unseen.
Functions take an open psycopg2 connection and commit or roll back themselves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

from psycopg2 import sql

from ..i18n import tr
from . import catalogue as cat

LOG = logging.getLogger(__name__)


class ReviewError(Exception):
    """A decision that cannot be made (translated message for the reviewer)."""


class ReviewConflict(ReviewError):
    """The site changed (or was decided) since the reviewer loaded it."""


@dataclass
class PendingSite:
    kind: str
    uuid: str
    version: int
    name: str
    municipality_ags: str
    municipality_name: str
    updated_at: Any
    updated_by: str
    review_comment: Optional[str]
    attributes: Dict[str, Any] = field(default_factory=dict)
    owner: Dict[str, Any] = field(default_factory=dict)
    #: a short description of what changed since the last approval (empty for a new site)
    changes: List[str] = field(default_factory=list)
    #: the site's geometry as WKT in EPSG:25833 (for zooming to it)
    geometry_wkt: str = ""


def _table(kind: str) -> sql.Identifier:
    if kind not in cat.KINDS:
        raise ValueError(kind)
    return sql.Identifier(kind)


def pending_sites(conn, kinds: Sequence[str] = cat.KINDS, limit: int = 500) -> List[PendingSite]:
    """Sites waiting for a decision, oldest change first (as far as the caller's role may see them)."""
    result: List[PendingSite] = []
    try:
        with conn.cursor() as cur:
            for kind in kinds:
                cur.execute(sql.SQL(
                    "SELECT s.uuid::text, s.version, to_jsonb(s) - 'geom', m.name, to_jsonb(o) - 'site_uuid' - 'kind'"
                    " - 'municipality_ags' - 'updated_at' - 'updated_by',"
                    " (SELECT to_jsonb(a) - 'geom' FROM coworking.{snap} a WHERE a.uuid = s.uuid), ST_AsText(s.geom)"
                    " FROM coworking.{table} s LEFT JOIN coworking.municipality m ON m.ags = s.municipality_ags"
                    " LEFT JOIN coworking.owner_contact o ON o.site_uuid = s.uuid"
                    " WHERE s.status = 'pending' ORDER BY s.updated_at LIMIT %s"
                ).format(table=_table(kind), snap=sql.Identifier(kind + "_approved")), (limit,))
                for uuid, version, attrs, mname, owner, approved, wkt in cur.fetchall():
                    changes = []
                    if approved:
                        skip = {"version", "status", "updated_at", "updated_by", "reviewed_at", "reviewed_by",
                                "review_comment"}
                        changes = sorted(k for k, v in attrs.items() if k not in skip and approved.get(k) != v)
                    result.append(PendingSite(
                        kind, uuid, version, attrs.get("name") or "", attrs["municipality_ags"], mname or "",
                        attrs.get("updated_at"), attrs.get("updated_by") or "", attrs.get("review_comment"),
                        attrs, owner or {}, changes, wkt or ""))
        conn.rollback()
    except Exception:
        conn.rollback()
        raise
    result.sort(key=lambda s: str(s.updated_at))
    return result


def _decide(conn, kind: str, uuid: str, version: int, status: str, comment: Optional[str]) -> int:
    try:
        with conn.cursor() as cur:
            cur.execute(sql.SQL(
                "UPDATE coworking.{} SET status = %s, review_comment = %s"
                " WHERE uuid = %s AND version = %s AND status = 'pending' RETURNING version"
            ).format(_table(kind)), (status, comment, uuid, version))
            row = cur.fetchone()
            if row is None:
                cur.execute(sql.SQL("SELECT version, status FROM coworking.{} WHERE uuid = %s").format(_table(kind)),
                            (uuid,))
                now = cur.fetchone()
                conn.rollback()
                if now is None:
                    raise ReviewConflict(tr("The site no longer exists."))
                raise ReviewConflict(tr("The site was changed or decided meanwhile (now version {version}, {status}). "
                                        "Reload the list and look at it again.").format(version=now[0], status=now[1]))
        conn.commit()
    except ReviewError:
        raise
    except Exception:
        conn.rollback()
        raise
    LOG.info("%s %s %s (version %s)", status, kind, uuid, row[0])
    return row[0]


def approve(conn, kind: str, uuid: str, version: int, comment: Optional[str] = None) -> int:
    """Approve the pending site as the reviewer saw it (``version``); returns the new version."""
    return _decide(conn, kind, uuid, version, "approved", (comment or "").strip() or None)


def reject(conn, kind: str, uuid: str, version: int, comment: str) -> int:
    """Reject the pending site; ``comment`` tells the municipality what to fix (the server insists too)."""
    if not (comment or "").strip():
        raise ReviewError(tr("Write a comment that tells the municipality what to fix, then reject."))
    return _decide(conn, kind, uuid, version, "rejected", comment.strip())


def history(conn, kind: str, uuid: str) -> List[Dict[str, Any]]:
    """The site's history rows (newest last) as far as the caller may see them."""
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT action, version, actor, at, old_values, new_values, comment FROM coworking.history"
                        " WHERE site_uuid = %s AND kind = %s ORDER BY id", (uuid, kind))
            names = [d.name for d in cur.description]
            rows = [dict(zip(names, r)) for r in cur.fetchall()]
        conn.rollback()
    except Exception:
        conn.rollback()
        raise
    return rows
