"""الاستقبال: the receptionist's main screen — today's queue, search as you type, the person's
page with their contact history, registration and the contact log. Keyboard first: every action
has a key (shown on its button).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHeaderView, QPushButton, QWidget

from basmat_desk.domain.calendar import format_date
from basmat_desk.domain.enums import TicketAction, TicketStatus
from basmat_desk.domain.errors import BasmatError
from basmat_desk.domain.numbering import isolate_ltr
from basmat_desk.domain.permissions import Permission, allows
from basmat_desk.domain.workflow import TICKET_UNDO
from basmat_desk.gui.forms.ui_intake_page import Ui_IntakePage
from basmat_desk.gui.models import (
    Column,
    RowRole,
    RowsModel,
    local_time,
    show_rows,
    sorted_table,
)
from basmat_desk.gui.screens.base import Screen, ScreenEnv
from basmat_desk.gui.widgets import confirm, dual_date

if TYPE_CHECKING:
    from basmat_desk.gui.screens.intake_dialogs import BeneficiaryDialog
    from basmat_desk.services.beneficiaries import BeneficiaryRecord
    from basmat_desk.services.contacts import ContactRow
    from basmat_desk.services.intake import CounterPerson
    from basmat_desk.services.queue import TicketRow
    from basmat_desk.services.search import SearchHit

QUEUE_ACTIONS = (
    "issue", "call", "start", "finish", "no_show", "cancel", "undo", "requeue", "link"
)  # fmt: skip
#: After these, the visitor has left the counter.
_ENDS_THE_VISIT = frozenset({TicketAction.FINISH, TicketAction.NO_SHOW, TicketAction.CANCEL})
#: What «إعادة إلى الانتظار» takes: a called ticket, and one that ended without service.
_REQUEUABLE = frozenset({TicketStatus.CALLED, TicketStatus.NO_SHOW, TicketStatus.CANCELLED})
SEARCH_DELAY_MS = 120  # typing pauses shorter than this do not start a search
SEARCH_LIMIT = 50
#: The results show at least this many people, however small the screen.
RESULT_ROWS = 5

KEYS = {
    "issue": "F2",
    "call": "F3",
    "start": "F4",
    "finish": "F6",
    "no_show": "F7",
    "cancel": "F8",
    "requeue": "F9",
    "undo": "F10",
    "search": "Ctrl+F",
    "register": "Ctrl+N",
    "edit": "Ctrl+E",
    "contact": "Ctrl+K",
    "link": "Ctrl+T",
}


def _mobile(value: str | None) -> str:
    if not value:
        return "—"
    from basmat_desk.domain.phone import format_mobile_local  # phonenumbers loads slowly

    return format_mobile_local(value)


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} د"


def _exchange(c: ContactRow) -> str:
    parts = [
        c.purpose,
        f"س: {c.inquiry}" if c.inquiry else None,
        f"ج: {c.answer}" if c.answer else None,
    ]
    return "\n".join(p for p in parts if p) or "—"


QUEUE_COLUMNS: list[Column[TicketRow]] = [
    Column("التذكرة", lambda t: t.label, sort_key=lambda t: t.number, ltr=True),
    Column("الحالة", lambda t: t.status.label),
    Column("الانتظار", lambda t: _minutes(t.wait_minutes), sort_key=lambda t: t.wait_minutes),
    Column("المستفيد", lambda t: t.beneficiary_name or t.purpose or "—"),
]

RESULT_COLUMNS: list[Column[SearchHit]] = [
    Column("الاسم", lambda h: h.full_name),
    Column("رقم الهوية", lambda h: h.id_number, ltr=True),
    Column("الجوال", lambda h: _mobile(h.mobile), ltr=True),
    Column(
        "تاريخ الميلاد",
        lambda h: format_date(h.birth_date) if h.birth_date else "—",
        ltr=True,
    ),
    Column("رقم الملف", lambda h: h.file_number or "—", ltr=True),
]

HISTORY_COLUMNS: list[Column[ContactRow]] = [
    Column(
        "التاريخ",
        lambda c: local_time(c.started_at),
        sort_key=lambda c: c.started_at.timestamp(),
        ltr=True,
    ),
    Column("القناة", lambda c: c.channel_label),
    Column("الغرض والاستفسار والإجابة", _exchange),
    Column("الموظف", lambda c: c.staff_name or "—"),
]


class IntakeScreen(Screen):
    person_shown = Signal(object)  # BeneficiaryRecord
    search_done = Signal(str)  # the query whose results are on screen

    def __init__(self, env: ScreenEnv, title: str, parent: QWidget | None = None) -> None:
        super().__init__(env, title, parent)
        self.ui = Ui_IntakePage()
        self.ui.setupUi(self)
        self.ui.titleLabel.setText(title)
        # The navigation already says which screen this is; its rows go to the people.
        self.ui.titleLabel.hide()
        ctx = env.ctx
        self.person: BeneficiaryRecord | None = None
        self.current_ticket: TicketRow | None = None
        self._search_running = False
        self._search_wanted: str | None = None
        self.shown_query = ""

        self._build_tables()
        self._last_action: tuple[TicketRow, TicketAction] | None = None
        self.ui.personNameLabel.setObjectName("personNameLabel")

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._start_search)
        self.ui.searchEdit.textEdited.connect(lambda _text: self._search_timer.start())
        self.ui.searchEdit.returnPressed.connect(self.open_first_result)
        # Moving through the results shows each person; linking the called ticket to one of
        # them is an action of its own (link_ticket).
        self.ui.resultsTable.activated.connect(lambda index: self._open_result(index.row()))
        self.ui.resultsTable.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._open_result(current.row())
        )

        actions = self._bind_keys()
        self.clear_person()
        actor = ctx.actor
        self.runs_queue = actor is not None and allows(actor.role, Permission.MANAGE_QUEUE)
        if not self.runs_queue:
            # The researcher serves referred applicants but does not run the counter's queue.
            self.ui.queuePane.hide()
            self.ui.currentTicketLabel.hide()
            for button, _slot in (actions[name] for name in QUEUE_ACTIONS):
                button.hide()
        self._update_buttons()

    def _build_tables(self) -> None:
        """The queue, the search results and the contact history: models and layout."""
        self.queue_model: RowsModel[TicketRow] = RowsModel(QUEUE_COLUMNS, self)
        self.results_model: RowsModel[SearchHit] = RowsModel(RESULT_COLUMNS, self)
        self.history_model: RowsModel[ContactRow] = RowsModel(HISTORY_COLUMNS, self)
        self.queue_proxy = sorted_table(self.ui.queueTable, self.queue_model, (3,))
        self.results_proxy = sorted_table(self.ui.resultsTable, self.results_model, (0,))
        self.history_proxy = sorted_table(self.ui.historyTable, self.history_model, (2,))
        self.ui.historyTable.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.ui.splitter.setStretchFactor(0, 1)
        self.ui.splitter.setStretchFactor(1, 3)
        self.ui.centerSplitter.setStretchFactor(0, 5)
        self.ui.centerSplitter.setStretchFactor(1, 3)
        show_rows(self.ui.resultsTable, RESULT_ROWS)
        self.ui.personDetailsScroll.setMinimumWidth(200)
        self.ui.personBody.setStretch(0, 2)
        self.ui.personBody.setStretch(1, 3)

    def _bind_keys(self) -> dict[str, tuple[QPushButton, Callable[[], None]]]:
        """Every action on a button that shows its key, and on that key."""
        actions = {
            "issue": (self.ui.issueTicketButton, self.issue_ticket),
            "call": (self.ui.callNextButton, self.call_next),
            "start": (self.ui.startServingButton, self.start_serving),
            "finish": (self.ui.finishButton, self.finish_serving),
            "no_show": (self.ui.noShowButton, self.mark_no_show),
            "cancel": (self.ui.cancelTicketButton, self.cancel_ticket),
            "undo": (self.ui.undoButton, self.undo_last),
            "requeue": (self.ui.requeueButton, self.requeue_selected),
            "register": (self.ui.registerButton, self.register_new),
            "edit": (self.ui.editButton, self.edit_person),
            "contact": (self.ui.logContactButton, self.log_contact),
            "link": (self.ui.linkTicketButton, self.link_ticket),
        }
        for name, (button, slot) in actions.items():
            button.setText(f"{button.text()} ({KEYS[name]})")
            button.clicked.connect(slot)
            shortcut = QShortcut(QKeySequence(KEYS[name]), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
        focus_search = QShortcut(QKeySequence(KEYS["search"]), self)
        focus_search.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus_search.activated.connect(self.focus_search)
        return actions

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_queue()
        self.focus_search()

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def _failed(self, error: BasmatError) -> None:
        self.ui.statusLabel.setText(error.message)

    def _say(self, text: str) -> None:
        self.ui.statusLabel.setText(text)

    # --- the queue -----------------------------------------------------------------------------

    def refresh_queue(self) -> None:
        if not self.runs_queue:
            self.loaded.emit()
            return
        ctx = self._ctx

        def load() -> tuple[list[TicketRow], Any]:
            from basmat_desk.services import queue

            return queue.todays_queue(ctx), queue.queue_summary(ctx)

        self._runner.submit(self, load, self._show_queue, self._failed)

    def _show_queue(self, loaded: tuple[list[TicketRow], Any]) -> None:
        rows, summary = loaded
        self.queue_model.set_rows(rows)
        active = [r for r in rows if r.status in (TicketStatus.CALLED, TicketStatus.SERVING)]
        self.current_ticket = max(active, key=lambda r: r.called_at or r.issued_at, default=None)
        self.ui.queueSummaryLabel.setText(
            f"في الانتظار: {summary.waiting} — "
            f"متوسط الانتظار: {_minutes(summary.average_wait_minutes)}"
        )
        ticket = self.current_ticket
        if ticket is None:
            self.ui.currentTicketLabel.setText("لا تذكرة قيد الخدمة")
        else:
            who = f" — {ticket.beneficiary_name}" if ticket.beneficiary_name else ""
            label = isolate_ltr(ticket.label)
            self.ui.currentTicketLabel.setText(
                f"التذكرة الحالية: {label} ({ticket.status.label}){who}"
            )
        self._update_buttons()
        self.loaded.emit()

    def _queue_action(self, action: TicketAction | None, ticket: TicketRow | None = None) -> None:
        """Issue a ticket (`action` None), or move one: the current ticket unless `ticket`."""
        ctx = self._ctx
        target = ticket or self.current_ticket
        if action not in (None, TicketAction.CALL) and target is None:
            self._say("لا تذكرة قيد الخدمة.")
            return
        ticket_id = target.id if target is not None else None

        def run() -> TicketRow | None:
            from basmat_desk.services import queue

            if action is None:
                return queue.issue_ticket(ctx)
            if action is TicketAction.CALL and ticket is None:
                return queue.call_next(ctx)
            assert ticket_id is not None
            moves = {
                TicketAction.CALL: queue.call_ticket,
                TicketAction.START: queue.start_serving,
                TicketAction.FINISH: queue.finish,
                TicketAction.NO_SHOW: queue.mark_no_show,
                TicketAction.CANCEL: queue.cancel,
                TicketAction.REQUEUE: queue.requeue,
            }
            row: TicketRow = moves[action](ctx, ticket_id)
            return row

        def after(row: TicketRow | None) -> None:
            if row is None:
                self._say("لا أحد في الانتظار.")
                self.refresh_queue()
                return
            label = isolate_ltr(row.label)
            if action is None:
                self._say(f"صدرت التذكرة {label}.")
            else:
                done = f"التذكرة {label}: {action.label}."
                undoable = action in TICKET_UNDO
                self._last_action = (row, action) if undoable else None
                self._say(f"{done} للتراجع: {KEYS['undo']}" if undoable else done)
            if action is TicketAction.CALL:
                self.start_intake()
            if action in _ENDS_THE_VISIT:
                self.clear_person()
            self.refresh_queue()

        self._runner.submit(self, run, after, self._failed)

    def issue_ticket(self) -> None:
        self._queue_action(None)

    def call_next(self) -> None:
        self._queue_action(TicketAction.CALL)

    def start_serving(self) -> None:
        self._queue_action(TicketAction.START)

    def finish_serving(self) -> None:
        self._queue_action(TicketAction.FINISH)

    def mark_no_show(self) -> None:
        """F7: asked first, since it ends the visit (and undone with F10)."""
        if self._confirmed(TicketAction.NO_SHOW):
            self._queue_action(TicketAction.NO_SHOW)

    def cancel_ticket(self) -> None:
        """F8: asked first, since it ends the visit (and undone with F10)."""
        if self._confirmed(TicketAction.CANCEL):
            self._queue_action(TicketAction.CANCEL)

    def _confirmed(self, action: TicketAction) -> bool:
        ticket = self.current_ticket
        if ticket is None:
            return False
        who = f" ({ticket.beneficiary_name})" if ticket.beneficiary_name else ""
        question = f"«{action.label}» للتذكرة {isolate_ltr(ticket.label)}{who}؟"
        return confirm(self, action.label, question, default_yes=True)

    def undo_last(self) -> None:
        """F10: undo the counter's last call, finish, no-show or cancellation."""
        last = self._last_action
        if last is None:
            self._say("لا إجراء على الطابور يمكن التراجع عنه.")
            return
        row, action = last
        ctx = self._ctx

        def run() -> TicketRow:
            from basmat_desk.services.queue import undo

            return undo(ctx, row.id, action)

        def after(back: TicketRow) -> None:
            self._last_action = None
            self._say(
                f"تراجعت عن «{action.label}»: التذكرة {isolate_ltr(back.label)} "
                f"الآن «{back.status.label}»."
            )
            self.refresh_queue()

        self._runner.submit(self, run, after, self._failed)

    def requeue_selected(self) -> None:
        """F9: put the ticket selected in the queue back in the queue (the visitor came back)."""
        ticket = self.selected_ticket()
        if ticket is None or ticket.status not in _REQUEUABLE:
            self._say("اختر من الطابور تذكرة منادى عليها أو ملغاة أو لم يحضر صاحبها.")
            return
        self._queue_action(TicketAction.REQUEUE, ticket)

    def selected_ticket(self) -> TicketRow | None:
        indexes = self.ui.queueTable.selectionModel().selectedRows()
        if not indexes:
            return None
        row: TicketRow = self.queue_proxy.data(indexes[0], RowRole)
        return row

    def start_intake(self) -> None:
        """A ticket was called: a fresh intake starts at the search box."""
        self.clear_person()
        self.ui.searchEdit.clear()
        self.results_model.set_rows([])
        self.focus_search()

    # --- search as you type ----------------------------------------------------------------

    def search_now(self, text: str) -> None:
        self.ui.searchEdit.setText(text)
        self._start_search()

    def _start_search(self) -> None:
        query = self.ui.searchEdit.text()
        if self._search_running:
            self._search_wanted = query  # the newest text wins; older ones are skipped
            return
        self._run_search(query)

    def _run_search(self, query: str) -> None:
        ctx = self._ctx
        self._search_running = True

        def search() -> list[SearchHit]:
            from basmat_desk.services.search import search_beneficiaries

            hits: list[SearchHit] = search_beneficiaries(ctx, query, limit=SEARCH_LIMIT)
            return hits

        self._runner.submit(
            self,
            search,
            lambda hits: self._show_results(query, hits),
            self._search_failed,
        )

    def _search_failed(self, error: BasmatError) -> None:
        self._search_running = False
        self._failed(error)

    def _show_results(self, query: str, hits: list[SearchHit]) -> None:
        self._search_running = False
        wanted, self._search_wanted = self._search_wanted, None
        if wanted is not None and wanted != query:
            self._run_search(wanted)
            return
        self.results_model.set_rows(hits)
        self.shown_query = query
        if not query.strip():
            self.ui.searchStatusLabel.clear()
        elif hits:
            more = " (أول النتائج)" if len(hits) >= SEARCH_LIMIT else ""
            self.ui.searchStatusLabel.setText(f"النتائج: {len(hits)}{more}")
        else:
            self.ui.searchStatusLabel.setText(f"لا نتائج. سجّل مستفيداً جديداً ({KEYS['register']}).")
        self.search_done.emit(query)

    def open_first_result(self) -> None:
        if self.results_proxy.rowCount():
            self.ui.resultsTable.setFocus()
            self.ui.resultsTable.setCurrentIndex(self.results_proxy.index(0, 0))
            self._open_result(0)

    def _open_result(self, proxy_row: int) -> None:
        if proxy_row < 0 or proxy_row >= self.results_proxy.rowCount():
            return
        hit: SearchHit = self.results_proxy.data(self.results_proxy.index(proxy_row, 0), RowRole)
        if self.person is None or self.person.id != hit.id:
            self.open_person(hit.id)

    # --- the person's page --------------------------------------------------------------------

    def open_person(self, beneficiary_id: str, after: Callable[[], None] | None = None) -> None:
        """Show the person's page (their record and contacts); then `after()`."""
        ctx = self._ctx

        def load() -> CounterPerson:
            from basmat_desk.services.intake import open_person

            return open_person(ctx, beneficiary_id)

        def shown(person: CounterPerson) -> None:
            self.show_person(person.record, person.history)
            if after is not None:
                after()

        self._runner.submit(self, load, shown, self._failed)

    def link_ticket(self) -> None:
        """The person shown is the one the current ticket is for: link them (Ctrl+T)."""
        ticket, person = self.current_ticket, self.person
        if ticket is None or person is None or ticket.beneficiary_id == person.id:
            return
        ctx = self._ctx

        def link() -> TicketRow:
            from basmat_desk.services.queue import attach_beneficiary

            return attach_beneficiary(ctx, ticket.id, person.id)

        def linked(row: TicketRow) -> None:
            self._say(f"رُبطت التذكرة {isolate_ltr(row.label)} بـ{person.full_name}.")
            self.refresh_queue()

        self._runner.submit(self, link, linked, self._failed)

    def show_person(self, record: BeneficiaryRecord, history: list[ContactRow]) -> None:
        self.person = record
        self.ui.personNameLabel.setText(record.full_name)
        self.ui.personDetailsLabel.setText(self._details(record))
        self.history_model.set_rows(history)
        self.ui.historyLabel.setText(f"سجل التواصل ({len(history)})")
        self._update_buttons()
        self.person_shown.emit(record)

    @staticmethod
    def _details(r: BeneficiaryRecord) -> str:
        from basmat_desk.domain.beneficiary import NATIONALITIES

        nationality = NATIONALITIES.get(r.nationality, r.nationality)
        lines = [
            f"الجوال: {isolate_ltr(_mobile(r.mobile))}",
            f"{r.id_type.label}: {isolate_ltr(r.id_number)} — {nationality}",
        ]
        if r.birth_date:
            lines.append(f"الميلاد: {dual_date(r.birth_date, short=True)}")
        household = []
        if r.address_city:
            household.append("، ".join(p for p in (r.address_district, r.address_city) if p))
        if r.family_size is not None:
            household.append(f"أفراد الأسرة: {r.family_size}")
        if household:
            lines.append(" — ".join(household))
        if r.file_number:
            lines.append(f"رقم الملف: {isolate_ltr(r.file_number)}")
        return "\n".join(lines)

    def clear_person(self) -> None:
        self.person = None
        self.ui.personNameLabel.clear()
        self.ui.personDetailsLabel.setText(
            f"اختر مستفيداً من نتائج البحث (Enter)، أو سجّل مستفيداً جديداً ({KEYS['register']})."
        )
        self.history_model.set_rows([])
        self.ui.historyLabel.setText("سجل التواصل")
        self._update_buttons()

    def _update_buttons(self) -> None:
        ticket = self.current_ticket
        status = ticket.status if ticket else None
        self.ui.startServingButton.setEnabled(status is TicketStatus.CALLED)
        self.ui.finishButton.setEnabled(status is TicketStatus.SERVING)
        self.ui.noShowButton.setEnabled(status is TicketStatus.CALLED)
        self.ui.cancelTicketButton.setEnabled(ticket is not None)
        self.ui.undoButton.setEnabled(self._last_action is not None)
        self.ui.editButton.setEnabled(self.person is not None)
        self.ui.linkTicketButton.setEnabled(
            ticket is not None
            and self.person is not None
            and ticket.beneficiary_id != self.person.id
        )

    # --- registration and contacts --------------------------------------------------------------

    def register_new(self) -> None:
        from basmat_desk.gui.screens.intake_dialogs import BeneficiaryDialog

        dialog = BeneficiaryDialog(self._ctx, self._runner, parent=self)
        self._prefill_from_search(dialog)
        self._after_form(dialog)

    def _prefill_from_search(self, dialog: BeneficiaryDialog) -> None:
        """What was typed in the search box starts the form: digits as the ID or mobile, a name
        spread over its parts (a compound such as «عبد الله» stays one part)."""
        from basmat_desk.domain.digits import fold_digits
        from basmat_desk.domain.given_names import name_fields

        text = fold_digits(self.ui.searchEdit.text()).strip()
        digits = "".join(ch for ch in text if ch.isdigit())
        if text and digits == text.replace(" ", ""):
            target = dialog.ui.mobileEdit if text.startswith("05") else dialog.ui.idNumberEdit
            target.setText(text)
        elif text and not digits:
            dialog.fill_name(name_fields(text))
        dialog.focus_first_empty()

    def edit_person(self) -> None:
        if self.person is None:
            return
        from basmat_desk.gui.screens.intake_dialogs import BeneficiaryDialog

        dialog = BeneficiaryDialog(self._ctx, self._runner, existing=self.person, parent=self)
        self._after_form(dialog)

    def _after_form(self, dialog: BeneficiaryDialog) -> None:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.focus_search()
            return
        if dialog.saved is not None:
            saved = dialog.saved
            self._say(f"حُفظت بيانات {saved.full_name}.")
            ticket = self.current_ticket
            # Registered during a visit: the new person is the one the ticket is for.
            new_visitor = dialog.is_new and ticket is not None and ticket.beneficiary_id is None
            self.open_person(saved.id, self.link_ticket if new_visitor else None)
        elif dialog.open_existing_id is not None:
            self.open_person(dialog.open_existing_id)
        self.focus_search()

    def log_contact(self) -> None:
        person = self.person
        ticket = self.current_ticket
        started: datetime | None = None
        if ticket is not None:
            started = ticket.serving_at or ticket.called_at
        from basmat_desk.gui.screens.intake_dialogs import ContactDialog

        dialog = ContactDialog(
            self._ctx,
            self._runner,
            beneficiary_id=person.id if person else None,
            beneficiary_name=person.full_name if person else None,
            ticket_id=ticket.id if ticket else None,
            started_at=started,
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._say(f"سُجّل التواصل ({dialog.saved.channel_label}).")
            if person is not None:
                self.open_person(person.id)
        self.focus_search()
