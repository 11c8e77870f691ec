"""The review queue, served by the server a page at a time.

``load_page(conn, QueueQuery(...))`` runs one statement: the filters and the sort are applied by PostgreSQL
over the site tables (row-level security applies as to any read), only the page's keys are ordered out, and only
those rows are built and compared with their last approved version; the same statement counts every matching
site. Reviewers compare with the snapshot tables column by column (only the changed fields' names come back);
editors (who cannot read those) with ``coworking.approved_site``, which shows them the last approved version of
their own municipality's sites. The statement is prepared on the connection (prepared.py): the dock keeps one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Optional, Sequence, Tuple

from psycopg2 import sql

from .. import catalogue as cat
from . import prepared

#: sort keys of the queue (the dock's columns); ties are broken by submission time and uuid, so pages are stable
SORT_KEYS = ("submitted_at", "municipality", "kind", "change", "submitted_by", "name", "status", "duplicate",
             "consent_missing")
STATUSES = ("pending", "approved", "rejected", "archived")
#: columns that are no content: not compared, not shown as changes
BOOKKEEPING = ("uuid", "status", "version", "created_at", "created_by", "updated_at", "updated_by", "reviewed_at",
               "reviewed_by", "review_comment", "review_reason", "area_m2", "geom")
DUPLICATE_DISTANCE_M = 25.0


@dataclass(frozen=True)
class QueueQuery:
    """What the reviewer asked for. Empty tuples and None mean "no filter"."""

    statuses: Tuple[str, ...] = ("pending",)
    municipalities: Tuple[str, ...] = ()
    kinds: Tuple[str, ...] = ()
    #: True: only changes to an approved site; False: only sites never approved
    change: Optional[bool] = None
    submitted_by: Optional[str] = None
    submitted_from: Optional[dt.datetime] = None
    submitted_to: Optional[dt.datetime] = None
    #: only submissions at least this many days old
    min_age_days: Optional[int] = None
    duplicate: Optional[bool] = None
    consent_missing: Optional[bool] = None
    #: editors: only the sites of their own municipalities (others' approved sites are readable too)
    own_municipalities: bool = False
    sort: str = "submitted_at"
    descending: bool = False
    page: int = 0
    page_size: int = 100

    def with_page(self, page: int) -> QueueQuery:
        return replace(self, page=max(0, page))


@dataclass
class QueueRow:
    kind: str
    uuid: str
    version: int
    status: str
    name: str
    municipality_ags: str
    municipality_name: str
    submitted_at: dt.datetime
    submitted_by: str
    review_comment: Optional[str]
    review_reason: Optional[str]
    #: version of the last approved state, None for a site never approved
    approved_version: Optional[int]
    #: content fields that differ from the last approved version (catalogue names; "geom" for the geometry)
    changed_fields: List[str] = field(default_factory=list)
    #: None until looked up (``load_page(duplicates=False)``, then ``duplicate_flags``)
    duplicate: Optional[bool] = False
    consent_missing: bool = False
    geometry_wkt: str = ""

    @property
    def is_change(self) -> bool:
        return self.approved_version is not None

    def age_days(self, now: Optional[dt.datetime] = None) -> int:
        now = now or dt.datetime.now(dt.timezone.utc)
        return max(0, (now - self.submitted_at).days)


@dataclass
class QueuePage:
    query: QueueQuery
    rows: List[QueueRow]
    #: every site matching the query (not only this page)
    total: int

    @property
    def first(self) -> int:
        """1-based number of the first row shown (0 when empty)."""
        return self.query.page * self.query.page_size + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.query.page * self.query.page_size + len(self.rows)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.page_size))


def approved_source(kind: str, staff: bool, content: bool = True) -> sql.Composable:
    """Where the last approved version of ``kind`` is read: the snapshot table (staff) or the view (editors).

    ``content=False`` (staff): the snapshot's own columns, without the JSON of its values."""
    if staff:
        if not content:
            return sql.SQL("coworking.{}").format(sql.Identifier(kind + "_approved"))
        return sql.SQL("(SELECT a.uuid, a.version, to_jsonb(a) - 'geom' AS \"values\", a.geom"
                       " FROM coworking.{} a)").format(sql.Identifier(kind + "_approved"))
    return sql.SQL("(SELECT a.uuid, a.version, a.\"values\", a.geom FROM coworking.approved_site a"
                   " WHERE a.kind = {})").format(sql.Literal(kind))


