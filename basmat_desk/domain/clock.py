"""The application's one clock: UTC instants, and the association's day in Riyadh.

Every timestamp is taken here (`utcnow`), and "today" is the Riyadh day of that instant, so a
test or a counter whose clock is moved moves all of them together. Saudi Arabia keeps UTC+3 all
year; the zone comes from the IANA database (the `tzdata` package on Windows).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

RIYADH = ZoneInfo("Asia/Riyadh")


def utcnow() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)


def local_now() -> datetime:
    """Now in Riyadh."""
    return utcnow().astimezone(RIYADH)


def local_today() -> date:
    """The association's day (Riyadh), which decides service dates and future birth dates."""
    return local_now().date()


def local_day(moment: datetime) -> date:
    """The Riyadh day of an aware instant."""
    return moment.astimezone(RIYADH).date()


def day_bounds_utc(day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which `day` starts and the next day starts, in Riyadh."""
    start = datetime.combine(day, time.min, tzinfo=RIYADH)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
