"""Demo conflicts: what a server would have sent a counter, for the screenshots and for trying
the conflicts screen (a note and a city changed on two counters, the same ID number registered
twice, a refused status change)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from basmat_desk.domain.beneficiary import FIELDS
from basmat_desk.domain.clock import utcnow
from basmat_desk.domain.enums import ConflictKind, TicketStatus
from basmat_desk.domain.errors import WorkflowError
from basmat_desk.domain.refusals import Refusal, RefusalCode
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.settings import is_demo
from basmat_desk.store.models import Beneficiary, SyncConflict, Ticket, new_id, row_dict
from basmat_desk.sync.codec import TABLES, dumps

FIELD, DUPLICATE, REJECTED = ConflictKind

#: The other counter the demo conflicts come from.
OTHER_COUNTER_NAME = "كاونتر الاستقبال 2 (B)"


def add_demo_conflicts(ctx: ServiceContext) -> int:
    """On a demo database: a few conflicts as a server would have sent them (a note and a
    city changed on two counters, the same ID number registered twice, a refused status
    change), for the screenshots and for trying the screen. Returns how many were added."""
    now = utcnow()
    other_counter = new_id()  # another counter of the demo association
    with unit_of_work(ctx, "demo.conflicts") as session:
        if not is_demo(session):
            raise WorkflowError("تُضاف التعارضات التجريبية إلى قاعدة بيانات تجريبية فقط")
        people = list(
            session.scalars(
                select(Beneficiary)
                .where(Beneficiary.deleted_at.is_(None), Beneficiary.address_city.is_not(None))
                .order_by(Beneficiary.id)
                .limit(2)
            )
        )
        if len(people) < 2:
            raise WorkflowError("لا يوجد في القاعدة التجريبية مستفيدون يكفون للتعارضات")
        person, holder = people
        person.notes = "راجع قسم الأسنان في 2026/11/20، وينتظر نتيجة الأشعة."
        session.flush()
        city = person.address_city
        other_city = "الخرج" if city != "الخرج" else "المجمعة"

        def field_conflict(
            field: str, server: Any, counter: Any, device: str, minutes_ago: int
        ) -> SyncConflict:
            return SyncConflict(
                kind=FIELD,
                table_name="beneficiary",
                row_id=person.id,
                field=field,
                server_value=dumps(server),
                counter_value=dumps(counter),
                counter_device=device,
                counter_name=None if device == ctx.device_id else OTHER_COUNTER_NAME,
                mutation_id=new_id(),
                detected_at=now - timedelta(minutes=minutes_ago),
            )

        conflicts = [
            field_conflict(
                "notes",
                person.notes,
                "اتصلت ابنته: يفضّل موعداً صباحياً، ومعه تقرير طبي جديد.",
                other_counter,
                95,
            ),
            field_conflict("address_city", city, other_city, ctx.device_id, 40),
        ]

        # The same person registered on another counter with the same ID number: the server
        # kept that row whole as a tombstone.
        twin = Beneficiary(
            **{
                column: getattr(holder, column)
                for column in (*FIELDS, "status")
                if column not in ("notes", "mobile_alt")
            },
            notes="سُجّل على كاونتر النساء",
            name_search=holder.name_search,
            deleted_at=now - timedelta(minutes=12),
        )
        session.add(twin)
        session.flush()
        conflicts.append(
            SyncConflict(
                kind=DUPLICATE,
                table_name="beneficiary",
                row_id=twin.id,
                field="uq_beneficiary_live_id_number",
                server_value=None,
                counter_value=dumps(TABLES["beneficiary"].canonical(row_dict(twin))),
                counter_device=other_counter,
                counter_name=OTHER_COUNTER_NAME,
                mutation_id=new_id(),
                detected_at=now - timedelta(minutes=12),
            )
        )

        # A counter that missed a finished service put the ticket back in the queue.
        ticket = session.scalars(
            select(Ticket)
            .where(Ticket.status == TicketStatus.DONE)
            .order_by(Ticket.service_date.desc(), Ticket.number.desc())
            .limit(1)
        ).first()
        if ticket is not None:
            conflicts.append(
                SyncConflict(
                    kind=REJECTED,
                    table_name="ticket",
                    row_id=ticket.id,
                    field="status",
                    server_value=dumps(ticket.status.value),
                    counter_value=dumps("waiting"),
                    refusal=Refusal(
                        RefusalCode.WORKFLOW,
                        "ticket",
                        column="status",
                        constraint="basmat_workflow",
                        source=ticket.status.value,
                        target="waiting",
                    ).to_json(),
                    counter_device=ctx.device_id,
                    mutation_id=new_id(),
                    detected_at=now - timedelta(minutes=5),
                )
            )
        session.add_all(conflicts)
        return len(conflicts)
