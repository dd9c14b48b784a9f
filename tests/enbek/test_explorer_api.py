"""The explorer's API: /api/v1/professions/ (filters, search, pages, constant queries), one profession
with its dynasties count, and the stateless career quiz with its 400s."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dynasties.enums import DynastyStatus
from enbek.models import Profession, QuizCompletionDay
from enbek.selectors import quiz_statements
from tests.factories import DynastyFactory, MemberFactory, ProfessionFactory, profession

pytestmark = pytest.mark.django_db
LIST = "/api/v1/professions/"
QUIZ = "/api/v1/career-quiz/"


def test_list_fields_and_pages(client):
    data = client.get(LIST, {"lang": "ru", "page_size": 5}).json()
    assert data["count"] == 80
    assert len(data["results"]) == 5
    first = data["results"][0]
    assert set(first) == {"code", "name", "sphere", "interest_code", "url"}
    assert first["url"] == f"http://testserver/ru/professions/{first['code']}/"


def test_list_filters_by_sphere_interest_and_search(client):
    data = client.get(
        LIST, {"sphere": "construction", "interest": "r", "search": "svarsh", "lang": "ru"}
    ).json()
    assert [(row["code"], row["name"], row["sphere"]) for row in data["results"]] == [
        ("7212-01", "Сварщик", "construction")
    ]
    social = client.get(LIST, {"interest": "S", "page_size": 100}).json()
    assert social["count"] == Profession.objects.filter(interest_code__contains="S").count()
    assert all("S" in row["interest_code"] for row in social["results"])


def test_list_wrong_parameters_are_400_naming_them(client):
    response = client.get(LIST, {"interest": "Q", "sphere": "nowhere", "audience": "cats"})
    assert response.status_code == 400
    assert set(response.json()) == {"interest", "sphere", "audience"}


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"interest": "R", "page_size": 100})
    assert response.status_code == 200
    return len(captured)


def test_list_query_count_is_the_same_for_1_and_many_professions(client):
    Profession.objects.exclude(code="7212-01").update(is_active=False)
    one = _list_queries(client)
    Profession.objects.update(is_active=True)
    ProfessionFactory.create_batch(30, interest_code="RS")
    many = _list_queries(client)
    assert one == many


def test_detail_with_description_paths_and_dynasties_count(client):
    welder = profession("7212-01")
    for _ in range(3):
        MemberFactory(dynasty=DynastyFactory(), profession_ref=welder)
    MemberFactory(dynasty=DynastyFactory(status=DynastyStatus.DRAFT), profession_ref=welder)

    data = client.get("/api/v1/professions/7212-01/", {"lang": "kk"}).json()

    assert data["code"] == "7212-01"
    assert data["name"] == "Дәнекерлеуші"
    assert data["description"] == welder.description_kk
    assert [path["code"] for path in data["paths"]] == ["college", "on_the_job", "retraining"]
    assert data["dynasties_count"] == 3
    assert data["sphere"] == "construction"


def test_detail_unknown_is_404(client):
    assert client.get("/api/v1/professions/9999-99/").status_code == 404


# --- The career quiz ------------------------------------------------------------------------------------
def test_quiz_items_in_the_requested_language(client):
    statements = list(quiz_statements())
    kk = client.get(QUIZ, {"lang": "kk"}).json()
    ru = client.get(QUIZ, {"lang": "ru"}).json()
    assert [item["id"] for item in kk["items"]] == [s.pk for s in statements]
    assert [item["text"] for item in kk["items"]] == [s.text_kk for s in statements]
    assert [item["text"] for item in ru["items"]] == [s.text_ru for s in statements]
    assert kk["scale"]["min"] == 1 and kk["scale"]["max"] == 5


def answers(value_of) -> dict:
    return {str(s.pk): value_of(s) for s in quiz_statements()}


def test_quiz_post_gives_profile_types_and_professions(client):
    body = {"answers": answers(lambda s: 5 if s.holland_type in "SE" else 2)}
    response = client.post(f"{QUIZ}?lang=ru", body, content_type="application/json")

    assert response.status_code == 200
    data = response.json()
    assert data["profile"] == {"R": 25, "I": 25, "A": 25, "S": 100, "E": 100, "C": 25}
    assert data["top_types"] == ["S", "E", "R"]
    assert len(data["professions"]) == 10
    best = data["professions"][0]
    assert best["match"] == 100
    assert set(best["interest_code"]) <= {"S", "E"}
    assert best["url"].startswith("http://testserver/ru/professions/")
    assert QuizCompletionDay.objects.get().count == 1


def test_quiz_post_400_names_each_missing_or_out_of_range_answer(client):
    given = answers(lambda s: 3)
    ids = list(given)
    del given[ids[0]]
    given[ids[1]] = 6
    given[ids[2]] = "x"
    given["999999"] = 3
    response = client.post(QUIZ, {"answers": given}, content_type="application/json")

    assert response.status_code == 400
    errors = response.json()["answers"]
    assert set(errors) == {ids[0], ids[1], ids[2], "999999"}
    assert QuizCompletionDay.objects.count() == 0


def test_quiz_post_without_answers_is_400(client):
    response = client.post(QUIZ, {"answers": "all fives"}, content_type="application/json")
    assert response.status_code == 400
    assert "answers" in response.json()
