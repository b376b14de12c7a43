"""Every use case checks its permission: the whole matrix of services × roles.

The use cases are found by introspection (everything `@service` decorated in
`basmat_desk.services`), so a new one is covered the day it is written. The ones this file knows
get real arguments and must succeed for the roles allowed; a use case it does not know yet is
called without arguments, which is enough to see that the permission check comes first.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

import basmat_desk.services
from basmat_desk.domain.beneficiary import BeneficiaryData
from basmat_desk.domain.enums import ROLE_LABELS, Channel, Gender, IdType, Role
from basmat_desk.domain.errors import PermissionDenied
from basmat_desk.domain.permissions import PERMISSION_LABELS, ROLE_PERMISSIONS, Permission, allows
from basmat_desk.services import queue
from basmat_desk.services.beneficiaries import register_beneficiary
from basmat_desk.services.conflicts import FIELD, SERVER
from basmat_desk.services.contacts import ContactInput
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.settings import AssociationSettings
from basmat_desk.services.staff import create_staff
from basmat_desk.store.models import Beneficiary, SyncConflict, new_id
from basmat_desk.sync.codec import dumps

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

ARABIC = re.compile(r"[\u0600-\u06FF]")


def collect_services() -> dict[str, Callable[..., Any]]:
    """{"module.function": use case} for every `@service` use case of the services package."""
    found: dict[str, Callable[..., Any]] = {}
    package = basmat_desk.services
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                callable(value)
                and hasattr(value, "permission")
                and hasattr(value, "__wrapped__")
                and value.__module__ == module.__name__
            ):
                found[f"{info.name.removeprefix(package.__name__ + '.')}.{name}"] = value
    return found


SERVICES = collect_services()
GUARDED = {name: fn for name, fn in SERVICES.items() if fn.permission is not None}


# --- real calls for the use cases this file knows ---------------------------------------------

Call = tuple[tuple[Any, ...], dict[str, Any]]


def _target(admin: ServiceContext) -> str:
    return create_staff(
        admin,
        username="target",
        full_name="حساب للتجربة",
        role=Role.RECEPTIONIST,
        password="target password",
    ).id


APPLICANT = BeneficiaryData(
    first_name="سارة",
    family_name="القحطاني",
    id_type=IdType.NATIONAL_ID,
    id_number="1000000008",
    gender=Gender.FEMALE,
    mobile="+966501234567",
    birth_date=date(1988, 6, 1),
)


def _beneficiary(admin: ServiceContext) -> str:
    return register_beneficiary(admin, APPLICANT).id


def _person(admin: ServiceContext) -> str:
    with unit_of_work(admin, "test.seed") as session:
        person = Beneficiary(
            first_name="سارة",
            family_name="القحطاني",
            name_search="ساره القحطاني",
            id_type=IdType.NATIONAL_ID,
            id_number="1000000008",
            gender=Gender.FEMALE,
        )
        session.add(person)
        session.flush()
        return person.id


def _conflict(admin: ServiceContext) -> str:
    """A field conflict on a beneficiary's notes, as a pull brings it from the server."""
    person = _person(admin)
    with unit_of_work(admin, "test.pulled") as session:
        conflict = SyncConflict(
            kind=FIELD,
            table_name="beneficiary",
            row_id=person,
            field="notes",
            server_value=dumps(None),
            counter_value=dumps("ملاحظة من كاونتر آخر"),
            counter_device="another-counter",
            mutation_id=new_id(),
        )
        session.add(conflict)
        session.flush()
        return conflict.id


def _ticket(admin: ServiceContext, *steps: Callable[[ServiceContext, str], Any]) -> str:
    ticket_id: str = queue.issue_ticket(admin).id
    for step in steps:
        step(admin, ticket_id)
    return ticket_id


def _someone_waiting(admin: ServiceContext) -> Call:
    _ticket(admin)
    return (), {}


