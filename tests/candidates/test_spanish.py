"""The public side in Spanish: chosen from the browser's language or the switch, pages,
form errors and the confirmation e-mail; and a guard that nothing of ours is left in
English, neither on the pages nor in the catalogue."""

from __future__ import annotations

import ast
import gettext
import html
import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation
from django_scopes import scope, scopes_disabled

from candidates.models import Application, EEOResponse
from hiring.models import Membership
from interviews.models import Interview
from interviews.slots import invitation_link, slot_invite
from jobs.models import SECTIONS as JOB_SECTIONS
from jobs.models import Education, EmploymentType, Job, PayUnit, WorkplaceType
from jobs.services import practice_today
from tests.candidates.files import pdf_upload, upload
from tests.factories import ApplicationFactory
from tests.interviews.test_slots import at, offer, pick, slot_at

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"


# --- helpers ---------------------------------------------------------------------------------

@pytest.fixture
def es() -> Client:
    """A visitor whose browser asks for Spanish."""
    return Client(HTTP_ACCEPT_LANGUAGE="es")


@pytest.fixture
def job(open_job) -> Job:
    """The open job with what the posting's facts show: a closing date, education,
    experience, and a section of each kind the applicant reads."""
    Job.objects.with_scopes_disabled().filter(pk=open_job.pk).update(
        closes_on=practice_today(open_job.practice) + timedelta(days=20),
        education=Education.HIGH_SCHOOL, experience_months=24,
        skills="<p>Bilingual</p>", about_us="<p>Family clinic</p>",
        how_to_apply="<p>Send your CV</p>")
    with scopes_disabled():
        return Job.objects.select_related("practice").get(pk=open_job.pk)


def _home(job) -> str:
    return reverse("careers:home", kwargs={"practice": job.practice.slug})


def _job_url(job) -> str:
    return reverse("careers:job", kwargs={"practice": job.practice.slug, "job_slug": job.slug})


def _apply_url(job) -> str:
    return reverse("candidates:apply", kwargs={"practice": job.practice.slug,
                                               "job_slug": job.slug})


def _privacy_url(job) -> str:
    return reverse("candidates:privacy", kwargs={"practice": job.practice.slug})


