"""The day at a glance: what the counter and the supervisor look at first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from basmat_desk.domain.clock import local_today
from basmat_desk.domain.enums import BeneficiaryStatus, Channel, TicketStatus
from basmat_desk.domain.permissions import Permission
from basmat_desk.services.contacts import count_by_channel
from basmat_desk.services.context import ServiceContext, service
from basmat_desk.store.models import Beneficiary, Ticket

RECENT_DAYS = 30


@dataclass(frozen=True, slots=True)
class ChannelCount:
    channel: Channel
    today: int
    recent: int  # the last RECENT_DAYS days, today included


@dataclass(frozen=True, slots=True)
class DaySummary:
    day: date
    registered: int  # people with a file (status registered)
    applicants: int  # people on file who have applied but are not registered yet
    contacts_today: int
    tickets_waiting: int
    tickets_done: int
    channels: tuple[ChannelCount, ...]


@service(Permission.VIEW_DASHBOARD, "dashboard.read")
def day_summary(session: Session, ctx: ServiceContext, day: date | None = None) -> DaySummary:
    day = day or local_today()
    statuses: dict[BeneficiaryStatus, int] = dict(
        session.execute(
            select(Beneficiary.status, func.count())
            .where(Beneficiary.deleted_at.is_(None))
            .group_by(Beneficiary.status)
        ).all()
    )
    today = count_by_channel(session, day, day)
    recent = count_by_channel(session, day - timedelta(days=RECENT_DAYS - 1), day)
    ticket_rows = session.execute(
        select(Ticket.status, func.count())
        .where(Ticket.service_date == day, Ticket.deleted_at.is_(None))
        .group_by(Ticket.status)
    )
    tickets: dict[TicketStatus, int] = dict(ticket_rows.all())
    return DaySummary(
        day=day,
        registered=statuses.get(BeneficiaryStatus.REGISTERED, 0),
        applicants=statuses.get(BeneficiaryStatus.APPLICANT, 0),
        contacts_today=sum(today.values()),
        tickets_waiting=tickets.get(TicketStatus.WAITING, 0) + tickets.get(TicketStatus.CALLED, 0),
        tickets_done=tickets.get(TicketStatus.DONE, 0),
        channels=tuple(
            ChannelCount(channel, today[channel], recent[channel]) for channel in Channel
        ),
    )
