"""The intake at the counter: what the receptionist sees of the person in front of them.

One user action, one use case: opening a person shows their record and their contact history
from one transaction. Linking the called ticket to the person is its own action
(`services.queue.attach_beneficiary`), taken only when the receptionist chooses to: moving
through search results or opening another person never changes a ticket.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from basmat_desk.domain.permissions import Permission
from basmat_desk.services.beneficiaries import BeneficiaryRecord, load_record
from basmat_desk.services.contacts import ContactRow, history_rows
from basmat_desk.services.context import ServiceContext, service


@dataclass(frozen=True, slots=True)
class CounterPerson:
    """The person's panel at intake."""

    record: BeneficiaryRecord
    history: list[ContactRow]


@service(Permission.VIEW_BENEFICIARIES, "intake.open_person")
def open_person(session: Session, ctx: ServiceContext, beneficiary_id: str) -> CounterPerson:
    """The person's record and their contacts, newest first (NotFound for a deleted record)."""
    return CounterPerson(
        load_record(session, beneficiary_id), history_rows(session, beneficiary_id)
    )
