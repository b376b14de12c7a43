"""Why the server refused a counter's change, as data: a code and the fields it names.

The server's own rules (the workflow's transitions, rows never deleted, insert-only rows) raise
their PostgreSQL errors with a CONSTRAINT name from `SERVER_RULES`, the TABLE and COLUMN, and
their values as JSON in DETAIL (migration 0005). The push turns any refusal into a `Refusal`
and the conflict keeps it as JSON (`sync_conflict.refusal`); the conflicts screen words it in
Arabic from the code and the fields, never from the server's English text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class RefusalCode(StrEnum):
    WORKFLOW = "workflow"  # a status change the workflow does not allow
    TAKEN = "taken"  # a unique value (an ID number) another live row holds
    INSERT_ONLY = "insert_only"  # a row that is never changed once written
    NO_DELETE = "no_delete"  # rows are never deleted, only marked deleted
    MISSING = "missing"  # the row to change is not on the server
    INVALID = "invalid"  # a value the server's rules refuse (empty, too long, wrong type)
    OTHER = "other"  # anything else the server said no to

    @property
    def label(self) -> str:
        return REFUSAL_LABELS[self]


REFUSAL_LABELS: dict[RefusalCode, str] = {
    RefusalCode.WORKFLOW: "لا يسمح سير العمل بهذا التغيير",
    RefusalCode.TAKEN: "القيمة مسجلة لسجل آخر",
    RefusalCode.INSERT_ONLY: "هذا السجل لا يُعدَّل بعد حفظه",
    RefusalCode.NO_DELETE: "السجلات لا تُحذف",
    RefusalCode.MISSING: "السجل غير موجود على الخادم",
    RefusalCode.INVALID: "قيمة لا تقبلها قواعد الخادم",
    RefusalCode.OTHER: "رفض الخادم التغيير",
}

#: The CONSTRAINT names the server's own rules raise with (migration 0005), and their codes.
SERVER_RULES: dict[str, RefusalCode] = {
    "basmat_workflow": RefusalCode.WORKFLOW,
    "basmat_no_delete": RefusalCode.NO_DELETE,
    "basmat_insert_only": RefusalCode.INSERT_ONLY,
}


@dataclass(frozen=True, slots=True)
class Refusal:
    code: RefusalCode
    table: str
    column: str | None = None
    constraint: str | None = None
    source: str | None = None  # WORKFLOW: the status the row has on the server
    target: str | None = None  # WORKFLOW: the status the counter asked for
    detail: str | None = None  # the server's own words (English), for the log

    def to_json(self) -> str:
        return json.dumps(
            {k: v for k, v in asdict(self).items() if v is not None},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | None) -> Refusal | None:
        """The refusal `to_json` wrote; None for none or for anything else."""
        if not text:
            return None
        try:
            data: Any = json.loads(text)
            return cls(
                code=RefusalCode(data["code"]),
                table=str(data["table"]),
                **{
                    k: str(data[k])
                    for k in ("column", "constraint", "source", "target", "detail")
                    if data.get(k) is not None
                },
            )
        except (ValueError, KeyError, TypeError):
            return None
