"""The profession explorer: /professions/ (by sphere, search in both languages and in Latin, filters)
and /professions/<code>/ (description, paths, dynasties, where to learn, the sections' panels)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dynasties.enums import DynastyStatus
from enbek.enums import EntryPath
from enbek.models import Profession
from enbek.site import panels
from tests.factories import (
    DynastyFactory,
    MemberFactory,
    ProfessionFactory,
    TrainingProgrammeFactory,
    UserFactory,
    profession,
    region,
)

pytestmark = pytest.mark.django_db
LIST_URL = "/kk/professions/"


def names(response) -> list[str]:
    return [p.name for group in response.context["results"]["groups"] for p in group["professions"]]


def codes(response) -> list[str]:
    return [p.code for group in response.context["results"]["groups"] for p in group["professions"]]


# --- The list --------------------------------------------------------------------------------------------
def test_list_shows_every_active_profession_grouped_by_sphere(client):
    Profession.objects.filter(code="7212-01").update(is_active=False)
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response.context["results"]["count"] == 79
    assert "7212-01" not in codes(response)
    spheres = [group["sphere"].slug for group in response.context["results"]["groups"]]
    assert len(spheres) == len(set(spheres)) == 17  # each sphere once, in the classifier's order


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("kk", "Дәнекер", "Дәнекерлеуші"),
        ("kk", "данекер", "Дәнекерлеуші"),  # Kazakh typed on a Russian keyboard
        ("ru", "сварщ", "Сварщик"),  # the other language's name finds it too
        ("kk", "сварщ", "Дәнекерлеуші"),
        ("ru", "svarshchik", "Сварщик"),  # Latin, passport style
        ("kk", "Dänekerleuşı", "Дәнекерлеуші"),  # Latin, 2021 Kazakh alphabet
        ("ru", "danekerleushi", "Сварщик"),
        ("kk", "7212", "Дәнекерлеуші"),
    ],
)
def test_search_in_both_languages_and_in_latin(client, language, query, expected):
    response = client.get(f"/{language}/professions/", {"q": query})
    assert names(response) == [expected]


def test_filter_by_interest_type_and_audience(client):
    response = client.get(LIST_URL, {"interest": "S", "audience": "over_50"})
    expected = set(
        Profession.objects.active()
        .filter(interest_code__contains="S", suits_over_50=True)
        .values_list("code", flat=True)
    )
    assert expected and set(codes(response)) == expected


def test_filter_by_sphere(client):
    response = client.get(LIST_URL, {"sphere": "construction"})
    assert set(codes(response)) == set(
        Profession.objects.filter(sphere__slug="construction").values_list("code", flat=True)
    )


def test_a_wrong_filter_is_shown_not_a_500(client):
    response = client.get(LIST_URL, {"interest": "Q", "sphere": "nowhere"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"interest", "sphere"}
    assert response.context["results"]["count"] == 80


def test_nothing_found_says_so(client):
    response = client.get(LIST_URL, {"q": "zzzzzz"})
    assert response.context["results"]["count"] == 0
    assert "Бұл сүзгілерге сай мамандық жоқ." in response.content.decode()


def _list_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return len(captured)


def test_list_query_count_is_the_same_for_1_and_100_professions(client):
    Profession.objects.exclude(code="7212-01").update(is_active=False)
    one = _list_queries(client)
    Profession.objects.update(is_active=True)
    ProfessionFactory.create_batch(20)
    many = _list_queries(client)
    assert Profession.objects.active().count() == 100
    assert one == many
    assert _list_queries(client, q="svar", interest="R") == one


# --- The profession's page -----------------------------------------------------------------------------
def dynasty_with(profession_obj, **fields):
    dynasty = DynastyFactory(**fields)
    MemberFactory(dynasty=dynasty, profession_ref=profession_obj)
    return dynasty


def test_detail_shows_description_paths_and_types(client):
    welder = profession("7212-01")
    with translation.override("ru"):
        response = client.get("/ru/professions/7212-01/")
        body = response.content.decode()
        assert response.status_code == 200
        assert welder.description_ru in body
        assert welder.paths == ["college", "on_the_job", "retraining"]
        assert response.context["paths"] == [EntryPath(path).label for path in welder.paths]
        for label in response.context["paths"]:
            assert str(label) in body
        assert [t.value for t in response.context["types"]] == ["R"]


def test_detail_of_an_unknown_or_retired_profession_is_404(client):
    assert client.get("/kk/professions/9999-99/").status_code == 404
    Profession.objects.filter(code="7212-01").update(is_active=False)
    assert client.get("/kk/professions/7212-01/").status_code == 404


def test_detail_shows_published_dynasties_of_the_profession_only(client):
    welder = profession("7212-01")
    shown = [dynasty_with(welder) for _ in range(5)]
    dynasty_with(welder, status=DynastyStatus.SUBMITTED)  # not published
    dynasty_with(profession("7411-01"))  # another profession
    DynastyFactory()  # no member in the classifier
    # Two members of the same dynasty count it once.
    MemberFactory(dynasty=shown[0], profession_ref=welder)

    response = client.get("/kk/professions/7212-01/")

    assert response.context["page"]["dynasties_count"] == 5
    assert len(response.context["page"]["dynasties"]) == 4
    assert {d.pk for d in response.context["page"]["dynasties"]} <= {d.pk for d in shown}
    assert shown[-1].get_absolute_url() in response.content.decode()


def test_where_to_learn_puts_the_chosen_region_first(client, welder_programmes):
    astana, almaty = welder_programmes
    TrainingProgrammeFactory(profession=profession("7212-01"), is_active=False)

    anywhere = client.get("/kk/professions/7212-01/")
    assert [p.pk for p in anywhere.context["page"]["programmes"]] == [astana.pk, almaty.pk]  # by region code
    chosen = client.get("/kk/professions/7212-01/", {"region": "75"})
    assert [p.pk for p in chosen.context["page"]["programmes"]] == [almaty.pk, astana.pk]
    assert chosen.context["region"].code == "75"


def test_where_to_learn_uses_a_signed_in_persons_region(client, welder_programmes):
    astana, almaty = welder_programmes
    client.force_login(UserFactory(region=region("75")))
    response = client.get("/kk/professions/7212-01/")
    assert response.context["region"].code == "75"
    assert [p.pk for p in response.context["page"]["programmes"]] == [almaty.pk, astana.pk]
    # The select shows the person's region; choosing another one is still possible.
    assert 'value="75" selected' in response.content.decode()
    other = client.get("/kk/professions/7212-01/", {"region": "71"})
    assert [p.pk for p in other.context["page"]["programmes"]] == [astana.pk, almaty.pk]
    everywhere = client.get("/kk/professions/7212-01/", {"region": ""})
    assert everywhere.context["region"] is None


def _detail_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/kk/professions/7212-01/", {"region": "75"})
    assert response.status_code == 200
    return len(captured)


def test_detail_query_count_is_the_same_for_1_and_many_dynasties_and_programmes(client):
    welder = profession("7212-01")
    dynasty_with(welder)
    TrainingProgrammeFactory(profession=welder)
    one = _detail_queries(client)
    for _ in range(9):
        dynasty_with(welder)
        TrainingProgrammeFactory(profession=welder)
    many = _detail_queries(client)
    assert one == many


# --- Panels added by later sections ----------------------------------------------------------------------
CALLS = []


def profession_panel(*, profession, region=None, language):
    """A section's panel (as events or contests will add): shown for the welder only."""
    CALLS.append((profession.code, region.code if region else None, language))
    if profession.code != "7212-01":
        return None
    return {"template": "site/_test_panel.html", "context": {"title": f"Panel of {profession.code}"}}


