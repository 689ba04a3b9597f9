"""Which role may reach which staff page and action: one table, every staff URL.

A URL missing from EXPECTED fails `test_every_staff_url_is_in_the_table`, so each new view
must say here who may use it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.roles import GRANTS, Perm, Role, role_can
from tests.factories import FACTORIES, MembershipFactory
from tests.staff_urls import model_for_kwarg, staff_urls

pytestmark = pytest.mark.django_db

# url name: (method, status for owner, for hiring manager, for interviewer). An empty
# request: 400 is a form refused, 404 for an interviewer is a job not on their team.
EXPECTED = {
    "hiring:dashboard": ("get", 200, 200, 200),
    "hiring:team": ("get", 200, 200, 403),
    "hiring:invitation-create": ("post", 400, 403, 403),
    "hiring:invitation-resend": ("post", 302, 403, 403),
    "hiring:invitation-revoke": ("post", 302, 403, 403),
    "hiring:member-role": ("post", 302, 403, 403),
    "hiring:member-remove": ("get", 200, 403, 403),
    "hiring:practice-settings": ("get", 200, 403, 403),
    "hiring:audit-log": ("get", 200, 403, 403),
    "jobs:job-list": ("get", 200, 200, 200),
    "jobs:template-gallery": ("get", 200, 200, 403),
    "jobs:job-create": ("get", 200, 200, 403),
    "jobs:template-detail": ("get", 200, 200, 403),
    "jobs:template-use": ("post", 302, 302, 403),
    "jobs:template-document": ("post", 302, 302, 403),
    "jobs:job-detail": ("get", 200, 200, 404),
    "jobs:job-edit": ("get", 200, 200, 403),
    "jobs:job-preview": ("get", 200, 200, 404),
    "jobs:job-publish": ("post", 302, 302, 403),
    "jobs:job-pause": ("post", 302, 302, 403),
    "jobs:job-close": ("post", 302, 302, 403),
    "jobs:job-duplicate": ("post", 302, 302, 403),
    "jobs:job-save-template": ("post", 302, 302, 403),
    "jobs:job-document": ("post", 302, 302, 404),
    "jobs:document-detail": ("get", 200, 200, 404),
    "jobs:document-retry": ("post", 302, 302, 404),
    "jobs:document-download": ("get", 404, 404, 404),  # not made yet
    "jobs:location-list": ("get", 200, 200, 403),
    "jobs:location-edit": ("get", 200, 200, 403),
    "jobs:location-delete": ("post", 302, 302, 403),
    "jobs:board-settings": ("get", 200, 200, 200),  # owners change it; others read it
    "jobs:board-set": ("post", 400, 403, 403),
    "jobs:job-board-set": ("post", 302, 302, 403),  # no board chosen: back, with a note
    "jobs:job-board-resend": ("post", 302, 302, 403),
    "candidates-staff:job-applicants": ("get", 200, 200, 404),
    "candidates-staff:application-detail": ("get", 200, 200, 404),
    "candidates-staff:cover-letter-download": ("get", 404, 404, 404),  # none attached
    "candidates-staff:resume-download": ("get", 200, 200, 404),
    "candidates-staff:job-board": ("get", 200, 200, 404),
    "candidates-staff:application-move": ("post", 302, 302, 403),
    "candidates-staff:application-reject": ("get", 200, 200, 403),
    "candidates-staff:application-reopen": ("post", 302, 302, 403),
    "candidates-staff:application-withdraw": ("post", 302, 302, 403),
    "interviews:interview-schedule": ("get", 200, 200, 403),
    "interviews:interview-detail": ("get", 200, 200, 404),
    "interviews:interview-cancel": ("post", 302, 302, 403),
    "interviews:slot-offer-create": ("get", 200, 200, 403),
    "interviews:slot-offer-detail": ("get", 200, 200, 403),
    "interviews:my-interviews": ("get", 200, 200, 200),
    "interviews:interview-calendar": ("get", 200, 200, 200),
    "interviews:kit-list": ("get", 200, 200, 404),
    "interviews:kit-detail": ("get", 200, 200, 404),
    "interviews:kit-delete": ("post", 302, 302, 403),
    "interviews:kit-question": ("post", 400, 400, 403),
    "interviews:competency-list": ("get", 200, 200, 404),
    "interviews:competency": ("post", 400, 400, 403),
    "interviews:scorecard": ("get", 404, 404, 404),  # only the interview's own interviewers
    "interviews:job-comparison": ("get", 200, 200, 403),
    "interviews:kit-document": ("post", 302, 302, 404),
    "interviews:summary-document": ("post", 302, 302, 403),  # no scorecard yet: back
    "interviews:document-detail": ("get", 200, 200, 404),
    "interviews:document-retry": ("post", 302, 302, 404),
    "interviews:document-download": ("get", 404, 404, 404),  # not made yet
    "candidates-staff:note-add": ("post", 302, 302, 404),
    "candidates-staff:rating-set": ("post", 302, 302, 404),
    "candidates-staff:tag-add": ("post", 302, 302, 403),
    "candidates-staff:tag-remove": ("post", 302, 302, 403),
    "candidates-staff:resume-view": ("get", 404, 404, 404),  # the factory's résumé is text
    "candidates-staff:application-list": ("get", 200, 200, 200),
    "candidates-staff:job-stages": ("get", 200, 200, 403),
    "candidates-staff:rejection-reasons": ("get", 200, 200, 403),
    "candidates-staff:candidate-search": ("get", 200, 200, 200),
    "candidates-staff:saved-filter-create": ("post", 302, 302, 302),
    "candidates-staff:saved-filter-delete": ("post", 404, 404, 404),  # another's view
    "candidates-staff:email-template-list": ("get", 200, 200, 403),
    "candidates-staff:email-template-create": ("get", 200, 200, 403),
    "candidates-staff:email-template-edit": ("get", 200, 200, 403),
    "candidates-staff:email-template-delete": ("post", 302, 302, 403),
    "candidates-staff:message-preview": ("post", 200, 200, 403),
    "candidates-staff:message-retry": ("post", 302, 302, 403),  # queued: refused, back
    "candidates-staff:message-compose": ("get", 200, 200, 403),
    "candidates-staff:bulk-action-start": ("post", 302, 302, 403),  # none selected: back
    "candidates-staff:bulk-action-detail": ("get", 200, 200, 403),
    "candidates-staff:bulk-action-download": ("get", 404, 404, 403),  # nothing exported yet
    "onboarding:employee-list": ("get", 200, 200, 403),
    "onboarding:employee-create": ("get", 200, 200, 403),
    "onboarding:employee-detail": ("get", 200, 200, 403),
    "onboarding:employee-edit": ("get", 200, 200, 403),
    "onboarding:employee-leave": ("post", 302, 302, 403),
    "onboarding:employee-reactivate": ("post", 302, 302, 403),
    "onboarding:credential-add": ("post", 400, 400, 403),
    "onboarding:credential-edit": ("get", 200, 200, 403),
    "onboarding:credential-delete": ("post", 302, 302, 403),
    "onboarding:packet-create": ("get", 200, 200, 403),
    "onboarding:packet-list": ("get", 200, 200, 403),
    "onboarding:packet-detail": ("get", 200, 200, 403),
    "onboarding:packet-download": ("get", 200, 200, 403),
    "onboarding:packet-link-revoke": ("post", 302, 302, 403),
    "onboarding:packet-link-reissue": ("post", 302, 302, 403),
    "onboarding:packet-cancel": ("post", 302, 302, 403),
    "onboarding:packet-item-complete": ("post", 302, 302, 403),
    "onboarding:packet-item-signed": ("get", 404, 404, 403),  # nothing signed
    "onboarding:packet-item-upload": ("get", 404, 404, 403),  # nothing uploaded
    "onboarding:packet-template-list": ("get", 200, 200, 403),
    "onboarding:packet-template-detail": ("get", 200, 200, 403),
    "onboarding:packet-template-delete": ("post", 302, 302, 403),
    "onboarding:packet-template-item-create": ("get", 200, 200, 403),
    "onboarding:packet-template-item-edit": ("get", 200, 200, 403),
    "onboarding:packet-template-item-move": ("post", 302, 302, 403),
    "onboarding:packet-template-item-remove": ("post", 302, 302, 403),
    "onboarding:offer-create": ("get", 302, 302, 403),  # not in the offer stage: back
    "onboarding:offer-detail": ("get", 200, 200, 403),
    "onboarding:offer-send": ("post", 302, 302, 403),
    "onboarding:offer-resend": ("post", 302, 302, 403),  # a draft: refused, back
    "onboarding:offer-withdraw": ("post", 302, 302, 403),
    "onboarding:offer-download": ("get", 404, 404, 403),  # not signed yet
    "onboarding:letter-template": ("get", 200, 403, 403),
}
ROLE_COLUMN = {Role.OWNER: 1, Role.MANAGER: 2, Role.INTERVIEWER: 3}

CASES = [(name, role) for name in EXPECTED for role in Role]


def _kwargs(url_name: str, practice) -> dict:
    url = next(u for u in staff_urls() if u.name == url_name)
    with scopes_disabled():
        objects = {k: FACTORIES[model_for_kwarg(k)](practice=practice).public_id
                   for k in url.kwargs}
    return {"practice": practice.slug, **objects}


def test_every_staff_url_is_in_the_table():
    assert {u.name for u in staff_urls()} == set(EXPECTED)


@pytest.mark.parametrize(("url_name", "role"), CASES)
def test_role_gets_expected_status(url_name, role, practice, client_for):
    method, expected = EXPECTED[url_name][0], EXPECTED[url_name][ROLE_COLUMN[role]]
    with scopes_disabled():
        user = MembershipFactory(practice=practice, role=role).user
    path = reverse(url_name, kwargs=_kwargs(url_name, practice))

    response = getattr(client_for(user), method)(path)
    response.close()  # file downloads hold their file open until closed

    assert response.status_code == expected


@pytest.mark.parametrize("url_name", list(EXPECTED))
def test_anonymous_is_sent_to_login(url_name, client, practice):
    method = EXPECTED[url_name][0]
    response = getattr(client, method)(reverse(url_name, kwargs=_kwargs(url_name, practice)))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url_name", list(EXPECTED))
def test_logged_in_outsider_gets_404(url_name, outsider_client, practice):
    method = EXPECTED[url_name][0]
    response = getattr(outsider_client, method)(
        reverse(url_name, kwargs=_kwargs(url_name, practice)))

    assert response.status_code == 404


def test_owner_may_do_everything():
    assert GRANTS[Role.OWNER] == frozenset(Perm)


@pytest.mark.parametrize(("role", "perm", "allowed"), [
    (Role.MANAGER, Perm.MANAGE_JOBS, True),
    (Role.MANAGER, Perm.MANAGE_CANDIDATES, True),
    (Role.MANAGER, Perm.MANAGE_TEAM, False),
    (Role.MANAGER, Perm.MANAGE_PRACTICE, False),
    (Role.MANAGER, Perm.VIEW_AUDIT, False),
    (Role.INTERVIEWER, Perm.SCORE_INTERVIEWS, True),
    (Role.INTERVIEWER, Perm.VIEW_TEAM, False),
    (Role.INTERVIEWER, Perm.MANAGE_CANDIDATES, False),
])
def test_role_table(role, perm, allowed):
    assert role_can(role, perm) is allowed