def _approved_exists(kind: str, staff: bool) -> sql.Composable:
    return sql.SQL("EXISTS (SELECT 1 FROM {a} a WHERE a.uuid = s.uuid)").format(
        a=approved_source(kind, staff, content=False))


def _consent_missing(kind: str) -> sql.Composable:
    # as the public view: only a private vacancy needs the owner's consent to be published
    if kind != cat.VACANCY:
        return sql.SQL("false")
    return sql.SQL("(s.ownership = 'private' AND NOT coalesce(s.publication_consent, false))")


def _duplicate(distance: float) -> sql.Composable:
    """Another site (either kind, not archived) within ``distance`` m or with the same normalised address."""
    return sql.SQL("coworking.possible_duplicate(s.uuid, s.geom, s.address, {})").format(sql.Literal(distance))


def _sort_expression(key: str, kind: str, staff: bool) -> sql.Composable:
    if key == "submitted_at":
        return sql.SQL("s.updated_at")
    if key == "municipality":
        # by name, in the catalogue's alphabetical order (a look-up in the municipality table per site is slow:
        # its rows carry the outlines)
        ordered = [m.ags for m in sorted(cat.MUNICIPALITIES, key=lambda m: m.name)]
        return sql.SQL("array_position({}::text[], s.municipality_ags)").format(sql.Literal(ordered))
    if key == "kind":
        return sql.Literal(kind)
    if key == "change":
        return _approved_exists(kind, staff)
    if key == "submitted_by":
        return sql.SQL("s.updated_by")
    if key == "name":
        return sql.SQL("lower(s.name)")
    if key == "status":
        return sql.SQL("s.status")
    if key == "duplicate":
        return sql.SQL("(s.uuid IN (SELECT uuid FROM dup))")
    if key == "consent_missing":
        return _consent_missing(kind)
    raise ValueError(f"unknown sort key {key!r}")


def _filters(q: QueueQuery, kind: str, staff: bool, params: Dict[str, Any],
             for_duplicates: bool = False) -> sql.Composable:
    """The WHERE clause of ``kind`` (``for_duplicates``: for the set of possible duplicates, without that test)."""
    statuses = list(q.statuses or STATUSES)
    # one status (the reviewer's queue) as an equality: the index on (status, updated_at, uuid) then gives the
    # default order without sorting every matching site
    where = [sql.SQL("s.status = %(status)s") if len(statuses) == 1 else sql.SQL("s.status = ANY (%(statuses)s)")]
    params.update(status=statuses[0], statuses=statuses)
    if q.municipalities:
        where.append(sql.SQL("s.municipality_ags = %(ags1)s") if len(q.municipalities) == 1
                     else sql.SQL("s.municipality_ags = ANY (%(ags)s)"))
        params.update(ags1=q.municipalities[0], ags=list(q.municipalities))
    if q.own_municipalities:
        where.append(sql.SQL("s.municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e"
                             " WHERE e.role_name = current_user)"))
    if q.change is not None:
        exists = _approved_exists(kind, staff)
        where.append(exists if q.change else sql.SQL("NOT ") + exists)
    if q.submitted_by:
        where.append(sql.SQL("s.updated_by = %(submitted_by)s"))
        params["submitted_by"] = q.submitted_by
    if q.submitted_from is not None:
        where.append(sql.SQL("s.updated_at >= %(submitted_from)s"))
        params["submitted_from"] = q.submitted_from
    if q.submitted_to is not None:
        where.append(sql.SQL("s.updated_at < %(submitted_to)s"))
        params["submitted_to"] = q.submitted_to
    if q.min_age_days is not None:
        where.append(sql.SQL("s.updated_at <= now() - make_interval(days => %(min_age)s)"))
        params["min_age"] = int(q.min_age_days)
    if q.duplicate is not None and not for_duplicates:
        where.append(sql.SQL("{not_}(s.uuid IN (SELECT uuid FROM dup))").format(
            not_=sql.SQL("" if q.duplicate else "NOT ")))
    if q.consent_missing is not None:
        expr = _consent_missing(kind)
        where.append(expr if q.consent_missing else sql.SQL("NOT ") + expr)
    return sql.SQL(" AND ").join(where)


