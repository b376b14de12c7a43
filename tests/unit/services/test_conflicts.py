"""Sync conflicts for supervisors: listed in Arabic, resolved with one audited choice.

Conflict rows are written here as a pull writes them (they are born on the server): values in
sync's wire form, the JSON of what SQLite stores.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from basmat_desk.demo.conflicts import add_demo_conflicts
from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.enums import (
    Gender,
    IdType,
    MaritalStatus,
    Role,
    TicketStatus,
)
from basmat_desk.domain.errors import PermissionDenied, ValidationError, WorkflowError
from basmat_desk.domain.permissions import Permission
from basmat_desk.domain.refusals import Refusal, RefusalCode
from basmat_desk.services import queue
from basmat_desk.services.conflicts import (
    ALREADY_RESOLVED,
    EMPTY,
    RESOLVED_EVENT,
    ConflictView,
    list_conflicts,
    resolve_conflict,
)
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.store.models import (
    Beneficiary,
    SyncConflict,
    SyncState,
    Ticket,
    new_id,
    row_dict,
)
from basmat_desk.sync.codec import TABLES, dumps
from tests.conftest import MakeActor

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

OTHER_DEVICE = "01936b3c-0000-7000-8000-0000abcdef12"
T0 = datetime(2026, 11, 25, 7, 40, tzinfo=UTC)  # 10:40 in Riyadh


def add_person(ctx: ServiceContext, **values: Any) -> str:
    fields: dict[str, Any] = {
        "first_name": "سارة",
        "father_name": "محمد",
        "family_name": "القحطاني",
        "id_type": IdType.NATIONAL_ID,
        "id_number": "1000000008",
        "gender": Gender.FEMALE,
        "notes": "ملاحظة الخادم",
        "address_city": "الرياض",
    }
    fields.update(values)
    fields.setdefault(
        "name_search",
        normalize(" ".join(fields[k] for k in ("first_name", "father_name", "family_name"))),
    )
    with unit_of_work(ctx, "test.seed") as session:
        person = Beneficiary(**fields)
        session.add(person)
        session.flush()
        return person.id


def add_conflict(
    ctx: ServiceContext,
    row_id: str,
    field: str | None,
    server: Any,
    counter: Any,
    *,
    kind: str = "field",
    table: str = "beneficiary",
    device: str | None = OTHER_DEVICE,
    detected_at: datetime = T0,
    raw_server: str | None = None,
    refusal: Refusal | None = None,
) -> str:
    """A conflict row as the server makes it (wire values as JSON text)."""
    with unit_of_work(ctx, "test.pulled") as session:
        conflict = SyncConflict(
            kind=kind,
            table_name=table,
            row_id=row_id,
            field=field,
            server_value=raw_server if raw_server is not None else dumps(server),
            counter_value=dumps(counter),
            refusal=refusal.to_json() if refusal else None,
            counter_device=device,
            mutation_id=new_id(),
            detected_at=detected_at,
        )
        session.add(conflict)
        session.flush()
        return conflict.id


def person_row(ctx: ServiceContext, person_id: str) -> Beneficiary:
    with ctx.sessions() as session:
        person = session.get(Beneficiary, person_id)
        assert person is not None
        session.expunge(person)
        return person


def conflict_row(ctx: ServiceContext, conflict_id: str) -> SyncConflict:
    with ctx.sessions() as session:
        conflict = session.get(SyncConflict, conflict_id)
        assert conflict is not None
        session.expunge(conflict)
        return conflict


@pytest.fixture
def supervisor(make_actor: MakeActor) -> ServiceContext:
    return make_actor(Role.SUPERVISOR)


def only(views: list[ConflictView], conflict_id: str) -> ConflictView:
    (view,) = [v for v in views if v.id == conflict_id]
    return view


# --- listing ----------------------------------------------------------------------------------


def test_a_field_conflict_is_shown_in_arabic(supervisor: ServiceContext) -> None:
    person = add_person(supervisor)
    conflict_id = add_conflict(supervisor, person, "notes", "ملاحظة الخادم", "ملاحظة الكاونتر")

    (view,) = list_conflicts(supervisor)

    assert view.id == conflict_id
    assert (view.kind, view.kind_label) == ("field", "تعديل على الجانبين")
    assert view.table_label == "مستفيد"
    assert view.record_label == "سارة محمد القحطاني"
    assert view.field_label == "ملاحظات"
    assert (view.server_text, view.counter_text) == ("ملاحظة الخادم", "ملاحظة الكاونتر")
    assert view.counter_name == "جهاز آخر (0000abcdef12)"
    assert view.detected_at == T0
    assert view.is_open
    assert view.resolution_label == "مفتوح"
    assert view.can_take_counter
    assert "على الخادم وعلى جهاز آخر" in view.explanation


def test_values_are_shown_as_the_application_shows_them(supervisor: ServiceContext) -> None:
    person = add_person(supervisor)
    cases = {
        "gender": ("female", "male", "أنثى", "ذكر"),
        "marital_status": (None, "married", EMPTY, "متزوج / متزوجة"),
        "birth_date": ("1988-06-01", "1988-01-06", "1988/06/01", "1988/01/06"),
        "mobile": ("+966501234567", "+966551234567", "0501234567", "0551234567"),
        "id_type": ("national_id", "iqama", "هوية وطنية", "إقامة"),
        "nationality": ("SA", "EG", "السعودية", "مصر"),
        "family_size": (4, 5, "4", "5"),
    }
    for minutes, (field, (server, counter, _s, _c)) in enumerate(cases.items()):
        add_conflict(
            supervisor, person, field, server, counter, detected_at=T0 + timedelta(minutes=minutes)
        )

    views = {v.field: v for v in list_conflicts(supervisor)}

    for field, (_server, _counter, server_text, counter_text) in cases.items():
        assert (views[field].server_text, views[field].counter_text) == (
            server_text,
            counter_text,
        ), field


def test_a_ticket_is_named_by_its_number_and_timestamps_are_riyadh_time(
    supervisor: ServiceContext,
) -> None:
    ticket = queue.issue_ticket(supervisor)
    add_conflict(
        supervisor,
        ticket.id,
        "called_at",
        "2026-11-25 07:42:00.000000",
        None,
        table="ticket",
    )

    (view,) = list_conflicts(supervisor)

    assert view.table_label == "تذكرة"
    assert view.record_label == ticket.label == "A-001"
    assert view.field_label == "وقت النداء"
    assert (view.server_text, view.counter_text) == ("2026/11/25 10:42", EMPTY)


def test_this_counters_own_conflicts_name_it(supervisor: ServiceContext) -> None:
    person = add_person(supervisor)
    add_conflict(supervisor, person, "notes", "أ", "ب", device=supervisor.device_id)
    assert list_conflicts(supervisor)[0].counter_name == "هذا الجهاز"

    with unit_of_work(supervisor, "test.enrolled") as session:
        session.add(SyncState(key="counter_name", value="كاونتر النساء"))

    assert list_conflicts(supervisor)[0].counter_name == "هذا الجهاز (كاونتر النساء)"


def test_newest_first_and_resolved_ones_only_on_request(supervisor: ServiceContext) -> None:
    person = add_person(supervisor)
    old = add_conflict(supervisor, person, "notes", "أ", "ب", detected_at=T0)
    new = add_conflict(
        supervisor, person, "address_city", "الرياض", "جدة", detected_at=T0 + timedelta(hours=1)
    )
    assert [v.id for v in list_conflicts(supervisor)] == [new, old]

    resolve_conflict(supervisor, new, "server")

    assert [v.id for v in list_conflicts(supervisor)] == [old]
    both = list_conflicts(supervisor, include_resolved=True)
    assert [v.id for v in both] == [new, old]
    done = only(both, new)
    assert (done.resolution, done.resolution_label) == ("server", "أُبقيت قيمة الخادم")
    assert done.resolved_by == supervisor.actor.full_name  # type: ignore[union-attr]
    assert not done.can_take_counter


def test_a_duplicate_shows_both_records_and_can_only_be_acknowledged(
    supervisor: ServiceContext,
) -> None:
    holder = add_person(supervisor, mobile="+966501234567")
    twin = add_person(
        supervisor,
        first_name="ساره",
        notes="سُجّلت على كاونتر آخر",
        deleted_at=T0,
        name_search="ساره محمد القحطاني",
    )
    with supervisor.sessions() as session:
        row = TABLES["beneficiary"].canonical(row_dict(session.get(Beneficiary, twin)))
    conflict_id = add_conflict(
        supervisor, twin, "uq_beneficiary_live_id_number", None, row, kind="duplicate"
    )

    (view,) = list_conflicts(supervisor)

    assert view.kind_label == "سجل مكرر"
    assert view.field_label == "رقم الهوية"
    assert view.record_label == "ساره محمد القحطاني"
    assert view.server_text.splitlines()[0] == "سارة محمد القحطاني"
    assert "رقم الجوال: 0501234567" in view.server_text
    assert "ملاحظات: سُجّلت على كاونتر آخر" in view.counter_text
    assert "رقم الهوية: 1000000008" in view.counter_text
    assert view.server_brief == "قائم: سارة محمد القحطاني"
    assert view.counter_brief == "مؤرشف: ساره محمد القحطاني"
    assert not view.can_take_counter
    assert view.counter_refusal is not None
    assert "برقم الهوية نفسه" in view.explanation

    with pytest.raises(ValidationError) as refused:
        resolve_conflict(supervisor, conflict_id, "counter")
    assert refused.value.field == "choice"
    assert "إبقاء قيمة الخادم" in refused.value.message
    assert conflict_row(supervisor, conflict_id).resolution is None

    done = resolve_conflict(supervisor, conflict_id, "server")
    assert done.resolution_label == "رُوجع وأُبقي ما على الخادم"
    assert person_row(supervisor, holder).deleted_at is None
    assert person_row(supervisor, twin).deleted_at is not None


def test_a_status_change_the_workflow_refused_is_explained_from_the_refusal(
    supervisor: ServiceContext,
) -> None:
    ticket = queue.issue_ticket(supervisor)
    refusal = Refusal(
        RefusalCode.WORKFLOW,
        "ticket",
        column="status",
        constraint="basmat_workflow",
        source="waiting",
        target="done",
        detail="basmat: ticket status cannot change from waiting to done",
    )
    add_conflict(
        supervisor,
        ticket.id,
        "status",
        "waiting",
        "done",
        kind="rejected",
        table="ticket",
        refusal=refusal,
    )

    (view,) = list_conflicts(supervisor)

    assert view.kind_label == "تغيير رفضه الخادم"
    assert (view.server_text, view.counter_text) == ("في الانتظار", "انتهت الخدمة")
    assert view.explanation.endswith(
        "السبب: لا يسمح سير العمل بتغيير حالة التذكرة من «في الانتظار» إلى «انتهت الخدمة»."
    )
    assert view.record_label == "A-001"
    assert not view.can_take_counter


@pytest.mark.parametrize(
    ("refusal", "said"),
    [
        (
            Refusal(RefusalCode.INVALID, "beneficiary", column="id_number"),
            "قيمة لا تقبلها قواعد الخادم: رقم الهوية",
        ),
        (Refusal(RefusalCode.INSERT_ONLY, "beneficiary"), "هذا السجل لا يُعدَّل بعد حفظه (مستفيد)"),
        (Refusal(RefusalCode.MISSING, "beneficiary"), "السجل غير موجود على الخادم (مستفيد)"),
        (None, "رفض الخادم التغيير"),
    ],
)
def test_a_refused_new_row_says_why_from_the_refusals_fields(
    supervisor: ServiceContext, refusal: Refusal | None, said: str
) -> None:
    person = add_person(supervisor)
    # The server's English words are only the detail: the screen never shows them.
    if refusal is not None:
        refusal = Refusal(refusal.code, refusal.table, column=refusal.column, detail="null value")
    add_conflict(
        supervisor,
        person,
        None,
        None,
        {"id": person, "full_name": "سارة"},
        kind="rejected",
        refusal=refusal,
    )

    (view,) = list_conflicts(supervisor)

    assert view.server_text == view.server_brief == said
    assert "null value" not in view.server_text + view.explanation


# --- resolving --------------------------------------------------------------------------------


def test_taking_the_counters_value_writes_it_and_audits_the_choice(
    supervisor: ServiceContext, audit_entries: Callable[..., list[Any]]
) -> None:
    person = add_person(supervisor)
    conflict_id = add_conflict(supervisor, person, "notes", "ملاحظة الخادم", "ملاحظة الكاونتر")

    view = resolve_conflict(supervisor, conflict_id, "counter")

    assert person_row(supervisor, person).notes == "ملاحظة الكاونتر"
    stored = conflict_row(supervisor, conflict_id)
    assert stored.resolution == "counter"
    assert stored.resolved_by == supervisor.actor.staff_id  # type: ignore[union-attr]
    assert stored.resolved_at is not None
    assert (view.resolution, view.resolution_label) == ("counter", "اعتُمدت قيمة الكاونتر")
    assert list_conflicts(supervisor) == []

    (row_change,) = audit_entries(
        entity="beneficiary", entity_id=person, action="sync.resolve_conflict"
    )
    assert json.loads(row_change.before_json) == {"notes": "ملاحظة الخادم"}
    assert json.loads(row_change.after_json) == {"notes": "ملاحظة الكاونتر"}
    assert row_change.actor_id == supervisor.actor.staff_id  # type: ignore[union-attr]
    (marked,) = audit_entries(entity_id=conflict_id, action="sync.resolve_conflict")
    assert json.loads(marked.after_json)["resolution"] == "counter"
    (event,) = audit_entries(action=RESOLVED_EVENT)
    assert event.entity == "sync_conflict"
    assert event.entity_id == conflict_id
    details = json.loads(event.after_json)
    assert details["choice"] == "counter"
    assert (details["table"], details["field"]) == ("beneficiary", "notes")
    assert details["counter_value"] == "ملاحظة الكاونتر"


def test_keeping_the_servers_value_leaves_the_row_alone(
    supervisor: ServiceContext, audit_entries: Callable[..., list[Any]]
) -> None:
    person = add_person(supervisor)
    conflict_id = add_conflict(supervisor, person, "notes", "ملاحظة الخادم", "ملاحظة الكاونتر")
    before = person_row(supervisor, person).updated_at

    resolve_conflict(supervisor, conflict_id, "server")

    after = person_row(supervisor, person)
    assert (after.notes, after.updated_at) == ("ملاحظة الخادم", before)
    assert conflict_row(supervisor, conflict_id).resolution == "server"
    assert audit_entries(entity="beneficiary", action="sync.resolve_conflict") == []
    (event,) = audit_entries(action=RESOLVED_EVENT)
    assert json.loads(event.after_json)["choice"] == "server"


def test_typed_values_go_back_into_the_row_as_their_type(supervisor: ServiceContext) -> None:
    person = add_person(supervisor, birth_date=date(1988, 6, 1))
    conflicts = [
        add_conflict(supervisor, person, "marital_status", None, "widowed"),
        add_conflict(supervisor, person, "birth_date", "1988-06-01", "1988-01-06"),
        add_conflict(supervisor, person, "family_size", None, 6),
    ]

    for conflict_id in conflicts:
        resolve_conflict(supervisor, conflict_id, "counter")

    row = person_row(supervisor, person)
    assert row.marital_status is MaritalStatus.WIDOWED
    assert row.birth_date == date(1988, 1, 6)
    assert row.family_size == 6


def test_a_name_part_from_the_counter_updates_the_search_form_and_its_conflict(
    supervisor: ServiceContext,
) -> None:
    person = add_person(supervisor)
    name = add_conflict(supervisor, person, "first_name", "سارة", "نورة")
    derived = add_conflict(
        supervisor, person, "name_search", "ساره محمد القحطاني", "نوره محمد القحطاني"
    )
    assert not only(list_conflicts(supervisor), derived).can_take_counter
    with pytest.raises(ValidationError):
        resolve_conflict(supervisor, derived, "counter")

    resolve_conflict(supervisor, name, "counter")

    row = person_row(supervisor, person)
    assert row.first_name == "نورة"
    assert row.name_search == normalize("نورة محمد القحطاني")
    assert conflict_row(supervisor, derived).resolution == "server"
    assert list_conflicts(supervisor) == []


def test_settling_a_search_form_conflict_recomputes_it_from_the_name(
    supervisor: ServiceContext,
) -> None:
    # The name parts merged (one counter changed the first name, the other the family name),
    # but the search forms both computed clashed: the server's is stale.
    person = add_person(supervisor, name_search="ساره محمد الشهري")
    derived = add_conflict(
        supervisor, person, "name_search", "ساره محمد الشهري", "نوره محمد القحطاني"
    )

    resolve_conflict(supervisor, derived, "server")

    assert person_row(supervisor, person).name_search == normalize("سارة محمد القحطاني")


def test_an_already_resolved_conflict_is_refused(supervisor: ServiceContext) -> None:
    person = add_person(supervisor)
    conflict_id = add_conflict(supervisor, person, "notes", "ملاحظة الخادم", "ملاحظة الكاونتر")
    resolve_conflict(supervisor, conflict_id, "server")

    with pytest.raises(WorkflowError) as refused:
        resolve_conflict(supervisor, conflict_id, "counter")

    assert refused.value.message.startswith(ALREADY_RESOLVED)
    assert supervisor.actor.full_name in refused.value.message  # type: ignore[union-attr]
    assert person_row(supervisor, person).notes == "ملاحظة الخادم"
    assert conflict_row(supervisor, conflict_id).resolution == "server"


def test_an_unknown_choice_is_refused(supervisor: ServiceContext, row_counts) -> None:
    person = add_person(supervisor)
    conflict_id = add_conflict(supervisor, person, "notes", "أ", "ب")
    counts = row_counts()

    with pytest.raises(ValidationError) as refused:
        resolve_conflict(supervisor, conflict_id, "both")

    assert refused.value.field == "choice"
    assert row_counts() == counts


def test_the_counters_value_is_not_written_over_a_newer_edit(
    supervisor: ServiceContext, row_counts
) -> None:
    person = add_person(supervisor, notes="تعديل أحدث")
    conflict_id = add_conflict(supervisor, person, "notes", "ملاحظة الخادم", "ملاحظة الكاونتر")
    counts = row_counts()

    with pytest.raises(WorkflowError) as refused:
        resolve_conflict(supervisor, conflict_id, "counter")

    assert "تعديل أحدث" in refused.value.message
    assert row_counts() == counts
    assert person_row(supervisor, person).notes == "تعديل أحدث"
    assert conflict_row(supervisor, conflict_id).resolution is None


def test_a_status_the_workflow_cannot_reach_is_refused(supervisor: ServiceContext) -> None:
    ticket = queue.issue_ticket(supervisor)
    queue.call_ticket(supervisor, ticket.id)
    back = add_conflict(supervisor, ticket.id, "status", "called", "waiting", table="ticket")
    skip = add_conflict(supervisor, ticket.id, "status", "called", "done", table="ticket")

    with pytest.raises(WorkflowError) as refused:
        resolve_conflict(supervisor, skip, "counter")
    assert "«تم النداء» إلى «انتهت الخدمة»" in refused.value.message

    resolve_conflict(supervisor, back, "counter")  # requeue: an allowed move
    with supervisor.sessions() as session:
        assert session.scalar(select(Ticket.status).where(Ticket.id == ticket.id)) is (
            TicketStatus.WAITING
        )


def test_an_id_number_another_person_holds_is_refused(supervisor: ServiceContext) -> None:
    add_person(supervisor, id_number="1000000008")
    person = add_person(supervisor, first_name="نورة", id_number="2000000006")
    conflict_id = add_conflict(supervisor, person, "id_number", "2000000006", "1000000008")

    with pytest.raises(ValidationError) as refused:
        resolve_conflict(supervisor, conflict_id, "counter")

    assert refused.value.field == "id_number"
    assert "سارة محمد القحطاني" in refused.value.message
    assert person_row(supervisor, person).id_number == "2000000006"


def test_a_receptionist_may_neither_list_nor_resolve(
    make_actor: MakeActor, supervisor: ServiceContext, row_counts
) -> None:
    receptionist = make_actor(Role.RECEPTIONIST)
    person = add_person(supervisor)
    conflict_id = add_conflict(supervisor, person, "notes", "ملاحظة الخادم", "ملاحظة الكاونتر")
    counts = row_counts()

    with pytest.raises(PermissionDenied) as refused:
        resolve_conflict(receptionist, conflict_id, "counter")
    with pytest.raises(PermissionDenied):
        list_conflicts(receptionist)

    assert Permission.RESOLVE_CONFLICTS.label in refused.value.message
    assert row_counts() == counts
    assert person_row(supervisor, person).notes == "ملاحظة الخادم"
    assert conflict_row(supervisor, conflict_id).resolution is None


def test_demo_conflicts_only_on_a_demo_database(supervisor: ServiceContext, row_counts) -> None:
    counts = row_counts()
    with pytest.raises(WorkflowError):
        add_demo_conflicts(supervisor)
    assert row_counts() == counts


def test_demo_conflicts_cover_each_kind(tmp_path) -> None:
    from basmat_desk.demo import DEMO_PASSWORD, generate_demo
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.services.staff import login
    from tests.conftest import dispose

    path = tmp_path / "demo.sqlite"
    generate_demo(path, beneficiaries=30, days=3)
    ctx = open_local(path)
    try:
        supervisor = ctx.acting_as(login(ctx, "supervisor", DEMO_PASSWORD))
        added = add_demo_conflicts(supervisor)
        views = list_conflicts(supervisor)
        assert len(views) == added >= 3
        assert {v.kind for v in views} >= {"field", "duplicate"}
        assert {v.field_label for v in views if v.kind == "field"} >= {"ملاحظات", "المدينة"}
        for view in views:
            if view.can_take_counter:
                resolve_conflict(supervisor, view.id, "counter")
            else:
                resolve_conflict(supervisor, view.id, "server")
        assert list_conflicts(supervisor) == []
    finally:
        dispose(ctx)


def test_members_of_two_enums_with_the_same_code_keep_their_own_labels() -> None:
    from basmat_desk.domain.enums import FeedbackStatus, ReferralStatus
    from basmat_desk.services.naming import enum_label as _enum_label

    assert _enum_label(ReferralStatus.IN_PROGRESS) == "قيد المتابعة"
    assert _enum_label(FeedbackStatus.IN_PROGRESS) == "قيد المعالجة"
