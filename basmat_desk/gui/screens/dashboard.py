"""لوحة اليوم: today's counts and contacts per channel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHeaderView, QWidget

from basmat_desk.domain.calendar import format_dual
from basmat_desk.domain.errors import BasmatError
from basmat_desk.gui.forms.ui_dashboard_page import Ui_DashboardPage
from basmat_desk.gui.models import channel_model
from basmat_desk.gui.screens.base import Screen, ScreenEnv

if TYPE_CHECKING:
    from basmat_desk.services.dashboard import DaySummary


class DashboardScreen(Screen):
    def __init__(self, env: ScreenEnv, title: str, parent: QWidget | None = None) -> None:
        super().__init__(env, title, parent)
        self.ui = Ui_DashboardPage()
        self.ui.setupUi(self)
        self.ui.titleLabel.setText(title)
        self.summary: DaySummary | None = None
        self.model = channel_model(self)
        self.ui.channelsTable.setModel(self.model)
        self.ui.channelsTable.verticalHeader().hide()
        self.ui.channelsTable.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        for card in (
            self.ui.beneficiariesCard,
            self.ui.contactsTodayCard,
            self.ui.waitingCard,
            self.ui.servedCard,
        ):
            card.setProperty("card", True)
        self.ui.statusLabel.setText("جارٍ التحميل…")

    def refresh(self) -> None:
        self._runner.submit(self, self._load, self._show, self._failed)

    def _load(self) -> DaySummary:
        from basmat_desk.services.dashboard import day_summary

        return day_summary(self._ctx)

    def _show(self, summary: DaySummary) -> None:
        self.summary = summary
        self.ui.dateLabel.setText(format_dual(summary.day))
        self.ui.beneficiariesCard.setText(
            f"المستفيدون المسجلون\n{summary.registered:,}\nوالمتقدمون: {summary.applicants:,}"
        )
        self.ui.contactsTodayCard.setText(f"تواصل اليوم\n{summary.contacts_today}")
        self.ui.waitingCard.setText(f"في الانتظار الآن\n{summary.tickets_waiting}")
        self.ui.servedCard.setText(f"خُدموا اليوم\n{summary.tickets_done}")
        self.model.set_rows(summary.channels)
        self.ui.statusLabel.clear()
        self.loaded.emit()

    def _failed(self, error: BasmatError) -> None:
        self.ui.statusLabel.setText(error.message)
