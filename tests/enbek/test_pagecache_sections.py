"""The sections' anonymous public pages (professions, events, «Я-профи») are cached per language like the
dynasties' and invalidated by the services that change what they show: a registration moves the seats left
at once, published results show their winners at once. Registration and application endpoints never are."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contests import services as contest_services
from contests.enums import ApplicationStatus
from events import services as event_services
from tests.factories import UserFactory, profession, region
from tests.factories.contests import ApplicationFactory, ContestFactory, NominationFactory, StageFactory
from tests.factories.events import EventFactory, RegistrationFactory


@pytest.fixture
def page_cache(page_cache, settings):
    settings.ACCESS_CACHE = True  # as in production: the signed-in query counts below include it
    return page_cache


@pytest.fixture
def event(db):
    return EventFactory(
        title_kk="Кэштелген ашық есік",
        title_ru="Кэшированный день открытых дверей",
        capacity=5,
        professions=[profession("7212-01")],
    )


@pytest.fixture
def contest(db):
    contest = ContestFactory(title_kk="Кэш байқауы", title_ru="Конкурс кэша")
    NominationFactory(contest=contest, profession=profession("7212-01"))
    StageFactory(contest=contest, order=1, is_regional=False)
    return contest


def section_pages(event, contest) -> list[str]:
    month = f"{event.starts_at:%Y-%m}"
    return [
        "/kk/professions/",
        "/ru/professions/?q=сварщик",
        "/kk/professions/7212-01/",
        "/ru/professions/7212-01/",
        "/kk/events/",
        "/ru/events/?region=75",
        f"/kk/events/calendar/?month={month}",
        f"/kk/events/{event.pk}/",
        f"/ru/events/{event.pk}/",
        "/kk/contests/",
        f"/ru/contests/{contest.pk}/",
        "/kk/contests/winners/",
        "/api/v1/events/",
        f"/api/v1/events/{event.pk}/",
        "/api/v1/contests/",
        f"/api/v1/contests/{contest.pk}/",
        "/api/v1/professions/",
        "/api/v1/professions/7212-01/",
    ]


def test_section_pages_second_request_served_from_cache_without_queries(client, page_cache, event, contest):
    for path in section_pages(event, contest):
        first = client.get(path)
        assert (path, first.status_code, first["X-Page-Cache"]) == (path, 200, "miss")

        with CaptureQueriesContext(connection) as queries:
            second = client.get(path)

        assert (path, second.status_code, second["X-Page-Cache"], len(queries)) == (path, 200, "hit", 0)
        assert second.content == first.content


def test_contest_results_page_cached_once_published(client, page_cache, contest, ministry_admin):
    contest_services.results_publish(contest=contest, actor=ministry_admin)
    path = f"/kk/contests/{contest.pk}/results/"
    assert client.get(path)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert (response.status_code, response["X-Page-Cache"], len(queries)) == (200, "hit", 0)


def seats_left(response) -> str:
    content = response.content.decode()
    start = content.index('data-seats-left="') + len('data-seats-left="')
    return content[start : content.index('"', start)]


def test_a_new_registration_changes_the_seats_left_on_the_next_request(
    client, page_cache, event, citizen, django_capture_on_commit_callbacks
):
    path = f"/kk/events/{event.pk}/"
    assert seats_left(client.get(path)) == "5"
    cached = client.get(path)
    assert (cached["X-Page-Cache"], seats_left(cached)) == ("hit", "5")
    assert client.get(f"/api/v1/events/{event.pk}/")["X-Page-Cache"] == "miss"
    assert client.get(f"/api/v1/events/{event.pk}/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(event_id=event.pk, user=citizen, seats=1)

    after = client.get(path)
    assert (after["X-Page-Cache"], seats_left(after)) == ("miss", "4")
    api = client.get(f"/api/v1/events/{event.pk}/")
    assert api["X-Page-Cache"] == "miss"
    assert api.json()["seats_left"] == 4


def test_a_cancellation_frees_the_seat_on_the_next_request(
    client, page_cache, event, citizen, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=event, user=citizen)
    path = f"/ru/events/{event.pk}/"
    client.get(path)
    assert seats_left(client.get(path)) == "4"

    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_cancel(registration=registration, user=citizen)

    after = client.get(path)
    assert (after["X-Page-Cache"], seats_left(after)) == ("miss", "5")


def test_a_published_event_shows_in_the_cached_list_at_once(
    client, page_cache, event, django_capture_on_commit_callbacks
):
    from events.enums import EventStatus
    from tests.factories import UserFactory

    representative = UserFactory()
    event.organization.representatives.add(representative)
    draft = EventFactory(
        organization=event.organization,
        title_kk="Жаңа экскурсия",
        title_ru="Новая экскурсия",
        status=EventStatus.DRAFT,
        published_at=None,
    )
    assert "Жаңа экскурсия" not in client.get("/kk/events/").content.decode()
    assert client.get("/kk/events/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_publish(event=draft, user=representative)

    response = client.get("/kk/events/")
    assert response["X-Page-Cache"] == "miss"
    assert "Жаңа экскурсия" in response.content.decode()


def test_publishing_results_shows_the_winners(
    client, page_cache, contest, ministry_admin, django_capture_on_commit_callbacks
):
    winner = ApplicationFactory(
        contest=contest, status=ApplicationStatus.WINNER, place=1, full_name="Кэшбек Жеңімпазов"
    )
    for path in ("/kk/contests/winners/", "/ru/contests/winners/", "/kk/contests/"):
        assert winner.full_name not in client.get(path).content.decode()
        assert client.get(path)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        contest_services.results_publish(contest=contest, actor=ministry_admin)

    for path in ("/kk/contests/winners/", "/ru/contests/winners/", "/kk/contests/"):
        response = client.get(path)
        assert (path, response["X-Page-Cache"]) == (path, "miss")
        assert winner.full_name in response.content.decode()


def test_signed_in_users_bypass_the_section_caches(client, page_cache, event, contest, citizen):
    paths = [f"/kk/events/{event.pk}/", "/kk/professions/7212-01/", "/kk/contests/winners/"]
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"

    client.force_login(citizen)
    for path in paths:
        response = client.get(path)
        assert (path, "X-Page-Cache" in response) == (path, False)
    # The signed-in visitor sees the registration form, which the anonymous cached page never had.
    assert 'id="register-button"' in client.get(f"/kk/events/{event.pk}/").content.decode()


def test_registration_and_application_endpoints_are_never_cached(client, page_cache, event, contest, citizen):
    client.force_login(citizen)
    first = client.post(
        f"/api/v1/events/{event.pk}/registrations/", {"seats": 1}, content_type="application/json"
    )
    assert first.status_code == 201
    assert "X-Page-Cache" not in first
    second = client.post(
        f"/api/v1/events/{event.pk}/registrations/", {"seats": 1}, content_type="application/json"
    )
    assert second.status_code != 201
    assert "X-Page-Cache" not in second
    client.logout()
    anonymous = client.post(f"/api/v1/events/{event.pk}/registrations/", {"seats": 1})
    assert anonymous.status_code in (401, 403)
    assert "X-Page-Cache" not in anonymous


# --- Signed in: the page's public fragment, without the queries behind it ---------------------------------
SIGNED_IN_FRAGMENT_PAGES = [
    "/kk/proverbs/",
    "/kk/events/",
    "/ru/professions/",
    "/kk/professions/7212-01/",
    "/kk/contests/winners/",
]


@pytest.mark.parametrize("path", SIGNED_IN_FRAGMENT_PAGES)
def test_signed_in_section_page_reuses_its_public_fragment(client, page_cache, event, contest, citizen, path):
    client.force_login(citizen)
    first = client.get(path)
    with CaptureQueriesContext(connection) as rendered_again:
        second = client.get(path)

    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Page-Cache" not in second
    # The user (roles and permissions come from the cache, enbek/access.py; the session too when Redis
    # holds it), plus what the view itself needs outside the fragment (the profession and the regions
    # of the «where to learn» choice).
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    expected = 1 + session + (2 if path.startswith("/kk/professions/7212") else 0)
    assert len(rendered_again) == expected, [q["sql"][:80] for q in rendered_again]
    main = second.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert main == first.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_signed_in_event_list_shows_a_new_registration_at_once(
    client, page_cache, event, citizen, other_citizen, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    assert "5 орын қалды" in client.get("/kk/events/").content.decode()
    assert "5 орын қалды" in client.get("/kk/events/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(event_id=event.pk, user=other_citizen, seats=1)

    content = client.get("/kk/events/").content.decode()
    assert ("4 орын қалды" in content, "5 орын қалды" in content) == (True, False)


def test_signed_in_profession_page_fragment_is_kept_per_region(client, page_cache, welder_programmes):
    astana, almaty = welder_programmes

    def first_programme(user) -> str:
        client.force_login(user)
        client.get("/kk/professions/7212-01/")  # the second request is the one served from the fragment
        content = client.get("/kk/professions/7212-01/").content.decode()
        return content.split('class="programme-list"', 1)[1].split("</li>", 1)[0]

    in_almaty = first_programme(UserFactory(region=region("75")))
    in_astana = first_programme(UserFactory(region=region("71")))
    assert (almaty.title in in_almaty, astana.title in in_astana) == (True, True)


# --- Signed in on the public API: the same answer, cached apart from the anonymous one -------------------
@pytest.mark.parametrize(
    "path", ["/api/v1/events/", "/api/v1/professions/7212-01/", "/api/v1/contests/", "/api/v1/regions/"]
)
def test_signed_in_public_api_answer_is_cached_apart_from_the_anonymous_one(
    client, page_cache, event, contest, citizen, path
):
    anonymous = client.get(path)
    client.force_login(citizen)
    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)

    assert (anonymous["X-Page-Cache"], first["X-Page-Cache"], second["X-Page-Cache"]) == (
        "miss",
        "miss",
        "hit",
    )
    assert second.json() == first.json() == anonymous.json()
    assert len(queries) == 0  # neither the session nor the user is read to serve it


def test_signed_in_api_cache_sees_a_new_registration_at_once(
    client, page_cache, event, citizen, other_citizen, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    path = f"/api/v1/events/{event.pk}/"
    assert client.get(path).json()["seats_left"] == 5
    assert client.get(path)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(event_id=event.pk, user=other_citizen, seats=1)

    after = client.get(path)
    assert (after["X-Page-Cache"], after.json()["seats_left"]) == ("miss", 4)


def test_api_request_with_credentials_is_never_served_from_the_cache(client, page_cache, event, citizen):
    client.get("/api/v1/events/")
    assert client.get("/api/v1/events/")["X-Page-Cache"] == "hit"
    client.force_login(citizen)
    client.get("/api/v1/events/")
    assert client.get("/api/v1/events/")["X-Page-Cache"] == "hit"

    # Credentials are for the view to check (a token scheme added later): never answered from the cache.
    with_credentials = client.get("/api/v1/events/", HTTP_AUTHORIZATION="Basic bm9ib2R5Ondyb25n")

    assert (with_credentials.status_code, "X-Page-Cache" in with_credentials) == (200, False)


def test_signed_in_home_fragment_is_kept_per_region(client, page_cache, db):
    EventFactory(title_kk="Алматыдағы ашық есік", region=region("75"))
    EventFactory(title_kk="Астанадағы ашық есік", region=region("71"))

    def home_of(user) -> str:
        client.force_login(user)
        client.get("/kk/")  # the second request is the one served from the fragment
        return client.get("/kk/").content.decode()

    in_almaty = home_of(UserFactory(region=region("75")))
    in_astana = home_of(UserFactory(region=region("71")))

    assert ("Алматыдағы" in in_almaty, "Астанадағы" in in_almaty) == (True, False)
    assert ("Астанадағы" in in_astana, "Алматыдағы" in in_astana) == (True, False)


def test_signed_in_dynasty_page_reads_only_its_head_when_the_fragment_is_cached(client, page_cache, citizen):
    from tests.factories.dynasties import DynastyFactory, MemberFactory, PhotoFactory

    dynasty = DynastyFactory(slug="fragment-family")
    MemberFactory(dynasty=dynasty, full_name="Фрагмент Атасы")
    PhotoFactory(dynasty=dynasty)
    client.force_login(citizen)
    first = client.get("/kk/dynasties/fragment-family/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/kk/dynasties/fragment-family/")

    shown = ("Фрагмент Атасы" in first.content.decode(), "Фрагмент Атасы" in second.content.decode())
    assert shown == (True, True)
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    assert len(queries) == session + 2, [q["sql"][:80] for q in queries]  # the user, the dynasty's head


def test_signed_in_event_page_reuses_its_public_part_and_shows_new_seats_at_once(
    client, page_cache, event, citizen, other_citizen, django_capture_on_commit_callbacks
):
    path = f"/kk/events/{event.pk}/"
    client.force_login(citizen)
    assert seats_left(client.get(path)) == "5"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)
    assert (seats_left(again), 'id="register-button"' in again.content.decode()) == ("5", True)
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    # The user, the event (with its organisation and region), and the visitor's own registration.
    assert len(queries) == session + 3, [q["sql"][:80] for q in queries]

    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(event_id=event.pk, user=other_citizen, seats=1)

    assert seats_left(client.get(path)) == "4"
