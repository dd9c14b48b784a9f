"""iCalendar (RFC 5545) for one event or a feed of events: CRLF lines folded at 75 octets,
TEXT values escaped, times in UTC, a stable UID per event."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .enums import EventStatus
from .models import Event

PRODID = "-//Enbek - eldin muraty//Career-guidance events//KK"


def _escape(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with one space
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, site: str, now: datetime.datetime) -> list[str]:
    url = site + reverse("events:detail", args=[event.pk])
    location = ", ".join(part for part in (event.address, event.region.name) if part)
    description = event.description
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{site.split('://', 1)[-1].split('/', 1)[0]}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(description)}",
        f"LOCATION:{_escape(location)}",
        f'ORGANIZER;CN="{event.organization.name.replace(chr(34), "")}":mailto:noreply@enbek.gov.kz',
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if event.status == EventStatus.CANCELLED else 'CONFIRMED'}",
        f"LAST-MODIFIED:{_utc(event.updated_at)}",
    ]
    if event.latitude is not None and event.longitude is not None:
        lines.append(f"GEO:{event.latitude};{event.longitude}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name: str) -> bytes:
    site = settings.SITE_URL.rstrip("/")
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Asia/Almaty",
    ]
    for event in events:
        lines.extend(_event_lines(event, site, now))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