def _data(questions, **overrides) -> dict:
    data = {"first_name": "Jordan", "last_name": "Rivera", "email": "jordan@example.test",
            "phone": "555-0100", "resume": pdf_upload(), "cover_letter": "", "source": "",
            "consent": "on", "submission_key": str(uuid.uuid4()), "website": "",
            f"q_{questions[0].pk}": "yes", f"q_{questions[1].pk}": "Mornings"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _text(response) -> str:
    """The page as a reader sees its characters (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def _survey_url(client, job, questions) -> str:
    response = client.post(_apply_url(job), _data(questions))
    assert response.status_code == 302, _text(response)
    return response["Location"]


def _django_says(english: str) -> str:
    """One of Django's own messages as its Spanish catalogue has it."""
    with translation.override("es"):
        spanish = translation.gettext(english)
    assert spanish != english
    return spanish


def _spanish_date(value, fmt: str) -> str:
    with translation.override("es"):
        return formats.date_format(value, fmt)


# --- Spanish from the browser's language ---------------------------------------------------

def test_careers_home_in_spanish(es, job):
    response = es.get(_home(job))

    page = _text(response)
    closes = _spanish_date(job.closes_on, "MONTH_DAY_FORMAT")
    assert response.status_code == 200
    assert '<html lang="es">' in page
    assert response["Content-Language"] == "es"
    for spanish in ("Trabaje con nosotros en Riverside Family Practice", "Puestos disponibles",
                    "1 puesto disponible", "Tiempo completo", "$19.00 \N{EN DASH} $24.50 por hora",
                    f"Solicitudes hasta el {closes}",
                    "Riverside Family Practice es un empleador que ofrece igualdad de "
                    "oportunidades.", "Software de contratación:", "Ir al contenido",
                    "<title>Empleos — Riverside Family Practice</title>"):
        assert spanish in page


def test_job_page_in_spanish(es, job):
    response = es.get(_job_url(job))

    page = _text(response)
    assert response.status_code == 200
    for spanish in ("Todos los puestos disponibles", "Postúlese ahora", "Ubicación", "Tipo",
                    "Tiempo completo · Presencial", "Sueldo", "$19.00 \N{EN DASH} $24.50 por hora",
                    "Fecha límite", _spanish_date(job.closes_on, "j \\d\\e F \\d\\e Y"),
                    "Estudios", "Diploma de escuela secundaria", "Experiencia",
                    "Al menos 2 años", "Sobre el puesto", "Lo que hará", "A quién buscamos",
                    "Habilidades que le ayudarán", "Quiénes somos",
                    "Cómo postularse y qué sigue después"):
        assert spanish in page, spanish


def test_pay_without_one_end_reads_in_spanish(es, job):
    Job.objects.with_scopes_disabled().filter(pk=job.pk).update(pay_max=None,
                                                                pay_unit=PayUnit.YEAR)

    assert "Desde $19 por año" in _text(es.get(_job_url(job)))


def test_apply_form_in_spanish(es, job, questions):
    response = es.get(_apply_url(job))

    page = _text(response)
    assert response.status_code == 200
    for spanish in ("Solicitud: Medical Assistant", "Paso 1 de 2: su solicitud",
                    "Volver a ver el puesto", "Sus datos", "Nombre", "Apellido",
                    "Correo electrónico", "Teléfono", "Su currículum",
                    "PDF, Word, RTF, OpenDocument o texto; hasta 10 MB.", "Algunas preguntas",
                    "Sí", "Información adicional", "Carta de presentación (opcional)",
                    "¿Cómo se enteró de este puesto?", "Elija una opción (opcional)",
                    "Alguien que trabaja aquí", "Su privacidad", "Leer el aviso de privacidad",
                    "He leído el aviso de privacidad y acepto que el consultorio use mi "
                    "solicitud", "Enviar mi solicitud"):
        assert spanish in page, spanish


def test_apply_errors_in_spanish(es, job, questions):
    response = es.post(_apply_url(job), _data(questions, resume=None, consent=None,
                                              **{f"q_{questions[0].pk}": None}))

    page = _text(response)
    assert response.status_code == 400
    assert "Por favor, revise lo siguiente y vuelva a enviar el formulario:" in page
    assert "Currículum</a>: Por favor, adjunte su currículum." in page
    assert _django_says("This field is required.") in page
    assert "Please attach your résumé." not in page
    assert "This field is required." not in page
    assert Application.objects.with_scopes_disabled().count() == 0


@pytest.mark.parametrize(("name", "content", "spanish"), [
    ("resume.pdf", b"MZ\x90\x00" + b"\x00" * 200,
     "Solo podemos aceptar archivos PDF, Word (DOCX o DOC), RTF, OpenDocument o de texto sin "
     "formato. Por favor, guarde su currículum en uno de estos formatos."),
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
     "Solo podemos aceptar archivos PDF"),
])
def test_file_errors_in_spanish(es, job, questions, name, content, spanish):
    response = es.post(_apply_url(job), _data(questions, resume=upload(name, content)))

    page = _text(response)
    assert response.status_code == 400
    assert spanish in page
    assert "We can only accept" not in page


def test_an_empty_file_is_refused_in_spanish(es, job, questions):
    response = es.post(_apply_url(job), _data(questions, resume=upload("resume.pdf", b"")))

    assert response.status_code == 400
    assert _django_says("The submitted file is empty.") in _text(response)


def test_a_kept_resume_is_announced_in_spanish(es, job, questions):
    response = es.post(_apply_url(job), _data(questions, email="no-es-un-correo"))

    page = _text(response)
    assert _django_says("Enter a valid email address.") in page
    assert "Adjunto: resume.pdf" in page
    assert "Ya guardamos su currículum: no necesita adjuntarlo de nuevo." in page


def test_survey_in_spanish(es, job, questions):
    survey = _survey_url(es, job, questions)

    page = _text(es.get(survey))
    for spanish in ("Encuesta voluntaria", "Paso 2 de 2: una encuesta voluntaria",
                    "Recibimos su solicitud para Medical Assistant. ¡Muchas gracias!",
                    "Autoidentificación voluntaria", "Sexo", "Femenino", "Masculino",
                    "Prefiero no responder", "¿Es usted hispano o latino?",
                    "Raza (si no es hispano o latino)", "Asiático", "Dos o más razas",
                    "Condición de veterano protegido", "No soy veterano protegido",
                    "Condición de discapacidad", "No, no tengo ninguna discapacidad",
                    "Los veteranos protegidos incluyen", "Enviar mis respuestas",
                    "Omitir este paso"):
        assert spanish in page, spanish

    empty = es.post(survey, {"sex": ""})
    assert "Elija al menos una respuesta u omita este paso." in _text(empty)


