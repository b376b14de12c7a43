"""The association's day: service dates and day boundaries are in Riyadh time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

RIYADH = ZoneInfo("Asia/Riyadh")


def local_now() -> datetime:
    return datetime.now(RIYADH)


def local_today() -> date:
    return local_now().date()


def day_bounds_utc(day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which `day` starts and the next day starts, in Riyadh."""
    start = datetime.combine(day, time.min, tzinfo=RIYADH)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
