"""The receptionist's screen: a whole walk-in intake with the keyboard only, search as you
type, the registration form's live checks, duplicates, and what a researcher sees."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from basmat_desk.domain.beneficiary import BeneficiaryData
from basmat_desk.domain.enums import Channel, Gender, IdType, Role, TicketStatus
from basmat_desk.domain.identity import make_national_id
from basmat_desk.domain.settings import AssociationSettings
from basmat_desk.gui.main_window import MainWindow
from basmat_desk.gui.screens.intake import IntakeScreen
from basmat_desk.gui.screens.intake_dialogs import BeneficiaryDialog, ContactDialog, DuplicateDialog
from basmat_desk.gui.workers import Runner
from basmat_desk.services.beneficiaries import register_beneficiary
from basmat_desk.services.context import ServiceContext
from basmat_desk.store.models import AuditEntry, Beneficiary, Contact, Ticket
from tests.conftest import MakeActor
from tests.gui.conftest import focused, press, run_modal, settle, show, type_text

pytestmark = pytest.mark.gui

SALMA_ID = make_national_id("109876543")


@pytest.fixture
def receptionist(make_actor: MakeActor) -> ServiceContext:
    return make_actor(Role.RECEPTIONIST)


def open_window(qtbot: QtBot, runner: Runner, signed_in: ServiceContext, db: Path) -> MainWindow:
    window = MainWindow(signed_in, runner, AssociationSettings(idle_lock_minutes=0), str(db))
    window.resize(1366, 820)
    show(qtbot, window)
    settle(qtbot, runner)
    return window


def intake_of(window: MainWindow) -> IntakeScreen:
    assert window.find_screen("intake") is not None
    assert window.current_screen is window.find_screen("intake")
    return window.find_screen("intake")


def key(qtbot: QtBot, runner: Runner, k: Qt.Key, mod: Qt.KeyboardModifier | None = None) -> None:
    press(qtbot, k, mod or Qt.KeyboardModifier.NoModifier)
    settle(qtbot, runner)


def search(qtbot: QtBot, runner: Runner, intake: IntakeScreen, text: str) -> None:
    assert focused() is intake.ui.searchEdit
    intake.ui.searchEdit.clear()
    with qtbot.waitSignal(intake.search_done, timeout=10_000):
        type_text(qtbot, text)
    settle(qtbot, runner)


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """The window manager gives the keyboard back to the window when a dialog closes; the
    offscreen platform has none, so the test does it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def rows(ctx: ServiceContext, model: type) -> list:  # type: ignore[type-arg]
    with ctx.sessions() as session:
        return list(session.scalars(select(model)))


