"""What the shared register's errors mean, in the user's language.

The database raises its rule violations with stable SQLSTATE codes of class RG (the baseline's
2a_rules.sql); this module turns them, and the usual PostgreSQL errors, into messages that say what to fix.
Used by the review dock, the sync and the installer alike.
"""

from __future__ import annotations

from typing import Dict, Optional

from ..i18n import tr
from . import catalogue as cat

#: register rule violations (SQLSTATE -> code name), see 0001_baseline/2a_rules.sql; the sync protocol's errors
#: (RG102, RG103: 4_sync.sql) are not rules, the plugin only says what to do about them
RG_CODES = {  # RG014, RG015: 0002_review.sql
    "RG001": "municipality_not_held",
    "RG002": "status_forbidden",
    "RG003": "review_fields_forbidden",
    "RG004": "rejection_needs_comment",
    "RG005": "value_not_allowed",
    "RG006": "required_missing",
    "RG007": "value_invalid",
    "RG008": "immutable",
    "RG009": "delete_forbidden",
    "RG010": "geometry_invalid",
    "RG011": "owner_site_unknown",
    "RG012": "status_transition",
    "RG013": "publication_without_consent",
    "RG014": "four_eyes",
    "RG015": "reason_unknown",
    "RG016": "site_not_in_municipality",
    "RG017": "site_outside_county",
}


def _messages() -> Dict[str, str]:
    # built on call so the translator installed at plugin start applies
    from ..capture.validation import consent_message  # the same words as the capture form's check

    return {
        "RG001": tr("You do not edit sites of this municipality. Choose one of your municipalities or ask the "
                    "county's administrator to assign it to you."),
        "RG002": tr("Only a reviewer of the county approves or rejects sites. Save without changing the status: "
                    "the site is then pending review."),
        "RG003": tr("The review fields are filled in by the county's reviewers only."),
        "RG004": tr("A rejection needs a reason: choose a standard reason or write a comment (with visible "
                    "characters) that tells the municipality what to fix."),
        "RG005": tr("The value of “{field}” is not in its list of allowed values."),
        "RG006": tr("“{field}” is required."),
        "RG007": tr("The value of “{field}” is not valid (range, length, format or a date in the future)."),
        "RG008": tr("The identifier of a site cannot be changed."),
        "RG009": tr("Only an administrator can delete entries. Archive the site instead."),
        "RG010": tr("The geometry of the site is missing or invalid. Redraw it and save again."),
        "RG011": tr("Save the site before its owner's contact."),
        "RG012": tr("An archived site must be set back to pending before a decision."),
        "RG013": consent_message(),
        "RG016": tr("The site does not lie in the municipality it names. Correct the municipality or the position; if "
                    "the site really lies there, a reviewer of the county can accept it with a reason."),
        "RG017": tr("The site lies outside Landkreis Meißen. Check the position and the coordinate reference system "
                    "of the source."),
        "RG014": tr("Four eyes: you cannot approve or reject a version you submitted or changed yourself. Leave "
                    "the decision to another reviewer."),
        "RG015": tr("This rejection reason is not (or no longer) one of the register's standard reasons. Choose "
                    "another one, or write a comment."),
        "RG102": tr("The register does not have some fields of this working copy: the plugin and the register are "
                    "not of the same version. Ask the county's administrator to update the register, or update the "
                    "plugin and check out a new working copy. Your edits are all still in the working copy."),
        "RG103": tr("The push was not started as the register expects. Push again; if it happens again, update the "
                    "plugin."),
        "42501": tr("Your database role lacks the permission for this. Ask the county's administrator."),
        "23505": tr("An entry with this identifier already exists."),
        "40001": tr("Another change got in the way. Please try again."),
        "40P01": tr("Another change got in the way. Please try again."),
    }


def user_message(exc: BaseException) -> str:
    """A translated, actionable message for a psycopg2 error (or ``str(exc)`` for anything else)."""
    code = getattr(exc, "pgcode", None)
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None)
    return code_message(code, getattr(diag, "column_name", None)) or primary or str(exc).strip()


def refusal_message(code: Optional[str], column: Optional[str], server_message: str) -> str:
    """What to fix about a site the register refused in a push: the plugin's words for the SQLSTATE (in the user's
    language, whatever language the register speaks), with the register's own message for the details."""
    own = code_message(code, column)
    if not own or not server_message:
        return own or server_message
    return tr("{explanation} (The register: {detail})").format(explanation=own, detail=server_message)


def error_message(exc: BaseException) -> str:
    """The plugin's words for a psycopg2 error's SQLSTATE with the server's own message as the detail (in the
    register's or the server's language), or the server's message alone for a SQLSTATE the plugin does not know."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) or str(exc).strip()
    return refusal_message(getattr(exc, "pgcode", None), getattr(diag, "column_name", None), primary)


def code_message(code: Optional[str], column: Optional[str]) -> Optional[str]:
    """The plugin's message for a SQLSTATE (None for an unknown one), naming the field ``column``."""
    template = _messages().get(code or "")
    if template is None:
        return None
    label = column or ""
    if column:
        try:
            label = cat.field_by_name(column).label(_label_lang())
        except KeyError:
            pass
    return template.format(field=label)


def _label_lang() -> str:
    from ..i18n import ui_language

    return "de" if ui_language() == "de" else "en"
