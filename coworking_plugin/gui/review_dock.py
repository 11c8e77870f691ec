"""Review dock ("Standorte prüfen"): the queue a page at a time from the server, filters and sort applied there,
the selected site side by side with its last approved version and highlighted on the map, decisions (one site
or a selection), the reject dialog with standard reasons, the timeline, the dossier of the selected sites. Editors
get the same dock read-only for their own municipality's submissions.

Thin: every database call is core/register/review/ run in a QgsTask on the one connection the dock keeps (opened
by the first task, closed on unload or when the settings change); the rules are enforced by the register itself.
Parts: review_model (table model), review_filters, review_detail (side by side + map highlight), review_actions
(decisions, timeline, dossier of the selection), review_dialogs, connection_hint (what to set up when the register
cannot be reached).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any, Callable, List, Optional

from qgis.core import Qgis, QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import connection
from ..core.register import review
from ..core.register.messages import user_message
from ..core.register.review import QueuePage, QueueQuery, QueueRow
from ..core.register.review import formatting as fmt
from ..core.settings import PluginSettings, settings_changed
from ..core.tasks import CallableTask, TaskCanceled
from .connection_hint import ConnectionHint
from .feedback import notify
from .review_actions import ReviewActions
from .review_detail import ReviewDetailPanel, SiteHighlight, site_photos
from .review_dialogs import TimelineDialog
from .review_filters import ReviewFilterBar
from .review_model import COLUMNS, ReviewQueueModel

LOG = logging.getLogger(__name__)
EDITOR_STATUSES = ("pending", "rejected", "approved")


class ReviewDock(ReviewActions, QgsDockWidget):
    """The county's review; a decision is bound to the version shown."""

    def __init__(self, iface, database: Optional[str] = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review sites"))
        self.iface = iface
        self._database = database
        self.role: Optional[str] = None
        self.reasons: List[review.Reason] = []
        self.query = QueueQuery()
        self.task: Optional[CallableTask] = None
        self.detail_task: Optional[CallableTask] = None
        self.flags_task: Optional[CallableTask] = None
        self._next_query: Optional[QueueQuery] = None
        #: the load task running and the query it loads
        self._loading: tuple = (None, None)
        #: (comment, reason) of a rejection the server refused, offered again in the dialog
        self.last_reject: Optional[tuple] = None  # (uuid, comment, reason) of a refused rejection
        self.reject_dialog = None  # the reject dialog while it is open
        self.timeline_dialog: Optional[TimelineDialog] = None
        self._decision_message = ""
        self.highlight = SiteHighlight(iface.mapCanvas() if iface is not None else None)
        self.connection = connection.SharedConnection("coworking_review")
        self._build()
        self._update_buttons()
        settings_changed().connect(self._follow_settings)

    # -- layout ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.hint = ConnectionHint(self.iface, body)
        layout.addWidget(self.hint)
        self.filters = ReviewFilterBar(body)
        self.filters.changed.connect(self._filters_changed)
        layout.addWidget(self.filters)
        top = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"), body)
        self.refresh_button.clicked.connect(lambda: self.load(self.query))
        self.previous_button = QPushButton("◀", body)
        self.previous_button.setToolTip(self.tr("Previous page"))
        self.previous_button.clicked.connect(lambda: self.load(self.query.with_page(self.query.page - 1)))
        self.next_button = QPushButton("▶", body)
        self.next_button.setToolTip(self.tr("Next page"))
        self.next_button.clicked.connect(lambda: self.load(self.query.with_page(self.query.page + 1)))
        self.count_label = QLabel("", body)
        for w in (self.refresh_button, self.previous_button, self.next_button):
            top.addWidget(w)
        top.addWidget(self.count_label, 1)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.model = ReviewQueueModel(self)
        self.model.sortRequested.connect(self._sort)
        self.view = QTableView(splitter)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(COLUMNS.index("submitted_at"), Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = ReviewDetailPanel(splitter)
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("Approve"), body)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self.tr("Reject…"), body)
        self.reject_button.clicked.connect(lambda: self.reject_selected())  # clicked(bool) is no dialog
        self.timeline_button = QPushButton(self.tr("Timeline…"), body)
        self.timeline_button.clicked.connect(lambda: self.show_timeline())
        self.dossier_button = QPushButton(self.tr("Dossier (PDF)…"), body)
        self.dossier_button.setToolTip(self.tr("A PDF dossier of the selected sites"))
        self.dossier_button.clicked.connect(lambda: self.export_dossier())
        for w in (self.approve_button, self.reject_button, self.timeline_button, self.dossier_button):
            buttons.addWidget(w)
        layout.addLayout(buttons)
        self.status = QLabel("", body)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setWidget(body)

    # -- state -------------------------------------------------------------------------------------------
    def database(self) -> str:
        return self._database or PluginSettings.load().database

    def is_editor(self) -> bool:
        return self.role is not None and not review.is_staff(self.role)

    def selected_rows(self) -> List[QueueRow]:
        rows = [self.model.row(i) for i in self.view.selectionModel().selectedRows()]
        return sorted((r for r in rows if r is not None), key=lambda r: self.model.rows.index(r))

    def select(self, uuids: List[str]) -> None:
        """Select the listed sites of the page (as a click would)."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        for i, r in enumerate(self.model.rows):
            if r.uuid in uuids:
                selection.select(self.model.index(i, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)

    def _busy(self) -> bool:
        return self.task is not None

    def _update_buttons(self) -> None:
        rows = self.selected_rows() if hasattr(self, "view") else []
        idle = not self._busy()
        decide = self.role is not None and review.is_staff(self.role)
        pending = [r for r in rows if r.status == "pending"]
        for button in (self.approve_button, self.reject_button):
            button.setVisible(decide)
        self.approve_button.setEnabled(idle and bool(pending) and len(pending) == len(rows))
        self.approve_button.setText(self.tr("Approve {n} sites").format(n=len(rows)) if len(rows) > 1
                                    else self.tr("Approve"))
        self.reject_button.setEnabled(idle and len(pending) == 1 and len(rows) == 1)
        self.timeline_button.setEnabled(idle and len(rows) == 1)
        self.dossier_button.setEnabled(bool(rows) and len({r.kind for r in rows}) == 1)
        page = self.model.page
        self.refresh_button.setEnabled(idle)
        self.previous_button.setEnabled(idle and page is not None and self.query.page > 0)
        self.next_button.setEnabled(idle and page is not None and page.last < page.total)

    def _run(self, description: str, work: Callable[[Any], Any], on_success: Callable[[Any], None],
             on_failure: Optional[Callable[[str], None]] = None, slot: str = "main") -> CallableTask:
        database = self.database()

        def job(task: CallableTask) -> Any:
            with self.connection.use(database) as conn:
                if task.isCanceled():
                    raise TaskCanceled()
                return work(conn)

        def done(result: Any) -> None:
            self._finished(task)
            on_success(result)
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self._finished(task)
            if not isinstance(exc, TaskCanceled):
                message = str(exc) if isinstance(exc, (review.ReviewError, connection.ConnectionError_)) \
                    else user_message(exc)
                self.status.setText(message)
                if isinstance(exc, connection.ConnectionError_):
                    self.hint.show_failed(message)
                    self.status.setText("")  # said once, in the hint
                notify(self.iface, message, Qgis.MessageLevel.Warning)
                if on_failure:
                    on_failure(message)
            self._update_buttons()

        task = CallableTask(description, job, on_success=done, on_error=failed)
        if slot == "detail":
            self.detail_task = task
        elif slot == "flags":
            self.flags_task = task
        else:
            self.task = task
        self._update_buttons()
        QgsApplication.taskManager().addTask(task)
        return task

    def _finished(self, task: CallableTask) -> None:
        """Forget ``task`` in whichever slot holds it (a newer task in the same slot stays)."""
        for slot in ("task", "detail_task", "flags_task"):
            if getattr(self, slot) is task:
                setattr(self, slot, None)

    # -- loading -----------------------------------------------------------------------------------------
    def refresh(self) -> Optional[CallableTask]:
        """Ask the server who the login is (first time), then load the first page."""
        return self.load(replace(self.query, page=0))

    def load(self, query: QueueQuery) -> Optional[CallableTask]:
        if self._busy():
            if self.task is not None and self.task is self._loading[0] and query == self._loading[1]:
                return self.task  # asked again for what is loading (the dock was shown, then Refresh)
            self._next_query = query  # the newest wish wins once the running load is back
            return None
        if not self.database().strip():
            self.hint.show_missing()
            self.status.setText("")
            return None
        self.status.setText(self.tr("Loading the queue…"))
        known_role = self.role

        def work(conn) -> Any:  # in the task's thread: no widget is touched here
            role = known_role or review.login_role(conn)
            q = query
            if known_role is None and not review.is_staff(role):  # an editor: their submissions, every state
                q = replace(query, statuses=EDITOR_STATUSES, own_municipalities=True)
            reasons = review.reasons(conn) if known_role is None else None
            submitters = review.submitters(conn, q) if known_role is None else None
            page = review.load_page(conn, q, staff=review.is_staff(role), duplicates=False)
            return role, q, page, reasons, submitters

        task = self._run(self.tr("Loading sites for review"), work, self._show_page)
        self._loading = (task, query)
        return task

    def _show_page(self, result) -> None:
        role, query, page, reasons, submitters = result
        if not page.rows and page.total and query.page > 0 and self._next_query is None and self.role is not None:
            # the last site of the last page was decided: show the page before, filters and sort as they are
            self.load(replace(query, page=(page.total - 1) // max(1, query.page_size)))
            return
        first_load = self.role is None
        self.role, self.query = role, query
        self.hint.clear()
        if reasons is not None:
            self.reasons = reasons
        if first_load:
            self.filters.blockSignals(True)
            self.filters.set_editor(self.is_editor())
            self.filters.set_submitters(submitters or [])
            self.filters.blockSignals(False)
        self.model.set_page(page)
        self.view.resizeColumnsToContents()
        self.detail.clear()
        self.highlight.clear()
        self._show_count(page)
        if page.rows and self._next_query is None:  # the page is shown; its duplicate warnings follow
            self._run(self.tr("Looking for possible duplicates"), lambda conn: review.duplicate_flags(conn, page.rows),
                      lambda flags: self.model.set_duplicates(page, flags), slot="flags")
        if self._next_query is not None:
            query, self._next_query = self._next_query, None
            self.load(query)

    def _show_count(self, page: QueuePage) -> None:
        loc = fmt.locale()
        if page.total == 0:
            self.count_label.setText(self.tr("No sites match."))
        else:
            self.count_label.setText(self.tr("{first}–{last} of {total}").format(
                first=loc.toString(page.first), last=loc.toString(page.last), total=loc.toString(page.total)))
        read_only = self.tr("Read only: your municipality's submissions.") if self.is_editor() else ""
        empty = "" if page.total else self.tr("Nothing to review.")
        # the outcome of a decision stays readable after the list reloaded
        self.status.setText(" ".join(filter(None, [self._decision_message, empty, read_only])))
        self._decision_message = ""

    def _filters_changed(self) -> None:
        if self.role is not None:
            self.load(self.filters.query(self.query, editor=self.is_editor()))

    def _sort(self, key: str, descending: bool) -> None:
        if self.role is not None:
            self.load(replace(self.query, sort=key, descending=descending, page=0))

    # -- selection ---------------------------------------------------------------------------------------
    def _selection_changed(self, *_args) -> None:
        rows = self.selected_rows()
        self._update_buttons()
        if len(rows) != 1:
            self.detail.clear(self.tr("{n} sites selected").format(n=len(rows)) if rows else "")
            self.highlight.clear()
            return
        row = rows[0]
        self.highlight.show(row.geometry_wkt)
        self.detail.clear(self.tr("Loading {name}…").format(name=row.name))
        staff = review.is_staff(self.role or "")
        self._run(self.tr("Loading a site for review"),
                  lambda conn: (review.diff(conn, row.kind, row.uuid, staff), site_photos(conn, row.kind, row.uuid)),
                  lambda result: self._show_diff(row, *result), slot="detail")

    def _show_diff(self, row: QueueRow, d: review.SiteDiff, photos=()) -> None:
        current = self.selected_rows()
        if len(current) != 1 or current[0].uuid != row.uuid:
            return  # the reviewer moved on meanwhile
        self.detail.set_diff(d)
        self.detail.set_photos(list(photos))
        self.highlight.show(d.geometry_wkt, d.approved_geometry_wkt if d.geometry else "")

    # -- life --------------------------------------------------------------------------------------------
    def _follow_settings(self) -> None:
        """The Options page changed the register: forget the login and its connection, load again if shown."""
        if self._database is not None:
            return  # a dock made for one database (tests, scripts) keeps it
        self.connection.close()
        self.role = None
        self.query = QueueQuery(page_size=self.query.page_size)  # a reviewer's queue, or an editor's view
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.role is None and not self._busy():
            self.refresh()  # opened the first time, or after the settings changed: load (or say what is missing)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.highlight.clear()
        super().closeEvent(event)

    def unload(self) -> None:
        """The plugin unloads: no signal, highlight or connection stays behind."""
        try:
            settings_changed().disconnect(self._follow_settings)
        except TypeError:  # unload() called twice
            pass
        self.highlight.clear()
        self.connection.close()
