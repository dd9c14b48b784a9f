"""Outreach activities: coordinators enter their region's, nothing is counted twice."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dynasties.enums import MediaKind
from dynasties.models import MediaEpisode, PhotoExhibition
from indicators import services
from indicators.enums import OutreachKind
from indicators.models import OutreachActivity
from tests.factories import DynastyFactory, region
from tests.factories.indicators import OutreachActivityFactory

D = datetime.date
pytestmark = pytest.mark.usefixtures("source_language")


def fields(**changes):
    values = {
        "kind": OutreachKind.TV,
        "title": "Еңбек адамы",
        "outlet": "Хабар",
        "region": region("75"),
        "date": D(2025, 3, 1),
        "estimated_reach": 12000,
        "url": "https://khabar.example.kz/1",
        "dynasty": None,
    }
    values.update(changes)
    return values


def test_coordinator_adds_an_activity_for_own_region(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/ru/indicators/outreach/new/",
        {"kind": "radio", "title": "Мамандық әлемі", "outlet": "Шалқар", "region": region("75").pk,
         "date": "2025-03-01", "estimated_reach": "3000", "url": "https://shalkar.example.kz/5"},
    )  # fmt: skip
    assert response.status_code == 302
    activity = OutreachActivity.objects.get()
    assert (activity.kind, activity.region.code, activity.estimated_reach, activity.created_by) == (
        "radio", "75", 3000, coordinator,
    )  # fmt: skip


def test_coordinator_cannot_choose_another_region(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/ru/indicators/outreach/new/",
        {"kind": "tv", "title": "А", "region": region("71").pk, "date": "2025-03-01", "estimated_reach": "1"},
    )
    assert response.status_code == 400
    assert 'id="id_region_error"' in response.content.decode()
    assert not OutreachActivity.objects.exists()
    with pytest.raises(PermissionDenied):
        services.outreach_activity_save(user=coordinator, **fields(region=region("71")))
    with pytest.raises(PermissionDenied):
        services.outreach_activity_save(user=coordinator, **fields(region=None))


def test_ministry_enters_a_national_outlet(ministry_admin):
    activity = services.outreach_activity_save(user=ministry_admin, **fields(region=None))
    assert activity.region is None


def test_a_dynasty_media_episode_is_not_entered_again(ministry_admin):
    dynasty = DynastyFactory()
    MediaEpisode.objects.create(
        dynasty=dynasty, title="Т", kind=MediaKind.TV, date=D(2025, 3, 1), url="https://khabar.example.kz/1"
    )
    with pytest.raises(ValidationError) as error:
        services.outreach_activity_save(user=ministry_admin, **fields())
    assert error.value.message_dict == {
        "url": [
            "This link is a media episode of a labour dynasty: it is already counted, do not enter it again."
        ]
    }


def test_the_same_link_twice_and_a_dynasty_exhibition(ministry_admin):
    services.outreach_activity_save(user=ministry_admin, **fields())
    with pytest.raises(ValidationError) as twice:
        services.outreach_activity_save(user=ministry_admin, **fields(title="Қайта"))
    assert list(twice.value.message_dict) == ["url"]
    dynasty = DynastyFactory()
    exhibition = PhotoExhibition.objects.create(
        title="К", place="Музей", region=region("75"), starts_on=D(2025, 4, 1)
    )
    exhibition.dynasties.add(dynasty)
    with pytest.raises(ValidationError) as shown:
        services.outreach_activity_save(
            user=ministry_admin, **fields(kind="exhibition", url="", dynasty=dynasty, date=D(2025, 4, 1))
        )
    assert list(shown.value.message_dict) == ["kind"]


def test_form_refuses_a_future_date_and_unknown_dynasty(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/ru/indicators/outreach/new/",
        {"kind": "tv", "title": "А", "region": region("75").pk, "date": "2999-01-01", "estimated_reach": "1",
         "dynasty_slug": "no-such-dynasty"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_date_error"' in html and 'id="id_dynasty_slug_error"' in html
    assert 'value="А"' in html  # what was typed is kept


def test_other_regions_activities_are_404(client, coordinator):
    other = OutreachActivityFactory(region=region("71"))
    own = OutreachActivityFactory(region=region("75"))
    client.force_login(coordinator)
    assert client.get(f"/ru/indicators/outreach/{other.pk}/edit/").status_code == 404
    assert client.post(f"/ru/indicators/outreach/{other.pk}/delete/").status_code == 404
    assert client.get(f"/ru/indicators/outreach/{own.pk}/edit/").status_code == 200
    listed = client.get("/ru/indicators/outreach/").content.decode()
    assert own.title in listed and other.title not in listed
    assert client.post(f"/ru/indicators/outreach/{own.pk}/delete/").status_code == 302
    assert list(OutreachActivity.objects.all()) == [other]


def test_analyst_reads_but_does_not_enter(client, ministry_analyst):
    OutreachActivityFactory()
    client.force_login(ministry_analyst)
    assert client.get("/ru/indicators/outreach/").status_code == 200
    assert client.get("/ru/indicators/outreach/new/").status_code == 403


def test_outreach_list_queries_do_not_grow(client, ministry_admin):
    OutreachActivityFactory()
    client.force_login(ministry_admin)
    client.get("/ru/indicators/outreach/")
    with CaptureQueriesContext(connection) as one:
        client.get("/ru/indicators/outreach/")
    OutreachActivityFactory.create_batch(8, region=region("71"), dynasty=DynastyFactory())
    with CaptureQueriesContext(connection) as many:
        html = client.get("/ru/indicators/outreach/").content.decode()
    assert html.count("/edit/") == 9
    assert len(many.captured_queries) == len(one.captured_queries)
