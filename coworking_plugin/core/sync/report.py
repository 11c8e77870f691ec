"""What a checkout, push or pull reports: the counts, the sites the officer must look at, and the errors that stop one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from ..i18n import tr


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
    issue: str  # "conflict" | "refused" | "rejected" (by a reviewer: message is the reason)
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
    merged: int = 0  # conflicts merged without asking (every field changed on one side only)
    removed: int = 0
    approved: int = 0
    rejected: int = 0
    rejections: List[Tuple[str, str]] = field(default_factory=list)  # (site name, reviewer's comment)
    issues: List[Issue] = field(default_factory=list)
    conflict_uuids: List[str] = field(default_factory=list)  # the conflicts a pull noticed
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
        if self.merged:
            text += " " + tr("%n site(s) merged with the server's changes (each field changed on one side only).",
                             "", self.merged)
        decisions = self.decisions_text()
        return text + (" " + decisions if decisions else "")
