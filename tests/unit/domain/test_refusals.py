"""A refusal goes into a conflict row as JSON and comes back the same; anything else is none."""

from __future__ import annotations

import pytest

from basmat_desk.domain.refusals import SERVER_RULES, Refusal, RefusalCode


def test_a_refusal_comes_back_from_its_json_whole() -> None:
    refusal = Refusal(
        RefusalCode.WORKFLOW,
        "ticket",
        column="status",
        constraint="basmat_workflow",
        source="waiting",
        target="done",
        detail="basmat: ticket status cannot change from waiting to done",
    )
    assert Refusal.from_json(refusal.to_json()) == refusal
    bare = Refusal(RefusalCode.MISSING, "beneficiary")
    assert Refusal.from_json(bare.to_json()) == bare
    assert "column" not in bare.to_json()


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "",
        "not json",
        '"basmat: ticket status cannot change"',
        '{"code": "nope", "table": "x"}',
        '{"code": "workflow"}',
        "[1, 2]",
    ],
)
def test_anything_that_is_not_a_refusal_reads_as_none(stored: str | None) -> None:
    assert Refusal.from_json(stored) is None


def test_every_server_rule_has_a_code_and_every_code_a_label() -> None:
    assert set(SERVER_RULES.values()) <= set(RefusalCode)
    assert all(code.label for code in RefusalCode)
