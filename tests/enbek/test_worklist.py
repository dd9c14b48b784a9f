"""Staff find their work from the navigation: each section's queue with the number waiting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dynasties.enums import DynastyStatus
from enbek.worklist import WorkItem, register_work_provider, work_items_for
from tests.factories import DynastyFactory, region


@pytest.fixture
def submitted_dynasties(db):
    DynastyFactory.create_batch(3, status=DynastyStatus.SUBMITTED, region=region("75"), published_at=None)
    DynastyFactory(status=DynastyStatus.SUBMITTED, region=region("71"), published_at=None)


def _nav_counts(client, user):
    client.force_login(user)
    html = client.get("/kk/about/").content.decode()
    return html


def test_worklist_coordinator_sees_own_region_queue_with_count(client, coordinator, submitted_dynasties):
    with translation.override("kk"):
        items = {item.key: item for item in work_items_for(coordinator)}
    assert items["dynasties.moderation"].count == 3
    assert items["dynasties.moderation"].url == "/kk/dynasties/moderation/"
    html = _nav_counts(client, coordinator)
    assert 'data-work="dynasties.moderation"' in html
    assert '<span class="badge"' in html


def test_worklist_ministry_administrator_counts_every_region(ministry_admin, submitted_dynasties):
    items = {item.key: item for item in work_items_for(ministry_admin)}
    assert items["dynasties.moderation"].count == 4


def _dynasty_items(user):
    # Other sections add their own work (the indicators dashboard for staff): only the dynasties' here.
    return [item for item in work_items_for(user) if item.key.startswith("dynasties.")]


def test_worklist_citizen_and_analyst_get_no_queue(client, citizen, ministry_analyst, submitted_dynasties):
    assert work_items_for(citizen) == []
    assert _dynasty_items(ministry_analyst) == []
    assert 'data-work="' not in _nav_counts(client, citizen)


def test_worklist_anonymous_pages_run_no_work_queries(client, db, submitted_dynasties):
    with CaptureQueriesContext(connection) as queries:
        client.get("/kk/about/")
    assert not [q for q in queries.captured_queries if "dynasties_dynasty" in q["sql"]]


def test_worklist_provider_registration_replaces_by_key(coordinator):
    item = WorkItem(key="zz", label="x", url="/x", count=2, order=1)
    register_work_provider("zz-test", lambda user: [item])
    try:
        assert work_items_for(coordinator)[0] == item
        register_work_provider("zz-test", lambda user: [])
        assert [item.key for item in _dynasty_items(coordinator)] == [
            "dynasties.moderation",
            "dynasties.challenge",
        ]
        assert "zz" not in [item.key for item in work_items_for(coordinator)]
    finally:
        from enbek import worklist

        worklist._providers.pop("zz-test", None)
