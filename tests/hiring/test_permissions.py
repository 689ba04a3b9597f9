"""Which role may reach which staff page and action: one table, every staff URL.

A URL missing from EXPECTED fails `test_every_staff_url_is_in_the_table`, so each new view
must say here who may use it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.roles import GRANTS, Perm, Role, role_can
from tests.factories import InvitationFactory, MembershipFactory
from tests.staff_urls import staff_urls

pytestmark = pytest.mark.django_db

EVERYONE = {Role.OWNER, Role.MANAGER, Role.INTERVIEWER}
MANAGERS = {Role.OWNER, Role.MANAGER}
OWNERS = {Role.OWNER}

# url name: (method, roles allowed, status an allowed role gets for an empty request)
EXPECTED = {
    "hiring:dashboard": ("get", EVERYONE, 200),
    "hiring:team": ("get", MANAGERS, 200),
    "hiring:invitation-create": ("post", OWNERS, 400),
    "hiring:invitation-resend": ("post", OWNERS, 302),
    "hiring:invitation-revoke": ("post", OWNERS, 302),
    "hiring:member-role": ("post", OWNERS, 302),
    "hiring:member-remove": ("get", OWNERS, 200),
    "hiring:practice-settings": ("get", OWNERS, 200),
    "hiring:audit-log": ("get", OWNERS, 200),
}

CASES = [(name, role) for name in EXPECTED for role in Role]


def _kwargs(url_name: str, practice) -> dict:
    with scopes_disabled():
        objects = {
            "invitation_id": lambda: InvitationFactory(practice=practice).public_id,
            "membership_id": lambda: MembershipFactory(practice=practice).public_id,
        }
        url = next(u for u in staff_urls() if u.name == url_name)
        return {"practice": practice.slug, **{k: objects[k]() for k in url.kwargs}}


def test_every_staff_url_is_in_the_table():
    assert {u.name for u in staff_urls()} == set(EXPECTED)


@pytest.mark.parametrize(("url_name", "role"), CASES)
def test_role_gets_expected_status(url_name, role, practice, client_for):
    method, allowed, ok_status = EXPECTED[url_name]
    with scopes_disabled():
        user = MembershipFactory(practice=practice, role=role).user
    path = reverse(url_name, kwargs=_kwargs(url_name, practice))

    response = getattr(client_for(user), method)(path)

    assert response.status_code == (ok_status if role in allowed else 403)


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