def compared_fields(kind: str) -> List[str]:
    """The content columns of ``kind`` a change is looked for in (the catalogue's, without bookkeeping)."""
    names = [f.name for f in cat.fields_for(kind) + list(cat.REGISTER_FIELDS)]
    return [n for n in dict.fromkeys(names) if n not in BOOKKEEPING]


def _changed_sql(kind: str, staff: bool) -> sql.Composable:
    """The changed fields (staff: a column-by-column comparison with the snapshot, names only), or both versions'
    values for Python to compare (editors read the last approved values as JSON)."""
    if staff:
        tests = sql.SQL(", ").join(
            sql.SQL("CASE WHEN s.{c} IS DISTINCT FROM a.{c} THEN {n} END").format(c=sql.Identifier(n), n=sql.Literal(n))
            for n in compared_fields(kind))
        return sql.SQL("CASE WHEN a.uuid IS NOT NULL THEN array_remove(ARRAY[{}]::text[], NULL) END,"
                       " NULL::jsonb, NULL::jsonb").format(tests)
    # to_jsonb(s) would turn the geometry into GeoJSON first: only the compared columns (in objects of at most 40
    # keys: a function takes 100 arguments)
    names = compared_fields(kind)
    values = sql.SQL(" || ").join(
        sql.SQL("jsonb_build_object({})").format(sql.SQL(", ").join(
            sql.SQL("{n}, s.{c}").format(n=sql.Literal(n), c=sql.Identifier(n)) for n in names[i:i + 40]))
        for i in range(0, len(names), 40))
    return sql.SQL("NULL::text[], CASE WHEN a.uuid IS NOT NULL THEN {} END,"
                   " a.\"values\" - {}::text[]").format(values, sql.Literal(list(BOOKKEEPING)))


def _row_sql(kind: str, staff: bool, duplicates: bool) -> sql.Composable:
    """Build the page's rows of ``kind``: values, municipality, last approved version, changed fields, flags."""
    return sql.SQL(
        # the municipality's name comes from the catalogue: a join per row cost more than the rest of the row
        "SELECT p.n, {kind}::text AS kind, s.uuid::text, s.version, s.status, s.name, s.municipality_ags, NULL,"
        " s.updated_at, s.updated_by, s.review_comment, s.review_reason, a.version, {changed},"
        " a.uuid IS NOT NULL AND NOT ST_Equals(a.geom, s.geom),"
        " {dup}, {consent}, ST_AsText(s.geom)"
        " FROM page p JOIN coworking.{table} s ON p.kind = {kind} AND s.uuid = p.uuid"
        " LEFT JOIN {approved} a ON a.uuid = s.uuid"
    ).format(kind=sql.Literal(kind), table=sql.Identifier(kind), changed=_changed_sql(kind, staff),
             dup=_duplicate(DUPLICATE_DISTANCE_M) if duplicates else sql.SQL("NULL::boolean"),
             consent=_consent_missing(kind),
             approved=approved_source(kind, staff, content=False))


