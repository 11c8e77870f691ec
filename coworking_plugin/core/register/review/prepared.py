"""Statements a connection keeps prepared: the review dock asks the same few queries again and again on the one
connection it keeps, and planning the queue's statement cost more than running it (0.8 ms of ~2 ms).

``execute(conn, statement, params)`` prepares a composed statement with ``%(name)s`` placeholders once per
connection (``PREPARE``, the placeholders as ``$1…``) and runs it with ``EXECUTE``; the values are still bound by
psycopg2. A connection that lost its prepared statements (a pooler, ``DISCARD ALL``) prepares it again.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from typing import Any, Callable, Dict, Hashable, List, MutableMapping, Set

from psycopg2 import errors, sql

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
#: connection -> names of the statements prepared on it
_PREPARED: MutableMapping[Any, Set[str]] = weakref.WeakKeyDictionary()
#: connection -> fixed parts of statements, composed and rendered once
_RENDERED: MutableMapping[Any, Dict[Hashable, sql.Composable]] = weakref.WeakKeyDictionary()


def rendered(conn, key: Hashable, build: Callable[[], sql.Composable]) -> sql.Composable:
    """``build()`` (a part of a statement that never changes, such as a comparison of 30 columns: composing it cost
    more than running the query) rendered once per connection; without ``conn`` simply ``build()``."""
    if conn is None:
        return build()
    parts = _RENDERED.setdefault(conn, {})
    if key not in parts:
        parts[key] = sql.SQL(build().as_string(conn).replace("%", "%%"))  # a part of a statement with parameters
    return parts[key]


def execute(conn, statement: sql.Composable, params: Dict[str, Any]) -> List[tuple]:
    """Run ``statement`` (prepared on ``conn`` the first time) with ``params``; all rows. Rolls back at the end."""
    text = statement.as_string(conn)
    order: List[str] = []

    def number(match: re.Match[str]) -> str:
        if match.group(1) not in order:
            order.append(match.group(1))
        return f"${order.index(match.group(1)) + 1}"

    body = _PLACEHOLDER.sub(number, text).replace("%%", "%")
    name = "coworking_" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:24]  # noqa: S324 (a name, no secret)
    run = sql.SQL("EXECUTE {}").format(sql.Identifier(name))
    if order:
        run += sql.SQL(" ({})").format(sql.SQL(", ").join(sql.Placeholder() for _ in order))
    values = [params[k] for k in order]
    prepared = _PREPARED.setdefault(conn, set())
    for attempt in (1, 2):
        try:
            with conn.cursor() as cur:
                if name not in prepared:
                    cur.execute(sql.SQL("PREPARE {} AS ").format(sql.Identifier(name)) + sql.SQL(body))
                    prepared.add(name)
                cur.execute(run, values)
                rows = cur.fetchall()
            conn.rollback()
            return rows
        except errors.InvalidSqlStatementName:
            conn.rollback()
            prepared.discard(name)
            if attempt == 2:
                raise
        except Exception:
            conn.rollback()
            raise
    raise AssertionError("unreachable")
