"""Demo applicants for the demo practice: people in every stage of the demo jobs, with PDF
résumés the seed writes itself, notes, stars and tags. Made through the same services a
practice uses, so the demo shows what the product really does."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from candidates import pipeline, team_work
from candidates.models import Application, Candidate, Resume, StageChange
from candidates.services import resume_text_extract
from hiring.models import Practice, User
from jobs.models import Job

PEOPLE = [
    ("Alicia", "Moreno"), ("Brandon", "Okafor"), ("Chloe", "Nguyen"), ("Darius", "Patel"),
    ("Elena", "Kowalski"), ("Farah", "Haddad"), ("Gabriel", "Santos"), ("Hannah", "Lindqvist"),
    ("Isaac", "Bennett"), ("Jasmine", "Carter"), ("Kevin", "Osei"), ("Laura", "Fitzgerald"),
    ("Marisol", "Vega"), ("Nathan", "Brooks"), ("Olivia", "Reyes"), ("Priya", "Raman"),
    ("Quinn", "Harper"), ("Rosa", "Delgado"), ("Samuel", "Adeyemi"), ("Tessa", "Whitman"),
    ("Uma", "Krishnan"), ("Victor", "Alvarez"), ("Whitney", "Coleman"), ("Yusuf", "Ibrahim"),
]
SOURCES = ["indeed", "ziprecruiter", "google", "careers-page", "referral", "indeed"]
EXPERIENCE = {
    "medical-office-manager": "managed the front office of a busy family practice, "
                              "supervised six staff and led an EHR upgrade",
    "medical-assistant": "roomed patients, took vitals and histories and gave immunizations "
                         "in a pediatric clinic",
    "medical-receptionist": "checked patients in and out, verified insurance and kept the "
                            "schedule of four providers",
}


def resume_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with real, extractable text (no PDF library needed)."""
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = "BT /F1 11 Tf 72 740 Td 15 TL " + " ".join(
        f"({escape(line)}) Tj T*" for line in lines) + " ET"
    stream = body.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def seed_applicants(*, practice: Practice, owner: User) -> int:
    """Applicants for the published demo jobs; skipped when the practice has some already.
    Expects to run with scopes disabled (management command)."""
    if practice.candidates.exists():
        return 0
    rng = random.Random(2026)  # the same demo every time  # noqa: S311
    jobs = list(practice.jobs.filter(status=Job.Status.PUBLISHED).order_by("created_at"))
    people = iter(PEOPLE)
    made = 0
    for job in jobs:
        stages = pipeline.job_pipeline(job)
        for _ in range(min(8, len(PEOPLE) // max(len(jobs), 1))):
            first, last = next(people)
            application = _apply(practice, job, first, last, rng)
            _advance(application, stages, owner, rng)
            _spread_history(application, rng)
            made += 1
    return made


def _apply(practice: Practice, job: Job, first: str, last: str,
           rng: random.Random) -> Application:
    candidate = Candidate.objects.create(
        practice=practice, first_name=first, last_name=last,
        email=f"{first}.{last}@example.com".lower(), phone=f"(503) 555-{rng.randint(1000, 9999)}")
    applied = timezone.now() - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 12))
    application = Application.objects.create(
        practice=practice, candidate=candidate, job=job, source=rng.choice(SOURCES),
        submission_key=uuid.uuid4(), consented_at=applied, confirmation_sent_at=applied)
    Application.objects.filter(pk=application.pk).update(created_at=applied)
    application.refresh_from_db()
    lines = [f"{first} {last}", f"{candidate.email} | {candidate.phone} | Portland, OR", "",
             "Summary", f"Health-care professional applying for {job.title}.",
             "", "Experience",
             f"{rng.randint(2, 9)} years: {EXPERIENCE.get(job.slug, 'worked in outpatient care')}.",
             "Fluent in English" + (" and Spanish." if rng.random() < 0.4 else "."),
             "", "Certifications", "BLS / CPR (American Heart Association)"]
    resume = Resume(practice=practice, candidate=candidate, application=application,
                    original_name=f"{first}-{last}-resume.pdf", content_type="application/pdf",
                    extension="pdf", size=0, sha256="")
    content = resume_pdf(lines)
    resume.size = len(content)
    resume.file.save("resume.pdf", ContentFile(content), save=False)
    resume.save()
    resume_text_extract(resume=resume)
    return pipeline.application_enter_pipeline(application=application)


def _spread_history(application: Application, rng: random.Random) -> None:
    """Moves made a second ago would read oddly: lay them out over the days since applying."""
    when = application.created_at
    for change in application.stage_changes.order_by("id"):
        StageChange.objects.filter(pk=change.pk).update(created_at=when)
        when += timedelta(days=rng.randint(1, 3), hours=rng.randint(1, 6))
    latest = min(when, timezone.now())
    Application.objects.filter(pk=application.pk).update(stage_changed_at=latest)
    application.notes.update(created_at=latest)
    application.resumes.update(created_at=application.created_at)


def _advance(application: Application, stages: list, owner: User, rng: random.Random) -> None:
    steps = rng.choice([0, 0, 1, 1, 2, 2, 3, 4])
    for stage in stages[1:steps + 1]:
        application = pipeline.application_move(application=application, to_stage=stage,
                                                actor=owner)
    if steps <= 1 and rng.random() < 0.25:
        reason = application.practice.rejection_reasons.order_by("?").first()
        pipeline.application_reject(application=application, actor=owner, reason=reason)
        return
    if steps >= 1:
        team_work.rating_set(application=application, reviewer=owner,
                             stars=rng.randint(3, 5))
        team_work.note_add(application=application, author=owner,
                           body=rng.choice(["Warm and clear on the phone.",
                                            "Strong EHR experience; ask about weekend cover.",
                                            "References check out."]))
    if rng.random() < 0.3:
        team_work.candidate_tag_add(candidate=application.candidate, name="bilingual",
                                    actor=owner)
