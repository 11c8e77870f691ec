"""Review queue: a page of the queue served by the server (core/register/review/queue.py) against a plain indexed
``SELECT … LIMIT 100`` of the same rows, measured in the same run on the same reviewer connection.

10,000 pending sites (7,000 vacancies, 3,000 brownfields) from all 28 municipalities, 1,000 of them changes to
an approved site, submitted over 60 days. Rows with a target: the first page, the first page with a filter
(one municipality), the next page, as the dock loads them (the page's possible-duplicate flags, a look-up per
site, follow in a second query, measured in its own row); goal: within 5× the plain query. The connection is
reused as the dock reuses its one connection, so the queue's statements are prepared on it
(core/register/review/prepared.py); the plain query is sent as it is. Each pair runs in turn, round by round
(bench.common.interleaved). Rows without a target show what a reviewer waits for with the costlier filters and
sorts (possible duplicates, changes first), the flags in the same query, and an editor's view.
"""

from __future__ import annotations

from typing import Callable, List

from bench.common import Row, interleaved, median_time, register_cluster

N_VACANCY, N_BROWNFIELD, N_CHANGES = 7000, 3000, 1000
TARGET = 5.0

# each site in the municipality it names (the register refuses others, RG016): vacancies on a 30 m grid west of a
# point inside the municipality, brownfields (40 m squares, 70 m apart) east of it, all within 800 m of it
_FILL = """
CREATE TEMP TABLE municipalities AS
SELECT ags, row_number() OVER (ORDER BY ags) - 1 AS i, ST_PointOnSurface(geom) AS centre FROM coworking.municipality;
INSERT INTO coworking.vacancy (municipality_ags, name, building_type, ownership, rooms, address, geom)
SELECT m.ags, 'Bench Leerstand ' || g, 'office', CASE WHEN mod(g, 9) = 0 THEN 'private' ELSE 'municipal' END,
       mod(g, 12), 'Bahnhofstraße ' || CASE WHEN mod(g, 50) = 1 THEN g - 1 ELSE g END,  -- every 50th: a duplicate
       ST_Translate(m.centre, -500 + mod(g / 28, 16) * 30, -240 + (g / 28 / 16) * 30)
  FROM generate_series(1, %(nv)s) g
  JOIN municipalities m ON m.i = mod(g, 28);
INSERT INTO coworking.brownfield (municipality_ags, name, geom)
SELECT m.ags, 'Bench Brache ' || g,
       ST_Multi(ST_Translate(ST_Expand(m.centre, 20), 20 + mod(g / 28, 10) * 70, -365 + (g / 28 / 10) * 70))
  FROM generate_series(1, %(nb)s) g
  JOIN municipalities m ON m.i = mod(g, 28);
DROP TABLE municipalities;
"""

_PLAIN = """
SELECT kind, uuid::text, name, municipality_ags, updated_at, updated_by, status, version FROM (
    SELECT 'brownfield'::text AS kind, uuid, name, municipality_ags, updated_at, updated_by, status, version
      FROM coworking.brownfield WHERE status = 'pending' {filter}
    UNION ALL
    SELECT 'vacancy', uuid, name, municipality_ags, updated_at, updated_by, status, version
      FROM coworking.vacancy WHERE status = 'pending' {filter}) q
 ORDER BY updated_at, uuid LIMIT 100 OFFSET %s"""


def _fill(su, reviewer) -> None:
    with su.cursor() as cur:
        cur.execute(_FILL, {"nv": N_VACANCY, "nb": N_BROWNFIELD})
    su.commit()
    changed = "(SELECT uuid FROM coworking.vacancy ORDER BY uuid LIMIT %s)"
    with reviewer.cursor() as cur:  # approved by the reviewer (submitted by the installer: four eyes hold)
        cur.execute(f"UPDATE coworking.vacancy SET status = 'approved' WHERE uuid IN {changed}",  # noqa: S608
                    (N_CHANGES,))
    reviewer.commit()
    with su.cursor() as cur:  # changed again by the municipality; submissions spread over 60 days
        cur.execute(f"UPDATE coworking.vacancy SET status = 'pending', rooms = rooms + 1 WHERE uuid IN {changed}",  # noqa: S608
                    (N_CHANGES,))
        cur.execute("SET LOCAL session_replication_role = replica")
        for table in ("vacancy", "brownfield"):
            cur.execute(f"UPDATE coworking.{table} SET updated_at = now() - make_interval("  # noqa: S608
                        "secs => mod(abs(hashtext(uuid::text)), 60 * 86400)::double precision)")
    su.commit()
    su.autocommit = True
    with su.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    su.autocommit = False


