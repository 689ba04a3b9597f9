"""Every staff URL refuses another practice's data with 404, never 403 and never the data.

The URL patterns are discovered, so a new view is covered without anyone adding it here;
a URL kwarg whose model has no factory in tests/factories.py fails the test loudly."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.factories import FACTORIES
from tests.staff_urls import model_for_kwarg, staff_urls

pytestmark = pytest.mark.django_db

OBJECT_URLS = [url for url in staff_urls() if url.kwargs]


def _object_of(practice, kwarg: str):
    model = model_for_kwarg(kwarg)
    factory = FACTORIES.get(model)
    assert factory is not None, f"add a factory for {model.__name__} to tests/factories.py"
    with scopes_disabled():
        return factory(practice=practice)


def _expected_for_foreign(url, method, client, practice) -> int:
    """404, except for a method the view refuses for every object alike (405 reveals
    nothing)."""
    own = {k: _object_of(practice, k).public_id for k in url.kwargs}
    own = getattr(client, method)(reverse(url.name, kwargs={"practice": practice.slug, **own}))
    own.close()  # file downloads hold their file open until closed
    return 405 if own.status_code == 405 else 404


def test_there_are_object_urls_to_check():
    assert OBJECT_URLS, "discovery found no staff URL with an object id"


@pytest.mark.parametrize("url", OBJECT_URLS, ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_object_of_another_practice_is_404_in_own_practice_url(url, method, owner_client,
                                                                practice, other_practice):
    foreign = {k: _object_of(other_practice, k).public_id for k in url.kwargs}
    path = reverse(url.name, kwargs={"practice": practice.slug, **foreign})

    response = getattr(owner_client, method)(path)

    assert response.status_code == _expected_for_foreign(url, method, owner_client, practice)


@pytest.mark.parametrize("url", OBJECT_URLS, ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_practices_url_is_404_for_a_non_member(url, method, owner_client, other_practice):
    kwargs = {k: _object_of(other_practice, k).public_id for k in url.kwargs}
    path = reverse(url.name, kwargs={"practice": other_practice.slug, **kwargs})

    response = getattr(owner_client, method)(path)

    assert response.status_code == 404


@pytest.mark.parametrize("url", [u for u in staff_urls() if not u.kwargs], ids=str)
def test_practice_pages_are_404_for_a_non_member(url, owner_client, other_practice):
    response = owner_client.get(reverse(url.name, kwargs={"practice": other_practice.slug}))

    assert response.status_code == 404
    assert other_practice.name not in response.content.decode()


def test_unknown_practice_is_404_like_a_foreign_one(owner_client):
    assert owner_client.get("/app/no-such-practice/").status_code == 404


def test_removed_member_loses_access_at_once(client_for, practice, interviewer):
    client: Client = client_for(interviewer)
    with scopes_disabled():
        practice.memberships.filter(user=interviewer).delete()

    assert client.get(f"/app/{practice.slug}/").status_code == 404


def test_inactive_practice_is_404_for_its_members(owner_client, practice):
    practice.is_active = False
    practice.save()

    assert owner_client.get(f"/app/{practice.slug}/").status_code == 404
