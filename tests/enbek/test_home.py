from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contests.models import Contest
from enbek.site.selectors import home_figures
from events.models import Event
from tests.factories import DynastyFactory, OrganizationFactory, region


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _event(org, n, days):
    start = timezone.now() + timezone.timedelta(days=days)
    return Event.objects.create(
        organization=org,
        title_kk=f"Ашық есік күні {n}",
        title_ru=f"День открытых дверей {n}",
        region=org.region,
        starts_at=start,
        ends_at=start + timezone.timedelta(hours=2),
        status="published",
    )


def _contest(n, opens, closes, status="published"):
    today = timezone.localdate()
    return Contest.objects.create(
        year=today.year,
        title_kk=f"Я-профи {n}",
        title_ru=f"Я-профи {n}",
        applications_open=today + timezone.timedelta(days=opens),
        applications_close=today + timezone.timedelta(days=closes),
        status=status,
        slug=f"contest-{n}",
    )


def test_home_figures_count_only_live_items(db):
    org = OrganizationFactory(is_verified=True)
    DynastyFactory.create_batch(3)
    DynastyFactory(status="draft", published_at=None)
    DynastyFactory(status="submitted", published_at=None)
    _event(org, 1, days=3)
    _event(org, 2, days=10)
    _event(org, 3, days=-5)
    _contest(1, opens=-5, closes=5)
    _contest(2, opens=5, closes=15)
    _contest(3, opens=-15, closes=-5)
    _contest(4, opens=-5, closes=5, status="draft")
    assert home_figures() == {"dynasties": 3, "events": 2, "contests": 1}


def test_home_shows_live_counts_and_recent_dynasties(client, db):
    DynastyFactory(family_name_kk="Сәрсенбаевтар", family_name_ru="Сарсенбаевы")
    html = client.get("/ru/").content.decode()
    assert "Сарсенбаевы" in html
    html = client.get("/kk/").content.decode()
    assert "Сәрсенбаевтар" in html


def test_home_constant_number_of_queries(client, db):
    DynastyFactory()
    one = _queries(client, "/kk/")
    DynastyFactory.create_batch(10, region=region("71"))
    org = OrganizationFactory(is_verified=True)
    for n in range(5):
        _event(org, n, days=n + 1)
    assert _queries(client, "/kk/") == one


def test_home_counts_agree_with_the_number_in_russian(client, db):
    org = OrganizationFactory(is_verified=True)
    DynastyFactory()
    for n in range(3):
        _event(org, n, days=n + 1)
    for n in range(5):
        _contest(n, opens=-1, closes=5)

    html = client.get("/ru/").content.decode()

    assert "<strong>1</strong> <span>опубликованная трудовая династия</span>" in html
    assert "<strong>3</strong> <span>предстоящих профориентационных мероприятия</span>" in html
    assert "<strong>5</strong> <span>конкурсов «Я-профи» принимают заявки</span>" in html