def test_thank_you_page_in_spanish(es, job, questions):
    survey = _survey_url(es, job, questions)

    response = es.post(survey, {"skip": "1"}, follow=True)

    page = _text(response)
    assert response.status_code == 200
    for spanish in ("Gracias por enviar su solicitud",
                    "Riverside Family Practice recibió su solicitud para Medical Assistant.",
                    "Próximos pasos", "Le enviamos una confirmación a jordan@example.test.",
                    "El equipo de contratación lee cada solicitud",
                    "Ver nuestros otros puestos disponibles"):
        assert spanish in page, spanish


def test_applying_again_is_explained_in_spanish(es, job, questions):
    es.post(_apply_url(job), _data(questions))

    response = es.post(_apply_url(job), _data(questions), follow=True)

    assert ("Usted ya había enviado una solicitud para Medical Assistant"
            in _text(response))


# --- The switch -----------------------------------------------------------------------------

def test_the_language_switch_sets_spanish_and_back(client, job):
    home = _home(job)
    english = _text(client.get(home))
    assert "Work with us at" in english
    assert 'name="language" value="es"' in english

    switched = client.post("/i18n/setlang/", {"language": "es", "next": home})

    assert switched.status_code == 302
    assert switched["Location"] == home
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    spanish = _text(client.get(home))
    assert "Trabaje con nosotros en" in spanish
    assert 'aria-pressed="true">Español' in spanish

    back = client.post("/i18n/setlang/", {"language": "en", "next": home})

    assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Work with us at" in _text(client.get(home))


def test_the_switch_wins_over_the_browser(es, job):
    es.post("/i18n/setlang/", {"language": "en", "next": _home(job)})

    assert "Work with us at" in _text(es.get(_home(job)))


# --- The e-mail -----------------------------------------------------------------------------

