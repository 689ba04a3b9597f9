"""What the team adds to a candidate: notes (with @mentions that e-mail the teammate),
star ratings and tags."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Application, Candidate, CandidateTag, Note, Rating, Tag
from candidates.search import candidate_search_refresh
from hiring import outbox
from hiring.emails import send_templated_email
from hiring.models import Membership, User
from hiring.services import audit_log

# Later apps hide the team's scores of some candidates from some members (interviews:
# blind scoring until your own scorecard is in). A rule takes the member and application
# ids and returns the ids to hide; the candidates app shows scores through this only.
BlindRule = Callable[[Membership, set[int]], set[int]]
_blind_rules: list[BlindRule] = []


def register_blind_rule(rule: BlindRule) -> BlindRule:
    if rule not in _blind_rules:
        _blind_rules.append(rule)
    return rule


def scores_hidden(*, membership: Membership, application_ids: set[int]) -> set[int]:
    hidden: set[int] = set()
    for rule in _blind_rules:
        hidden |= rule(membership, set(application_ids))
    return hidden


def hide_scores(*, membership: Membership, applications: list[Application]) -> None:
    """Blank the average rating of rows the member may not see scores of yet."""
    hidden = scores_hidden(membership=membership, application_ids={a.pk for a in applications})
    for application in applications:
        if application.pk in hidden:
            application.average_rating = None


MENTION = re.compile(r"(?<![\w.])@([\w.+-]+)")


def mentioned_members(*, practice_members: list[Membership], body: str) -> list[Membership]:
    """Members named in the text by @first-name or @the-part-of-their-e-mail-before-@.
    A name two teammates share mentions neither: the note should not go to the wrong one."""
    wanted = {token.lower().rstrip(".") for token in MENTION.findall(body)}
    found = []
    for token in wanted:
        matches = [m for m in practice_members
                   if token in {m.user.email.split("@")[0].lower(),
                                m.user.get_short_name().lower()}]
        if len(matches) == 1:
            found.append(matches[0])
    return found


@transaction.atomic
def note_add(*, application: Application, author: User, body: str) -> Note:
    """Keep a note on the candidate; teammates @mentioned in it get an e-mail."""
    body = body.strip()
    if not body:
        raise ValidationError(_("Write something first."))
    members = list(application.practice.memberships.select_related("user"))
    note = Note.objects.create(practice=application.practice, candidate=application.candidate,
                               application=application, author=author, body=body[:5000])
    candidate_search_refresh(note.candidate)
    mentioned = [m for m in mentioned_members(practice_members=members, body=body)
                 if m.user_id != author.pk]
    if mentioned:
        note.mentions.set(mentioned)
        from candidates.tasks import note_mentions_notify as notify_task

        outbox.enqueue(notify_task, practice=application.practice, note_id=note.pk)
    audit_log(action="candidates.note.added", actor=author, obj=note,
              data={"mentions": len(mentioned)})
    return note


def note_mentions_notify(*, note: Note) -> None:
    """E-mail each mentioned teammate once (at-least-once for the batch: a teammate already
    told is skipped by the claim on the note)."""
    with transaction.atomic():
        claimed = Note.objects.filter(pk=note.pk, mentions_notified_at=None).update(
            mentions_notified_at=timezone.now())
        if claimed != 1:
            return
        note = Note.objects.select_related("author", "candidate", "application__job").get(
            pk=note.pk)
        path = reverse("candidates-staff:application-detail", kwargs={
            "practice": note.practice.slug, "application_id": note.application.public_id})
        for member in note.mentions.select_related("user"):
            send_templated_email(template="note_mention", to=[member.user.email], context={
                "note": note, "member": member, "path": path, "practice": note.practice})


@transaction.atomic
def rating_set(*, application: Application, reviewer: User, stars: int) -> Rating:
    """A reviewer's own stars for an application (1 to 5); setting again replaces them."""
    if not 1 <= stars <= 5:
        raise ValidationError(_("Give between one and five stars."))
    rating, _created = Rating.objects.update_or_create(
        application=application, reviewer=reviewer,
        defaults={"practice": application.practice, "stars": stars})
    return rating


def rating_summary(application: Application) -> dict[str, object]:
    result = application.ratings.aggregate(average=Avg("stars"), count=Count("id"))
    return {"average": round(result["average"], 1) if result["average"] else None,
            "count": result["count"]}


@transaction.atomic
def candidate_tag_add(*, candidate: Candidate, name: str, actor: User) -> Tag:
    name = " ".join(name.split())[:40]
    if not name:
        raise ValidationError(_("Type a tag."))
    tag = Tag.objects.filter(practice=candidate.practice, name__iexact=name).first()
    if tag is None:
        try:
            with transaction.atomic():
                tag = Tag.objects.create(practice=candidate.practice, name=name)
        except IntegrityError:  # created by someone else a moment ago
            tag = Tag.objects.get(practice=candidate.practice, name__iexact=name)
    CandidateTag.objects.get_or_create(practice=candidate.practice, candidate=candidate,
                                       tag=tag)
    audit_log(action="candidates.tag.added", actor=actor, obj=candidate,
              data={"tag": tag.name})
    return tag


@transaction.atomic
def candidate_tag_remove(*, candidate: Candidate, tag: Tag, actor: User) -> None:
    CandidateTag.objects.filter(candidate=candidate, tag=tag).delete()
    audit_log(action="candidates.tag.removed", actor=actor, obj=candidate,
              data={"tag": tag.name})
