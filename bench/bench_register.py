"""Register: what the server's rules cost per row (RLS, guard trigger with catalogue validation, history,
approved snapshots), as a Meißen editor LOGIN role, against the same statements on an unguarded copy of the
table (same columns, defaults and indexes; no triggers, no RLS) run by the owner.

- insert 5,000 vacancies with one INSERT ... SELECT (the set-based path a batch push takes)
- update those 5,000 vacancies (version raised, status back to pending, one history row each)
- the reviewer approves 5,000 sites (snapshot for the public view + history), against the same update unguarded
- read the public view (5,000 approved sites, consent/blur rules) against reading the snapshot table
"""

from __future__ import annotations

from typing import Callable, List

from bench.common import Row, median_time, register_cluster

N = 5000
INSERT = """INSERT INTO {table} (municipality_ags, name, building_type, ownership, rooms, floor_area_m2,
                target_groups, geom)
            SELECT '14627140', 'Bench ' || g, 'office', 'municipal', 3, 100.5, ARRAY['startups', 'crafts'],
                   ST_SetSRID(ST_MakePoint(393000 + mod(g, 100), 5669000 + g / 100), 25833)
              FROM generate_series(1, %s) g"""


def _median(fn: Callable[[], None], setup: Callable[[], None], repeat: int) -> float:
    return median_time(fn, repeat, setup)


def run(repeat: int = 5) -> List[Row]:
    import psycopg2

    with register_cluster("bench_register", "bench_reg_editor", "bench_reg_reviewer") as (cluster, su, editor,
                                                                                         reviewer):
        with su.cursor() as cur:
            cur.execute("CREATE TABLE public.plain (LIKE coworking.vacancy INCLUDING ALL)")
        su.commit()

        def sql(conn, statement: str, params=None) -> Callable[[], None]:
            def fn() -> None:
                with conn.cursor() as cur:
                    cur.execute(statement, params)
                    cur.fetchall() if cur.description else None
                conn.commit()
            return fn

        def reset() -> None:
            with su.cursor() as cur:
                cur.execute("ALTER TABLE coworking.vacancy DISABLE TRIGGER site_20_guard_delete")
                cur.execute("TRUNCATE coworking.vacancy CASCADE")
                cur.execute("TRUNCATE coworking.history, public.plain")
                cur.execute("ALTER TABLE coworking.vacancy ENABLE TRIGGER site_20_guard_delete")
            su.commit()

        def filled() -> None:
            reset()
            sql(editor, INSERT.format(table="coworking.vacancy"), (N,))()
            sql(su, INSERT.format(table="public.plain"), (N,))()

        def approved() -> None:
            filled()
            sql(reviewer, "UPDATE coworking.vacancy SET status = 'approved'")()

        rows: List[Row] = []
        t_plain = _median(sql(su, INSERT.format(table="public.plain"), (N,)), reset, repeat)
        rows.append(Row(f"register: INSERT...SELECT {N:,} rows, unguarded copy (baseline)", t_plain))
        t_ins = _median(sql(editor, INSERT.format(table="coworking.vacancy"), (N,)), reset, repeat)
        rows.append(Row(f"register: INSERT...SELECT {N:,} vacancies as editor", t_ins, "unguarded", t_plain))
        # the check of where a site lies (guard_location, one point-in-polygon test per row) against the same insert
        # without it
        location = "ALTER TABLE coworking.vacancy {} TRIGGER site_15_location_insert"
        sql(su, location.format("DISABLE"))()
        t_noloc = _median(sql(editor, INSERT.format(table="coworking.vacancy"), (N,)), reset, repeat)
        sql(su, location.format("ENABLE"))()
        rows.append(Row(f"register: INSERT...SELECT {N:,} vacancies as editor, location check", t_ins,
                        "without it", t_noloc))
        upd = "UPDATE {} SET rooms = rooms + 1"
        t_uplain = _median(sql(su, upd.format("public.plain")), filled, repeat)
        rows.append(Row(f"register: UPDATE {N:,} rows, unguarded copy (baseline)", t_uplain))
        t_upd = _median(sql(editor, upd.format("coworking.vacancy")), filled, repeat)
        rows.append(Row(f"register: UPDATE {N:,} vacancies as editor", t_upd, "unguarded", t_uplain))
        # a long-lived session (a QGIS layer connection) that saved single features first: the history trigger
        # must not reuse a plan made for one row (baseline 2b_history.sql)
        session = {}

        def small_edits_first() -> None:
            filled()
            if "conn" in session:
                session["conn"].close()
            conn = session["conn"] = psycopg2.connect(
                cluster.dsn("bench_register", user="bench_reg_editor", password="bench"))
            for i in range(10):
                sql(conn, "UPDATE coworking.vacancy SET rooms = %s WHERE uuid = "
                          "(SELECT uuid FROM coworking.vacancy ORDER BY uuid LIMIT 1)", (i,))()

        t_after = _median(lambda: sql(session["conn"], upd.format("coworking.vacancy"))(), small_edits_first, repeat)
        session["conn"].close()
        rows.append(Row(f"register: UPDATE {N:,} as editor after 10 one-row edits (same session)", t_after,
                        "fresh session", t_upd, "ratio <= 2", t_after <= 2 * t_upd))
        t_appr = _median(sql(reviewer, "UPDATE coworking.vacancy SET status = 'approved'"), filled, repeat)
        rows.append(Row(f"register: reviewer approves {N:,} vacancies", t_appr, "unguarded update", t_uplain))
        approved()
        t_snap = _median(sql(su, "SELECT * FROM coworking.vacancy_approved"), lambda: None, repeat)
        t_view = _median(sql(reviewer, "SELECT * FROM coworking.public_site"), lambda: None, repeat)
        rows.append(Row(f"register: read public_site ({N:,} approved)", t_view, "snapshot table", t_snap))
        return rows
