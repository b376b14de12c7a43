"""Why the server refused a counter's change, as data: a code and the fields it names.

The server's own rules (the workflow's transitions, rows never deleted, insert-only rows, and
the row rules of migration 0006) raise their PostgreSQL errors with a CONSTRAINT name from
`SERVER_RULES`, the TABLE and COLUMN, and their values as JSON in DETAIL (migration 0005). The
push turns any refusal into a `Refusal` and the conflict keeps it as JSON
(`sync_conflict.refusal`); the conflicts screen words it in Arabic from the code and the
fields, never from the server's English text.
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
    FORBIDDEN = "forbidden"  # a counter's role may not write this (a privilege)
    PREFIX = "prefix"  # a number that is not this counter's own, or that changed once given
    IMMUTABLE = "immutable"  # a value that never changes once written
    DEVICE = "device"  # a row that claims another counter's device, or another's conflict
    ACTOR = "actor"  # a staff member who does not exist, or may not do this
    ACCOUNT = "account"  # staff accounts change only online, by an administrator
    LAST_ADMIN = "last_admin"  # the last active administrator stays one
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
    RefusalCode.FORBIDDEN: "ليس للكاونتر صلاحية هذا التغيير",
    RefusalCode.PREFIX: "رقم لا يحمل رمز هذا الكاونتر أو تغيّر بعد إصداره",
    RefusalCode.IMMUTABLE: "قيمة لا تتغير بعد حفظها",
    RefusalCode.DEVICE: "سجل يُنسب إلى جهاز آخر",
    RefusalCode.ACTOR: "موظف غير موجود أو لا يملك هذا الإجراء",
    RefusalCode.ACCOUNT: "حسابات الموظفين تُدار على الخادم من مدير النظام",
    RefusalCode.LAST_ADMIN: "لا بد من بقاء مدير نظام واحد على الأقل",
    RefusalCode.OTHER: "رفض الخادم التغيير",
}

#: The CONSTRAINT names the server's own rules raise with (migration 0005), and their codes.
SERVER_RULES: dict[str, RefusalCode] = {
    "basmat_workflow": RefusalCode.WORKFLOW,
    "basmat_first_status": RefusalCode.WORKFLOW,
    "basmat_no_delete": RefusalCode.NO_DELETE,
    "basmat_insert_only": RefusalCode.INSERT_ONLY,
    "basmat_prefix": RefusalCode.PREFIX,
    "basmat_immutable": RefusalCode.IMMUTABLE,
    "basmat_device": RefusalCode.DEVICE,
    "basmat_actor": RefusalCode.ACTOR,
    "basmat_account": RefusalCode.ACCOUNT,
    "basmat_last_admin": RefusalCode.LAST_ADMIN,
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
