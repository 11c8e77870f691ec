"""The dashboard's charts, drawn with matplotlib (Debian's QGIS ships it) on a Figure embedded through
FigureCanvasQTAgg; no pyplot, so no global state. Without matplotlib the dashboard shows its tables only."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Dict, List

from ..core.register import catalogue as cat
from ..core.register.indicators import Indicators

LOG = logging.getLogger(__name__)

STATUS_COLOURS = {"pending": "#E69F00", "approved": "#009E73", "rejected": "#D55E00", "archived": "#999999"}


def canvas_class():
    """FigureCanvasQTAgg for the Qt binding QGIS runs on, or None when matplotlib is missing."""
    try:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # matplotlib >= 3.5, Qt5 and Qt6
    except ImportError:
        try:
            from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg
        except ImportError:
            LOG.info("matplotlib is not installed: the dashboard shows tables without charts")
            return None
    return FigureCanvasQTAgg


def new_canvas(height: float = 2.6):
    cls = canvas_class()
    if cls is None:
        return None
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, height), dpi=90, tight_layout=True)
    return cls(figure)


def _status_label(key: str, lang: str) -> str:
    return cat.VALUE_LISTS["status"].label(key, lang)


def _stacked(ax, categories: List[str], series: Dict[str, List[int]], lang: str, horizontal: bool) -> None:
    bottom = [0] * len(categories)
    for status in ("approved", "pending", "rejected", "archived"):
        values = series.get(status)
        if not values:
            continue
        if horizontal:
            ax.barh(categories, values, left=bottom, color=STATUS_COLOURS[status], label=_status_label(status, lang))
        else:
            ax.bar(categories, values, bottom=bottom, color=STATUS_COLOURS[status], label=_status_label(status, lang))
        bottom = [b + v for b, v in zip(bottom, values)]
    if series:
        ax.legend(fontsize=7, loc="best")
    from matplotlib.ticker import MaxNLocator

    (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    if horizontal:
        ax.invert_yaxis()  # alphabetical from the top


def _by_status(canvas, counts: Dict[str, Dict[str, int]], lang: str, title: str, horizontal: bool) -> None:
    """Stacked bars per key (town or month) and status, only the statuses that occur."""
    keys = sorted(counts)
    series = {s: [counts[k][s] for k in keys] for s in STATUS_COLOURS if any(counts[k][s] for k in keys)}
    ax = canvas.figure.subplots()
    _stacked(ax, keys, series, lang, horizontal=horizontal)
    ax.set_title(title, fontsize=9)
    ax.tick_params(labelsize=7)


def sites_now(canvas, ind: Indicators, lang: str, title: str) -> None:
    counts: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for ags, _kind, status, n in ind.site_counts:
        counts[cat.MUNICIPALITY_NAMES.get(ags, ags)][status] += n
    _by_status(canvas, counts, lang, title, horizontal=True)


def sites_by_month(canvas, ind: Indicators, lang: str, title: str) -> None:
    counts: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for month, _ags, _kind, status, n in ind.monthly:
        counts[month][status] += n
    _by_status(canvas, counts, lang, title, horizontal=False)


def bars(canvas, labels: List[str], values: List[float], title: str, colour: str = "#0072B2") -> None:
    ax = canvas.figure.subplots()
    ax.barh(labels, values, color=colour)
    ax.set_title(title, fontsize=9)
    ax.tick_params(labelsize=7)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.invert_yaxis()
