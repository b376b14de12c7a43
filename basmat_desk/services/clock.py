"""The association's day: service dates and day boundaries are in Riyadh time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

RIYADH = ZoneInfo("Asia/Riyadh")


def local_now() -> datetime:
    return datetime.now(RIYADH)


def local_today() -> date:
    return local_now().date()


#: How the application writes a date and time: "2026/11/25 09:40".
LOCAL_DATE_TIME = "%Y/%m/%d %H:%M"


def local_date_time(value: datetime) -> str:
    """An aware timestamp as Riyadh date and time, "2026/11/25 09:40"."""
    return value.astimezone(RIYADH).strftime(LOCAL_DATE_TIME)


def day_bounds_utc(day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which `day` starts and the next day starts, in Riyadh."""
    start = datetime.combine(day, time.min, tzinfo=RIYADH)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
