"""The interest quiz: the scoring by hand, the statements, the pages without JavaScript, the daily
count (the only trace of an anonymous visitor), saving and deleting a signed-in person's result."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from enbek.models import QuizCompletionDay, QuizResult, QuizStatement
from enbek.quiz import answer_errors, best_matches, match_score, score_profile, top_types
from enbek.selectors import quiz_statements
from enbek.services import quiz_completion_record
from enbek.site.views import QUIZ_PAGE_SIZE

QUIZ_URL = "/kk/professions/quiz/"
pytestmark = pytest.mark.django_db


# --- Scoring: one pure function, checked against a profile computed by hand ---------------------------
TYPES_OF = {"a": "R", "b": "R", "c": "I", "d": "A", "e": "S", "f": "E", "g": "C", "h": "C"}
ANSWERS = {"a": 5, "b": 4, "c": 3, "d": 1, "e": 4, "f": 2, "g": 2, "h": 3}


def test_score_profile_matches_the_hand_computed_profile():
    # R: mean 4.5 → (4.5 − 1) / 4 × 100 = 87.5 → 88; I: 3 → 50; A: 1 → 0; S: 4 → 75; E: 2 → 25;
    # C: mean 2.5 → 37.5 → 38 (Python rounds halves to even: 87.5 → 88, 37.5 → 38).
    assert score_profile(ANSWERS, TYPES_OF) == {"R": 88, "I": 50, "A": 0, "S": 75, "E": 25, "C": 38}


def test_top_types_are_the_three_highest_with_ties_in_holland_order():
    assert top_types({"R": 88, "I": 50, "A": 0, "S": 75, "E": 25, "C": 38}) == ["R", "S", "I"]
    assert top_types(dict.fromkeys("RIASEC", 50)) == ["R", "I", "A"]
    assert top_types({"R": 0, "I": 10, "A": 10, "S": 0, "E": 0, "C": 10}) == ["I", "A", "C"]


def test_match_score_weights_the_code_letters_three_two_one():
    profile = {"R": 88, "I": 50, "A": 0, "S": 75, "E": 25, "C": 38}
    assert match_score(profile, "RIA") == 61  # (3·88 + 2·50 + 1·0) / 6 = 60.67
    assert match_score(profile, "SE") == 55  # (3·75 + 2·25) / 5
    assert match_score(profile, "CR") == 58  # (3·38 + 2·88) / 5
    assert match_score(profile, "R") == 88


def test_best_matches_best_first_then_by_code():
    profile = {"R": 88, "I": 50, "A": 0, "S": 75, "E": 25, "C": 38}
    pairs = [("0003-01", "RIA"), ("0001-01", "SE"), ("0004-01", "R"), ("0002-01", "CR"), ("0005-01", "S")]
    matches = best_matches(profile, pairs, limit=4)
    assert [(m.code, m.score) for m in matches] == [
        ("0004-01", 88),
        ("0005-01", 75),
        ("0003-01", 61),
        ("0002-01", 58),
    ]


def test_score_profile_refuses_an_answer_out_of_range():
    with pytest.raises(ValueError):
        score_profile({**ANSWERS, "a": 6}, TYPES_OF)


def test_answer_errors_name_each_missing_or_out_of_range_answer():
    given = {"a": 5, "b": "4", "c": 0, "d": 6, "e": "x", "f": 2.5, "g": True}
    assert answer_errors(given, TYPES_OF) == {
        "c": "out_of_range",
        "d": "out_of_range",
        "e": "out_of_range",
        "f": "out_of_range",
        "g": "out_of_range",
        "h": "missing",
    }


# --- The statements ---------------------------------------------------------------------------------------
def test_statements_six_per_type_in_both_languages(db):
    statements = list(QuizStatement.objects.all())
    assert len(statements) == 36
    for letter in "RIASEC":
        assert sum(1 for s in statements if s.holland_type == letter) == 6
    for statement in statements:
        assert statement.text_kk.strip() and statement.text_ru.strip(), statement.key
        assert statement.text_kk != statement.text_ru
    # The quiz asks one of each type in turn.
    assert [s.holland_type for s in quiz_statements()[:6]] == list("RIASEC")


def test_statements_loader_is_idempotent_and_keeps_the_keys(db):
    import importlib

    from django.apps import apps

    loader = importlib.import_module("enbek.migrations.0010_quiz_statements_data")
    before = dict(QuizStatement.objects.values_list("key", "pk"))
    loader.load(apps, None)
    assert dict(QuizStatement.objects.values_list("key", "pk")) == before


# --- The daily count ---------------------------------------------------------------------------------------
def test_completion_record_adds_one_to_the_day(db):
    day = datetime.date(2025, 3, 1)
    quiz_completion_record(day=day)
    quiz_completion_record(day=day)
    quiz_completion_record(day=day + datetime.timedelta(days=1))
    assert dict(QuizCompletionDay.objects.values_list("day", "count")) == {
        day: 2,
        day + datetime.timedelta(days=1): 1,
    }


@pytest.mark.django_db(transaction=True)
def test_simultaneous_completions_are_all_counted():
    day = datetime.date(2025, 3, 2)
    barrier = threading.Barrier(6)
    failures = []

    def finish():
        try:
            barrier.wait()
            quiz_completion_record(day=day)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=finish) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert QuizCompletionDay.objects.get(day=day).count == 6


# --- The pages, without JavaScript --------------------------------------------------------------------------
def _pages():
    statements = list(quiz_statements())
    return [statements[i : i + QUIZ_PAGE_SIZE] for i in range(0, len(statements), QUIZ_PAGE_SIZE)]


def _answers_for(page, carried: dict, value_of) -> dict:
    data = dict(carried)
    for statement in page:
        data[f"a{statement.pk}"] = str(value_of(statement))
    return data


def take_quiz(client, value_of, url=QUIZ_URL):
    """Answers every page in turn as a browser without JavaScript would; returns the last response."""
    carried: dict = {}
    response = None
    for step, page in enumerate(_pages()):
        carried = _answers_for(page, carried, value_of)
        response = client.post(url, {**carried, "step": str(step), "go": "next"})
    return response


def realistic(statement) -> int:
    return 5 if statement.holland_type == "R" else 1


def test_quiz_first_page_shows_six_statements_and_the_progress(client):
    with translation.override("kk"):
        response = client.get(QUIZ_URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["items"]) == QUIZ_PAGE_SIZE
    assert response.context["steps"] == 6
    assert '<progress max="6" value="0"' in body
    assert QuizStatement.objects.get(key="R1").text_kk in body


def test_quiz_in_russian_shows_russian_statements(client):
    body = client.get("/ru/professions/quiz/").content.decode()
    assert QuizStatement.objects.get(key="R1").text_ru in body


def test_quiz_page_without_all_answers_stays_with_an_error_and_keeps_what_was_chosen(client):
    first = _pages()[0]
    data = {f"a{first[0].pk}": "4", "step": "0", "go": "next"}
    response = client.post(QUIZ_URL, data)

    assert response.status_code == 200
    assert response.context["step"] == 0
    assert response.context["has_errors"] is True
    missing = [item["statement"].pk for item in response.context["items"] if item["missing"]]
    assert missing == [s.pk for s in first[1:]]
    assert response.context["items"][0]["value"] == 4
    assert f'name="a{first[0].pk}" value="4" checked' in response.content.decode()


def test_quiz_next_page_carries_the_answers_in_hidden_fields(client):
    first, second = _pages()[:2]
    data = _answers_for(first, {}, realistic)
    response = client.post(QUIZ_URL, {**data, "step": "0", "go": "next"})
    body = response.content.decode()

    assert response.context["step"] == 1
    assert [item["statement"].pk for item in response.context["items"]] == [s.pk for s in second]
    assert response.context["answered"] == 6
    for statement in first:
        assert f'<input type="hidden" name="a{statement.pk}" value="{realistic(statement)}">' in body


def test_quiz_back_goes_to_the_previous_page_with_its_answers(client):
    first = _pages()[0]
    data = _answers_for(first, {}, realistic)
    response = client.post(QUIZ_URL, {**data, "step": "1", "go": "back"})

    assert response.context["step"] == 0
    assert [item["value"] for item in response.context["items"]] == [realistic(s) for s in first]


def test_quiz_finished_counts_once_and_redirects_to_the_result_with_the_answers(client):
    response = take_quiz(client, realistic)
    code = "".join(str(realistic(s)) for s in quiz_statements())

    assert response.status_code == 302
    assert response["Location"] == f"/kk/professions/quiz/result/?r={code}"
    assert QuizCompletionDay.objects.get().count == 1
    # Nothing else is stored of an anonymous visitor.
    assert QuizResult.objects.count() == 0
    assert "a1" not in client.session and not client.session.keys()


def test_quiz_jumping_to_the_last_page_sends_back_to_the_first_gap(client):
    pages = _pages()
    data = _answers_for(pages[-1], _answers_for(pages[0], {}, realistic), realistic)
    response = client.post(QUIZ_URL, {**data, "step": str(len(pages) - 1), "go": "next"})

    assert response.status_code == 200
    assert response.context["step"] == 1
    assert QuizCompletionDay.objects.count() == 0


def test_quiz_result_shows_types_and_matching_professions_with_links(client):
    location = take_quiz(client, realistic)["Location"]
    with translation.override("kk"):
        response = client.get(location)
    body = response.content.decode()

    assert response.status_code == 200
    assert [item["type"].value for item in response.context["top"]] == ["R", "I", "A"]
    assert response.context["top"][0]["score"] == 100
    professions = [item["profession"] for item in response.context["professions"]]
    assert len(professions) == 10
    assert all(p.interest_code.startswith("R") for p in professions)
    assert response.context["professions"][0]["match"] == 100
    assert f'href="/kk/professions/{professions[0].code}/"' in body
    assert "/kk/accounts/login/?next=" in body  # anonymous: sign in to save


def test_quiz_result_that_cannot_be_read_sends_to_the_quiz(client):
    response = client.get("/kk/professions/quiz/result/?r=123")
    assert response.status_code == 302
    assert response["Location"] == "/kk/professions/quiz/"


def test_signed_in_person_saves_and_deletes_the_result(client, citizen):
    client.force_login(citizen)
    code = "".join(str(realistic(s)) for s in quiz_statements())

    response = client.post("/kk/professions/quiz/save/", {"r": code})
    assert response.status_code == 302 and response["Location"] == "/kk/professions/quiz/mine/"
    saved = QuizResult.objects.get(user=citizen)
    assert saved.profile == {"R": 100, "I": 0, "A": 0, "S": 0, "E": 0, "C": 0}
    assert saved.top_types == "RIA"

    mine = client.get("/kk/professions/quiz/mine/")
    assert [item["type"].value for item in mine.context["top"]] == ["R", "I", "A"]

    # Saving again replaces it.
    social = "".join("5" if s.holland_type == "S" else "3" for s in quiz_statements())
    client.post("/kk/professions/quiz/save/", {"r": social})
    assert QuizResult.objects.get(user=citizen).top_types == "SRI"

    client.post("/kk/professions/quiz/mine/")
    assert not QuizResult.objects.filter(user=citizen).exists()
    assert client.get("/kk/professions/quiz/mine/").context["saved"] is None


def test_saving_needs_a_sign_in_and_a_readable_result(client, citizen):
    response = client.post("/kk/professions/quiz/save/", {"r": "5" * 36})
    assert response.status_code == 302 and response["Location"].startswith("/kk/accounts/login/")
    client.force_login(citizen)
    response = client.post("/kk/professions/quiz/save/", {"r": "9" * 36})
    assert response["Location"] == "/kk/professions/quiz/"
    assert QuizResult.objects.count() == 0


def test_one_person_cannot_delete_another_persons_result(client, citizen, other_citizen):
    QuizResult.objects.create(user=other_citizen, profile=dict.fromkeys("RIASEC", 50), top_types="RIA")
    client.force_login(citizen)
    client.post("/kk/professions/quiz/mine/")
    assert QuizResult.objects.filter(user=other_citizen).exists()


def test_profile_links_to_the_saved_result(client, citizen):
    client.force_login(citizen)
    assert reverse("professions:quiz_mine") in client.get("/kk/accounts/profile/").content.decode()
