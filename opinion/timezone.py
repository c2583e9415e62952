"""Vietnam's time zone (UTC+7, no daylight saving): dates shown and months counted in it."""
from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")


def local_today() -> date:
    return datetime.now(VIETNAM).date()


def to_local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(VIETNAM) if moment else None
