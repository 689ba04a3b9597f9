"""Onboarding in Spanish for a candidate who applied in Spanish: the offer page and the
portal follow the candidate's language (the site's language switch still wins), their forms,
errors and messages, the e-mails; the words of record (the statement of intent kept with a
signature, the certificate page) stay in English. And a guard: nothing of ours left in
English."""

from __future__ import annotations

import html
import io
import re
from datetime import UTC, date, datetime

import docx
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation
from django_scopes import scope, scopes_disabled

from candidates.models import Candidate
from onboarding import esign, offers
from onboarding.models import Consent, FormKind, ItemKind, ItemOwner, Offer, Packet
from onboarding.reminders import packet_reminders_send
from tests.factories import PacketFactory, PacketItemFactory
from tests.onboarding.offer_helpers import (
    hide_libreoffice,
    in_offer_stage,
    link_path,
    make_offer,
    send,
)
from tests.onboarding.packet_helpers import new_application, send_packet
from tests.onboarding.test_portal import make_packet, step, token_of

pytestmark = pytest.mark.django_db
NAME = "Morgan Ellis"


@pytest.fixture(autouse=True)
def _no_pdf(monkeypatch):
    hide_libreoffice(monkeypatch)


def _in_spanish(application) -> None:
    """The candidate applied in Spanish."""
    Candidate.objects.with_scopes_disabled().filter(pk=application.candidate_id).update(
        language="es")


