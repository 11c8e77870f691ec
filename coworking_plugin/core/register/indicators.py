"""The strategy's success indicators from the register (issue 14): sites per municipality, kind and status, now
and month by month; how many municipalities actively report; how long reviews take; which coworking models and
target groups have a suitable approved site.

Plain queries with bound parameters on the caller's connection (SECURITY INVOKER in effect): row-level security
decides what is counted, so an editor's figures cover what the editor may see, a reviewer's or admin's the whole
county. Definitions:
- *status in a month*: a site's status at the end of the month, from ``coworking.history`` (the last recorded
  status of its rows up to then; deleted sites drop out). The current month is "up to now".
- *actively reporting*: a municipality with an insert, update or archive by a non-staff login (a municipal
  editor) within the last ``ACTIVE_DAYS`` days; staff edits do not count as reporting.
- *review turnaround*: for each approve/reject, the days since the latest insert/update by a municipal login
  before it; median and 90th percentile (PostgreSQL's ``percentile_cont``).
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..i18n import tr
from . import catalogue as cat

ACTIVE_DAYS = 90

#: a history row written by a municipal login (not by a reviewer's or administrator's)
_BY_MUNICIPALITY = """NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = h.actor
                          AND (pg_has_role(r.oid, 'coworking_reviewer', 'MEMBER')
                               OR pg_has_role(r.oid, 'coworking_admin', 'MEMBER')))"""

SITE_COUNTS = """
SELECT s.municipality_ags, s.kind, s.status, count(*)
  FROM (SELECT municipality_ags, 'brownfield' AS kind, status FROM coworking.brownfield
        UNION ALL SELECT municipality_ags, 'vacancy', status FROM coworking.vacancy) s
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""

MONTHLY_COUNTS = """
WITH rows AS (
    SELECT h.site_uuid, h.kind, h.municipality_ags, h.at, h.id,
           CASE WHEN h.action = 'delete' THEN 'deleted' ELSE h.new_values ->> 'status' END AS status
      FROM coworking.history h
     WHERE h.action IN ('insert', 'update', 'archive', 'approve', 'reject', 'delete')
), carried AS (  -- the last status recorded up to each row (an edit without a status change keeps it)
    SELECT r.*, (array_remove(array_agg(r.status) OVER w, NULL))[
                 array_length(array_remove(array_agg(r.status) OVER w, NULL), 1)] AS state
      FROM rows r WINDOW w AS (PARTITION BY r.site_uuid ORDER BY r.at, r.id)
), months AS (
    SELECT generate_series(date_trunc('month', min(at)), date_trunc('month', now()), interval '1 month') AS m
      FROM rows
)
SELECT to_char(m.m, 'YYYY-MM'), s.municipality_ags, s.kind, s.state, count(*)
  FROM months m
 CROSS JOIN LATERAL (SELECT DISTINCT ON (c.site_uuid) c.municipality_ags, c.kind, c.state
                       FROM carried c WHERE c.at < m.m + interval '1 month'
                      ORDER BY c.site_uuid, c.at DESC, c.id DESC) s
 WHERE s.state IS NOT NULL AND s.state <> 'deleted'
 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"""

REPORTING = """
SELECT m.ags, max(h.at), coalesce(max(h.at) >= now() - make_interval(days => %s), false)
  FROM coworking.municipality m
  LEFT JOIN coworking.history h
         ON h.municipality_ags = m.ags AND h.action IN ('insert', 'update', 'archive') AND {by_municipality}
 GROUP BY m.ags ORDER BY m.ags"""

TURNAROUND = """
SELECT count(days), percentile_cont(0.5) WITHIN GROUP (ORDER BY days),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY days)
  FROM (SELECT extract(epoch FROM d.at - (
                   SELECT max(h.at) FROM coworking.history h
                    WHERE h.site_uuid = d.site_uuid AND h.id < d.id AND h.action IN ('insert', 'update')
                      AND {by_municipality})) / 86400.0 AS days
          FROM coworking.history d WHERE d.action IN ('approve', 'reject')) t
 WHERE days IS NOT NULL"""


@dataclass
class Table:
    """One table of the dashboard and of the CSV export: translated title and headers, display rows."""

    key: str
    title: str
    headers: List[str]
    rows: List[List[object]]


@dataclass
class Indicators:
    site_counts: List[Tuple[str, str, str, int]] = field(default_factory=list)  # ags, kind, status, n
    monthly: List[Tuple[str, str, str, str, int]] = field(default_factory=list)  # month, ags, kind, status, n
    reporting: List[Tuple[str, object, bool]] = field(default_factory=list)  # ags, last report, active
    decisions: int = 0
    median_days: float = math.nan
    p90_days: float = math.nan
    models: list = field(default_factory=list)  # coverage.ModelCoverage
    groups: list = field(default_factory=list)  # coverage.GroupCoverage
    threshold: float = math.nan
    active_days: int = ACTIVE_DAYS

    @property
    def active_municipalities(self) -> int:
        return sum(1 for _ags, _at, active in self.reporting if active)


def _compose(query: str):
    """``query`` with the municipal-login condition put in (composed SQL, no values)."""
    from psycopg2 import sql

    return sql.SQL(query).format(by_municipality=sql.SQL(_BY_MUNICIPALITY))


