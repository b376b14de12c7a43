"""Settings: the association's (synced, audited) and this PC's own (device id, counter prefix)."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.settings import MAX_IDLE_MINUTES, MAX_LETTERHEAD_LINES
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.settings import (
    AssociationSettings,
    get_association_settings,
    open_device,
    save_settings,
)

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

DEFAULTS = AssociationSettings()
# "label: what is wrong", the label in Arabic
ARABIC_LABEL = re.compile(r"^[\u0600-\u06FF ]+: \S")


@pytest.fixture
def admin(make_actor) -> ServiceContext:
    return make_actor(Role.ADMIN)


def reopened(db_path: Path) -> ServiceContext:
    """The same database file opened again, as at the next start of the application."""
    return open_local(db_path)


def close(ctx: ServiceContext) -> None:
    ctx.sessions.kw["bind"].dispose()


def test_a_new_database_has_the_default_settings(ctx: ServiceContext) -> None:
    assert get_association_settings(ctx) == DEFAULTS
    assert DEFAULTS.association_name == "جمعية بسمات للعناية بالأسنان"
    assert DEFAULTS.idle_lock_minutes == 5
    assert open_device(ctx.sessions).counter_prefix == "A"


def test_saved_settings_are_normalised_and_survive_a_restart(
    admin: ServiceContext, db_path: Path
) -> None:
    given = AssociationSettings(
        association_name="  جمعية   بسمات ",
        letterhead_lines=(" السطر   الأول ", "   ", "السطر الثاني"),
        signatory_name=" أحمد  الغامدي ",
        signatory_title="المدير التنفيذي",
        idle_lock_minutes=0,
    )
    expected = AssociationSettings(
        association_name="جمعية بسمات",
        letterhead_lines=("السطر الأول", "السطر الثاني"),
        signatory_name="أحمد الغامدي",
        signatory_title="المدير التنفيذي",
        idle_lock_minutes=0,
    )

    saved, device = save_settings(admin, given, counter_prefix="b")

    assert saved == expected
    assert device.counter_prefix == "B"
    again = reopened(db_path)
    try:
        assert get_association_settings(again) == expected
        assert open_device(again.sessions).counter_prefix == "B"
    finally:
        close(again)


def test_saving_audits_only_the_settings_that_changed(admin: ServiceContext, audit_entries) -> None:
    save_settings(admin, DEFAULTS)
    first = audit_entries(action="settings.update", entity="setting")
    assert len(first) == len(DEFAULTS.__slots__)

    save_settings(admin, replace(DEFAULTS, signatory_name="أحمد الغامدي"))

    (change,) = audit_entries(action="settings.update", entity="setting")[len(first) :]
    assert json.loads(change.before_json) == {"value_json": '""'}
    assert json.loads(change.after_json) == {"value_json": '"أحمد الغامدي"'}
    assert change.actor_id == admin.actor.staff_id


def test_boundary_values_are_accepted(admin: ServiceContext) -> None:
    lines = tuple(f"سطر {n} " + "ـ" * 114 for n in range(MAX_LETTERHEAD_LINES))
    assert {len(line) for line in lines} == {120}

    saved, _ = save_settings(
        admin, replace(DEFAULTS, letterhead_lines=lines, idle_lock_minutes=MAX_IDLE_MINUTES)
    )

    assert saved.letterhead_lines == lines
    assert get_association_settings(admin).idle_lock_minutes == MAX_IDLE_MINUTES


@pytest.mark.parametrize(
    ("changes", "field", "label"),
    [
        ({"association_name": "   "}, "association_name", "اسم الجمعية"),
        ({"letterhead_lines": ("سطر",) * 5}, "letterhead_lines", "سطور الترويسة"),
        ({"letterhead_lines": ("س" * 121,)}, "letterhead_lines", "سطور الترويسة"),
        ({"idle_lock_minutes": -1}, "idle_lock_minutes", "مدة القفل"),
        ({"idle_lock_minutes": MAX_IDLE_MINUTES + 1}, "idle_lock_minutes", "مدة القفل"),
    ],
)
def test_invalid_association_settings_are_refused_naming_the_field(
    admin: ServiceContext, row_counts, changes: dict, field: str, label: str
) -> None:
    counts = row_counts()

    with pytest.raises(ValidationError) as refused:
        save_settings(admin, replace(DEFAULTS, **changes), counter_prefix="C")

    assert refused.value.field == field
    assert refused.value.message.startswith(label)
    assert row_counts() == counts
    assert get_association_settings(admin) == DEFAULTS


@pytest.mark.parametrize("prefix", ["", "  ", "1", "A1", "ABC", "أ", "A-"])
def test_invalid_counter_prefix_is_refused_and_nothing_is_saved(
    admin: ServiceContext, row_counts, prefix: str
) -> None:
    counts = row_counts()

    with pytest.raises(ValidationError) as refused:
        save_settings(admin, replace(DEFAULTS, signatory_name="أحمد"), counter_prefix=prefix)

    assert refused.value.field == "counter_prefix"
    assert ARABIC_LABEL.match(refused.value.message)
    assert refused.value.message.startswith("رمز")
    assert row_counts() == counts
    assert open_device(admin.sessions).counter_prefix == "A"


@pytest.mark.parametrize(("given", "stored"), [("b", "B"), (" ab ", "AB"), ("Z", "Z")])
def test_counter_prefix_is_one_or_two_latin_letters_in_capitals(
    admin: ServiceContext, given: str, stored: str
) -> None:
    _, device = save_settings(admin, DEFAULTS, counter_prefix=given)

    assert device.counter_prefix == stored
    assert open_device(admin.sessions).counter_prefix == stored


def test_a_counter_prefix_change_is_audited_once(admin: ServiceContext, audit_entries) -> None:
    save_settings(admin, DEFAULTS, counter_prefix="B")
    save_settings(admin, DEFAULTS, counter_prefix="b")
    save_settings(admin, DEFAULTS, counter_prefix="C")

    changes = [json.loads(e.after_json) for e in audit_entries(action="settings.counter_prefix")]
    assert changes == [{"before": "A", "after": "B"}, {"before": "B", "after": "C"}]


def test_device_id_is_made_once_and_kept_across_restarts(
    ctx: ServiceContext, db_path: Path, tmp_path: Path
) -> None:
    assert uuid.UUID(ctx.device_id)
    again = reopened(db_path)
    other = open_local(tmp_path / "other.sqlite")
    try:
        assert again.device_id == ctx.device_id
        assert open_device(again.sessions).device_id == ctx.device_id
        assert other.device_id != ctx.device_id
    finally:
        close(again)
        close(other)


def test_synced_rows_carry_this_device_id(admin: ServiceContext, audit_entries) -> None:
    save_settings(admin, DEFAULTS)

    assert {e.origin_device for e in audit_entries()} == {admin.device_id}
