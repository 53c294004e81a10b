"""`imh calendar`: deadlines as iCalendar (RFC 5545) or JSON.

Each deadline is an all-day event (DTSTART;VALUE=DATE) with its stable UID and a
display alarm some days before. DTSTAMP is the as-of date at midnight UTC, so the
same portfolio on the same day gives the same file.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from imhcli.base.words import plural
from imhcli.output.registry import Registry

if TYPE_CHECKING:  # pydantic and icalendar would cost `imh --help` their import
    from icalendar import Event

    from imhcli.models.deadlines import Deadline, Deadlines

PRODID = "-//imh//imh calendar//EN"


class CalendarRender(Protocol):
    def __call__(self, found: Deadlines, *, remind_days: int) -> str: ...


#: `imh calendar --format`: the deadlines as iCalendar or JSON.
CALENDAR: Registry[CalendarRender] = Registry("calendar")


@CALENDAR.add("ics")
def render_ics(found: Deadlines, *, remind_days: int) -> str:
    """The deadlines as one VCALENDAR."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "imh deadlines")
    stamp = dt.datetime.combine(found.as_of, dt.time(), tzinfo=dt.UTC)
    for deadline in found.deadlines:
        calendar.add_component(_event(deadline, stamp, remind_days))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _event(deadline: Deadline, stamp: dt.datetime, remind_days: int) -> Event:
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", deadline.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.day)
    event.add("dtend", deadline.day + dt.timedelta(days=1))
    event.add("summary", deadline.summary)
    event.add("description", deadline.description)
    event.add("categories", [deadline.kind])
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"In {plural(remind_days, 'day')}: {deadline.summary}")
    alarm.add("trigger", dt.timedelta(days=-remind_days))
    event.add_component(alarm)
    return event


@CALENDAR.add("json")
def render_json(found: Deadlines, *, remind_days: int) -> str:
    """The deadlines as JSON (the model), for scripts."""
    return found.model_dump_json(indent=2) + "\n"
