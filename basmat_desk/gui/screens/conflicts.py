"""تعارضات المزامنة: what two counters disagreed on, side by side, and the supervisor's choice.

The list shows open conflicts (resolved ones on request); the pane under it shows the server's
value and the counter's value in full. «إبقاء قيمة الخادم» keeps the row as it is;
«اعتماد قيمة الكاونتر» writes the counter's value into it (field conflicts only: a duplicate
record or a refused change can only be acknowledged). Each choice is confirmed, then made by
the conflicts service on the worker thread.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from basmat_desk.domain.enums import ConflictChoice, ConflictKind
from basmat_desk.domain.errors import BasmatError
from basmat_desk.domain.numbering import isolate_ltr
from basmat_desk.gui.forms.ui_conflicts_page import Ui_ConflictsPage
from basmat_desk.gui.models import Column, RowRole, RowsModel, local_time, sorted_table
from basmat_desk.gui.screens.base import Screen, ScreenEnv
from basmat_desk.gui.widgets import FieldErrors

if TYPE_CHECKING:
    from basmat_desk.services.conflicts import ConflictView

SERVER, COUNTER = ConflictChoice
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z]")
CELL_MAX = 70

NONE_OPEN = "لا توجد تعارضات بانتظار المراجعة."
NONE_AT_ALL = "لم يسجَّل على هذا الجهاز أي تعارض."
PICK_ONE = "اختر تعارضاً من القائمة لترى القيمتين."


def reads_ltr(text: str) -> bool:
    """A value of digits and Latin letters (a number, a date, an ID, a mobile): left to right."""
    return bool(_LATIN_OR_DIGIT.search(text)) and not _ARABIC.search(text)


def _cell(text: str) -> str:
    one_line = " ".join(text.split())
    if len(one_line) > CELL_MAX:
        one_line = one_line[: CELL_MAX - 1].rstrip() + "…"
    return isolate_ltr(one_line) if reads_ltr(one_line) else one_line


def _field(view: ConflictView) -> str:
    """The field; a duplicate or a refused change says so first (a field conflict is the
    ordinary case)."""
    return (
        view.field_label
        if view.kind == ConflictKind.FIELD
        else f"{view.kind_label}: {view.field_label}"
    )


COLUMNS: list[Column[ConflictView]] = [
    Column("السجل", lambda v: f"{v.table_label}: {v.record_label}"),
    Column("الحقل", _field),
    Column("قيمة الخادم", lambda v: _cell(v.server_brief)),
    Column("قيمة الكاونتر", lambda v: _cell(v.counter_brief)),
    Column("الكاونتر", lambda v: v.counter_name),
    Column(
        "الوقت",
        lambda v: local_time(v.detected_at),
        sort_key=lambda v: v.detected_at.timestamp(),
        ltr=True,
    ),
    Column("الحسم", lambda v: v.resolution_label),
]
VALUE_COLUMNS = (2, 3)
TIME_COLUMN = 5
RESOLUTION_COLUMN = 6
#: Rows the list shows before it scrolls, when the screen first sizes it.
LIST_ROWS = 6


def confirmation(
    parent: QWidget | None, view: ConflictView, choice: str
) -> tuple[QMessageBox, QPushButton]:
    """The question asked before a choice is made, and the button that makes it."""
    heading = f"{view.field_label} — {view.table_label} «{view.record_label}»"
    if choice == COUNTER:
        title, action = "اعتماد قيمة الكاونتر", "اعتماد قيمة الكاونتر"
        text = (
            f"{heading}\n\nتُكتب القيمة التي أدخلها {view.counter_name}\n«{view.counter_brief}»"
            f"\n\nبدلاً من القيمة الحالية\n«{view.server_brief}»\n\n"
            "يُسجَّل ذلك في سجل التدقيق ويُرسَل إلى الخادم مع المزامنة."
        )
    elif view.kind == ConflictKind.FIELD:
        title, action = "إبقاء قيمة الخادم", "إبقاء قيمة الخادم"
        text = (
            f"{heading}\n\nتبقى القيمة الحالية\n«{view.server_brief}»\n\n"
            f"وتُترك القيمة التي أدخلها {view.counter_name}\n«{view.counter_brief}»\n\n"
            "تبقى قيمة الكاونتر محفوظة في سجل التعارض."
        )
    else:
        title, action = "تسجيل المراجعة", "تمت المراجعة"
        text = (
            f"{view.kind_label}: {view.table_label} «{view.record_label}»\n\n"
            "يبقى ما على الخادم، ويُسجَّل أنك راجعت التعارض. بيانات الكاونتر تبقى محفوظة في "
            "سجل التعارض إن احتجت إليها."
        )
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    # Wide enough that a value reads on one line where it can (the icon keeps its own label).
    box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 520px; }")
    accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("إلغاء", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    return box, accept


class ConflictsScreen(Screen):
    open_count_changed = Signal(int)

    def __init__(self, env: ScreenEnv, title: str, parent: QWidget | None = None) -> None:
        super().__init__(env, title, parent)
        self.ui = Ui_ConflictsPage()
        self.ui.setupUi(self)
        self.ui.titleLabel.setText(title)
        self.open_count_changed.connect(env.events.conflicts_counted)
        self.model: RowsModel[ConflictView] = RowsModel(COLUMNS, self)
        table = self.ui.table
        self.proxy = sorted_table(table, self.model, VALUE_COLUMNS)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.sortByColumn(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        table.setColumnHidden(RESOLUTION_COLUMN, True)
        table.selectionModel().selectionChanged.connect(self._show_selected)
        self.ui.splitter.setStretchFactor(0, 1)
        self.ui.splitter.setStretchFactor(1, 2)
        self._sized_by_user = False
        self.ui.splitter.splitterMoved.connect(self._user_sized)
        for label in (self.ui.explanationLabel, self.ui.refusalLabel):
            label.setProperty("hint", True)
        for label in (self.ui.serverValueLabel, self.ui.counterValueLabel):
            label.setProperty("conflictValue", True)
        self.messages = FieldErrors(self.ui.statusLabel, {})
        self.ui.showResolvedCheck.toggled.connect(self._toggle_resolved)
        self.ui.keepServerButton.clicked.connect(lambda: self.resolve_selected(SERVER))
        self.ui.takeCounterButton.clicked.connect(lambda: self.resolve_selected(COUNTER))
        self._busy = False
        self._show(None)

    # --- loading ---------------------------------------------------------------------------

    @property
    def include_resolved(self) -> bool:
        return self.ui.showResolvedCheck.isChecked()

    def refresh(self) -> None:
        self._reload(keep=self.selected())

    def _reload(self, keep: ConflictView | None = None, message: str | None = None) -> None:
        include_resolved = self.include_resolved

        def load() -> list[ConflictView]:
            from basmat_desk.services.conflicts import list_conflicts

            return list_conflicts(self._ctx, include_resolved=include_resolved)

        def shown(rows: list[ConflictView]) -> None:
            self._fill(rows, keep)
            if message:
                self.messages.show_notice(message)
            self.loaded.emit()

        self._runner.submit(self, load, shown, self._failed)

    def _toggle_resolved(self, checked: bool) -> None:
        self.ui.table.setColumnHidden(RESOLUTION_COLUMN, not checked)
        self.refresh()

    def _fill(self, rows: list[ConflictView], keep: ConflictView | None) -> None:
        row_before = self._selected_row()
        self.model.set_rows(rows)
        open_count = sum(1 for r in rows if r.is_open)
        if self.include_resolved:
            self.ui.countLabel.setText(f"المفتوحة: {open_count:,} من {len(rows):,}")
        else:
            self.ui.countLabel.setText(f"المفتوحة: {open_count:,}")
        if rows and not (keep is not None and self.select(keep.id)):
            # After a choice, the next conflict in the list (or the last one) is selected.
            self._select_row(min(max(row_before, 0), self.proxy.rowCount() - 1))
        self._show(self.selected())
        self._fit_list()
        self.open_count_changed.emit(open_count)

    def _user_sized(self) -> None:
        self._sized_by_user = True

    def _fit_list(self) -> None:
        """The list as tall as its rows (up to LIST_ROWS), the values below get the rest;
        once the user moves the divider, it stays where they put it."""
        splitter, table = self.ui.splitter, self.ui.table
        total = sum(splitter.sizes())
        if self._sized_by_user or total <= 0:
            return
        rows = max(1, min(self.proxy.rowCount(), LIST_ROWS))
        wanted = (
            table.horizontalHeader().height()
            + rows * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
            + 4
        )
        wanted = min(wanted, total // 2)
        splitter.setSizes([wanted, total - wanted])

    def _failed(self, error: BasmatError) -> None:
        self._busy = False
        self._update_buttons(self.selected())
        self.messages.show_message(error.message)

    # --- selection ---------------------------------------------------------------------------

    def _selected_row(self) -> int:
        indexes = self.ui.table.selectionModel().selectedRows()
        return indexes[0].row() if indexes else -1

    def selected(self) -> ConflictView | None:
        row = self._selected_row()
        if row < 0:
            return None
        view: ConflictView = self.proxy.data(self.proxy.index(row, 0), RowRole)
        return view

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            self.ui.table.setCurrentIndex(self.proxy.index(row, 0))

    def select(self, conflict_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), RowRole).id == conflict_id:
                self._select_row(row)
                return True
        return False

    def _show_selected(self) -> None:
        self._show(self.selected())

    def _show(self, view: ConflictView | None) -> None:
        ui = self.ui
        ui.detailBox.setEnabled(view is not None)
        if view is None:
            if self.model.rowCount():
                ui.recordLabel.setText(PICK_ONE)
            else:
                ui.recordLabel.setText(NONE_AT_ALL if self.include_resolved else NONE_OPEN)
            for label in (ui.explanationLabel, ui.refusalLabel):
                label.clear()
            self._set_value(ui.serverValueLabel, "")
            self._set_value(ui.counterValueLabel, "")
            ui.counterBox.setTitle("قيمة الكاونتر")
            self._update_buttons(None)
            return
        ui.recordLabel.setText(
            f"{view.table_label}: {view.record_label} — {view.field_label} ({view.kind_label})"
        )
        ui.explanationLabel.setText(view.explanation)
        # Once settled, the server's value may no longer be the row's.
        ui.serverBox.setTitle("قيمة الخادم (الحالية)" if view.is_open else "قيمة الخادم")
        ui.counterBox.setTitle(f"قيمة الكاونتر — {view.counter_name}")
        self._set_value(ui.serverValueLabel, view.server_text)
        self._set_value(ui.counterValueLabel, view.counter_text)
        if not view.is_open:
            ui.refusalLabel.setText(f"حُسم: {view.settled_text}")
        else:
            ui.refusalLabel.setText(view.counter_refusal or "")
        self._update_buttons(view)

    @staticmethod
    def _set_value(label: QLabel, text: str) -> None:
        """Arabic right to left; a number, date or ID left to right, still at the right edge.
        A whole record (several lines) is set a little smaller than a single value."""
        ltr = reads_ltr(text)
        several = "\n" in text
        if bool(label.property("several")) != several:
            label.setProperty("several", several)
            label.style().unpolish(label)
            label.style().polish(label)
        label.setLayoutDirection(
            Qt.LayoutDirection.LeftToRight if ltr else Qt.LayoutDirection.RightToLeft
        )
        label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop
        )
        label.setText(text)

    def _update_buttons(self, view: ConflictView | None) -> None:
        can_choose = view is not None and view.is_open and not self._busy
        self.ui.keepServerButton.setEnabled(can_choose)
        self.ui.takeCounterButton.setEnabled(
            can_choose and view is not None and view.can_take_counter
        )

    # --- choosing ------------------------------------------------------------------------------

    def resolve_selected(self, choice: str, *, confirmed: bool = False) -> None:
        """Ask, then resolve the selected conflict with `choice` ("server" or "counter")."""
        view = self.selected()
        if view is None or not view.is_open or self._busy:
            return
        if choice == COUNTER and not view.can_take_counter:
            return
        if not confirmed:
            box, accept = confirmation(self, view, choice)
            box.exec()
            if box.clickedButton() is not accept:
                return
        self._busy = True
        self._update_buttons(view)

        def resolve() -> ConflictView:
            from basmat_desk.services.conflicts import resolve_conflict

            return resolve_conflict(self._ctx, view.id, choice)

        self._runner.submit(self, resolve, self._resolved, self._failed)

    def _resolved(self, view: ConflictView) -> None:
        self._busy = False
        self._reload(
            keep=view if self.include_resolved else None,
            message=f"{view.resolution_label}: «{view.field_label}» في {view.table_label} "
            f"«{view.record_label}».",
        )