def test_confirmation_email_is_in_the_language_applied_in(
        es, job, questions, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = es.post(_apply_url(job), _data(questions))

    assert response.status_code == 302
    assert Application.objects.with_scopes_disabled().get().language == "es"
    [message] = mail.outbox
    assert message.to == ["jordan@example.test"]
    assert message.subject == ("Recibimos su solicitud para Medical Assistant en "
                               "Riverside Family Practice")
    body = message.body
    assert body.startswith("Hola, Jordan:")
    assert ("Gracias por postularse al puesto de Medical Assistant en Riverside Family "
            "Practice.") in body
    assert "Próximos pasos: el equipo de contratación lee cada solicitud" in body
    assert "El puesto al que se postuló:" in body
    assert "Saludos cordiales,\nRiverside Family Practice" in body
    [(html_body, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Gracias por postularse al puesto de <strong>Medical Assistant</strong>" in html_body
    assert "Saludos cordiales,<br>Riverside Family Practice" in html_body
    for english in ("Hello", "Thank you for applying", "What happens next",
                    "The job you applied for", "With best regards", "We received"):
        assert english not in body
        assert english not in html_body
        assert english not in message.subject


def test_an_english_applicant_still_gets_english(client, job, questions,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_apply_url(job), _data(questions))

    [message] = mail.outbox
    assert message.subject.startswith("We received your application for Medical Assistant")
    assert message.body.startswith("Hello Jordan,")


# --- Self-scheduling: the e-mail with the private link and the page to pick a time -----------

WHEN_ES = "l j \\d\\e F \\d\\e Y, g:i a"  # the date and time of an interview, in Spanish


@pytest.fixture
def invitation(practice, owner, interviewer, django_capture_on_commit_callbacks):
    """Three times (9:00, 11:00, 14:00 in Chicago) offered to a Spanish-speaking applicant;
    the e-mail with the link goes out on commit."""
    with scopes_disabled():
        member = Membership.objects.get(user=interviewer)
        application = ApplicationFactory(practice=practice, candidate__language="es")
        application.job.hiring_team.add(member)
    with django_capture_on_commit_callbacks(execute=True):
        return offer(application, owner, member)


def _pick_path(invitation) -> str:
    return invitation_link(invitation).split("127.0.0.1:8000")[-1]


def _another_spanish_invitation(invitation, owner):
    """Another applicant of the same job, invited to the same times."""
    with scopes_disabled():
        application = ApplicationFactory(practice=invitation.practice,
                                         job=invitation.application.job,
                                         candidate__language="es")
    with scope(practice=invitation.practice):
        return slot_invite(offer=invitation.offer, application=application, actor=owner)


def test_the_pick_email_is_in_spanish(invitation):
    [message] = mail.outbox
    candidate, job = invitation.application.candidate, invitation.application.job

    assert message.to == [candidate.email]
    assert message.subject == (f"Elija el horario de su entrevista para {job.title} en "
                               "Riverside Family Practice")
    body = message.body
    assert body.startswith(f"Hola, {candidate.full_name}:")
    for spanish in (f"A Riverside Family Practice le gustaría entrevistarse con usted para el "
                    f"puesto de {job.title}. Por favor, elija el horario que más le convenga:",
                    f"- {_spanish_date(at(9), WHEN_ES)}", f"- {_spanish_date(at(14), WHEN_ES)}",
                    "(Horarios en la zona horaria America/Chicago.)",
                    "Tipo: Presencial · 45 minutos", "Lugar: 12 Main Street",
                    "Elija su horario aquí; cada horario es para la primera persona que lo "
                    "elija: http"):
        assert spanish in body, spanish
    for english in ("Hello", "Choose a time", "would like to interview", "Please choose",
                    "Times in", "Kind:", "On-site", "minutes", "Where:", "Choose your time",
                    "first person", " AM", " PM", "day,"):
        assert english not in body, english
        assert english not in message.subject, english


def test_the_pick_page_is_in_spanish(es, invitation):
    response = es.get(_pick_path(invitation))

    page = _text(response)
    assert response.status_code == 200
    assert '<html lang="es">' in page
    for spanish in ("<title>Elija el horario de su entrevista", "Su entrevista para",
                    "Duración", "45 minutos", "Tipo", "Presencial", "Dónde", "12 Main Street",
                    "Elija el horario que más le convenga",
                    "Los horarios están en la zona horaria America/Chicago. Cada horario es "
                    "para la primera persona que lo elija.",
                    f"<span>{_spanish_date(at(9), WHEN_ES)}</span>",
                    f"<span>{_spanish_date(at(11), WHEN_ES)}</span>", "Reservar este horario"):
        assert spanish in page, spanish


def test_picking_in_spanish_leads_to_the_interview_page_in_spanish(es, invitation):
    response = es.post(_pick_path(invitation), {"slot": str(slot_at(invitation, 11).public_id)},
                       follow=True)

    page = _text(response)
    assert response.status_code == 200
    assert "Gracias, ha confirmado su asistencia." in page
    assert _spanish_date(at(11), WHEN_ES) in page


def test_the_pick_page_explains_in_spanish(es, invitation, owner):
    other = _another_spanish_invitation(invitation, owner)
    pick(other, slot_at(invitation, 11))

    taken = es.post(_pick_path(invitation), {"slot": str(slot_at(invitation, 11).public_id)})
    nothing = es.post(_pick_path(invitation), {"slot": ""})
    pick(invitation, slot_at(invitation, 9))
    chosen = es.post(_pick_path(invitation), {"slot": str(slot_at(invitation, 14).public_id)})

    assert taken.status_code == nothing.status_code == chosen.status_code == 400
    assert (f"Otra persona acaba de reservar el {_spanish_date(at(11), WHEN_ES)}. Horarios "
            f"todavía libres: {_spanish_date(at(9), WHEN_ES)}; "
            f"{_spanish_date(at(14), WHEN_ES)}.") in _text(taken)
    assert "Elija uno de los horarios." in _text(nothing)
    for spanish in (f"Usted ya eligió el {_spanish_date(at(9), WHEN_ES)}. Use el enlace de "
                    "abajo para confirmar su asistencia o pedir otro horario.",
                    f"Usted eligió el {_spanish_date(at(9), WHEN_ES)}.",
                    "Ver su entrevista, confirmar o pedir otro horario"):
        assert spanish in _text(chosen), spanish


def test_the_pick_page_without_free_times_is_in_spanish(es, invitation, owner):
    for hour in (9, 11, 14):
        pick(_another_spanish_invitation(invitation, owner), slot_at(invitation, hour))

    page = _text(es.get(_pick_path(invitation)))

    assert ("Todos los horarios ofrecidos ya se reservaron o ya pasaron. Por favor, llame al "
            "consultorio.") in page


def test_a_bad_pick_link_is_explained_in_spanish(es, invitation):
    response = es.get(_pick_path(invitation)[:-6] + "abcde/")

    page = _text(response)
    assert response.status_code == 404
    assert "No podemos abrir este enlace" in page
    assert ("Este enlace no es válido. Use el enlace de su correo más reciente o llame al "
            "consultorio.") in page


# --- The guard: nothing of ours left in English --------------------------------------------

# Our own English on each public page; none may remain when the page is in Spanish.
ENGLISH_ON = {
    "home": ["Work with us at", "Open positions", "open position", "Careers —",
             "Full-time", "per hour", "Apply by", "is an equal opportunity employer",
             "Hiring software:", "Skip to content"],
    "job": ["All open positions", "Apply now", "About the role", "What you'll do",
            "Who you are", "Skills that help", "Who we are", "How to apply and what happens",
            ">Location<", ">Type<", ">Pay<", ">Education<", ">Experience<", "At least",
            "High school diploma", "On-site", "years"],
    "apply": ["Step 1 of 2", "Step 2: a voluntary survey", "Read the job again", "About you",
              "Your résumé", "A few questions", "Anything else", "Your privacy",
              "Send my application", "First name", "Last name", "E-mail address",
              "Where did you hear about this job?", "Choose one (optional)", "Cover letter",
              "I have read the privacy notice", "Read the privacy notice", "Someone who works",
              "Social media", "Leave this field empty", "or text; up to 10 MB"],
    "apply_errors": ["Please check these and send again", "Please attach your résumé.",
                     "This field is required."],
    "survey": ["Voluntary survey", "Voluntary self-identification", "Send my answers",
               "Skip this step", "I do not wish to answer", "Protected veterans include",
               "Are you Hispanic or Latino?", "Disability status", "Female",
               "Your application for", "Two or More Races", "protected veteran"],
    "thanks": ["Thank you for applying", "What happens next", "We sent a confirmation",
               "The hiring team reads every application", "See our other open jobs",
               "Either way"],
    "privacy": ["Privacy notice for applicants", "What we collect", "Your rights",
                "How long we keep it", "Contact details:", "We do not sell"],
    "pick": ["Choose your interview time", "Your interview for", "How long", ">Kind<",
             "On-site", "minutes", ">Where<", "Choose the time that suits you", "Times are in",
             "first person who chooses", "Book this time", " AM", " PM", "day,"],
    "pick_taken": ["Someone else took", "Still free", "Book this time"],
    "pick_chosen": ["You already chose", "You chose", "Use the link below",
                    "See your interview, confirm"],
    "pick_invalid": ["We can't open this link", "This link is not valid",
                     "Please use the link"],
}


def test_at_least_fifteen_english_strings_are_guarded():
    assert sum(len(strings) for strings in ENGLISH_ON.values()) >= 15


def test_no_english_of_ours_is_left_on_the_spanish_pages(es, job, questions):
    pages = {
        "home": es.get(_home(job)),
        "job": es.get(_job_url(job)),
        "apply": es.get(_apply_url(job)),
        "apply_errors": es.post(_apply_url(job), _data(
            questions, resume=None, **{f"q_{questions[0].pk}": None})),
        "privacy": es.get(_privacy_url(job)),
    }
    survey = _survey_url(es, job, questions)
    pages["survey"] = es.get(survey)
    pages["thanks"] = es.post(survey, {"skip": "1"}, follow=True)

    left = {name: [english for english in ENGLISH_ON[name] if english in _text(response)]
            for name, response in pages.items()}

    assert left == {name: [] for name in pages}


def test_no_english_of_ours_is_left_on_the_spanish_pick_pages(es, invitation, owner):
    other = _another_spanish_invitation(invitation, owner)
    pick(other, slot_at(invitation, 11))
    path = _pick_path(invitation)
    pages = {"pick": es.get(path),
             "pick_taken": es.post(path, {"slot": str(slot_at(invitation, 11).public_id)}),
             "pick_invalid": es.get(path[:-6] + "abcde/")}
    pick(invitation, slot_at(invitation, 9))
    pages["pick_chosen"] = es.post(path, {"slot": str(slot_at(invitation, 14).public_id)})

    left = {name: [english for english in ENGLISH_ON[name] if english in _text(response)]
            for name, response in pages.items()}

    assert left == {name: [] for name in pages}


# The catalogue: every entry the public side uses has its Spanish.
PUBLIC_FILES = ("templates/base.html", "templates/careers_base.html",
                "templates/jobs/_posting.html", "candidates/uploads.py",
                "candidates/careers_views.py", "jobs/careers_views.py", "jobs/pay.py",
                "jobs/templatetags/jobs_tags.py", "interviews/careers_views.py",
                "templates/interviews/slot_pick.html", "templates/interviews/respond.html",
                "templates/interviews/respond_invalid.html",
                # onboarding: the candidate's offer page and the new hire's portal
                "templates/onboarding/offer_letter.html", "templates/onboarding/offer_invalid.html",
                "onboarding/offer_public_views.py", "onboarding/portal_views.py",
                "onboarding/portal_forms.py", "onboarding/links.py", "onboarding/uploads.py")
PUBLIC_PREFIXES = ("templates/careers/", "templates/includes/",
                   "templates/emails/application_received", "templates/emails/interview_invite",
                   "templates/emails/interview_pick", "templates/onboarding/portal",
                   "templates/onboarding/_portal_step", "templates/emails/offer_letter",
                   "templates/emails/offer_accepted", "templates/emails/packet_link",
                   "templates/emails/packet_reminder")
# These modules also hold staff work (offering times, scheduling, making offers, sending
# packets): their public part is what runs behind the candidate's private links, by the name
# of its top-level function, class or constant
PUBLIC_FUNCTIONS = {
    "interviews/slots.py": {"_when", "invitation_from_link", "slot_pick", "_taken_message"},
    "interviews/services.py": {"interview_from_link", "interview_candidate_answer"},
    "onboarding/offers.py": {"long_date", "offer_from_token", "offer_answerable",
                             "offer_consent", "offer_response_notify"},
    "onboarding/offer_forms.py": {"ConsentForm", "AcceptForm", "DeclineForm"},
    "onboarding/portal.py": {"packet_from_link", "packet_consent_give", "_claim",
                             "packet_item_sign", "packet_item_fill", "packet_item_direct_deposit",
                             "packet_item_attest", "attestation_statement"},
    "onboarding/esign.py": {"INTENT_TEXT", "ersd_text", "sign"},
}
# candidates/forms.py also holds staff forms (rejecting an application...): its public
# part is everything but the top-level classes of staff forms
PUBLIC_FORMS = {"ApplyForm", "EEOForm"}


def _po_entries(path: Path) -> list[dict]:
    """msgctxt, msgid, msgid_plural, msgstr (by index), flags and references of each entry
    of a .po file; strings may run over several lines. Obsolete (#~) entries are left out."""
    entries: list[dict] = []
    entry: dict = {}
    field = None

    def finish() -> None:
        nonlocal entry, field
        if "msgid" in entry:
            entries.append(entry)
        entry, field = {}, None

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#"):
            if "msgid" in entry:
                finish()
            if line.startswith("#:"):
                entry.setdefault("refs", []).extend(line[2:].split())
            elif line.startswith("#,"):
                entry.setdefault("flags", []).extend(f.strip() for f in line[2:].split(","))
        elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$',
                               line):
            keyword, index, value = match.groups()
            if keyword in ("msgid", "msgctxt") and "msgid" in entry:
                finish()
            value = ast.literal_eval(value)
            if keyword == "msgstr":
                field = ("msgstr", int(index or 0))
                entry.setdefault("msgstr", {})[field[1]] = value
            else:
                field = (keyword, None)
                entry[keyword] = value
        elif line.startswith('"') and field:
            value = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += value
            else:
                entry[field[0]] += value
    finish()
    return entries


def _staff_form_lines() -> set[int]:
    """Line numbers of candidates/forms.py inside top-level classes that are not public."""
    lines = (Path(settings.BASE_DIR) / "candidates/forms.py").read_text().splitlines()
    staff, inside = set(), False
    for number, line in enumerate(lines, 1):
        if line and not line[0].isspace() and not line.startswith((")", "]", "#")):
            match = re.match(r"class (\w+)", line)
            inside = bool(match) and match.group(1) not in PUBLIC_FORMS
        if inside:
            staff.add(number)
    return staff


def _top_level_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [target.id for target in node.targets if isinstance(target, ast.Name)]
    return []


def _public_function_lines() -> dict[str, set[int]]:
    """Line numbers of the functions (classes, constants) of PUBLIC_FUNCTIONS, by file."""
    lines: dict[str, set[int]] = {}
    for path, names in PUBLIC_FUNCTIONS.items():
        tree = ast.parse((Path(settings.BASE_DIR) / path).read_text())
        found = {name: range(node.lineno, node.end_lineno + 1) for node in tree.body
                 for name in _top_level_names(node)}
        assert names <= set(found), names - set(found)  # renamed: keep it guarded
        lines[path] = {number for name in names for number in found[name]}
    return lines


def _msgids(choices) -> set[str]:
    with translation.override(None):  # the lazy labels give their msgids
        return {str(label) for _value, label in choices if str(label)}


def _public_msgids() -> set[str]:
    """What applicants see from the models: EEO survey answers, the posting's facts and the
    kind of their interview."""
    ids: set[str] = set()
    for choices in (EEOResponse.Sex, EEOResponse.Ethnicity, EEOResponse.Race,
                    EEOResponse.Veteran, EEOResponse.Disability, EmploymentType,
                    WorkplaceType, PayUnit, Education, Interview.Kind):
        ids |= _msgids(choices.choices)
    return ids | _msgids(JOB_SECTIONS)


def _is_public(entry: dict, staff_form_lines: set[int], model_ids: set[str],
               function_lines: dict[str, set[int]]) -> bool:
    if entry["msgid"] in model_ids:
        return True
    for ref in entry.get("refs", []):
        path, _, line = ref.rpartition(":")
        if path in PUBLIC_FILES or path.startswith(PUBLIC_PREFIXES):
            return True
        if path == "candidates/forms.py" and int(line) not in staff_form_lines:
            return True
        if int(line) in function_lines.get(path, ()):
            return True
    return False


def _public_entries() -> list[dict]:
    entries = [e for e in _po_entries(PO_FILE) if e["msgid"]]
    staff, model_ids, functions = _staff_form_lines(), _public_msgids(), _public_function_lines()
    return [e for e in entries if _is_public(e, staff, model_ids, functions)]


def test_the_catalogue_has_the_plural_rule_of_spanish():
    [header] = [e for e in _po_entries(PO_FILE) if e["msgid"] == ""]
    assert "Language: es\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header["msgstr"][0]
    assert "fuzzy" not in header.get("flags", [])


def test_every_public_entry_is_translated():
    public = _public_entries()
    assert len(public) > 150  # the parser found the public side, not a stray handful

    untranslated = [e["msgid"] for e in public
                    if not all(e.get("msgstr", {}).values()) or "fuzzy" in e.get("flags", [])]

    assert untranslated == []


def test_model_labels_applicants_see_are_in_the_catalogue():
    msgids = {e["msgid"] for e in _po_entries(PO_FILE)}

    assert _public_msgids() - msgids == set()


def test_the_compiled_catalogue_matches_the_po():
    """The .mo is checked in (a machine without gettext still serves Spanish): it must say
    what the .po says."""
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in _public_entries():
        msgid, msgstr = entry["msgid"], entry["msgstr"]
        if "msgid_plural" in entry:
            got = [compiled.ngettext(msgid, entry["msgid_plural"], n) for n in (1, 2)]
            want = [msgstr[0], msgstr[1]]
        elif "msgctxt" in entry:
            got, want = compiled.pgettext(entry["msgctxt"], msgid), msgstr[0]
        else:
            got, want = compiled.gettext(msgid), msgstr[0]
        if got != want:
            stale.append(msgid)

    assert stale == []


def test_placeholders_survive_translation():
    for entry in _public_entries():
        names = set(re.findall(r"%\((\w+)\)", entry["msgid"]))
        tags = sorted(re.findall(r"</?\w+>", entry["msgid"]))
        for msgstr in entry["msgstr"].values():
            assert set(re.findall(r"%\((\w+)\)", msgstr)) == names, entry["msgid"]
            assert sorted(re.findall(r"</?\w+>", msgstr)) == tags, entry["msgid"]
