"""Hand out the register's working roles: which login role edits which municipalities.

Used by the Processing algorithms ``coworking:assign_editor`` and ``coworking:assign_reader``. The caller must
be a member of ``coworking_admin`` (which holds the working roles WITH ADMIN OPTION) or a superuser; the
database refuses anyone else.
"""

from __future__ import annotations

import logging
from typing import Iterable, List

from psycopg2 import sql

from ..core.i18n import tr
from ..core.register.catalogue import MUNICIPALITIES

LOG = logging.getLogger(__name__)

GROUPS = {"editor": "coworking_editor", "reviewer": "coworking_reviewer", "reader": "coworking_reader",
          "admin": "coworking_admin"}


class RoleError(ValueError):
    """The request names an unknown role or municipality (translated message for the user)."""


def resolve_municipalities(values: Iterable[str]) -> List[str]:
    """Accept official keys (14627140) or names (Meißen), case-insensitively; return sorted keys."""
    by_name = {m.name.casefold(): m.ags for m in MUNICIPALITIES}
    keys = {m.ags for m in MUNICIPALITIES}
    result = set()
    for raw in values:
        v = str(raw).strip()
        if not v:
            continue
        if v in keys:
            result.add(v)
        elif v.casefold() in by_name:
            result.add(by_name[v.casefold()])
        else:
            raise RoleError(tr("Unknown municipality “{value}”: use the 8-digit key (e.g. 14627140) or the name.")
                            .format(value=v))
    return sorted(result)


def _grant(cur, group: str, role: str) -> None:
    """GRANT the working group to an existing role; the database refuses callers without ADMIN OPTION."""
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
    if cur.fetchone() is None:
        raise RoleError(tr("There is no database role “{role}”. Create the login role first "
                           "(CREATE ROLE … LOGIN PASSWORD …).").format(role=role))
    cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUPS[group]), sql.Identifier(role)))


def grant_reader(conn, role: str, group: str = "reader") -> str:
    """Make login ``role`` a member of ``coworking_reader`` (it then reads the public view); commit.

    ``group="reviewer"`` makes it a county reviewer instead (every municipality, decisions). Only a member of
    ``coworking_admin`` (or a superuser) may: the server refuses everyone else, since only ``coworking_admin``
    holds these roles WITH ADMIN OPTION. Returns the role name.
    """
    try:
        with conn.cursor() as cur:
            _grant(cur, group, role)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    LOG.info("role %s: group %s", role, group)
    return role


def assign_editor(conn, role: str, municipalities: Iterable[str], replace: bool = True,
                  group: str = "editor") -> List[str]:
    """Make login ``role`` a member of the working group and let it edit ``municipalities``; commit.

    With ``replace`` the role's previous municipalities are dropped first, so the result is exactly the list
    given (an empty list withdraws all). Returns the municipality keys the role holds afterwards.
    """
    keys = resolve_municipalities(municipalities)
    if group not in GROUPS:
        raise RoleError(tr("Unknown group “{group}”: choose one of {groups}.").format(
            group=group, groups=", ".join(GROUPS)))
    try:
        with conn.cursor() as cur:
            _grant(cur, group, role)
            if replace:
                cur.execute("DELETE FROM coworking.editor_municipality WHERE role_name = %s", (role,))
            for ags in keys:
                cur.execute("INSERT INTO coworking.editor_municipality (role_name, ags) VALUES (%s, %s)"
                            " ON CONFLICT DO NOTHING", (role, ags))
            cur.execute("SELECT ags FROM coworking.editor_municipality WHERE role_name = %s ORDER BY ags", (role,))
            held = [r[0] for r in cur.fetchall()]
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    LOG.info("role %s: group %s, municipalities %s", role, group, ", ".join(held))
    return held