def queue_sql(q: QueueQuery, staff: bool, duplicates: bool = True, conn=None) -> Tuple[sql.Composable, Dict[str, Any]]:
    """The one statement for ``q``: rows (n, kind, uuid, …) of the page, each with the total count in front.

    ``duplicates=False``: the rows' possible-duplicate flags are left for ``duplicate_flags`` (None). With ``conn``
    the part that builds the rows (the same for every query) is composed once per connection."""
    if q.sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {q.sort!r}")
    kinds = [k for k in cat.KINDS if not q.kinds or k in q.kinds]
    params: Dict[str, Any] = {"limit": q.page_size, "offset": q.page * q.page_size}
    keyed, counted = [], []
    for kind in kinds:
        where = _filters(q, kind, staff, params)
        keyed.append(sql.SQL("SELECT {kind}::text AS kind, s.uuid, {key} AS sort_key, s.updated_at"
                             " FROM coworking.{table} s WHERE {where}").format(
            kind=sql.Literal(kind), key=_sort_expression(q.sort, kind, staff), table=sql.Identifier(kind),
            where=where))
        counted.append(sql.SQL("(SELECT count(*) FROM coworking.{table} s WHERE {where})").format(
            table=sql.Identifier(kind), where=where))
    if not kinds:
        return sql.SQL("SELECT 0, NULL"), {}
    # possible duplicates (a costly test: index probes per site) are found once, for the sites the other
    # filters leave, and then looked up by the page, the count and the sort
    dup = sql.SQL("")
    if q.duplicate is not None or q.sort == "duplicate":
        dup = sql.SQL(" dup AS MATERIALIZED ({}),").format(sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT s.uuid FROM coworking.{table} s WHERE {where} AND {test}").format(
                table=sql.Identifier(kind), where=_filters(q, kind, staff, params, for_duplicates=True),
                test=_duplicate(DUPLICATE_DISTANCE_M)) for kind in kinds))
    direction = sql.SQL("DESC" if q.descending else "ASC")
    order = (sql.SQL("updated_at {d}, uuid {d}") if q.sort == "submitted_at"
             else sql.SQL("sort_key {d} NULLS LAST, updated_at, uuid")).format(d=direction)
    statement = sql.SQL(
        "WITH{dup} page AS MATERIALIZED ("
        " SELECT kind, uuid, row_number() OVER () AS n FROM ("
        "  SELECT kind, uuid FROM ({keyed}) q ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s) o),"
        " total AS (SELECT {counted} AS total)"
        " SELECT t.total, r.* FROM total t LEFT JOIN ({rows}) r ON true ORDER BY r.n"
    ).format(dup=dup, keyed=sql.SQL(" UNION ALL ").join(keyed), order=order,
             counted=sql.SQL(" + ").join(counted),
             rows=sql.SQL(" UNION ALL ").join(
                 prepared.rendered(conn, ("queue rows", k, staff, duplicates),
                                   lambda k=k: _row_sql(k, staff, duplicates)) for k in kinds))
    return statement, params


def load_page(conn, query: QueueQuery, staff: bool = True, duplicates: bool = True) -> QueuePage:
    """One page of the queue and the number of all matching sites (``staff``: the caller reads snapshots).

    ``duplicates=False`` leaves each row's ``duplicate`` flag None (a look-up per site, the costliest part of a
    page): the dock shows the page at once and fills the flags in with ``duplicate_flags`` right after."""
    statement, params = queue_sql(query, staff, duplicates, conn)
    result = prepared.execute(conn, statement, params)
    total = int(result[0][0]) if result else 0
    rows = [_queue_row(r[2:]) for r in result if r[1] is not None]
    return QueuePage(query, rows, total)


def _queue_row(r: Sequence[Any]) -> QueueRow:
    (kind, uuid, version, status, name, ags, mname, updated_at, updated_by, comment, reason, approved_version,
     changed, proposed, approved, moved, duplicate, consent_missing, wkt) = r
    if changed is None and proposed is not None:
        changed = [k for k, v in proposed.items() if (approved or {}).get(k) != v]
    changed = sorted(changed or []) + (["geom"] if moved else [])
    return QueueRow(kind, uuid, version, status, name or "", ags, mname or cat.MUNICIPALITY_NAMES.get(ags, ags),
                    updated_at, updated_by or "", comment, reason, approved_version, changed,
                    None if duplicate is None else bool(duplicate), bool(consent_missing), wkt or "")


def duplicate_flags(conn, rows: Sequence[QueueRow]) -> Dict[str, bool]:
    """uuid -> is there another site within 25 m or with the same address (for the rows of a page)."""
    flags: Dict[str, bool] = {}
    try:
        with conn.cursor() as cur:
            for kind in cat.KINDS:
                uuids = [r.uuid for r in rows if r.kind == kind]
                if uuids:
                    cur.execute(sql.SQL("SELECT s.uuid::text, {} FROM coworking.{} s WHERE s.uuid = ANY (%s::uuid[])")
                                .format(_duplicate(DUPLICATE_DISTANCE_M), sql.Identifier(kind)), (uuids,))
                    flags.update(dict(cur.fetchall()))
        conn.rollback()
    except Exception:
        conn.rollback()
        raise
    return flags


def submitters(conn, query: QueueQuery) -> List[str]:
    """Who submitted the sites the query's statuses cover (for the "submitted by" filter)."""
    names: List[str] = []
    try:
        with conn.cursor() as cur:
            for kind in cat.KINDS:
                cur.execute(sql.SQL("SELECT DISTINCT updated_by FROM coworking.{} WHERE status = ANY (%s)").format(
                    sql.Identifier(kind)), (list(query.statuses or STATUSES),))
                names += [r[0] for r in cur.fetchall()]
        conn.rollback()
    except Exception:
        conn.rollback()
        raise
    return sorted(set(names))