def _text(response) -> str:
    """The page as a reader sees its characters (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def _es(function, *args):
    with translation.override("es"):
        return function(*args)


def _long_es(day: date) -> str:
    return _es(offers.long_date, day)


def _date_es(day: date) -> str:
    return _es(formats.date_format, day, "DATE_FORMAT")


# --- The offer --------------------------------------------------------------------------------

@pytest.fixture
def offer(practice, manager, django_capture_on_commit_callbacks) -> Offer:
    """An offer sent to Morgan Ellis, who applied in Spanish; the letter e-mail went out."""
    application = in_offer_stage(practice, manager)
    _in_spanish(application)
    return send(make_offer(application, manager), manager, django_capture_on_commit_callbacks)


def _consent(client: Client, path: str) -> None:
    response = client.post(path, {"action": "consent", "agreed": "on"})
    assert response.status_code == 302


def test_the_offer_email_is_in_spanish(offer):
    [message] = mail.outbox

    assert message.subject == "Su oferta de Riverside Family Practice: Medical Assistant"
    body = message.body
    assert body.startswith(f"Hola, {NAME}:")
    for spanish in ("Riverside Family Practice tiene el gusto de ofrecerle el puesto de "
                    "Medical Assistant.",
                    "Lea su carta de oferta y acéptela con una firma electrónica, o rechácela, "
                    "en esta página privada:",
                    f"La oferta está abierta hasta el final del {_long_es(offer.expires_on)}.",
                    "Este enlace es personal: por favor, no lo reenvíe."):
        assert spanish in body, spanish


def test_the_offer_page_follows_the_candidates_language(client, offer):
    response = client.get(link_path())

    page = _text(response)
    assert response.status_code == 200
    assert '<html lang="es">' in page
    assert response["Content-Language"] == "es"
    for spanish in ("<title>Su oferta", "Su oferta: Medical Assistant", "Puesto", "Sueldo",
                    "$24.50 por hora", "Fecha de inicio", _long_es(offer.start_date),
                    "Plazo para responder",
                    f"{_long_es(offer.expires_on)} (hasta el final del día, America/Chicago)",
                    "Descargar (Word)", "Firmar electrónicamente",
                    "Documentos y firmas electrónicos: aviso y consentimiento",
                    "Riverside Family Practice desea entregarle por vía electrónica",
                    "Acepto usar documentos y firmas electrónicos", "Aceptar y continuar",
                    "¿Prefiere papel?"):
        assert spanish in page, spanish
    assert "Dear Morgan Ellis," in page  # the letter itself: the practice's own words


def test_the_signing_form_is_in_spanish_next_to_the_english_words_of_record(client, offer):
    path = link_path()
    _consent(client, path)

    page = _text(client.get(path))

    for spanish in ("Aceptar la oferta", "Escriba su nombre completo",
                    "Al escribir mi nombre y seleccionar “Firmar”, adopto el nombre escrito como "
                    "mi firma electrónica", "La declaración que se guarda con su firma está en "
                    "inglés:", "Firmar y aceptar", "Rechazar la oferta",
                    "¿Nos podría decir por qué? (opcional)", "Retirar mi consentimiento"):
        assert spanish in page, spanish
    assert f'<q lang="en">{esign.INTENT_TEXT}</q>' in page


def test_accepting_in_spanish_keeps_the_record_in_english(client, offer,
                                                          django_capture_on_commit_callbacks):
    path = link_path()
    _consent(client, path)

    wrong = client.post(path, {"action": "accept", "typed_name": "M. Ellis", "agreed": ""})
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(path, {"action": "accept", "typed_name": NAME, "agreed": "on"},
                               follow=True)

    assert "Escriba su nombre completo así: Morgan Ellis." in _text(wrong)
    assert "Marque la casilla para confirmar que desea firmar." in _text(wrong)
    assert ("Aceptó esta oferta. ¡Le damos la bienvenida al equipo!" in _text(accepted))
    assert f"Su fecha de inicio es el {_long_es(offer.start_date)}." in _text(accepted)
    with scopes_disabled():
        signature = Offer.objects.select_related("signature").get(pk=offer.pk).signature
        consent = Consent.objects.get(pk=signature.consent_id)
        with signature.signed_docx.open("rb") as handle:
            certificate = "\n".join(p.text for p in docx.Document(
                io.BytesIO(handle.read())).paragraphs)
    assert signature.intent_text == esign.INTENT_TEXT
    assert signature.email_verified_via.startswith("Private link e-mailed to")
    assert "Certificate of electronic signature" in certificate
    assert consent.ersd_sha256 == esign.sha256(_es(esign.ersd_text, offer.practice).encode())
    [copy] = [m for m in mail.outbox if m.subject.startswith("Su oferta firmada")]
    assert copy.subject == "Su oferta firmada: Medical Assistant en Riverside Family Practice"
    assert "Gracias por aceptar el puesto de Medical Assistant" in copy.body
    assert copy.attachments[0][0] == "carta-de-oferta-firmada.docx"


def test_the_language_switch_wins_over_the_candidates_language(client, offer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = _text(client.get(link_path()))

    assert "Your offer: Medical Assistant" in page
    assert '<html lang="en">' in page


def test_a_link_that_does_not_open_is_explained_in_the_browsers_language(offer):
    response = Client(HTTP_ACCEPT_LANGUAGE="es").get(link_path()[:-6] + "abcde/")

    page = _text(response)
    assert response.status_code == 404
    assert "No podemos abrir esta oferta" in page
    assert "Este enlace no es válido." in page


# --- The portal -------------------------------------------------------------------------------

@pytest.fixture
def packet(practice) -> Packet:
    """A packet of every kind of step for Morgan Ellis, who applied in Spanish."""
    packet = make_packet(practice, email="morgan.hire@example.test")  # apart from the offer's
    with scopes_disabled():
        _in_spanish(packet.application)
    return packet


def _portal(packet) -> str:
    return reverse("onboarding-public:portal", kwargs={"practice": packet.practice.slug,
                                                       "token": token_of(packet)})


def _item(packet, item, name: str = "portal-item") -> str:
    return reverse(f"onboarding-public:{name}", kwargs={
        "practice": packet.practice.slug, "token": token_of(packet), "item_id": item.public_id})


def test_the_checklist_follows_the_candidates_language(client, packet):
    response = client.get(_portal(packet))

    page = _text(response)
    due = step(packet, ItemKind.FORM, FormKind.PERSONAL).due_date
    assert response.status_code == 200
    assert '<html lang="es">' in page
    for spanish in ("<title>Su lista de pasos de incorporación", "Le damos la bienvenida, Morgan",
                    f"el {_date_es(packet.start_date)}, por favor, complete los pasos",
                    "0 de 6 pasos hechos", "Pendiente", f"vence el {_date_es(due)}",
                    "El consultorio", "Leer y firmar", "Nombre legal completo",
                    "Tal como aparece en su tarjeta del Seguro Social o en su pasaporte.",
                    "Dirección (calle y número)", "Código postal (ZIP)", "Fecha de nacimiento",
                    "Guardar", "Las fechas límite siguen el calendario del consultorio "
                    "(America/Chicago)."):
        assert spanish in page, spanish


def test_the_document_to_sign_is_in_spanish_before_and_after_consent(client, packet):
    item = step(packet, ItemKind.SIGN)
    before = _text(client.get(_item(packet, item)))
    client.post(reverse("onboarding-public:portal-consent", kwargs={
        "practice": packet.practice.slug, "token": token_of(packet)}),
        {"action": "give", "item": str(item.public_id), "agreed": "on"})

    after = _text(client.get(_item(packet, item)))

    for spanish in ("Volver a su lista de pasos", "Primero: acepte firmar electrónicamente",
                    "Este consentimiento abarca los documentos de su oferta de empleo",
                    "Leí el aviso anterior, puedo abrirlo y acepto recibir y firmar mis "
                    "documentos por vía electrónica.", "Acepto", "Descargar este aviso"):
        assert spanish in before, spanish
    for spanish in ("(versión 1)", "Descargar este documento (Word)",
                    "Escríbalo así: Morgan Ellis", "Al escribir mi nombre y seleccionar “Firmar”",
                    "La declaración que se guarda con su firma está en inglés:", ">Firmar<",
                    "Descargar el aviso que aceptó", "Retirar mi consentimiento (usar papel)"):
        assert spanish in after, spanish


def test_portal_errors_and_messages_are_in_spanish(client, packet):
    personal = step(packet, ItemKind.FORM, FormKind.PERSONAL)
    contact = step(packet, ItemKind.FORM, FormKind.EMERGENCY_CONTACT)
    deposit = step(packet, ItemKind.FORM, FormKind.DIRECT_DEPOSIT)

    refused = client.post(_item(packet, personal), {
        "legal_name": NAME, "street": "1 Main St", "city": "Springfield", "state": "IL",
        "postal_code": "627", "phone": "555", "date_of_birth": "1990-04-21"})
    bank = client.post(_item(packet, deposit), {
        "bank_name": "Prairie Bank", "account_type": "checking", "routing_number": "123456789",
        "account_number": "12", "account_number_confirm": "13"})
    done = client.post(_item(packet, contact), {"name": "Sam Ellis", "relationship": "spouse",
                                                "phone": "(217) 555-0100"}, follow=True)

    assert refused.status_code == bank.status_code == 400
    for spanish in ("Escriba un código postal de 5 dígitos, por ejemplo, 62701.",
                    "Escriba un número de teléfono de EE. UU. con su código de área"):
        assert spanish in _text(refused), spanish
    for spanish in ("Por su seguridad, nunca volvemos a mostrar los números bancarios",
                    "Este no es un número de ruta válido. Revise los 9 dígitos",
                    "Un número de cuenta tiene de 4 a 17 dígitos. Vuelva a escribirlo."):
        assert spanish in _text(bank), spanish
    assert "Listo: Emergency contact." in _text(done)
    assert "Para cambiar algo, comuníquese con el consultorio." in _text(done)


def test_the_disclosure_download_is_in_spanish(client, packet):
    response = client.get(reverse("onboarding-public:portal-disclosure", kwargs={
        "practice": packet.practice.slug, "token": token_of(packet)}))

    assert response.content.decode().startswith(
        "Documentos y firmas electrónicos: aviso y consentimiento")


def test_a_portal_link_that_does_not_open_is_explained_in_the_browsers_language(packet):
    response = Client(HTTP_ACCEPT_LANGUAGE="es").get(_portal(packet)[:-6] + "abcde/")

    page = _text(response)
    assert response.status_code == 404
    assert "No podemos abrir este enlace" in page
    assert ("Por favor, use el enlace de su correo más reciente o comuníquese con el "
            "consultorio.") in page


# --- The new hire's e-mails ---------------------------------------------------------------------

def test_the_checklist_email_is_in_spanish(practice, manager, django_capture_on_commit_callbacks):
    application = new_application(practice)
    _in_spanish(application)

    with django_capture_on_commit_callbacks(execute=True):
        packet = send_packet(practice, manager, application=application)

    [message] = mail.outbox
    assert message.subject == ("Su lista de pasos de incorporación a Riverside Family "
                               "Practice")
    assert message.body.startswith("Hola, Morgan:")
    for spanish in ("¡Le damos la bienvenida a Riverside Family Practice! Antes de comenzar "
                    f"como {application.job.title} el {_date_es(packet.start_date)}",
                    "Abra su lista de pasos aquí (también funciona en el teléfono):",
                    "Este enlace es solo para usted: por favor, no lo reenvíe."):
        assert spanish in message.body, spanish
    [(html_body, _mimetype)] = message.alternatives
    assert "Abrir su lista de pasos" in html_body


NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # 9:00 AM in Chicago, the practice's zone


def _late_packet(practice, manager, email: str = "ellis.late@example.test") -> Packet:
    """A packet of a Spanish-speaking new hire with one step a day late at NOW."""
    with scopes_disabled():
        application = new_application(practice, email=email)
        _in_spanish(application)
        late = PacketFactory(practice=practice, created_by=manager, application=application,
                             start_date=date(2026, 3, 6))
        PacketItemFactory(practice=practice, packet=late, kind=ItemKind.FORM,
                          owner=ItemOwner.NEW_HIRE, title="Direct deposit",
                          due_date=date(2026, 3, 3))
    return late


def _remind(practice) -> None:
    with scope(practice=practice):
        packet_reminders_send(practice=practice, now=NOW)


def test_the_reminder_is_in_spanish(practice, manager):
    _late_packet(practice, manager)

    _remind(practice)

    [message] = [m for m in mail.outbox if m.to == ["ellis.late@example.test"]]
    assert message.subject == ("Recordatorio: pasos por completar antes de empezar en "
                               "Riverside Family Practice")
    for spanish in ("Un recordatorio amable de Riverside Family Practice: estos pasos de su "
                    f"incorporación ya vencieron y todavía no están completos. Su fecha de "
                    f"inicio es el {_date_es(date(2026, 3, 6))}.",
                    f"- Direct deposit (fecha límite: {_date_es(date(2026, 3, 3))})",
                    "Continúe donde lo dejó:", "responda a este correo y le ayudaremos"):
        assert spanish in message.body, spanish


# --- The guard: nothing of ours left in English ---------------------------------------------

ENGLISH_ON = {
    "offer": ["Your offer", "Position<", "Pay<", "Start date", "Answer by", "end of the day",
              "per hour", "Download (Word)", "Sign electronically", "Before you sign",
              "Electronic records and signatures", "would like to give you documents",
              "Download this disclosure", "I agree to use", "Agree and continue",
              "Prefer paper?", "day,"],
    "offer_sign": ["Accept the offer", "Type your full name", "By typing my name and "
                   "selecting “Sign”, I adopt the typed name as my electronic signature on this "
                   "document and intend to sign it, with the same effect as a handwritten "
                   "signature.</label>", "Sign and accept", "Decline the offer",
                   "Would you tell us why?", "Changed your mind", "Withdraw my consent"],
    "offer_accepted": ["You have accepted this offer", "Welcome to the team",
                       "Your start date is", "Download your signed letter"],
    "offer_invalid": ["We can't open this offer", "This link is not valid",
                      "If you need help"],
    "portal": ["Welcome,", "Before you start as", "steps done", "To do<", ">due ", "The practice<",
               "Read and sign", "Full legal name", "As on your Social Security card",
               "Street address", "Apartment, suite", "ZIP code", "Date of birth", "Save<",
               "Relationship to you", "Bank name", "Account type", "Checking", "Savings",
               "Routing number", "The 9 digits", "Account number", "Type it a second time",
               ">File<span", "A PDF, or a photo", ">Upload<", "I completed this training on",
               "I confirm that I completed", ">Confirm<", "Due dates follow",
               "The practice will do this"],
    "portal_item": ["Back to your checklist", "First: agree to sign", "Download this "
                    "disclosure", "I have read the disclosure above", "I agree<",
                    "Prefer paper?", "would like to give you documents"],
    "portal_invalid": ["We can't open this link", "This link is not valid",
                       "Please use the link"],
}


def test_at_least_fifteen_english_strings_are_guarded():
    assert sum(len(strings) for strings in ENGLISH_ON.values()) >= 15


def _without_the_letter(page: str) -> str:
    """The letter is the practice's own words (US English unless they rewrote it)."""
    return re.sub(r'<div class="card-body offer-letter">.*?</div>', "", page, flags=re.S)


