"""/b/<code>: a scan is counted per day (nothing about the visitor kept) and redirected."""

import datetime
import threading

import pytest
from django.db import connection, connections

from nudges.enums import LandingPage
from nudges.models import Visit
from nudges.services import short_code_new, visit_record
from tests.factories.nudges import BannerFactory, PlacementFactory


def _count(**filters) -> int:
    return sum(Visit.objects.filter(**filters).values_list("count", flat=True))


def test_short_link_counts_a_visit_and_redirects_to_the_chosen_page(client, db):
    placement = PlacementFactory(
        code="ABC2345", landing=LandingPage.DYNASTIES, banner=BannerFactory(language="ru")
    )

    response = client.get("/b/ABC2345")

    assert response.status_code == 302
    assert response["Location"] == "/ru/dynasties/"
    assert "no-cache" in response["Cache-Control"]
    visit = Visit.objects.get()
    assert (visit.placement_id, visit.banner_id, visit.count) == (placement.pk, placement.banner_id, 1)


def test_visits_of_one_day_add_up_in_one_row(client, db):
    PlacementFactory(code="ABC2345")
    for _ in range(3):
        client.get("/b/ABC2345")
    client.get("/b/abc2345")  # typed by hand in lower case
    assert list(Visit.objects.values_list("count", flat=True)) == [4]


def test_visits_are_kept_per_day(db):
    placement = PlacementFactory()
    visit_record(banner_id=placement.banner_id, placement_id=placement.pk, day=datetime.date(2026, 3, 1))
    visit_record(banner_id=placement.banner_id, placement_id=placement.pk, day=datetime.date(2026, 3, 2))
    visit_record(banner_id=placement.banner_id, placement_id=placement.pk, day=datetime.date(2026, 3, 2))
    assert list(Visit.objects.order_by("day").values_list("day", "count")) == [
        (datetime.date(2026, 3, 1), 1),
        (datetime.date(2026, 3, 2), 2),
    ]


def test_nothing_about_the_visitor_is_stored(db):
    assert {field.name for field in Visit._meta.get_fields()} == {"id", "banner", "placement", "day", "count"}


def test_banner_link_of_a_self_printed_copy_counts_apart_from_placements(client, db):
    banner = BannerFactory(code="SELF234", language="kk")
    PlacementFactory(banner=banner, code="PLACE23")

    response = client.get("/b/SELF234")
    client.get("/b/PLACE23")

    assert response["Location"] == "/kk/proverbs/"
    assert _count(placement=None, banner=banner) == 1
    assert _count(placement__code="PLACE23") == 1


def test_a_banner_in_both_languages_follows_the_browser(client, db):
    PlacementFactory(code="BOTH234", banner=BannerFactory(language="both"), landing=LandingPage.EVENTS)
    assert client.get("/b/BOTH234", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")["Location"] == "/ru/events/"
    assert client.get("/b/BOTH234", HTTP_ACCEPT_LANGUAGE="en-US")["Location"] == "/kk/events/"


def test_unknown_code_is_404_and_counts_nothing(client, db):
    PlacementFactory(code="ABC2345")
    assert client.get("/b/ZZZZ999").status_code == 404
    assert client.get("/b/" + "A" * 40).status_code == 404
    assert Visit.objects.count() == 0


def test_head_request_of_a_link_preview_is_not_a_visit(client, db):
    PlacementFactory(code="ABC2345")
    assert client.head("/b/ABC2345").status_code == 302
    assert Visit.objects.count() == 0
    assert client.post("/b/ABC2345").status_code == 405


@pytest.mark.parametrize(
    "agent",
    ["TelegramBot (like TwitterBot)", "WhatsApp/2.23.20.0", "facebookexternalhit/1.1", "Googlebot/2.1"],
)
def test_link_preview_robots_are_redirected_but_not_counted(client, db, agent):
    PlacementFactory(code="ABC2345")
    assert client.get("/b/ABC2345", HTTP_USER_AGENT=agent).status_code == 302
    assert Visit.objects.count() == 0
    phone = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
    client.get("/b/ABC2345", HTTP_USER_AGENT=phone)
    assert _count() == 1


def test_new_codes_avoid_existing_ones_and_ambiguous_letters(db):
    codes = {short_code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 7 and not set(code) & set("01OIL") for code in codes)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_scans_all_count(postgres_only, reference_data):
    placement = PlacementFactory()
    barrier = threading.Barrier(8)
    errors = []

    def scan():
        try:
            barrier.wait()
            for _ in range(5):
                visit_record(banner_id=placement.banner_id, placement_id=placement.pk)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert list(Visit.objects.filter(placement=placement).values_list("count", flat=True)) == [40]
    assert connection.vendor == "postgresql"