def second_panel(*, profession, region=None, language):
    return {"template": "site/_test_panel.html", "context": {"title": "Second"}}


@pytest.fixture
def test_panel_template(settings, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "_test_panel.html").write_text('<section class="test-panel">{{ title }}</section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


def test_profession_page_panels_are_rendered_in_order(client, monkeypatch, test_panel_template):
    monkeypatch.setattr(
        panels,
        "PROFESSION_PAGE_PANELS",
        ["tests.enbek.test_explorer:profession_panel", "tests.enbek.test_explorer:second_panel"],
    )
    CALLS.clear()
    body = client.get("/ru/professions/7212-01/", {"region": "75"}).content.decode()
    assert CALLS == [("7212-01", "75", "ru")]
    assert body.index("Panel of 7212-01") < body.index("Second")

    body = client.get("/kk/professions/7411-01/").content.decode()
    assert CALLS[-1] == ("7411-01", None, "kk")
    assert "Panel of" not in body and body.count('class="test-panel"') == 1


def test_profession_page_shows_its_upcoming_events_and_contest_winners(client):
    from django.utils import timezone

    from tests.factories import EventFactory
    from tests.factories.contests import ApplicationFactory, ContestFactory, NominationFactory

    welder = Profession.objects.get(code="7212-01")
    EventFactory(professions=[welder], title_ru="День открытых дверей сварочного цеха")
    past = ContestFactory(
        year=2025,
        applications_open=timezone.localdate() - datetime.timedelta(days=300),
        applications_close=timezone.localdate() - datetime.timedelta(days=270),
        results_published_at=timezone.now(),
    )
    ApplicationFactory(
        contest=past,
        nomination=NominationFactory(contest=past, profession=welder),
        status="winner",
        place=1,
        full_name="Серік Дәнекеров",
    )

    body = client.get("/ru/professions/7212-01/").content.decode()

    assert panels.PROFESSION_PAGE_PANELS == [
        "events.selectors:profession_panel",
        "contests.selectors:profession_panel",
    ]
    assert "День открытых дверей сварочного цеха" in body
    assert "Серік Дәнекеров" in body
    assert body.index("День открытых дверей сварочного цеха") < body.index("Серік Дәнекеров")


def test_a_panel_that_cannot_be_imported_is_a_system_check_error(monkeypatch):
    from enbek.site.checks import check_profession_panels

    monkeypatch.setattr(
        panels,
        "PROFESSION_PAGE_PANELS",
        [
            "tests.enbek.test_explorer:profession_panel",
            "tests.enbek.test_explorer:no_such_panel",
            "nowhere:x",
        ],
    )
    errors = check_profession_panels()
    assert [error.id for error in errors] == ["enbek.site.E001", "enbek.site.E001"]
    assert "no_such_panel" in errors[0].msg and "nowhere:x" in errors[1].msg


def test_the_sections_panels_pass_the_system_check():
    from enbek.site.checks import check_profession_panels

    assert check_profession_panels() == []


# --- Navigation ------------------------------------------------------------------------------------------
def test_navigation_and_home_link_to_the_explorer_and_the_quiz(client):
    body = client.get("/kk/").content.decode()
    assert body.count('href="/kk/professions/"') >= 2  # the menu and the home page's card
    assert 'href="/kk/professions/quiz/"' in body
