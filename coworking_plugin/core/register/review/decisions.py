"""Decisions: approve, reject (standard reason and/or free text), approve a selection; who the login is.

The rules live in the register (only reviewers decide, four eyes, a rejection needs a visible reason, the
history records every decision). On top, a decision is bound to the version the reviewer looked at: a change
made meanwhile by a municipality is never approved unseen. Functions take an open psycopg2 connection and commit
or roll back themselves.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from psycopg2 import sql

from ...i18n import tr
from .. import catalogue as cat

LOG = logging.getLogger(__name__)

#: what the server counts as invisible (coworking.has_visible_text, 0002_review.sql)
_INVISIBLE = re.compile(r"[\s\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+")

ADMIN, REVIEWER, EDITOR, NONE = "admin", "reviewer", "editor", "none"


class ReviewError(Exception):
    """A decision that cannot be made (translated message for the reviewer)."""


class ReviewConflict(ReviewError):
    """The site changed (or was decided) since the reviewer loaded it."""


@dataclass(frozen=True)
class Reason:
    key: str
    label_de: str
    label_en: str
    active: bool = True

    def label(self, lang: str = "de") -> str:
        return self.label_de if lang == "de" else self.label_en


@dataclass
class DecisionResult:
    """One site of a batch: its new version, or why it was not decided (translated)."""

    kind: str
    uuid: str
    version: Optional[int] = None
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


def has_visible_text(text: Optional[str]) -> bool:
    return bool(_INVISIBLE.sub("", text or ""))


def _table(kind: str) -> sql.Identifier:
    if kind not in cat.KINDS:
        raise ValueError(kind)
    return sql.Identifier(kind)


def login_role(conn) -> str:
    """What the login may do in the review: admin, reviewer, editor or none (asked from the server)."""
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_has_role(current_user, 'coworking_admin', 'MEMBER'),"
                        " pg_has_role(current_user, 'coworking_reviewer', 'MEMBER'),"
                        " pg_has_role(current_user, 'coworking_editor', 'MEMBER')")
            admin, reviewer, editor = cur.fetchone()
        conn.rollback()
    except Exception:
        conn.rollback()
        raise
    return ADMIN if admin else REVIEWER if reviewer else EDITOR if editor else NONE


def is_staff(role: str) -> bool:
    return role in (ADMIN, REVIEWER)


def reasons(conn, include_inactive: bool = False) -> List[Reason]:
    """The register's standard rejection reasons, in their order."""
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT key, label_de, label_en, active FROM coworking.review_reason"
                        " WHERE active OR %s ORDER BY sort_order, key", (include_inactive,))
            result = [Reason(*r) for r in cur.fetchall()]
        conn.rollback()
    except Exception:
        conn.rollback()
        raise
    return result


def four_eyes(conn) -> bool:
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT coworking.four_eyes()")
            on = bool(cur.fetchone()[0])
        conn.rollback()
    except Exception:
        conn.rollback()
        raise
    return on


def set_four_eyes(conn, enabled: bool) -> None:
    """Switch the four-eyes rule (administrators only; the server records the change in the history)."""
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE coworking.setting SET value = %s WHERE key = 'four_eyes'",
                        ("true" if enabled else "false",))
        conn.commit()
    except Exception:
        conn.rollback()
        raise


def _decide_one(cur, kind: str, uuid: str, version: int, status: str, comment: Optional[str],
                reason: Optional[str]) -> int:
    cur.execute(sql.SQL(
        "UPDATE coworking.{} SET status = %s, review_comment = %s, review_reason = %s"
        " WHERE uuid = %s AND version = %s AND status = 'pending' RETURNING version"
    ).format(_table(kind)), (status, comment, reason, uuid, version))
    row = cur.fetchone()
    if row is not None:
        return row[0]
    cur.execute(sql.SQL("SELECT version, status FROM coworking.{} WHERE uuid = %s").format(_table(kind)), (uuid,))
    now = cur.fetchone()
    if now is None:
        raise ReviewConflict(tr("The site no longer exists."))
    raise ReviewConflict(tr("The site was changed or decided meanwhile (now version {version}, {status}). "
                            "Reload the list and look at it again.").format(version=now[0], status=now[1]))


def _decide(conn, kind: str, uuid: str, version: int, status: str, comment: Optional[str],
            reason: Optional[str] = None) -> int:
    try:
        with conn.cursor() as cur:
            new_version = _decide_one(cur, kind, uuid, version, status, comment, reason)
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    LOG.info("%s %s %s (version %s)", status, kind, uuid, new_version)
    return new_version


def approve(conn, kind: str, uuid: str, version: int, comment: Optional[str] = None) -> int:
    """Approve the pending site as the reviewer saw it (``version``); returns the new version."""
    return _decide(conn, kind, uuid, version, "approved", comment if has_visible_text(comment) else None)


def reject(conn, kind: str, uuid: str, version: int, comment: Optional[str], reason: Optional[str] = None) -> int:
    """Reject the pending site with a standard ``reason`` (key) and/or a ``comment`` with visible characters.

    The server insists on the same and fills an empty comment with the reason's label."""
    if not has_visible_text(comment) and not reason:
        raise ReviewError(tr("Choose a reason or write a comment that tells the municipality what to fix, "
                             "then reject."))
    return _decide(conn, kind, uuid, version, "rejected", (comment or "").strip() or None, reason)


def approve_many(conn, sites: Sequence[Tuple[str, str, int]], comment: Optional[str] = None) -> List[DecisionResult]:
    """Approve a selection ``(kind, uuid, version)``: each site its own decision (own statement, own history row).

    One transaction with a savepoint per site, committed at the end: the sites that can be approved are, the
    others (changed meanwhile, four eyes, …) are reported each with their message and stay as they were."""
    from ..messages import user_message

    results: List[DecisionResult] = []
    comment = comment if has_visible_text(comment) else None
    try:
        with conn.cursor() as cur:
            for kind, uuid, version in sites:
                cur.execute("SAVEPOINT decision")
                try:
                    new_version = _decide_one(cur, kind, uuid, version, "approved", comment, None)
                except ReviewError as exc:
                    cur.execute("ROLLBACK TO SAVEPOINT decision")
                    results.append(DecisionResult(kind, uuid, error=str(exc)))
                    continue
                except Exception as exc:
                    if getattr(exc, "pgcode", None) is None:
                        raise
                    cur.execute("ROLLBACK TO SAVEPOINT decision")
                    results.append(DecisionResult(kind, uuid, error=user_message(exc)))
                    continue
                cur.execute("RELEASE SAVEPOINT decision")
                results.append(DecisionResult(kind, uuid, new_version))
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    LOG.info("approved %d of %d sites", sum(r.ok for r in results), len(results))
    return results