def _num(v) -> float:
    return math.nan if v is None else float(v)


def read(conn, profile=None, references: Optional[Dict[str, object]] = None, lang: str = "en",
         progress: Callable[[float], None] = lambda p: None,
         is_canceled: Callable[[], bool] = lambda: False) -> Indicators:
    """All figures, read with ``conn`` (read-only; the transaction is rolled back)."""
    result = Indicators()
    try:
        with conn.cursor() as cur:
            cur.execute(SITE_COUNTS)
            result.site_counts = [(a, k, s, int(n)) for a, k, s, n in cur.fetchall()]
            progress(20.0)
            cur.execute(MONTHLY_COUNTS)
            result.monthly = [(m, a, k, s, int(n)) for m, a, k, s, n in cur.fetchall()]
            progress(40.0)
            cur.execute(_compose(REPORTING), (ACTIVE_DAYS,))
            result.reporting = [(a, at, bool(active)) for a, at, active in cur.fetchall()]
            cur.execute(_compose(TURNAROUND))
            n, median, p90 = cur.fetchone()
            result.decisions, result.median_days, result.p90_days = int(n), _num(median), _num(p90)
            progress(60.0)
        if profile is not None and not is_canceled():
            from ..suitability import coverage

            sites = coverage.approved_sites(conn, profile)
            result.models, result.groups = coverage.coverage(sites, references or {}, profile, lang, is_canceled)
            result.threshold = profile.serve_threshold
    finally:
        conn.rollback()
    progress(100.0)
    return result


def _fig(value: Optional[float]) -> Optional[float]:
    """A figure for a table row: one decimal, None when there is none (shown as "–", an empty CSV cell)."""
    return None if value is None or not math.isfinite(value) else round(float(value), 1)


def display_text(value: object, lang: str) -> str:
    """A cell as the dashboard shows it: figures with the UI language's decimal sign, "–" for none."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",") if lang == "de" else f"{value:.1f}"
    return str(value)


def csv_text(value: object) -> str:
    """A cell as the CSV export writes it: figures with the decimal comma, whatever the UI language."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _number(value: float, lang: str) -> str:
    """A figure without trailing zeros, with the German decimal comma: 62,5 or 60."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "de" else text


def _status(key: str, lang: str) -> str:
    return cat.VALUE_LISTS["status"].label(key, lang)


def _kind(key: str, lang: str) -> str:
    return cat.KIND_LABELS.get(key, (key, key))[0 if lang == "de" else 1]


def _town(ags: str) -> str:
    return cat.MUNICIPALITY_NAMES.get(ags, ags)


def tables(ind: Indicators, lang: str = "en") -> List[Table]:
    """What the dashboard shows and the CSV export writes, in the UI language; figures stay numbers (one decimal,
    None when there is none), formatted by :func:`display_text` and :func:`csv_text`."""
    municipality, kind, status, sites = tr("Municipality"), tr("Kind"), tr("Status"), tr("Sites")
    result = [
        Table("sites_now", tr("Sites now"), [municipality, kind, status, sites],
              [[_town(a), _kind(k, lang), _status(s, lang), n] for a, k, s, n in ind.site_counts]),
        Table("sites_by_month", tr("Sites by month (status at the end of the month)"),
              [tr("Month"), municipality, kind, status, sites],
              [[m, _town(a), _kind(k, lang), _status(s, lang), n] for m, a, k, s, n in ind.monthly]),
        Table("reporting", tr("Reporting municipalities (last {days} days)").format(days=ind.active_days),
              [municipality, tr("Last report"), tr("Active")],
              [[_town(a), at.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d") if at else "–",
                tr("yes") if active else tr("no")] for a, at, active in ind.reporting]),
        Table("review_turnaround", tr("Review turnaround (days from submission to decision)"),
              [tr("Decisions"), tr("Median (days)"), tr("90th percentile (days)")],
              [[ind.decisions, _fig(ind.median_days), _fig(ind.p90_days)]]),
    ]
    if ind.models:
        result.append(Table(
            "models",
            tr("Coworking models: suitable approved sites (score ≥ {t})").format(t=_number(ind.threshold, lang)),
            [tr("Model"), tr("Suitable sites"), tr("Best site"), tr("Best score")],
            [[m.label, m.suitable, m.best_site or "–", _fig(m.best_score)] for m in ind.models]))
        result.append(Table("target_groups", tr("Target groups: suitable approved sites"),
                            [tr("Target group"), tr("Suitable sites")],
                            [[g.label, g.sites] for g in ind.groups]))
    return result


def write_csv(tables_: Sequence[Table], folder: str) -> List[str]:
    """One CSV per table in ``folder`` (``<key>.csv``) for German Excel, whatever the UI language: UTF-8 with BOM,
    semicolons, decimal comma, an empty cell for a missing figure (the ranking export's "German Excel" format;
    the list import reads it back); returns the paths."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for t in tables_:
        path = os.path.join(folder, f"{t.key}.csv")
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow(t.headers)
            writer.writerows([csv_text(v) for v in row] for row in t.rows)
        paths.append(path)
    return paths