KNOWN_CALLS: dict[str, Callable[[ServiceContext], Call]] = {
    "staff.create_staff": lambda admin: (
        (),
        {
            "username": "newcomer",
            "full_name": "موظف جديد",
            "role": Role.RECEPTIONIST,
            "password": "newcomer password",
        },
    ),
    "staff.update_staff": lambda admin: ((_target(admin),), {"full_name": "اسم معدل"}),
    "staff.reset_password": lambda admin: ((_target(admin),), {"new_password": "reset password"}),
    "staff.unlock_staff": lambda admin: ((_target(admin),), {}),
    "staff.list_staff": lambda admin: ((), {}),
    "settings.save_settings": lambda admin: (
        (replace(AssociationSettings(), signatory_name="أحمد الغامدي"),),
        {"counter_prefix": "B"},
    ),
    "dashboard.day_summary": lambda admin: ((), {}),
    "queue.issue_ticket": lambda admin: ((), {"purpose": "استفسار عن طلب"}),
    "queue.call_next": _someone_waiting,
    "queue.call_ticket": lambda admin: ((_ticket(admin),), {}),
    "queue.start_serving": lambda admin: ((_ticket(admin, queue.call_ticket),), {}),
    "queue.finish": lambda admin: ((_ticket(admin, queue.call_ticket, queue.start_serving),), {}),
    "queue.mark_no_show": lambda admin: ((_ticket(admin, queue.call_ticket),), {}),
    "queue.cancel": lambda admin: ((_ticket(admin),), {}),
    "queue.requeue": lambda admin: ((_ticket(admin, queue.call_ticket),), {}),
    "queue.attach_beneficiary": lambda admin: ((_ticket(admin), _person(admin)), {}),
    "queue.todays_queue": lambda admin: ((), {}),
    "queue.queue_summary": lambda admin: ((), {}),
    "contacts.log_contact": lambda admin: (
        (ContactInput(channel=Channel.PHONE, inquiry="متى يصدر قرار اللجنة؟"),),
        {},
    ),
    "contacts.contact_history": lambda admin: ((_person(admin),), {}),
    "contacts.contacts_by_channel": lambda admin: ((date(2026, 11, 1), date(2026, 11, 30)), {}),
    "beneficiaries.register_beneficiary": lambda admin: ((APPLICANT,), {}),
    "beneficiaries.update_beneficiary": lambda admin: (
        (_beneficiary(admin), replace(APPLICANT, notes="ملاحظة جديدة")),
        {},
    ),
    "beneficiaries.get_beneficiary": lambda admin: ((_beneficiary(admin),), {}),
    "conflicts.list_conflicts": lambda admin: ((), {"include_resolved": True}),
    "conflicts.resolve_conflict": lambda admin: ((_conflict(admin), SERVER), {}),
}

_COUNTER = {Role.RECEPTIONIST, Role.SUPERVISOR, Role.ADMIN}

# The business rule, written out by hand so that a careless edit of ROLE_PERMISSIONS (say,
# receptionists managing users) fails here.
EXPECTED_ROLES: dict[str, set[Role]] = {
    "staff.create_staff": {Role.ADMIN},
    "staff.update_staff": {Role.ADMIN},
    "staff.reset_password": {Role.ADMIN},
    "staff.unlock_staff": {Role.ADMIN},
    "staff.list_staff": {Role.ADMIN},
    "settings.save_settings": {Role.ADMIN},
    "dashboard.day_summary": set(Role),
    **{
        f"queue.{name}": _COUNTER
        for name in (
            "issue_ticket",
            "call_next",
            "call_ticket",
            "start_serving",
            "finish",
            "mark_no_show",
            "cancel",
            "requeue",
            "attach_beneficiary",
            "todays_queue",
            "queue_summary",
        )
    },
    "contacts.log_contact": set(Role),
    "contacts.contact_history": set(Role),
    "contacts.contacts_by_channel": set(Role),
    "beneficiaries.register_beneficiary": set(Role),
    "beneficiaries.update_beneficiary": set(Role),
    "beneficiaries.get_beneficiary": set(Role),
    "conflicts.list_conflicts": {Role.SUPERVISOR, Role.ADMIN},
    "conflicts.resolve_conflict": {Role.SUPERVISOR, Role.ADMIN},
}


def allowed_roles(name: str) -> set[Role]:
    return {role for role in Role if allows(role, GUARDED[name].permission)}


