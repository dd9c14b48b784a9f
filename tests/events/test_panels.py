import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from events.selectors import event_upcoming_near, profession_panel
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    RegistrationFactory,
    UserFactory,
    profession,
    region,
)

pytestmark = pytest.mark.django_db


def test_profession_panel_lists_upcoming_public_events_showing_it_region_first(django_assert_num_queries):
    welder = profession("7212-01")
    far = EventFactory(
        professions=[welder], organization=OrganizationFactory(is_verified=True, region=region("71"))
    )
    near = EventFactory(
        professions=[welder], starts_at=timezone.now() + datetime.timedelta(days=9), title_ru="Рядом"
    )
    EventFactory(professions=[welder], status="draft")
    past_start = timezone.now() - datetime.timedelta(days=3)
    EventFactory(professions=[welder], starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=2))
    EventFactory()  # another profession

    almaty = region("75")
    with django_assert_num_queries(1):
        panel = profession_panel(profession=welder, region=almaty, language="ru")

    assert panel["template"] == "events/_profession_panel.html"
    assert [e.pk for e in panel["context"]["events"]] == [near.pk, far.pk]
    with translation.override("ru"):  # the profession page renders in its own language
        html = render_to_string(panel["template"], panel["context"])
    assert "Рядом" in html
    assert f"/events/{near.pk}/" in html


def test_profession_panel_none_without_events():
    assert profession_panel(profession=profession("7212-01"), language="kk") is None


def test_home_shows_upcoming_events_near_the_user(client):
    astana = EventFactory(
        organization=OrganizationFactory(is_verified=True, region=region("71")), title_ru="Астанинское"
    )
    EventFactory(title_ru="Алматинское")
    person = UserFactory(region=region("71"))
    RegistrationFactory(event=astana)

    assert [e.pk for e in event_upcoming_near(region_id=region("71").pk)] == [astana.pk]
    client.force_login(person)
    body = client.get("/ru/").content.decode()
    assert "Астанинское" in body
    assert "Алматинское" not in body