def test_a_whole_walk_in_intake_with_the_keyboard_only(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext, db_path: Path
) -> None:
    window = open_window(qtbot, runner, receptionist, db_path)
    intake = intake_of(window)
    assert focused() is intake.ui.searchEdit, "the counter starts at the search box"

    key(qtbot, runner, Qt.Key.Key_F2)  # a visitor takes a ticket
    key(qtbot, runner, Qt.Key.Key_F3)  # … and is called
    assert intake.current_ticket is not None
    assert intake.current_ticket.label == "A-001"
    assert intake.current_ticket.status is TicketStatus.CALLED
    assert focused() is intake.ui.searchEdit, "the intake starts from the called ticket"
    key(qtbot, runner, Qt.Key.Key_F4)
    assert intake.current_ticket.status is TicketStatus.SERVING

    search(qtbot, runner, intake, "سلمى العتيبي")
    assert intake.results_model.rowCount() == 0
    assert "لا نتائج" in intake.ui.searchStatusLabel.text()

    def register(dialog: QDialog) -> None:
        assert isinstance(dialog, BeneficiaryDialog)
        ui = dialog.ui
        assert ui.firstNameEdit.text() == "سلمى", "the search text starts the form"
        assert ui.familyNameEdit.text() == "العتيبي"
        qtbot.waitUntil(dialog.isActiveWindow)
        assert focused() is ui.fatherNameEdit, "typing goes on at the first empty field"
        type_text(qtbot, "خالد")  # father
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "ناصر")  # grandfather
        press(qtbot, Qt.Key.Key_Tab)  # family name (already there)
        press(qtbot, Qt.Key.Key_Tab)  # ID type: national ID
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is ui.idNumberEdit
        type_text(qtbot, SALMA_ID)
        press(qtbot, Qt.Key.Key_Tab)  # nationality: Saudi
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is ui.genderCombo
        press(qtbot, Qt.Key.Key_Down)  # female
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "1990-05-17")
        assert "هـ" in ui.birthDateHint.text(), "the Hijri date is shown as it is typed"
        press(qtbot, Qt.Key.Key_Tab)  # marital status
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is ui.mobileEdit
        type_text(qtbot, "٠٥٥١٢٣٤٥٦٧")  # Arabic-Indic digits
        press(qtbot, Qt.Key.Key_Return)  # the default button: save
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        assert dialog.saved is not None

    run_modal(
        qtbot, lambda: press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier), register
    )
    settle(qtbot, runner)
    back_to(qtbot, window)
    assert intake.person is not None
    assert intake.person.full_name == "سلمى خالد ناصر العتيبي"
    assert intake.person.mobile == "+966551234567"
    assert intake.person.gender is Gender.FEMALE

    def log(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        assert focused() is dialog.ui.purposeEdit
        type_text(qtbot, "طلب علاج")
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "ما المستندات المطلوبة؟")
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "الهوية وتقرير طبي")
        press(qtbot, Qt.Key.Key_Backtab)
        press(qtbot, Qt.Key.Key_Backtab)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        assert dialog.saved is not None

    run_modal(qtbot, lambda: press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier), log)
    settle(qtbot, runner)
    back_to(qtbot, window)
    assert intake.history_model.rowCount() == 1

    key(qtbot, runner, Qt.Key.Key_F6)  # finish serving
    assert intake.current_ticket is None

    (person,) = rows(receptionist, Beneficiary)
    (ticket,) = rows(receptionist, Ticket)
    (contact,) = rows(receptionist, Contact)
    assert person.id_number == SALMA_ID
    assert ticket.status is TicketStatus.DONE
    assert ticket.beneficiary_id == person.id, "the ticket knows who was served"
    assert None not in (ticket.called_at, ticket.serving_at, ticket.done_at)
    assert contact.beneficiary_id == person.id
    assert contact.ticket_id == ticket.id
    assert contact.channel is Channel.INTERVIEW
    assert contact.inquiry == "ما المستندات المطلوبة؟"
    assert contact.started_at <= contact.ended_at


def person(first: str, family: str, id_prefix: str, **extra: object) -> BeneficiaryData:
    values: dict[str, object] = {
        "first_name": first,
        "family_name": family,
        "id_type": IdType.NATIONAL_ID,
        "id_number": make_national_id(id_prefix),
        "gender": Gender.FEMALE,
        "mobile": "+966501112233",
    }
    values.update(extra)
    return BeneficiaryData(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [("فاطمة", "فاطمه"), ("نورة", "نوره"), ("أحمد", "احمد"), ("عبدالله", "عبد الله")],
)
def test_search_as_you_type_finds_spelling_variants(
    qtbot: QtBot,
    runner: Runner,
    receptionist: ServiceContext,
    db_path: Path,
    stored: str,
    typed: str,
) -> None:
    register_beneficiary(receptionist, person(stored, "الدوسري", "100000001"))
    intake = intake_of(open_window(qtbot, runner, receptionist, db_path))
    search(qtbot, runner, intake, typed)
    assert intake.results_model.rowCount() == 1
    assert intake.results_model.row_at(0).full_name == f"{stored} الدوسري"
    assert intake.ui.searchStatusLabel.text() == "النتائج: 1"

    press(qtbot, Qt.Key.Key_Return)  # Enter opens the first result
    settle(qtbot, runner)
    assert intake.person is not None
    assert intake.person.full_name == f"{stored} الدوسري"


