"""The settings screen: load, save all or nothing, Arabic messages naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from basmat_desk.domain.numbering import isolate_ltr
from basmat_desk.gui.main_window import MainWindow
from basmat_desk.gui.screens.base import ScreenEnv
from basmat_desk.gui.screens.settings import SettingsScreen
from basmat_desk.gui.workers import Runner
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.settings import (
    AssociationSettings,
    DeviceSettings,
    get_association_settings,
    open_device,
)
from tests.conftest import dispose
from tests.gui.conftest import (
    fill_by_keyboard,
    press,
    settle,
    show,
)

pytestmark = pytest.mark.gui

DEFAULTS = AssociationSettings()
SAVED_NOTICE = "حُفظت الإعدادات."


@pytest.fixture
def screen(qtbot: QtBot, runner: Runner, admin: ServiceContext, db_path: Path) -> SettingsScreen:
    settings = SettingsScreen(ScreenEnv(admin, runner, str(db_path)), "الإعدادات")
    show(qtbot, settings)
    settings.refresh()
    settle(qtbot, runner)
    return settings


def committed(db_path: Path) -> tuple[AssociationSettings, DeviceSettings]:
    """What is in the database file, read through a connection of its own."""
    fresh = open_local(db_path)
    try:
        return get_association_settings(fresh), open_device(fresh.sessions)
    finally:
        dispose(fresh)


def replace_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Focus the field, select all and type over it, as a user does."""
    widget.setFocus()
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Delete)
    if text:
        fill_by_keyboard(qtbot, text)


def save(qtbot: QtBot, runner: Runner, screen: SettingsScreen) -> None:
    qtbot.mouseClick(screen.ui.saveButton, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)


def test_refresh_shows_the_defaults(
    screen: SettingsScreen, admin: ServiceContext, db_path: Path
) -> None:
    ui = screen.ui
    assert ui.associationNameEdit.text() == DEFAULTS.association_name
    assert ui.letterheadEdit.toPlainText().splitlines() == list(DEFAULTS.letterhead_lines)
    assert ui.signatoryNameEdit.text() == DEFAULTS.signatory_name
    assert ui.signatoryTitleEdit.text() == DEFAULTS.signatory_title
    assert ui.idleLockSpin.value() == DEFAULTS.idle_lock_minutes == 5
    assert ui.counterPrefixEdit.text() == "A"
    assert ui.deviceIdValue.text() == admin.device_id
    assert ui.databaseValue.text() == isolate_ltr(str(db_path))
    assert not ui.errorLabel.isVisible()


def test_valid_settings_are_saved(
    qtbot: QtBot, runner: Runner, screen: SettingsScreen, db_path: Path
) -> None:
    ui = screen.ui
    replace_text(qtbot, ui.associationNameEdit, "جمعية بسمات  بالرياض")
    replace_text(qtbot, ui.signatoryNameEdit, "عبدالله بن سعد")
    replace_text(qtbot, ui.counterPrefixEdit, "b")

    with qtbot.waitSignal(screen.saved, timeout=5000) as saved:
        qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)

    association, device = committed(db_path)
    assert association.association_name == "جمعية بسمات بالرياض"  # spaces folded
    assert association.signatory_name == "عبدالله بن سعد"
    assert association.letterhead_lines == DEFAULTS.letterhead_lines
    assert device.counter_prefix == "B"  # upper-cased
    assert saved.args == [association]

    assert ui.errorLabel.isVisible()
    assert ui.errorLabel.text() == SAVED_NOTICE
    assert ui.errorLabel.property("notice") is True
    # The form shows what was stored, normalised.
    assert ui.associationNameEdit.text() == "جمعية بسمات بالرياض"
    assert ui.counterPrefixEdit.text() == "B"
    assert ui.saveButton.isEnabled()


def test_counter_prefix_field_takes_at_most_two_letters(
    qtbot: QtBot, runner: Runner, screen: SettingsScreen, db_path: Path
) -> None:
    """A three-letter prefix such as "ABC" cannot even be typed: the field stops at two."""
    replace_text(qtbot, screen.ui.counterPrefixEdit, "ABC")
    assert screen.ui.counterPrefixEdit.text() == "AB"
    save(qtbot, runner, screen)
    assert committed(db_path)[1].counter_prefix == "AB"