def test_no_english_of_ours_is_left_on_the_spanish_onboarding_pages(offer, packet):
    client, path = Client(), link_path()
    pages = {"offer": client.get(path),
             "offer_invalid": Client(HTTP_ACCEPT_LANGUAGE="es").get(path[:-6] + "abcde/"),
             "portal": client.get(_portal(packet)),
             "portal_item": client.get(_item(packet, step(packet, ItemKind.SIGN))),
             "portal_invalid": Client(HTTP_ACCEPT_LANGUAGE="es").get(
                 _portal(packet)[:-6] + "abcde/")}
    _consent(client, path)
    pages["offer_sign"] = client.get(path)
    client.post(path, {"action": "accept", "typed_name": NAME, "agreed": "on"})
    pages["offer_accepted"] = client.get(path)

    left = {name: [english for english in ENGLISH_ON[name]
                   if english in _without_the_letter(_text(response))]
            for name, response in pages.items()}

    assert left == {name: [] for name in pages}


def test_no_english_of_ours_is_left_in_the_spanish_emails(offer, practice, manager,
                                                          django_capture_on_commit_callbacks):
    application = new_application(practice, email="ellis.two@example.test")
    _in_spanish(application)
    with django_capture_on_commit_callbacks(execute=True):
        send_packet(practice, manager, application=application)
    _late_packet(practice, manager)
    _remind(practice)

    english = ["Hello", "is pleased to offer", "Read your offer letter", "open until",
               "This link is personal", "Welcome to", "Before you start", "Open your checklist",
               "for you alone", "A friendly reminder", "due ", "Continue where",
               "If something is unclear", "Reminder:", "Your offer", "onboarding checklist",
               "day,"]
    messages = [m for m in mail.outbox if m.to[0] != manager.email]
    assert len(messages) == 3
    left = {m.subject: [e for e in english if e in m.subject or e in m.body
                        or any(e in body for body, _type in getattr(m, "alternatives", []))]
            for m in messages}
    assert left == {m.subject: [] for m in messages}
