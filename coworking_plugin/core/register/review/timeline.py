"""A site's timeline: every version and decision from coworking.history, with who, when and what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from ...capture.validation import label_language
from ...i18n import tr
from . import formatting as fmt

#: history keys that are the decision, not the content
_REVIEW_KEYS = ("status", "reviewed_at", "reviewed_by", "review_comment", "review_reason", "area_m2")


@dataclass
class TimelineEntry:
    version: Optional[int]
    action: str
    actor: str
    at: dt.datetime
    comment: Optional[str]
    reason: Optional[str]
    #: "label: old → new" per changed field (for an insert: the number of filled fields)
    changes: List[str] = field(default_factory=list)

    def action_label(self) -> str:
        return {
            "insert": tr("submitted"),
            "update": tr("changed"),
            "approve": tr("approved"),
            "reject": tr("rejected"),
            "archive": tr("archived"),
            "delete": tr("deleted"),
        }.get(self.action, self.action)


def history_rows(conn, kind: str, uuid: str) -> List[Dict[str, Any]]:
    """The site's history rows (oldest first) as far as the caller may see them."""
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


def timeline(conn, kind: str, uuid: str) -> List[TimelineEntry]:
    lang = label_language()
    entries = []
    for h in history_rows(conn, kind, uuid):
        new, old = h["new_values"] or {}, h["old_values"] or {}
        changes: List[str] = []
        if h["action"] == "insert":
            filled = [k for k, v in new.items() if v not in (None, "", []) and k not in _REVIEW_KEYS + ("uuid",)]
            changes.append(tr("{n} fields filled").format(n=len(filled)))
        else:
            for key in new.keys() | old.keys():
                if key in _REVIEW_KEYS:
                    continue
                if key == "geom":
                    changes.append(tr("Geometry changed"))
                    continue
                changes.append(tr("{field}: {old} → {new}").format(
                    field=fmt.field_label(key, lang), old=fmt.named_value(key, old.get(key), lang) or "–",
                    new=fmt.named_value(key, new.get(key), lang) or "–"))
        entries.append(TimelineEntry(h["version"], h["action"], h["actor"], h["at"], h["comment"],
                                     new.get("review_reason"), sorted(changes)))
    return entries
