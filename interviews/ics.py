"""iCalendar (RFC 5545) invites for interviews. Times are written in UTC ("Z"), which every
calendar shows in its owner's own zone, so 9:00 at the practice stays 9:00 for a candidate
in the same zone on either side of a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, datetime

from interviews.models import Interview

PRODID = "-//Hiring for medical practices//Interviews//EN"


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (§3.1)."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def interview_ics(*, interview: Interview, summary: str, description: str,
                  organizer_name: str, organizer_email: str,
                  attendees: list[tuple[str, str]], cancel: bool = False) -> bytes:
    """A one-event calendar: METHOD:REQUEST for a new or moved interview, METHOD:CANCEL for a
    cancelled one; the same UID each time, with the interview's current SEQUENCE."""
    method = "CANCEL" if cancel else "REQUEST"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", f"METHOD:{method}",
        "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
        f"UID:{interview.uid}",
        f"SEQUENCE:{interview.sequence}",
        f"DTSTAMP:{_utc(datetime.now(UTC))}",
        f"DTSTART:{_utc(interview.starts_at)}",
        f"DTEND:{_utc(interview.ends_at)}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        f"STATUS:{'CANCELLED' if cancel else 'CONFIRMED'}",
        f"ORGANIZER;CN={_escape(organizer_name)}:mailto:{organizer_email}",
    ]
    if interview.location:
        lines.append(f"LOCATION:{_escape(interview.location)}")
    for name, email in attendees:
        lines.append(f"ATTENDEE;CN={_escape(name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
                     f"RSVP=TRUE:mailto:{email}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
