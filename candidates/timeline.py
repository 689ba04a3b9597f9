"""Everything that happened to a candidate, in one list, newest first. Later stages add
their events through `register` (from their AppConfig.ready), so this app imports none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from candidates.models import Candidate, Message, Note, Resume, StageChange


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # applied, moved, ended, note, message, resume, or a source's own
    title: str
    detail: str = ""
    who: str = ""


# (candidate) -> that stage's events; keep each to a fixed number of queries
Source = Callable[[Candidate], list[Event]]
_sources: list[Source] = []


def register(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def _stage_event(change: StageChange) -> Event:
    who = change.actor.full_name if change.actor else ""
    job = change.application.job.title
    if change.from_status == change.to_status and change.from_stage_id is None:
        return Event(change.created_at, "applied", _("Applied for %(job)s") % {"job": job})
    if change.to_status != change.from_status:
        if change.to_status == "active":
            return Event(change.created_at, "moved", _("Back in the pipeline for %(job)s")
                         % {"job": job}, who=who)
        return Event(change.created_at, "ended", _("%(status)s for %(job)s") % {
            "status": change.get_to_status_display(), "job": job}, change.reason, who)
    return Event(change.created_at, "moved", _("%(from)s → %(to)s (%(job)s)") % {
        "from": change.from_stage_name, "to": change.to_stage_name, "job": job}, who=who)


def candidate_timeline(candidate: Candidate) -> list[Event]:
    """Four queries and those of the registered sources, whatever the candidate's
    history."""
    events = [_stage_event(c) for c in StageChange.objects.filter(
        application__candidate=candidate).select_related("actor", "application__job")]
    events += [Event(n.created_at, "note", _("Note"), n.body,
                     n.author.full_name if n.author else "")
               for n in Note.objects.filter(candidate=candidate).select_related("author")]
    events += [Event(m.created_at, "message", _("E-mail: %(subject)s") % {"subject": m.subject},
                     m.get_status_display(), m.sender.full_name if m.sender else "")
               for m in Message.objects.filter(candidate=candidate).select_related("sender")]
    events += [Event(r.created_at, "resume", _("Résumé received (version %(v)s)")
                     % {"v": r.version}, r.original_name)
               for r in Resume.objects.filter(candidate=candidate)]
    for source in _sources:
        events += source(candidate)
    return sorted(events, key=lambda e: e.at, reverse=True)