def test_the_form_checks_each_field_as_it_is_typed(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext
) -> None:
    dialog = BeneficiaryDialog(receptionist, runner)
    show(qtbot, dialog)
    dialog.ui.idNumberEdit.setFocus()
    type_text(qtbot, "1234567890")  # wrong check digit
    assert dialog.ui.idNumberEdit.property("invalid") is True
    assert dialog.ui.errorLabel.text().startswith("رقم الهوية:")

    dialog.ui.idNumberEdit.clear()
    type_text(qtbot, SALMA_ID)
    assert not dialog.ui.idNumberEdit.property("invalid")
    assert dialog.ui.errorLabel.isHidden()

    dialog.ui.addressBuildingNoEdit.setFocus()
    type_text(qtbot, "12")
    assert dialog.ui.addressBuildingNoEdit.property("invalid") is True
    assert dialog.ui.errorLabel.text().startswith("رقم المبنى:")

    press(qtbot, Qt.Key.Key_Return)  # saving with errors marks every bad field, saves nothing
    settle(qtbot, runner)
    assert dialog.isVisible()
    assert dialog.ui.firstNameEdit.property("invalid") is True, "the first name is required"
    assert focused() is dialog.ui.firstNameEdit
    assert rows(receptionist, Beneficiary) == []
    dialog.close()


def test_a_similar_person_is_compared_side_by_side_and_a_different_one_is_saved(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext
) -> None:
    from datetime import date

    born = date(1985, 3, 1)
    existing = register_beneficiary(
        receptionist, person("فاطمة", "الشهري", "100000002", birth_date=born)
    )
    dialog = BeneficiaryDialog(receptionist, runner)
    show(qtbot, dialog)
    ui = dialog.ui
    ui.firstNameEdit.setText("فاطمه")
    ui.familyNameEdit.setText("الشهري")
    ui.idNumberEdit.setText(make_national_id("100000003"))
    ui.genderCombo.setCurrentIndex(ui.genderCombo.findData(Gender.FEMALE.value))
    ui.birthDateEdit.setText("1985-07-09")
    ui.mobileEdit.setText("0509998877")

    def compare(duplicates: QDialog) -> None:
        assert isinstance(duplicates, DuplicateDialog)
        assert duplicates.chosen is not None
        assert duplicates.chosen.id == existing.id
        table = duplicates.model
        assert table.row_at(0)[0] == "الاسم"
        assert table.row_at(0)[1:] == ("فاطمه الشهري", "فاطمة الشهري")
        assert "سنة الميلاد" in duplicates.ui.reasonsLabel.text()
        duplicates.ui.differentPersonButton.click()

    def save_and_wait() -> None:
        # The comparison opens when the check comes back from the worker thread.
        dialog.submit()
        settle(qtbot, runner)

    run_modal(qtbot, save_and_wait, compare)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.saved is not None
    assert len(rows(receptionist, Beneficiary)) == 2
    confirmations = [
        e for e in rows(receptionist, AuditEntry) if e.action == "beneficiary.confirmed_distinct"
    ]
    assert len(confirmations) == 1
    assert existing.id in (confirmations[0].after_json or "")


def test_a_researcher_searches_but_has_no_queue(
    qtbot: QtBot, runner: Runner, make_actor: MakeActor, db_path: Path
) -> None:
    intake = intake_of(open_window(qtbot, runner, make_actor(Role.RESEARCHER), db_path))
    assert not intake.runs_queue
    assert intake.ui.queuePane.isHidden()
    assert intake.ui.issueTicketButton.isHidden()
    assert intake.ui.searchEdit.isVisible()
    assert intake.ui.statusLabel.text() == "", "no refused queue request"


# --- counter-ready: the queue keys ask first and can be undone ---------------------------------


