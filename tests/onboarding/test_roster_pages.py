"""The team roster's pages: the list with expiry badges in words, adding and editing by
hand, an employee's credentials and signed documents, and who may see any of it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.models import AuditEvent
from onboarding import esign
from onboarding.models import (
    Credential,
    Employee,
    ItemKind,
    ItemOwner,
    Offer,
    Packet,
    PacketItem,
)
from tests.factories import ApplicationFactory
from tests.onboarding.roster_helpers import (
    HIRE,
    NOW,
    TODAY,
    detail_url,
    make_credential,
    make_employee,
    roster_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


# --- The roster page ----------------------------------------------------------------------------

def test_roster_shows_role_start_date_and_next_expiry_in_words(manager_client, practice):
    nurse = make_employee(practice, full_name="Dana Nurse", role_title="Registered nurse",
                      start_date=date(2023, 9, 5))
    make_credential(nurse, expires_on=TODAY + timedelta(days=12))
    make_credential(nurse, expires_on=TODAY + timedelta(days=300))
    lapsed = make_employee(practice, full_name="Eli Lapsed")
    make_credential(lapsed, expires_on=TODAY - timedelta(days=2))
    make_employee(practice, full_name="Gone Away", status=Employee.Status.LEFT)

    page = manager_client.get(roster_url("employee-list", practice)).content.decode()

    assert "Dana Nurse" in page
    assert "Registered nurse" in page
    assert "Sep 5, 2023" in page
    assert "Mar 16, 2025" in page
    assert "expires in 12 days" in page
    assert "Eli Lapsed" in page
    assert "expired" in page
    assert "Gone Away" not in page


def test_roster_filters_those_who_left(manager_client, practice):
    make_employee(practice, full_name="Still Here")
    make_employee(practice, full_name="Gone Away", status=Employee.Status.LEFT)

    page = manager_client.get(roster_url("employee-list", practice), {"status": "left"})

    assert "Gone Away" in page.content.decode()
    assert "Still Here" not in page.content.decode()


@pytest.mark.parametrize("more", [2, 20])
def test_roster_queries_stay_flat(owner_client, practice, more, django_assert_num_queries):
    for _ in range(2):
        make_credential(make_employee(practice))
    owner_client.get(roster_url("employee-list", practice))
    with django_assert_num_queries(5) as few:  # session, user, member, roster, switcher
        owner_client.get(roster_url("employee-list", practice))
    for _ in range(more):
        make_credential(make_employee(practice), expires_on=TODAY + timedelta(days=5))

    with django_assert_num_queries(len(few.captured_queries)):
        response = owner_client.get(roster_url("employee-list", practice))

    assert len(response.context["employees"]) == 2 + more


def test_the_sidebar_links_the_roster_for_managers_only(manager_client, interviewer_client,
                                                         practice):
    link = roster_url("employee-list", practice)

    roster_page = manager_client.get(link).content.decode()
    dashboard = interviewer_client.get(reverse("hiring:dashboard",
                                               kwargs={"practice": practice.slug}))

    assert f'aria-current="page" href="{link}"' in roster_page
    assert link not in dashboard.content.decode()


def test_interviewer_reaches_no_employee(interviewer_client, practice):
    employee = make_employee(practice)

    assert interviewer_client.get(detail_url(employee)).status_code == 403
    assert interviewer_client.get(roster_url("employee-list", practice)).status_code == 403


# --- Adding and changing by hand ----------------------------------------------------------------

def test_manager_adds_an_employee_by_hand(manager_client, practice):
    response = manager_client.post(roster_url("employee-create", practice), HIRE)

    with scopes_disabled():
        employee = Employee.objects.get(practice=practice)
    assert response.status_code == 302
    assert response["Location"] == detail_url(employee)
    assert employee.full_name == "Avery Brooks"


def test_adding_without_a_role_shows_the_form_again(manager_client, practice):
    response = manager_client.post(roster_url("employee-create", practice),
                                   {**HIRE, "role_title": ""})

    assert response.status_code == 400
    assert response.context["form"].errors["role_title"]
    with scopes_disabled():
        assert not Employee.objects.exists()


def test_a_duplicate_email_is_shown_next_to_the_field(manager_client, practice):
    make_employee(practice, email="avery@example.test")

    response = manager_client.post(roster_url("employee-create", practice), HIRE)

    assert response.status_code == 400
    assert "already has this e-mail" in response.context["form"].errors["email"][0]


def test_manager_edits_an_employee(manager_client, practice):
    employee = make_employee(practice)

    response = manager_client.post(roster_url("employee-edit", practice,
                                        employee_id=employee.public_id),
                                   {**HIRE, "role_title": "Lead medical assistant"})

    employee.refresh_from_db()
    assert response.status_code == 302
    assert employee.role_title == "Lead medical assistant"


def test_mark_as_left_and_back(manager_client, practice):
    employee = make_employee(practice)
    kwargs = {"employee_id": employee.public_id}

    manager_client.post(roster_url("employee-leave", practice, **kwargs))
    employee.refresh_from_db()
    assert employee.status == Employee.Status.LEFT

    manager_client.post(roster_url("employee-reactivate", practice, **kwargs))
    employee.refresh_from_db()
    assert employee.status == Employee.Status.ACTIVE


# --- The employee page --------------------------------------------------------------------------

def _signed(practice, email: str, title: str):
    with scopes_disabled():
        document = esign.document_version(practice=practice, key=f"test:{title}", title=title,
                                          body="Wash your hands.")
        seen = esign.Seen(ip="203.0.113.7", user_agent="test")
        consent = esign.active_consent(practice=practice, email=email) or esign.consent_give(
            practice=practice, name="Casey Morgan", email=email, subject="packet:test",
            seen=seen)
        return esign.sign(document=document, consent=consent, typed_name="Casey Morgan",
                          expected_name="Casey Morgan", signer_email=email, agreed=True,
                          viewed_at=timezone.now(), subject="packet:test", seen=seen)


def test_the_employee_page_shows_contacts_credentials_and_signed_documents(manager_client,
                                                                           practice):
    employee = make_employee(practice, email="casey@example.test", phone="555-0177")
    make_credential(employee, name="RN licence", number="RN-778", expires_on=TODAY + timedelta(9))
    signature = _signed(practice, "Casey@example.test", "Employee handbook")
    _signed(practice, "someone.else@example.test", "Not theirs")

    response = manager_client.get(detail_url(employee))
    page = response.content.decode()

    assert response.status_code == 200
    assert "casey@example.test" in page
    assert "555-0177" in page
    assert "RN licence" in page
    assert "RN-778" in page
    assert "expires in 9 days" in page
    assert [s.pk for s in response.context["signatures"]] == [signature.pk]
    assert "Employee handbook" in page
    assert "Not theirs" not in page


def _hired_with_signed_papers(practice):
    """An employee from a packet, who signed their offer letter and a packet document."""
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
        email = application.candidate.email
        offer = Offer.objects.create(
            practice=practice, application=application, position_title="Medical assistant",
            pay_amount=Decimal("21.50"), start_date=TODAY + timedelta(days=14),
            expires_on=TODAY + timedelta(days=5), status=Offer.Status.ACCEPTED,
            signature=_signed(practice, email, "Offer letter"))
        packet = Packet.objects.create(practice=practice, application=application, offer=offer,
                                       start_date=offer.start_date)
        item = PacketItem.objects.create(
            practice=practice, packet=packet, kind=ItemKind.SIGN, title="Handbook",
            owner=ItemOwner.NEW_HIRE, due_date=offer.start_date, status=PacketItem.Status.DONE,
            signature=_signed(practice, email, "Employee handbook"))
        employee = make_employee(practice, application=application, packet=packet, email="")
    return employee, offer, item


def _download(name: str, practice, **kwargs) -> str | None:
    try:
        return roster_url(name, practice, **kwargs)
    except NoReverseMatch:  # that part of the app is not there yet
        return None


def test_documents_signed_in_the_packet_and_on_the_offer_link_their_downloads(manager_client,
                                                                             practice):
    employee, offer, item = _hired_with_signed_papers(practice)
    downloads = [_download("packet-item-signed", practice, packet_item_id=item.public_id),
                 _download("offer-download", practice, offer_id=offer.public_id)]

    page = manager_client.get(detail_url(employee)).content.decode()

    assert "Employee handbook" in page
    assert "Offer letter" in page
    for url in filter(None, downloads):
        assert f'href="{url}"' in page


def test_a_document_signed_elsewhere_has_no_download_link(manager_client, practice):
    employee = make_employee(practice, email="casey@example.test")
    _signed(practice, "casey@example.test", "Employee handbook")

    page = manager_client.get(detail_url(employee)).content.decode()

    assert "Employee handbook" in page
    assert ">Download<" not in page


def test_manager_adds_a_credential(manager_client, practice):
    employee = make_employee(practice)

    response = manager_client.post(
        roster_url("credential-add", practice, employee_id=employee.public_id),
        {"credential-name": "BLS", "credential-number": "B-1",
         "credential-expires_on": "2025-04-01"})

    assert response.status_code == 302
    with scopes_disabled():
        credential = employee.credentials.get()
    assert (credential.name, credential.expires_on, credential.practice_id) == (
        "BLS", date(2025, 4, 1), practice.pk)


def test_a_credential_without_a_name_is_refused_on_the_page(manager_client, practice):
    employee = make_employee(practice)

    response = manager_client.post(
        roster_url("credential-add", practice, employee_id=employee.public_id),
        {"credential-name": "", "credential-expires_on": "2025-04-01"})

    assert response.status_code == 400
    assert response.context["credential_form"].errors["name"]
    with scopes_disabled():
        assert not employee.credentials.exists()


def test_manager_changes_a_credentials_expiry(manager_client, practice):
    credential = make_credential(make_employee(practice), expires_on=TODAY + timedelta(days=5),
                             reminded_at=NOW)

    response = manager_client.post(
        roster_url("credential-edit", practice, credential_id=credential.public_id),
        {"credential-name": credential.name, "credential-expires_on": "2027-03-31"})

    credential.refresh_from_db()
    assert response.status_code == 302
    assert credential.expires_on == date(2027, 3, 31)
    assert credential.reminded_at is None


def test_manager_removes_a_credential(manager_client, practice):
    credential = make_credential(make_employee(practice))

    response = manager_client.post(
        roster_url("credential-delete", practice, credential_id=credential.public_id))

    assert response.status_code == 302
    with scopes_disabled():
        assert not Credential.objects.filter(pk=credential.pk).exists()
        assert AuditEvent.objects.filter(action="onboarding.credential.removed").exists()