@pytest.mark.parametrize(
    "prefix", ["٣", "", "A1", "ب"], ids=["arabic-digit", "empty", "digit", "arabic-letter"]
)
def test_invalid_counter_prefix_saves_nothing(
    qtbot: QtBot, runner: Runner, screen: SettingsScreen, db_path: Path, prefix: str
) -> None:
    ui = screen.ui
    replace_text(qtbot, ui.associationNameEdit, "جمعية أخرى")
    replace_text(qtbot, ui.counterPrefixEdit, prefix)
    assert ui.counterPrefixEdit.text() == prefix

    with qtbot.assertNotEmitted(screen.saved):
        save(qtbot, runner, screen)

    assert ui.errorLabel.isVisible()
    assert ui.errorLabel.text().startswith("رمز الكاونتر:")
    assert ui.errorLabel.property("notice") is not True
    assert ui.counterPrefixEdit.property("invalid") is True
    assert ui.associationNameEdit.property("invalid") is not True
    assert ui.counterPrefixEdit.hasFocus()
    assert ui.saveButton.isEnabled(), "the user can correct the field and save again"
    # Nothing half-saved: not the prefix, and not the name changed in the same form.
    association, device = committed(db_path)
    assert association == DEFAULTS
    assert device.counter_prefix == "A"
    assert ui.associationNameEdit.text() == "جمعية أخرى", "the user's input is kept"


def test_correcting_the_field_clears_the_error(
    qtbot: QtBot, runner: Runner, screen: SettingsScreen, db_path: Path
) -> None:
    ui = screen.ui
    replace_text(qtbot, ui.counterPrefixEdit, "٣")
    save(qtbot, runner, screen)
    assert ui.counterPrefixEdit.property("invalid") is True

    replace_text(qtbot, ui.counterPrefixEdit, "C")
    save(qtbot, runner, screen)

    assert ui.counterPrefixEdit.property("invalid") is False
    assert ui.errorLabel.text() == SAVED_NOTICE
    assert committed(db_path)[1].counter_prefix == "C"


def test_empty_association_name_is_refused(
    qtbot: QtBot, runner: Runner, screen: SettingsScreen, db_path: Path
) -> None:
    ui = screen.ui
    replace_text(qtbot, ui.associationNameEdit, "")
    save(qtbot, runner, screen)

    assert ui.errorLabel.text().startswith("اسم الجمعية:")
    assert ui.associationNameEdit.property("invalid") is True
    assert committed(db_path)[0] == DEFAULTS


def test_idle_lock_minutes_are_saved(
    qtbot: QtBot, runner: Runner, screen: SettingsScreen, db_path: Path
) -> None:
    replace_text(qtbot, screen.ui.idleLockSpin, "12")
    assert screen.ui.idleLockSpin.value() == 12
    save(qtbot, runner, screen)

    assert committed(db_path)[0].idle_lock_minutes == 12
    assert screen.ui.errorLabel.text() == SAVED_NOTICE


def test_revert_discards_unsaved_edits(
    qtbot: QtBot, runner: Runner, screen: SettingsScreen
) -> None:
    replace_text(qtbot, screen.ui.associationNameEdit, "اسم لم يُحفظ")
    qtbot.mouseClick(screen.ui.revertButton, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert screen.ui.associationNameEdit.text() == DEFAULTS.association_name


@pytest.fixture
def window(qtbot: QtBot, runner: Runner, admin: ServiceContext, db_path: Path) -> MainWindow:
    main = MainWindow(admin, runner, get_association_settings(admin), str(db_path))
    show(qtbot, main)
    settle(qtbot, runner)
    return main


def test_saved_settings_apply_to_the_open_window(
    qtbot: QtBot, runner: Runner, window: MainWindow
) -> None:
    settings = window.find_screen("settings")
    assert settings is not None
    assert window.idle.active
    window.show_page_titled(settings.title)
    settle(qtbot, runner)

    replace_text(qtbot, settings.ui.associationNameEdit, "جمعية بسمات فرع جدة")
    replace_text(qtbot, settings.ui.idleLockSpin, "0")
    save(qtbot, runner, settings)

    assert settings.ui.errorLabel.text() == SAVED_NOTICE
    assert window.windowTitle().startswith("جمعية بسمات فرع جدة")
    assert not window.idle.active, "0 minutes turns the idle lock off"