def answer(qtbot: QtBot, yes: bool) -> Callable[[QDialog], None]:
    """Drive the confirmation a queue key asks: «نعم» with Enter, «لا» with Escape."""

    def drive(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        assert "A-001" in box.text()
        qtbot.waitUntil(box.isActiveWindow)
        press(qtbot, Qt.Key.Key_Return if yes else Qt.Key.Key_Escape)

    return drive


def called_ticket(qtbot: QtBot, runner: Runner, intake: IntakeScreen) -> None:
    key(qtbot, runner, Qt.Key.Key_F2)
    key(qtbot, runner, Qt.Key.Key_F3)
    assert intake.current_ticket is not None
    assert intake.current_ticket.status is TicketStatus.CALLED


def test_no_show_asks_first_and_f10_brings_the_ticket_back(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext, db_path: Path
) -> None:
    window = open_window(qtbot, runner, receptionist, db_path)
    intake = intake_of(window)
    called_ticket(qtbot, runner, intake)

    run_modal(qtbot, lambda: press(qtbot, Qt.Key.Key_F7), answer(qtbot, yes=False))
    settle(qtbot, runner)
    back_to(qtbot, window)
    (ticket,) = rows(receptionist, Ticket)
    assert ticket.status is TicketStatus.CALLED, "«لا» leaves the ticket as it was"

    run_modal(qtbot, lambda: press(qtbot, Qt.Key.Key_F7), answer(qtbot, yes=True))
    settle(qtbot, runner)
    back_to(qtbot, window)
    (ticket,) = rows(receptionist, Ticket)
    assert ticket.status is TicketStatus.NO_SHOW
    assert "F10" in intake.ui.statusLabel.text(), "the undo is offered"
    assert intake.ui.undoButton.isEnabled()

    key(qtbot, runner, Qt.Key.Key_F10)
    (ticket,) = rows(receptionist, Ticket)
    assert ticket.status is TicketStatus.WAITING
    assert ticket.no_show_at is None
    assert not intake.ui.undoButton.isEnabled(), "one undo for one action"
    key(qtbot, runner, Qt.Key.Key_F3)  # called again in its turn
    assert intake.current_ticket is not None
    assert intake.current_ticket.label == "A-001"


def test_cancel_asks_first_and_a_selected_ticket_goes_back_with_f9(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext, db_path: Path
) -> None:
    window = open_window(qtbot, runner, receptionist, db_path)
    intake = intake_of(window)
    called_ticket(qtbot, runner, intake)
    run_modal(qtbot, lambda: press(qtbot, Qt.Key.Key_F8), answer(qtbot, yes=True))
    settle(qtbot, runner)
    back_to(qtbot, window)
    (ticket,) = rows(receptionist, Ticket)
    assert ticket.status is TicketStatus.CANCELLED

    intake.ui.queueTable.setFocus()
    intake.ui.queueTable.setCurrentIndex(intake.queue_proxy.index(0, 0))
    key(qtbot, runner, Qt.Key.Key_F9)
    (ticket,) = rows(receptionist, Ticket)
    assert ticket.status is TicketStatus.WAITING
    assert ticket.cancelled_at is None


def test_opening_another_person_never_relinks_the_called_ticket(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext, db_path: Path
) -> None:
    first = register_beneficiary(receptionist, person("هند", "الحربي", "100000021"))
    register_beneficiary(receptionist, person("هند", "الحارثي", "100000022"))
    window = open_window(qtbot, runner, receptionist, db_path)
    intake = intake_of(window)
    called_ticket(qtbot, runner, intake)

    search(qtbot, runner, intake, "هند")
    assert intake.results_model.rowCount() == 2
    press(qtbot, Qt.Key.Key_Return)  # the first result, shown
    settle(qtbot, runner)
    press(qtbot, Qt.Key.Key_Down)  # and the next
    settle(qtbot, runner)
    (ticket,) = rows(receptionist, Ticket)
    assert ticket.beneficiary_id is None, "looking at people links nobody"
    assert intake.ui.linkTicketButton.isEnabled()

    intake.open_person(first.id)
    settle(qtbot, runner)
    key(qtbot, runner, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    (ticket,) = rows(receptionist, Ticket)
    assert ticket.beneficiary_id == first.id
    assert "هند الحربي" in intake.ui.currentTicketLabel.text(), "the link is in view"
    assert not intake.ui.linkTicketButton.isEnabled()


# --- counter-ready: the registration form ----------------------------------------------------


def test_a_compound_name_typed_in_search_starts_the_form_whole(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext, db_path: Path
) -> None:
    window = open_window(qtbot, runner, receptionist, db_path)
    intake = intake_of(window)
    search(qtbot, runner, intake, "عبد الله")

    def check(dialog: QDialog) -> None:
        assert isinstance(dialog, BeneficiaryDialog)
        ui = dialog.ui
        assert ui.firstNameEdit.text() == "عبد الله"
        assert ui.familyNameEdit.text() == "", "«الله» is not a family name"
        assert ui.genderCombo.currentData() == Gender.MALE.value, "suggested from the name"
        assert ui.genderHint.text() == "(مقترح من الاسم)"
        dialog.reject()

    run_modal(qtbot, intake.register_new, check)


def test_the_gender_follows_the_first_name_until_chosen(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext
) -> None:
    dialog = BeneficiaryDialog(receptionist, runner)
    show(qtbot, dialog)
    ui = dialog.ui
    assert ui.genderCombo.currentData() == "", "nobody's gender is assumed"
    dialog.ui.firstNameEdit.setFocus()
    type_text(qtbot, "فاطمة")
    assert ui.genderCombo.currentData() == Gender.FEMALE.value
    ui.firstNameEdit.clear()
    type_text(qtbot, "خلود")  # a name that says nothing
    assert ui.genderCombo.currentData() == ""
    ui.genderCombo.setFocus()
    ui.genderCombo.activated.emit(ui.genderCombo.findData(Gender.FEMALE.value))  # chosen by hand
    ui.genderCombo.setCurrentIndex(ui.genderCombo.findData(Gender.FEMALE.value))
    ui.firstNameEdit.setFocus()
    ui.firstNameEdit.clear()
    type_text(qtbot, "محمد")
    assert ui.genderCombo.currentData() == Gender.FEMALE.value, "a choice is never overridden"
    dialog.close()


def test_a_hijri_birth_date_is_shown_in_both_calendars_and_saved(
    qtbot: QtBot, runner: Runner, receptionist: ServiceContext
) -> None:
    dialog = BeneficiaryDialog(receptionist, runner)
    show(qtbot, dialog)
    ui = dialog.ui
    ui.birthDateEdit.setFocus()
    type_text(qtbot, "1410/03/14")
    hint = ui.birthDateHint.text()
    assert "1410/03/14" in hint
    assert "1989/10/13" in hint
    for name, value in (
        ("firstNameEdit", "سلمى"),
        ("familyNameEdit", "العتيبي"),
        ("idNumberEdit", SALMA_ID),
        ("mobileEdit", "0551234567"),
    ):
        getattr(ui, name).setText(value)
    dialog.submit()
    settle(qtbot, runner)
    assert dialog.saved is not None
    assert dialog.saved.birth_date == date(1989, 10, 13)


# --- search as you type: the newest text wins, off the GUI thread -------------------------------


def test_the_results_shown_are_those_of_the_final_text_searched_off_the_gui_thread(
    qtbot: QtBot,
    runner: Runner,
    receptionist: ServiceContext,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_beneficiary(receptionist, person("محمد", "القحطاني", "100000031"))
    register_beneficiary(receptionist, person("محمد", "الشهري", "100000032"))
    window = open_window(qtbot, runner, receptionist, db_path)
    intake = intake_of(window)

    from basmat_desk.services import search as search_module

    real = search_module.search_beneficiaries
    searched: list[tuple[str, str]] = []

    def recording(ctx: ServiceContext, query: str, **kwargs: object) -> list[object]:
        searched.append((query, threading.current_thread().name))
        return real(ctx, query, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module, "search_beneficiaries", recording)
    gate = threading.Event()
    runner.submit(intake, gate.wait, lambda _ok: None)  # the worker is busy for now

    assert focused() is intake.ui.searchEdit
    type_text(qtbot, "محمد")
    assert not intake._search_running, "typing alone starts no search: it waits for a pause"
    qtbot.waitUntil(lambda: intake._search_running, timeout=5_000)  # the pause came
    type_text(qtbot, " القح")
    qtbot.waitUntil(lambda: intake._search_wanted == "محمد القح", timeout=5_000)
    assert intake.results_model.rowCount() == 0, "nothing is shown while the worker is busy"

    with qtbot.waitSignal(intake.search_done, timeout=10_000) as done:
        gate.set()
    settle(qtbot, runner)

    assert done.args == ["محمد القح"]
    assert intake.shown_query == "محمد القح"
    shown = [
        intake.results_model.row_at(r).full_name for r in range(intake.results_model.rowCount())
    ]
    assert shown == ["محمد القحطاني"], "the older query's results were never shown"
    assert [query for query, _thread in searched] == ["محمد", "محمد القح"]
    assert all(thread != threading.main_thread().name for _q, thread in searched)
