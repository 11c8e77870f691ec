"""County review of the shared register: the queue a page at a time, a site's diff and warnings, decisions
(four eyes and reasons enforced by the server, each decision bound to the version shown), the timeline.

    page = load_page(conn, QueueQuery(municipalities=("14627140",), sort="submitted_at"), staff=True)
    d = diff(conn, page.rows[0].kind, page.rows[0].uuid)
    approve(conn, d.kind, d.uuid, d.version)

No widgets here: the review dock (gui/review_*.py), the bench and the tests call these functions.
"""

from .decisions import (
    ADMIN,
    EDITOR,
    NONE,
    REVIEWER,
    DecisionResult,
    Reason,
    ReviewConflict,
    ReviewError,
    approve,
    approve_many,
    four_eyes,
    has_visible_text,
    is_staff,
    login_role,
    reasons,
    reject,
    set_four_eyes,
)
from .diff import FieldChange, GeometryChange, SiteDiff, diff
from .queue import SORT_KEYS, QueuePage, QueueQuery, QueueRow, duplicate_flags, load_page, submitters
from .timeline import TimelineEntry, history_rows, timeline

__all__ = [
    "ADMIN", "EDITOR", "NONE", "REVIEWER", "DecisionResult", "Reason", "ReviewConflict", "ReviewError", "approve",
    "approve_many", "four_eyes", "has_visible_text", "is_staff", "login_role", "reasons", "reject",
    "set_four_eyes", "FieldChange", "GeometryChange", "SiteDiff", "diff", "SORT_KEYS", "QueuePage", "QueueQuery",
    "QueueRow", "duplicate_flags", "load_page", "submitters", "TimelineEntry", "history_rows", "timeline",
]