def run(repeat: int = 5) -> List[Row]:
    from coworking_plugin.core.register import review
    from coworking_plugin.core.register.review import QueueQuery
    from coworking_plugin.core.register.review.queue import queue_sql

    with register_cluster("bench_review", "bench_rev_editor", "bench_rev_reviewer") as (_c, su, editor, reviewer):
        _fill(su, reviewer)
        repeat = max(repeat, 7)

        def plain(conn, offset: int = 0, ags: str = "") -> Callable[[], None]:
            statement = _PLAIN.format(filter="AND municipality_ags = %s" if ags else "")

            def fn() -> None:
                with conn.cursor() as cur:
                    cur.execute(statement, [ags, ags, offset] if ags else [offset])
                    assert len(cur.fetchall()) == 100
                conn.rollback()
            return fn

        def page(conn, query: QueueQuery, staff: bool = True, duplicates: bool = False) -> Callable[[], None]:
            """What the dock shows first: the page (its duplicate flags follow in a second query)."""
            def fn() -> None:
                result = review.load_page(conn, query, staff, duplicates)
                assert len(result.rows) == min(query.page_size, result.total) and result.total > 0
            return fn

        for _ in range(3):  # warm both paths (plans, caches)
            plain(reviewer)()
            page(reviewer, QueueQuery())()
        first = review.load_page(reviewer, QueueQuery())
        assert first.total == N_VACANCY + N_BROWNFIELD, first.total
        rows: List[Row] = []

        def compare(name: str, fn: Callable[[], None], base_fn: Callable[[], None], target: bool = True,
                    warm: int = 5) -> None:
            # as on the dock's connection after a few loads of this filter: PostgreSQL's plan cache then keeps one
            # plan for the statement (the first five loads are planned each; the row "… not prepared" shows that)
            for _ in range(warm):
                base_fn()
                fn()
            # in turn, round by round: load that comes and goes on a shared machine weighs on both alike
            t_base, t = interleaved([base_fn, fn], repeat)
            rows.append(Row(name, t, "plain LIMIT 100", t_base, f"ratio <= {TARGET:g}" if target else None,
                            t <= TARGET * t_base))

        total = f"{N_VACANCY + N_BROWNFIELD:,}"
        compare(f"review: queue first page of {total} pending", page(reviewer, QueueQuery()), plain(reviewer))
        compare("review: queue first page, one municipality", page(reviewer, QueueQuery(municipalities=("14627140",))),
                plain(reviewer, ags="14627140"))
        def unprepared(query: QueueQuery) -> Callable[[], None]:
            """The same statement sent as it is: planned at every load (the first loads of a new filter)."""
            def fn() -> None:
                with reviewer.cursor() as cur:
                    cur.execute(*queue_sql(query, True, False))
                    assert len(cur.fetchall()) == 100
                reviewer.rollback()
            return fn

        compare("review: queue first page, one municipality, not prepared",
                unprepared(QueueQuery(municipalities=("14627140",))), plain(reviewer, ags="14627140"), target=False,
                warm=0)
        compare("review: queue next page (101-200)", page(reviewer, QueueQuery(page=1)), plain(reviewer, 100))
        compare("review: queue first page, possible duplicates only", page(reviewer, QueueQuery(duplicate=True)),
                plain(reviewer), target=False)
        compare("review: queue first page, changes first", page(reviewer, QueueQuery(sort="change", descending=True)),
                plain(reviewer), target=False)
        compare("review: editor's own municipality, all states",
                page(editor, QueueQuery(statuses=("pending", "approved", "rejected"), own_municipalities=True), False),
                plain(editor, ags="14627140"), target=False)
        compare("review: first page, one municipality, with duplicate flags in one query",
                page(reviewer, QueueQuery(municipalities=("14627140",)), duplicates=True),
                plain(reviewer, ags="14627140"), target=False)
        flags = median_time(lambda: review.duplicate_flags(reviewer, first.rows), repeat)
        rows.append(Row("review: the page's duplicate flags (second query)", flags, "plain LIMIT 100",
                        rows[0].baseline_s))
        d = median_time(lambda: review.diff(reviewer, first.rows[0].kind, first.rows[0].uuid), repeat)
        rows.append(Row("review: one site's diff and warnings", d, "plain LIMIT 100", rows[0].baseline_s))
        return rows