# --- the table itself ----------------------------------------------------------------------


def test_the_collection_finds_the_use_cases_that_exist() -> None:
    assert {"staff.create_staff", "staff.update_staff", "staff.list_staff"} <= set(GUARDED)
    assert all(isinstance(fn.permission, Permission) for fn in GUARDED.values())


def test_this_file_names_no_use_case_that_is_gone() -> None:
    """A renamed use case must be renamed here too, or it loses its real-argument checks."""
    assert set(KNOWN_CALLS) <= set(SERVICES)
    assert set(EXPECTED_ROLES) <= set(SERVICES)


def test_every_role_has_a_permission_set_and_an_arabic_label() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert set(ROLE_LABELS) == set(Role)
    assert all(ARABIC.search(label) for label in ROLE_LABELS.values())
    assert set(PERMISSION_LABELS) == set(Permission)
    assert all(ARABIC.search(label) for label in PERMISSION_LABELS.values())


def test_admin_may_do_everything() -> None:
    assert ROLE_PERMISSIONS[Role.ADMIN] == frozenset(Permission)


def test_only_admins_manage_users_and_settings_and_supervisors_read_the_audit() -> None:
    holders = {p: {r for r in Role if allows(r, p)} for p in Permission}
    assert holders[Permission.MANAGE_USERS] == {Role.ADMIN}
    assert holders[Permission.EDIT_SETTINGS] == {Role.ADMIN}
    assert holders[Permission.VIEW_AUDIT] == {Role.SUPERVISOR, Role.ADMIN}
    assert holders[Permission.RESOLVE_CONFLICTS] == {Role.SUPERVISOR, Role.ADMIN}
    assert holders[Permission.VIEW_DASHBOARD] == set(Role)


def test_everyone_at_the_front_desk_serves_applicants_but_only_the_counter_runs_the_queue() -> None:
    holders = {p: {r for r in Role if allows(r, p)} for p in Permission}
    for permission in (
        Permission.VIEW_BENEFICIARIES,
        Permission.REGISTER_BENEFICIARIES,
        Permission.LOG_CONTACTS,
    ):
        assert holders[permission] == set(Role), permission
    assert holders[Permission.MANAGE_QUEUE] == {Role.RECEPTIONIST, Role.SUPERVISOR, Role.ADMIN}


@pytest.mark.parametrize("name", sorted(set(EXPECTED_ROLES) & set(GUARDED)))
def test_known_use_cases_are_open_to_the_expected_roles(name: str) -> None:
    assert allowed_roles(name) == EXPECTED_ROLES[name]


# --- calling every use case as every role ----------------------------------------------------


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("name", sorted(GUARDED))
def test_use_case_runs_for_allowed_roles_and_refuses_the_others(
    make_actor, row_counts, name: str, role: Role
) -> None:
    use_case = GUARDED[name]
    admin = make_actor(Role.ADMIN)
    actor = admin if role is Role.ADMIN else make_actor(role)
    args, kwargs = KNOWN_CALLS[name](admin) if name in KNOWN_CALLS else ((), {})
    counts = row_counts()

    if role in allowed_roles(name):
        if name in KNOWN_CALLS:
            use_case(actor, *args, **kwargs)
        else:
            try:
                use_case(actor)
            except PermissionDenied:
                pytest.fail(f"{name} refused {role}, whose role allows it")
            except Exception:
                pass  # past the permission check, which is all this call can show
        return

    with pytest.raises(PermissionDenied) as refused:
        use_case(actor, *args, **kwargs)

    message = refused.value.message
    assert role.label in message
    assert use_case.permission.label in message
    assert row_counts() == counts


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_use_case_refuses_when_nobody_is_signed_in(
    ctx: ServiceContext, make_actor, row_counts, name: str
) -> None:
    args, kwargs = KNOWN_CALLS[name](make_actor(Role.ADMIN)) if name in KNOWN_CALLS else ((), {})
    counts = row_counts()

    with pytest.raises(PermissionDenied) as refused:
        GUARDED[name](ctx, *args, **kwargs)

    assert refused.value.message == "يجب تسجيل الدخول أولاً"
    assert row_counts() == counts
