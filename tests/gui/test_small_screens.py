"""Counter PCs have small screens: at 1366×768 and at 1024×768 every screen shows its main
table and every dialog its buttons, inside the part of the screen windows may use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from basmat_desk.domain.beneficiary import BeneficiaryData
from basmat_desk.domain.enums import ConflictKind, Gender, IdType, Role
from basmat_desk.domain.identity import make_national_id
from basmat_desk.gui.dialogs import EnrolDialog, FirstAdminDialog, LoginDialog, PasswordDialog
from basmat_desk.gui.main_window import MainWindow
from basmat_desk.gui.screen_fit import simulated_screen, window_size
from basmat_desk.gui.screens.base import Screen
from basmat_desk.gui.screens.conflicts import ConflictsScreen
from basmat_desk.gui.screens.dashboard import DashboardScreen
from basmat_desk.gui.screens.intake import IntakeScreen
from basmat_desk.gui.screens.intake_dialogs import BeneficiaryDialog, ContactDialog, DuplicateDialog
from basmat_desk.gui.screens.settings import SettingsScreen
from basmat_desk.gui.screens.users import UsersScreen
from basmat_desk.gui.screens.users_dialogs import UserDialog
from basmat_desk.gui.workers import Runner
from basmat_desk.services.beneficiaries import PossibleDuplicates, register_beneficiary
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.settings import get_association_settings
from basmat_desk.services.staff import list_staff
from basmat_desk.store.models import SyncConflict, new_id
from tests.conftest import MakeActor
from tests.gui.conftest import settle, show

pytestmark = pytest.mark.gui

SIZES = [(1366, 768), (1024, 768)]
#: A main table shows at least this many rows.
MIN_ROWS = 3


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def screen_area(request: pytest.FixtureRequest) -> Iterator[QRect]:
    with simulated_screen(*request.param) as area:
        yield area


def inside(window: QWidget, widget: QWidget) -> bool:
    """Whole inside the window, and inside each widget it is in: not even a border cut off."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if not QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()).contains(rect):
            return False
        parent = parent.parentWidget()
    return window.rect().contains(rect)


