"""Table models (no widgets): named columns, a sort role, Arabic headers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from basmat_desk.domain.numbering import isolate_ltr

if TYPE_CHECKING:
    from basmat_desk.services.dashboard import ChannelCount
    from basmat_desk.services.staff import StaffRow

#: Pixels of space above and below a table row's text.
ROW_AIR = 4
SortRole = Qt.ItemDataRole.UserRole
RowRole = Qt.ItemDataRole.UserRole + 1

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    ltr: bool = False  # digits and Latin codes: shown left-to-right, aligned right


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only list of rows of one type, shown through declared columns."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = column.text(row)
            return isolate_ltr(text) if column.ltr else text
        if role == SortRole:
            return column.sort_key(row) if column.sort_key else column.text(row)
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # AlignLeading is mirrored under right-to-left: the text starts at the right edge.
            return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None


def local_time(value: Any) -> str:
    """A UTC timestamp as Riyadh date and time, "2026/11/25 09:40"."""
    if value is None:
        return "—"
    from basmat_desk.domain.calendar import format_date_time

    return format_date_time(value)


STAFF_COLUMNS: list[Column[StaffRow]] = [
    Column("الاسم الكامل", lambda s: s.full_name),
    Column("اسم المستخدم", lambda s: s.username, ltr=True),
    Column("الدور", lambda s: s.role.label),
    Column(
        "الحالة",
        lambda s: "مقفل" if s.locked else ("مفعّل" if s.active else "موقوف"),
    ),
    Column("محاولات فاشلة", lambda s: str(s.failed_logins), sort_key=lambda s: s.failed_logins),
    Column(
        "آخر دخول",
        lambda s: local_time(s.last_login_at),
        sort_key=lambda s: s.last_login_at.timestamp() if s.last_login_at else 0.0,
    ),
]


def staff_model(parent: Any = None) -> RowsModel[StaffRow]:
    return RowsModel(STAFF_COLUMNS, parent)


CHANNEL_COLUMNS: list[Column[ChannelCount]] = [
    Column("القناة", lambda c: c.channel.label),
    Column("اليوم", lambda c: str(c.today), sort_key=lambda c: c.today),
    Column("آخر 30 يوماً", lambda c: str(c.recent), sort_key=lambda c: c.recent),
]


def channel_model(parent: Any = None) -> RowsModel[ChannelCount]:
    return RowsModel(CHANNEL_COLUMNS, parent)


def sorted_table(
    table: QTableView, model: QAbstractTableModel, stretch: Sequence[int] | None = None
) -> QSortFilterProxyModel:
    """Show `model` in `table` through a proxy that sorts by SortRole, a row at a time.

    Columns fit their contents and the `stretch` ones share what is left (their text is elided
    rather than the table scrolling sideways); without `stretch` every column shares the width.
    """
    proxy = QSortFilterProxyModel(table)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    table.setModel(proxy)
    table.verticalHeader().hide()
    # Rows as tall as a line of text and a little air: more of them fit on a small screen.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + ROW_AIR)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    if stretch is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return proxy
    header.setMinimumSectionSize(48)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return proxy


def show_rows(table: QTableView, rows: int) -> None:
    """Keep room for at least `rows` rows (and the header) in `table`."""
    header = table.horizontalHeader().sizeHint().height()
    row = table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(header + rows * row + 2 * table.frameWidth())
