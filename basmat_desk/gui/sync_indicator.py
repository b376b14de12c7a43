"""The sync indicator in the status bar, and the background sync that feeds it.

The sync agent (`basmat_desk.sync.agent`) runs on its own thread and reports its status there;
`BackgroundSync` hands each report to the GUI thread through a Qt signal, and `SyncIndicator`
shows it: a coloured dot, one Arabic sentence, details in the tooltip, and a badge that opens
the conflicts screen. The sync package (psycopg) is imported on the worker thread, after the
first window is up: start-up does not wait for it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from basmat_desk.domain.arabic import CountForms
from basmat_desk.domain.calendar import format_date_time
from basmat_desk.domain.clock import RIYADH
from basmat_desk.domain.numbering import isolate_ltr
from basmat_desk.gui.widgets import ElidedLabel
from basmat_desk.gui.workers import Runner
from basmat_desk.sync.status import ERROR, NOT_ENROLLED, OFFLINE, SYNCING, SyncStatus

if TYPE_CHECKING:
    from basmat_desk.sync.agent import SyncThread


#: A sync that ends sooner than this does not flash «جارٍ المزامنة…» over the last state.
SYNCING_DELAY_MS = 700
#: Longest sentence in the status bar; the whole of it is in the tooltip.
MAX_TEXT = 110
STOP_TIMEOUT_S = 2.0


class SyncState(StrEnum):
    LOCAL = "local"
    SYNCING = "syncing"
    ONLINE = "online"
    PENDING = "pending"
    OFFLINE = "offline"
    ERROR = "error"


DOT_COLOURS: dict[SyncState, str] = {
    SyncState.LOCAL: "#8a9a9a",
    SyncState.SYNCING: "#1f6fb2",
    SyncState.ONLINE: "#2e7d32",
    SyncState.PENDING: "#d19a00",
    SyncState.OFFLINE: "#e06c00",
    SyncState.ERROR: "#b3261e",
}

LOCAL_TEXT = "محلي فقط — غير مرتبط بالخادم"
LOCAL_TOOLTIP = (
    "هذا الجهاز يعمل وحده ولا يزامن مع خادم، وكل العمل محفوظ عليه.\n"
    f"لربطه بالخادم يشغّل مدير النظام الأمر: {isolate_ltr('basmat-desk sync enroll')}"
)
STARTING_TEXT = "جارٍ الاتصال بخادم المزامنة…"
SYNCING_TEXT = "جارٍ المزامنة…"
NOT_YET = "لم تتم بعد"
CLICK_TO_SYNC = "انقر للمزامنة الآن"


# --- words ------------------------------------------------------------------------------------


CHANGES = CountForms("تغيير واحد", "تغييران", "{n} تغييرات", "{n} تغييراً", "{n} تغيير")
SAVED_CHANGES = CountForms(
    "تغيير واحد محفوظ",
    "تغييران محفوظان",
    "{n} تغييرات محفوظة",
    "{n} تغييراً محفوظاً",
    "{n} تغيير محفوظ",
)


def clock_text(stamp: str | None, now: datetime) -> str | None:
    """An ISO UTC time from the sync state as Riyadh time: "10:42" today, else with the date."""
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone(RIYADH)
    if local.date() == now.astimezone(RIYADH).date():
        return local.strftime("%H:%M")
    return format_date_time(local)


def _shortened(text: str) -> str:
    """A sentence that fits the status bar: a closing remark in brackets goes first, then
    words from the end."""
    if len(text) <= MAX_TEXT:
        return text
    head, bracket, _rest = text.partition(" (")
    if bracket and len(head) <= MAX_TEXT:
        return head
    cut = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return f"{cut}…"


@dataclass(frozen=True, slots=True)
class SyncView:
    state: SyncState
    text: str
    tooltip: str


def _details(status: SyncStatus, now: datetime) -> str:
    lines = []
    if status.server:
        lines.append(f"الخادم: {isolate_ltr(status.server)}")
    if status.counter_name:
        prefix = f" ({isolate_ltr(status.prefix)})" if status.prefix else ""
        lines.append(f"هذا الكاونتر: {status.counter_name}{prefix}")
    for label, stamp in (
        ("آخر إرسال", status.last_push_at),
        ("آخر استلام", status.last_pull_at),
        ("آخر مزامنة ناجحة", status.last_success_at),
    ):
        lines.append(f"{label}: {clock_text(stamp, now) or NOT_YET}")
    lines.append(f"تغييرات بانتظار الإرسال: {status.pending:,}")
    lines.append(f"تعارضات مفتوحة: {status.conflicts:,}")
    if status.last_error:
        lines.append(f"آخر خطأ: {status.last_error}")
    lines.append(CLICK_TO_SYNC)
    return "\n".join(lines)


def describe(status: SyncStatus | None, activity: str, now: datetime | None = None) -> SyncView:
    """What the indicator says for a status the agent reported while doing `activity`."""
    if status is None or activity == NOT_ENROLLED or not status.enrolled:
        return SyncView(SyncState.LOCAL, LOCAL_TEXT, LOCAL_TOOLTIP)
    now = now or datetime.now(UTC)
    details = _details(status, now)
    last = clock_text(status.last_success_at, now)
    if activity == SYNCING:
        return SyncView(SyncState.SYNCING, SYNCING_TEXT, details)
    if activity == ERROR:
        message = status.last_error or "خطأ غير معروف"
        return SyncView(SyncState.ERROR, _shortened(f"المزامنة متوقفة — {message}"), details)
    if activity == OFFLINE or not status.online:
        saved = (
            f"{SAVED_CHANGES.of(status.pending)} على هذا الجهاز"
            if status.pending
            else "العمل محفوظ على هذا الجهاز"
        )
        since = f"آخر مزامنة {last}" if last else "لم تتم أي مزامنة بعد"
        return SyncView(SyncState.OFFLINE, f"غير متصل — {saved}، {since}", details)
    if status.pending:
        return SyncView(
            SyncState.PENDING, f"متصل — {CHANGES.of(status.pending)} بانتظار الإرسال", details
        )
    return SyncView(SyncState.ONLINE, f"متصل — آخر مزامنة {last}" if last else "متصل", details)


# --- what the database says at start-up ----------------------------------------------------------


# --- the sync thread ------------------------------------------------------------------------------


class BackgroundSync(QObject):
    """The sync agent on its own thread; its reports arrive as `status_received` on the GUI
    thread. `stop()` before the owner goes (the main window does, when it closes)."""

    status_received = Signal(object, str)  # SyncStatus, activity

    def __init__(self, database_path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = Path(database_path)
        self._thread: SyncThread | None = None
        self._stopped = threading.Event()

    @property
    def running(self) -> bool:
        return self._thread is not None and not self._stopped.is_set()

    def start(self, runner: Runner) -> None:
        """Build the agent on the worker thread (importing psycopg there), start it here."""
        runner.submit(self, self._make, self._started)

    def _make(self) -> SyncThread:
        from basmat_desk.sync.agent import SyncAgent, SyncThread

        return SyncThread(SyncAgent(self._path, on_status=self._report))

    def _started(self, thread: SyncThread) -> None:
        if self._stopped.is_set():
            return  # the window closed while the agent was being made: never start it
        self._thread = thread
        thread.start()

    def _report(self, status: SyncStatus, activity: str) -> None:
        """Called on the sync thread: only emits (queued to the GUI thread)."""
        if not self._stopped.is_set() and shiboken6.isValid(self):
            self.status_received.emit(status, activity)

    def wake(self) -> None:
        if self._thread is not None and not self._stopped.is_set():
            self._thread.wake()

    def stop(self) -> None:
        self._stopped.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.stop(STOP_TIMEOUT_S)


# --- the widget -----------------------------------------------------------------------------------


class _ClickableLabel(ElidedLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class SyncIndicator(QWidget):
    """A dot, a sentence and (for staff who resolve them) a conflicts badge."""

    sync_requested = Signal()
    conflicts_requested = Signal()

    def __init__(self, *, can_resolve: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self._can_resolve = can_resolve
        self._conflicts = 0
        self._view: SyncView | None = None
        self._waiting: SyncView | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        self.dot = QLabel(self)
        self.dot.setObjectName("syncDot")
        self.dot.setFixedSize(10, 10)
        self.label = _ClickableLabel(self)
        self.label.setObjectName("syncLabel")
        self.label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label.clicked.connect(self.sync_requested)
        self.badge = QPushButton(self)
        self.badge.setObjectName("conflictBadge")
        self.badge.setCursor(Qt.CursorShape.PointingHandCursor)
        self.badge.setToolTip("افتح شاشة تعارضات المزامنة")
        self.badge.clicked.connect(self.conflicts_requested)
        # As tall with the badge as without: the status bar does not jump when it comes.
        self.badge.ensurePolished()
        self.setMinimumHeight(self.badge.sizeHint().height())
        self.badge.hide()
        layout.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label)
        layout.addWidget(self.badge)
        self._syncing_timer = QTimer(self)
        self._syncing_timer.setSingleShot(True)
        self._syncing_timer.setInterval(SYNCING_DELAY_MS)
        self._syncing_timer.timeout.connect(self._show_waiting)
        self.show_local()

    @property
    def state(self) -> SyncState | None:
        return self._view.state if self._view else None

    def text(self) -> str:
        return self.label.text()

    def badge_text(self) -> str | None:
        return self.badge.text() if not self.badge.isHidden() else None

    def show_local(self) -> None:
        self._apply(SyncView(SyncState.LOCAL, LOCAL_TEXT, LOCAL_TOOLTIP))

    def show_starting(self) -> None:
        self._apply(SyncView(SyncState.SYNCING, STARTING_TEXT, CLICK_TO_SYNC))

    def show_status(
        self, status: SyncStatus | None, activity: str, now: datetime | None = None
    ) -> None:
        view = describe(status, activity, now)
        if status is not None and status.enrolled:
            self.set_conflicts(status.conflicts)
        if (
            view.state is SyncState.SYNCING
            and self._view is not None
            and self._view.state
            in (
                SyncState.ONLINE,
                SyncState.PENDING,
                SyncState.OFFLINE,
            )
        ):
            # Most syncs take a moment: say so only if this one takes longer.
            self._waiting = view
            if not self._syncing_timer.isActive():
                self._syncing_timer.start()
            return
        self._apply(view)

    def _show_waiting(self) -> None:
        if self._waiting is not None:
            self._apply(self._waiting)

    def _apply(self, view: SyncView) -> None:
        self._syncing_timer.stop()
        self._waiting = None
        self._view = view
        self.label.setText(view.text)
        self.setToolTip(view.tooltip)
        self.dot.setStyleSheet(
            f"background: {DOT_COLOURS[view.state]}; border-radius: 5px; border: none;"
        )

    def set_conflicts(self, count: int) -> None:
        self._conflicts = count
        self.badge.setText(f"تعارضات: {count:,}")
        self.badge.setVisible(self._can_resolve and count > 0)

    @property
    def conflicts(self) -> int:
        return self._conflicts