def scrolled(widget: QWidget) -> bool:
    """Whether the widget is inside a scroll area (reachable by scrolling, not in view)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def fits(window: QWidget, area: QRect) -> None:
    limit = window_size(area)
    assert window.width() <= limit.width(), f"{type(window).__name__} is too wide"
    assert window.height() <= limit.height(), f"{type(window).__name__} is too tall"
    assert window.minimumSizeHint().width() <= limit.width()
    assert window.minimumSizeHint().height() <= limit.height()


# --- screens -------------------------------------------------------------------------------------

#: Each screen's main table (or, for a form, the button that saves it).
MAIN: dict[type[Screen], Callable[[Screen], list[QWidget]]] = {
    IntakeScreen: lambda s: [
        s.ui.resultsTable,
        s.ui.queueTable,
        s.ui.historyTable,
        *s.ui.queuePane.findChildren(QPushButton),
    ],
    DashboardScreen: lambda s: [s.ui.channelsTable],
    ConflictsScreen: lambda s: [s.ui.table, s.ui.keepServerButton],
    UsersScreen: lambda s: [s.ui.table, s.ui.addButton],
    SettingsScreen: lambda s: [s.ui.saveButton, s.ui.revertButton],
}


def test_every_screen_shows_its_main_table_on_a_small_screen(
    qtbot: QtBot, runner: Runner, make_actor: MakeActor, db_path: Path, screen_area: QRect
) -> None:
    admin = make_actor(Role.ADMIN)
    window = MainWindow(admin, runner, get_association_settings(admin), str(db_path))
    window.resize(window_size(screen_area))
    show(qtbot, window)
    settle(qtbot, runner)
    fits(window, screen_area)
    for bar in (window.ui.navList, window.menuBar()):
        assert bar.isVisible()
        assert inside(window, bar)
    assert inside(window, window.sync_indicator), "the status bar's sync state is in view"

    assert len(window.screens) == 4  # an administrator on a database that does not sync
    for index, screen in enumerate(window.screens):
        window.ui.navList.setCurrentRow(index)
        settle(qtbot, runner)
        for widget in MAIN[type(screen)](screen):
            assert widget.isVisible(), f"{screen.title}: {widget.objectName()}"
            assert inside(window, widget), f"{screen.title}: {widget.objectName()} is cut off"
            assert not scrolled(widget), f"{screen.title}: {widget.objectName()} scrolls away"
    intake = window.find_screen("intake", IntakeScreen)
    assert intake is not None
    table = intake.ui.resultsTable
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= MIN_ROWS + 2, "the search results get the room"


def test_a_supervisors_conflicts_screen_fits_a_small_screen(
    qtbot: QtBot, runner: Runner, make_actor: MakeActor, db_path: Path, screen_area: QRect
) -> None:
    supervisor = make_actor(Role.SUPERVISOR)
    with unit_of_work(supervisor, "test.conflict") as session:  # as a pull would bring one
        session.add(
            SyncConflict(
                kind=ConflictKind.FIELD,
                table_name="beneficiary",
                row_id=new_id(),
                field="notes",
                server_value='"ملاحظة الخادم"',
                counter_value='"ملاحظة الكاونتر"',
                mutation_id=new_id(),
            )
        )
    window = MainWindow(supervisor, runner, get_association_settings(supervisor), str(db_path))
    window.resize(window_size(screen_area))
    show(qtbot, window)
    window.show_screen("conflicts")
    settle(qtbot, runner)
    screen = window.find_screen("conflicts", ConflictsScreen)
    assert screen is not None
    assert screen.model.rowCount() == 1
    fits(window, screen_area)
    for widget in MAIN[ConflictsScreen](screen):
        assert inside(window, widget), widget.objectName()
        assert not scrolled(widget), widget.objectName()


# --- dialogs -------------------------------------------------------------------------------------

SARA_ID = make_national_id("109876501")


def person(first: str, family: str, id_prefix: str) -> BeneficiaryData:
    return BeneficiaryData(
        first_name=first,
        family_name=family,
        id_type=IdType.NATIONAL_ID,
        id_number=make_national_id(id_prefix),
        gender=Gender.FEMALE,
        mobile="+966501112233",
    )


def dialogs(ctx: ServiceContext, runner: Runner) -> Iterator[QDialog]:
    """Every dialog of the application, each as it opens."""
    yield LoginDialog(ctx, runner, "جمعية بسمات للعناية بالأسنان")
    yield FirstAdminDialog(ctx, runner, enrol=lambda _code: False)
    yield EnrolDialog(runner, lambda _code: False)
    yield PasswordDialog(ctx, runner)
    yield UserDialog(ctx, runner)
    yield UserDialog(ctx, runner, existing=list_staff(ctx)[0])
    yield BeneficiaryDialog(ctx, runner)
    sara = register_beneficiary(ctx, person("سارة", "العتيبي", "100000011"))
    from basmat_desk.services.beneficiaries import get_beneficiary

    yield BeneficiaryDialog(ctx, runner, existing=get_beneficiary(ctx, sara.id))
    yield ContactDialog(ctx, runner, beneficiary_id=sara.id, beneficiary_name=sara.full_name)
    try:
        register_beneficiary(ctx, person("ساره", "العتيبي", "100000012"))
    except PossibleDuplicates as found:
        from basmat_desk.domain.beneficiary import form_of

        yield DuplicateDialog(form_of(sara), found.candidates)
    else:
        raise AssertionError("the duplicate check did not find Sara again")


def test_every_dialog_shows_its_buttons_on_a_small_screen(
    qtbot: QtBot, runner: Runner, make_actor: MakeActor, screen_area: QRect
) -> None:
    admin = make_actor(Role.ADMIN)
    seen = []
    for dialog in dialogs(admin, runner):
        show(qtbot, dialog)
        fits(dialog, screen_area)
        buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        assert buttons, type(dialog).__name__
        for button in buttons:
            name = f"{type(dialog).__name__}: «{button.text()}»"
            assert inside(dialog, button), f"{name} is cut off"
            assert not scrolled(button), f"{name} scrolls away"
        seen.append(type(dialog).__name__)
        dialog.close()
        QApplication.processEvents()
    assert len(seen) == 10
