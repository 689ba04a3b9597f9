"""The practice's Job boards page, the job page's Job boards card, their switches, Resend,
the checklist in the editor, and the admin of the syndication rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.models import AuditEvent
from jobs.models import Board, BoardAccount, Delivery, Feed, FeedFetch, Job, JobBoardOptOut
from jobs.syndication import feeds
from tests.factories import JobFactory, UserFactory

pytestmark = pytest.mark.django_db

INDEED_AGENT = "Indeed/1.0 (+https://www.indeed.com/bot)"


def _job(practice, **fields) -> Job:
    with scopes_disabled():
        return JobFactory(practice=practice, **fields)


def _on(practice, *boards: str, **fields) -> None:
    with scopes_disabled():
        for board in boards:
            BoardAccount.objects.update_or_create(practice=practice, board=board,
                                                  defaults={"enabled": True, **fields})


def _feed(practice, kind: str, *, built_after: Job | None = None, stale: bool = False) -> Feed:
    generated = (built_after.updated_at if built_after else timezone.now()) + timedelta(
        seconds=1)
    return Feed.objects.create(practice=practice, kind=kind, generated_at=generated,
                               job_count=1, changes=2 if stale else 1, built_changes=1)


def _fetch(feed: Feed, agent: str = INDEED_AGENT) -> FeedFetch:
    return FeedFetch.objects.create(feed=feed, practice=feed.practice, user_agent=agent,
                                    status_code=200)


def _settings_url(practice) -> str:
    return reverse("jobs:board-settings", kwargs={"practice": practice.slug})


def _set_url(practice) -> str:
    return reverse("jobs:board-set", kwargs={"practice": practice.slug})


def _job_url(job, name: str = "jobs:job-detail") -> str:
    return reverse(name, kwargs={"practice": job.practice.slug, "job_id": job.public_id})


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def build_calls(monkeypatch) -> list:
    """feeds.build_now, recorded instead of building (the feeds have their own tests)."""
    calls: list = []
    monkeypatch.setattr(feeds, "build_now", lambda *, practice: calls.append(practice),
                        raising=False)
    return calls


# --- The practice's Job boards page ---------------------------------------------------------

def test_owner_sees_every_board_with_its_switch_and_feed_address(owner_client, practice,
                                                                 settings):
    settings.SITE_URL = "https://ats.example.com"

    response = owner_client.get(_settings_url(practice))

    assert response.status_code == 200
    body = response.content.decode()
    for label in ("Indeed", "ZipRecruiter", "Google for Jobs", "Other job sites (XML feed)"):
        assert label in body
    assert "Turn Indeed on" in body
    assert "Turn Google for Jobs off" in body  # on unless turned off
    assert 'value="https://ats.example.com/careers/riverside/feeds/indeed.xml"' in body
    assert 'value="https://ats.example.com/careers/riverside/sitemap.xml"' in body
    assert 'name="webhook_url"' in body


def test_a_manager_reads_the_page_without_switches(manager_client, practice):
    _on(practice, Board.GENERIC, webhook_url="https://hooks.example.com/jobs",
        webhook_secret="s3cret-never-shown-to-managers")

    response = manager_client.get(_settings_url(practice))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Only the practice's owners can turn boards on or off" in body
    assert "Turn Indeed on" not in body
    assert 'name="webhook_url"' not in body
    assert "s3cret-never-shown-to-managers" not in body
    assert "A webhook is set" in body


def test_owner_turns_indeed_on(owner_client, practice, owner):
    response = owner_client.post(_set_url(practice), {"board": "indeed", "enabled": "1"},
                                 follow=True)

    assert response.redirect_chain[-1][0] == _settings_url(practice)
    assert _messages(response) == ["Indeed is on: your public jobs join it within a minute."]
    with scopes_disabled():
        account = BoardAccount.objects.get(practice=practice, board=Board.INDEED)
    assert account.enabled
    assert account.updated_by == owner
    assert "Turn Indeed off" in response.content.decode()


def test_a_manager_cannot_switch_a_board(manager_client, practice):
    response = manager_client.post(_set_url(practice), {"board": "indeed", "enabled": "1"})

    assert response.status_code == 403
    with scopes_disabled():
        assert not BoardAccount.objects.filter(practice=practice).exists()


def test_owner_saves_the_webhook_and_sees_its_secret(owner_client, practice):
    _on(practice, Board.GENERIC)

    response = owner_client.post(_set_url(practice), {
        "board": "generic", "enabled": "1", "webhook_url": "https://hooks.example.com/jobs"},
        follow=True)

    assert _messages(response) == ["Webhook saved."]
    with scopes_disabled():
        account = BoardAccount.objects.get(practice=practice, board=Board.GENERIC)
    assert account.webhook_url == "https://hooks.example.com/jobs"
    assert len(account.webhook_secret) == 64
    body = response.content.decode()
    assert account.webhook_secret in body
    assert "Show the signing secret" in body


def test_switching_the_generic_board_keeps_its_webhook(owner_client, practice):
    _on(practice, Board.GENERIC, webhook_url="https://hooks.example.com/jobs")

    owner_client.post(_set_url(practice), {"board": "generic", "enabled": "0"})

    with scopes_disabled():
        account = BoardAccount.objects.get(practice=practice, board=Board.GENERIC)
    assert not account.enabled
    assert account.webhook_url == "https://hooks.example.com/jobs"


@pytest.mark.parametrize(("url", "says"), [
    ("not an address", "Enter a valid URL"),
    ("https://127.0.0.1/hook", "private, local or reserved"),
])
def test_a_webhook_that_cannot_be_called_is_refused_on_the_form(owner_client, practice, url,
                                                                 says, settings):
    settings.SYNDICATION_ALLOW_PRIVATE_WEBHOOKS = False

    response = owner_client.post(_set_url(practice), {
        "board": "generic", "enabled": "1", "webhook_url": url})

    assert response.status_code == 400
    assert says in response.content.decode()
    with scopes_disabled():
        assert not BoardAccount.objects.filter(practice=practice).exists()


def test_the_page_shows_who_came_for_the_feeds(owner_client, practice):
    _on(practice, Board.INDEED)
    _fetch(_feed(practice, Feed.Kind.INDEED))
    _fetch(_feed(None, Feed.Kind.INDEED), agent="Indeed-Partner/2.0")

    body = owner_client.get(_settings_url(practice)).content.decode()

    assert INDEED_AGENT in body
    assert "Indeed-Partner/2.0" in body
    assert "All practices on this server" in body
    assert "with 1 job." in body


def test_another_practices_fetches_are_not_shown(owner_client, practice, other_practice):
    _fetch(_feed(other_practice, Feed.Kind.INDEED), agent="LakeviewOnlyBot/1.0")

    body = owner_client.get(_settings_url(practice)).content.decode()

    assert "LakeviewOnlyBot" not in body


@pytest.mark.parametrize(("credentials", "says"), [
    ("", "Not set up"), ("/etc/hiring/google-indexing.json", "Set up")])
def test_the_page_says_whether_google_is_told_at_once(owner_client, practice, settings,
                                                      credentials, says):
    settings.GOOGLE_INDEXING_CREDENTIALS = credentials
    settings.GOOGLE_INDEXING_URL = "https://indexing.example.test/v3/urlNotifications:publish"
    settings.GOOGLE_INDEXING_SCOPE = "https://indexing.example.test/auth/indexing"

    body = owner_client.get(_settings_url(practice)).content.decode()

    assert f">{says}</span>" in body


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_reads_in_a_fixed_number_of_queries(owner_client, practice):
    _on(practice, Board.INDEED, Board.GENERIC, webhook_url="https://hooks.example.com/jobs")
    own, shared = _feed(practice, Feed.Kind.INDEED), _feed(None, Feed.Kind.INDEED)
    _fetch(own)
    _fetch(shared)
    _job(practice)
    url = _settings_url(practice)
    owner_client.get(url)  # the session and the like, once

    one = _count_queries(owner_client, url)
    for _n in range(9):
        _fetch(own)
        _fetch(shared)
        _job(practice)
    ten = _count_queries(owner_client, url)

    assert one == ten
    assert ten <= 15


# --- The job page's card --------------------------------------------------------------------

def test_the_card_says_where_a_draft_will_go(manager_client, practice):
    job = _job(practice)

    response = manager_client.get(_job_url(job))

    body = response.content.decode()
    assert 'id="job-boards"' in body
    assert "Goes to Google for Jobs while the job is published and open." in body
    assert "The practice does not post to Indeed." in body
    assert "Ready for Google for Jobs" in body
    assert "Indeed takes every public job of the practice, or none." in body
    assert "Turn Indeed on for the practice" not in body  # owners only


def test_owner_turns_indeed_on_from_the_job_page(owner_client, practice):
    job = _job(practice)
    body = owner_client.get(_job_url(job)).content.decode()
    assert "Turn Indeed on for the practice" in body

    response = owner_client.post(_set_url(practice), {
        "board": "indeed", "enabled": "1", "next": _job_url(job) + "#job-boards"}, follow=True)

    assert response.redirect_chain[-1][0] == _job_url(job) + "#job-boards"
    assert "Indeed is on" in _messages(response)[0]
    assert "Goes to Indeed while the job is published and open." in response.content.decode()


def test_next_must_stay_on_this_site(owner_client, practice):
    response = owner_client.post(_set_url(practice), {
        "board": "indeed", "enabled": "1", "next": "https://evil.example/"})

    assert response["Location"] == _settings_url(practice)


def test_a_published_job_joins_the_feed_then_is_in_it(manager_client, practice):
    _on(practice, Board.INDEED)
    job = _job(practice, status=Job.Status.PUBLISHED)
    feed = _feed(practice, Feed.Kind.INDEED, stale=True)

    body = manager_client.get(_job_url(job)).content.decode()
    assert "Joins the feed at the next build, within a minute." in body

    Feed.objects.filter(pk=feed.pk).update(built_changes=2,
                                           generated_at=job.updated_at + timedelta(seconds=1))
    _fetch(feed)
    body = manager_client.get(_job_url(job)).content.decode()
    assert "In the feed." in body
    assert INDEED_AGENT in body
    assert "Last visit" in body


def test_a_feed_built_before_the_jobs_last_change_does_not_have_it(manager_client, practice):
    _on(practice, Board.INDEED)
    job = _job(practice, status=Job.Status.PUBLISHED)
    Feed.objects.create(practice=practice, kind=Feed.Kind.INDEED, changes=1, built_changes=1,
                        generated_at=job.updated_at - timedelta(minutes=5))

    body = manager_client.get(_job_url(job)).content.decode()

    assert "Joins the feed at the next build" in body


def test_manager_keeps_a_job_off_a_board_and_sends_it_again(manager_client, practice):
    _on(practice, Board.ZIPRECRUITER)
    job = _job(practice)
    url = _job_url(job, "jobs:job-board-set")

    response = manager_client.post(url, {"board": "ziprecruiter", "enabled": "0"}, follow=True)

    assert _messages(response) == ["This job is kept off ZipRecruiter."]
    assert "Kept off ZipRecruiter." in response.content.decode()
    with scopes_disabled():
        assert JobBoardOptOut.objects.filter(job=job, board=Board.ZIPRECRUITER).exists()

    response = manager_client.post(url, {"board": "ziprecruiter", "enabled": "1"}, follow=True)

    assert _messages(response) == ["This job goes to ZipRecruiter again."]
    with scopes_disabled():
        assert not JobBoardOptOut.objects.filter(job=job).exists()


def test_indeed_cannot_be_switched_for_one_job(manager_client, practice):
    _on(practice, Board.INDEED)
    job = _job(practice)

    response = manager_client.post(_job_url(job, "jobs:job-board-set"),
                                   {"board": "indeed", "enabled": "0"}, follow=True)

    assert _messages(response) == ["Choose a board that can be switched for one job."]
    with scopes_disabled():
        assert not JobBoardOptOut.objects.exists()


def test_an_interviewer_cannot_switch_boards(client_for, practice, interviewer):
    job = _job(practice)
    with scopes_disabled():
        job.hiring_team.add(practice.memberships.get(user=interviewer))

    response = client_for(interviewer).post(_job_url(job, "jobs:job-board-set"),
                                            {"board": "google", "enabled": "0"})

    assert response.status_code == 403


def test_another_practices_job_is_404(owner_client, practice, other_practice):
    job = _job(other_practice)
    for name in ("jobs:job-board-set", "jobs:job-board-resend"):
        path = reverse(name, kwargs={"practice": practice.slug, "job_id": job.public_id})
        assert owner_client.post(path, {"board": "google", "enabled": "0"}).status_code == 404


def test_the_job_page_shows_what_a_board_lacks(owner_client, practice):
    _on(practice, Board.INDEED)
    job = _job(practice, title="URGENT Medical Assistant")

    body = owner_client.get(_job_url(job)).content.decode()

    assert "Indeed: the title should be the job&#x27;s name only" in body
    assert "Ready for Google for Jobs" in body


# --- Resend ---------------------------------------------------------------------------------

def test_resend_to_a_feed_board_builds_the_feeds(manager_client, practice, build_calls):
    _on(practice, Board.INDEED)
    job = _job(practice, status=Job.Status.PUBLISHED)

    response = manager_client.post(_job_url(job, "jobs:job-board-resend"), {"board": "indeed"},
                                   follow=True)

    assert [p.pk for p in build_calls] == [practice.pk]
    assert _messages(response) == [
        "The feeds were rebuilt: Indeed finds the job as it is now at its next visit."]


def test_resend_to_google_without_credentials_builds_the_sitemap(manager_client, practice,
                                                                 build_calls, settings):
    settings.GOOGLE_INDEXING_CREDENTIALS = ""
    job = _job(practice, status=Job.Status.PUBLISHED)

    manager_client.post(_job_url(job, "jobs:job-board-resend"), {"board": "google"})

    assert len(build_calls) == 1
    with scopes_disabled():
        assert not Delivery.objects.exists()


def test_resend_to_the_webhook_sends_a_new_notification(manager_client, manager, practice,
                                                        build_calls):
    _on(practice, Board.GENERIC, webhook_url="https://hooks.example.com/jobs")
    job = _job(practice, status=Job.Status.PUBLISHED)

    response = manager_client.post(_job_url(job, "jobs:job-board-resend"),
                                   {"board": "generic"}, follow=True)

    assert _messages(response) == [
        "Other job sites (XML feed) is being told about this job again; the result shows "
        "under Last notification."]
    with scopes_disabled():
        delivery = Delivery.objects.get(job=job)
        assert AuditEvent.objects.filter(action="jobs.delivery.resent").exists()
    assert (delivery.board, delivery.action, delivery.requested_by) == (
        Board.GENERIC, Delivery.Action.UPDATED, manager)
    assert build_calls == []
    assert "Last notification:" in response.content.decode()


def test_an_interviewer_cannot_resend(client_for, practice, interviewer):
    job = _job(practice)

    response = client_for(interviewer).post(_job_url(job, "jobs:job-board-resend"),
                                            {"board": "google"})

    assert response.status_code == 403


def test_resend_is_post_only(manager_client, practice):
    job = _job(practice)

    assert manager_client.get(_job_url(job, "jobs:job-board-resend")).status_code == 405


def test_the_card_shows_the_last_notification(manager_client, practice):
    _on(practice, Board.GENERIC, webhook_url="https://hooks.example.com/jobs")
    job = _job(practice, status=Job.Status.PUBLISHED)
    with scopes_disabled():
        Delivery.objects.create(practice=practice, job=job, board=Board.GENERIC,
                                action=Delivery.Action.UPDATED, url="https://x.example/j",
                                status=Delivery.Status.SUCCEEDED, attempts=1,
                                sent_at=timezone.now() - timedelta(hours=2))
        Delivery.objects.create(practice=practice, job=job, board=Board.GENERIC,
                                action=Delivery.Action.UPDATED, url="https://x.example/j",
                                status=Delivery.Status.RETRYING, attempts=2,
                                last_error="HTTP 503: Service Unavailable",
                                sent_at=timezone.now(),
                                next_attempt_at=timezone.now() + timedelta(minutes=5))

    body = manager_client.get(_job_url(job)).content.decode()

    assert "Will try again" in body
    assert "2 attempts" in body
    assert "HTTP 503: Service Unavailable" in body
    assert "next try" in body


def test_the_job_page_reads_boards_in_a_fixed_number_of_queries(owner_client, practice):
    _on(practice, Board.INDEED, Board.ZIPRECRUITER, Board.GENERIC,
        webhook_url="https://hooks.example.com/jobs")
    job = _job(practice, status=Job.Status.PUBLISHED)
    own, shared = _feed(practice, Feed.Kind.INDEED), _feed(None, Feed.Kind.INDEED)
    sitemap = _feed(practice, Feed.Kind.SITEMAP)

    def add_one() -> None:
        _fetch(own)
        _fetch(shared)
        _fetch(sitemap, agent="Googlebot/2.1")
        _job(practice, status=Job.Status.PUBLISHED)
        with scopes_disabled():
            Delivery.objects.create(practice=practice, job=job, board=Board.GENERIC,
                                    action=Delivery.Action.UPDATED, url="https://x.example/",
                                    status=Delivery.Status.SUCCEEDED, attempts=1)

    add_one()
    url = _job_url(job)
    owner_client.get(url)
    one = _count_queries(owner_client, url)
    for _n in range(9):
        add_one()
    ten = _count_queries(owner_client, url)

    assert one == ten


# --- The editor's checklist -----------------------------------------------------------------

def test_the_editor_shows_the_job_boards_checklist(manager_client, practice):
    _on(practice, Board.INDEED)
    job = _job(practice, title="Medical Assistant $20/hr")

    body = manager_client.get(_job_url(job, "jobs:job-edit")).content.decode()

    assert 'id="board-checklist-title"' in body
    assert '<a href="#id_job-title">Indeed: take the pay out of the title' in body
    assert "Ready for Google for Jobs" in body
    assert "These don't stop you publishing." in body


def test_the_editor_links_practice_problems_to_settings_for_owners(owner_client,
                                                                   manager_client, practice):
    _on(practice, Board.ZIPRECRUITER)
    practice.name = "Confidential"
    practice.save()
    job = _job(practice)
    settings_link = reverse("hiring:practice-settings", kwargs={"practice": practice.slug})

    owners = owner_client.get(_job_url(job, "jobs:job-edit")).content.decode()
    managers = manager_client.get(_job_url(job, "jobs:job-edit")).content.decode()

    assert f'<a href="{settings_link}">ZipRecruiter needs the practice' in owners
    assert "ZipRecruiter needs the practice" in managers
    assert f'<a href="{settings_link}">ZipRecruiter' not in managers


def test_a_job_with_board_problems_still_publishes_from_the_editor(manager_client, practice):
    _on(practice, Board.INDEED)
    job = _job(practice, title="URGENT Medical Assistant")

    response = manager_client.post(_job_url(job, "jobs:job-publish"))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED


# --- Links and admin ------------------------------------------------------------------------

def test_the_page_is_linked_from_settings_and_the_jobs_list(owner_client, practice):
    page = _settings_url(practice)

    for name in ("hiring:practice-settings", "jobs:job-list"):
        body = owner_client.get(reverse(name, kwargs={"practice": practice.slug})).content
        assert f'href="{page}"'.encode() in body, name


@pytest.fixture
def admin_client(client_for, practice):
    with scopes_disabled():
        _on(practice, Board.GENERIC, webhook_url="https://hooks.example.com/jobs",
            webhook_secret="admin-must-not-show-this-secret")
        job = JobFactory(practice=practice)
        JobBoardOptOut.objects.create(practice=practice, job=job, board=Board.GOOGLE)
        _fetch(_feed(practice, Feed.Kind.INDEED))
    return client_for(UserFactory(is_staff=True, is_superuser=True))


@pytest.mark.parametrize("model", [BoardAccount, JobBoardOptOut, Feed, FeedFetch],
                         ids=lambda m: m.__name__)
def test_admin_lists_and_opens_syndication_rows(admin_client, model):
    changelist = reverse(f"admin:jobs_{model._meta.model_name}_changelist")
    with scopes_disabled():
        obj = model.objects.first()

    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "riverside"}).status_code == 200
    page = admin_client.get(reverse(f"admin:jobs_{model._meta.model_name}_change",
                                    args=[obj.pk]))
    assert page.status_code == 200
    assert b"admin-must-not-show-this-secret" not in page.content


@pytest.mark.parametrize("model", [Feed, FeedFetch], ids=lambda m: m.__name__)
def test_feeds_and_fetches_are_read_only_in_the_admin(admin_client, model):
    assert admin_client.get(reverse(f"admin:jobs_{model._meta.model_name}_add")
                            ).status_code == 403
