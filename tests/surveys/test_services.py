import datetime
import threading

import pytest
from django.db import connection

from surveys import services, tokens
from surveys.enums import SurveyStatus, TextReview
from surveys.models import Answer, Draft, Participation, Response, Survey
from tests.factories import region
from tests.factories.surveys import answers, demographics, respond, wave

pytestmark = pytest.mark.usefixtures("source_language")


def test_response_submit_records_answers_cell_and_day_only(survey):
    response = respond(survey, token="t-1", region="71", sex="m", age_group="45-54")
    assert response.submitted_on == datetime.date(2026, 1, 1)
    assert (response.region, response.sex, response.age_group) == (region("71"), "m", "45-54")
    rows = Answer.objects.filter(response=response)
    assert rows.count() == 6  # 2 likert, 1 single, 2 ticks of the multiple, 1 scale; no empty comment
    assert set(rows.values_list("region_id", "sex", "age_group").distinct()) == {
        (region("71").pk, "m", "45-54")
    }
    assert Participation.objects.get().token_hash == tokens.token_hash(survey.pk, "t-1")


def test_response_submit_second_time_same_token_is_refused(survey):
    respond(survey, token="same")
    with pytest.raises(services.AlreadyAnswered):
        respond(survey, token="same")
    assert Response.objects.count() == 1
    assert Participation.objects.count() == 1


def test_response_submit_when_closed_is_refused(survey):
    survey.status = SurveyStatus.CLOSED
    survey.save()
    with pytest.raises(services.SurveyClosed):
        respond(survey)


def test_response_submit_after_closing_day_is_refused(survey):
    with pytest.raises(services.SurveyClosed):
        services.response_submit(
            survey=survey,
            token="x",
            answers=answers(),
            demographics=demographics(),
            today=datetime.date(2027, 1, 1),
        )


def test_response_submit_errors_per_question(survey):
    bad = answers(work_meaning=None, state_provides=9, learning="maybe", work_satisfaction="ten")
    bad["nonsense"] = "1"
    with pytest.raises(services.AnswersInvalid) as caught:
        services.response_submit(
            survey=survey, token="x", answers=bad, demographics=demographics(sex=""), today=survey.opens_on
        )
    assert caught.value.errors == {
        "nonsense": ["This survey has no such question."],
        "work_meaning": ["Please answer this question."],
        "state_provides": ["Choose a number from 1 to 5."],
        "learning": ["This answer is not one of the choices: maybe."],
        # learning is not "yes": the show-if rule hides learning_how, which was answered
        "learning_how": ["This question is not asked after your earlier answer."],
        "work_satisfaction": ["Choose a number from 0 to 10."],
        "sex": ["Please answer this question."],
    }
    assert Response.objects.count() == 0
    assert Participation.objects.count() == 0


def test_show_if_hidden_question_not_required_and_shown_one_required(survey):
    respond(survey, answers_=answers(learning="no", learning_how=None))
    with pytest.raises(services.AnswersInvalid) as caught:
        respond(survey, answers_=answers(learning="yes", learning_how=None))
    assert caught.value.errors == {"learning_how": ["Please answer this question."]}


def test_unknown_choice_in_multiple(survey):
    with pytest.raises(services.AnswersInvalid) as caught:
        respond(survey, answers_=answers(learning_how=["courses", "tv"]))
    assert caught.value.errors == {"learning_how": ["This answer is not one of the choices: tv."]}


def test_open_text_is_pending_review(survey):
    response = respond(survey, answers_=answers(comment="  Еңбек — бақыт  "))
    text = Answer.objects.get(response=response, question__code="comment")
    assert (text.text, text.text_review) == ("Еңбек — бақыт", TextReview.PENDING)
    assert services.answers_review(answer_ids=[text.pk], status=TextReview.APPROVED) == 1


def test_draft_is_deleted_when_the_response_is_sent(survey):
    services.draft_save(survey=survey, token="tok", data={"work_meaning": "4"}, page=1)
    assert services.draft_get(survey=survey, token="tok").data == {"work_meaning": "4"}
    respond(survey, token="tok")
    assert Draft.objects.count() == 0


def test_survey_clone_keeps_codes_rules_and_translations(survey):
    clone = services.survey_clone(source=survey, year=2027)
    assert clone.status == SurveyStatus.DRAFT
    assert (clone.opens_on, clone.closes_on) == (datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    assert clone.title_ru == survey.title_ru

    def shape(s: Survey):
        return [
            (q.code, q.kind, q.section.position, q.index_direction,
             q.show_if_question.code if q.show_if_question else None, q.show_if_codes,
             q.text_kk, q.text_ru, [(c.code, c.label_kk, c.label_ru) for c in q.choices.all()])
            for q in s.questions.order_by("section__position", "position")
        ]  # fmt: skip

    assert shape(clone) == shape(survey)
    assert clone.questions.get(code="learning_how").show_if_question.survey == clone


def test_survey_clone_refuses_an_existing_year(survey):
    wave(year=2027)
    with pytest.raises(services.ValidationError):
        services.survey_clone(source=survey, year=2027)


def test_invitation_codes_answer_once(survey):
    batch = services.invitation_batch_create(survey=survey, label="Interviewer 1", size=25)
    codes = list(batch.codes.values_list("code", flat=True))
    assert len(set(codes)) == 25
    token = services.invitation_code_check(survey=survey, code=codes[0].lower())
    respond(survey, token=token)
    with pytest.raises(services.ValidationError) as used:
        services.invitation_code_check(survey=survey, code=codes[0])
    assert used.value.messages == ["This invitation code has been used already."]
    with pytest.raises(services.ValidationError):
        services.invitation_code_check(survey=survey, code="NOPE1234")


def test_population_import_creates_and_updates_cells(db):
    text = "year,region_code,sex,age_group,population\n2026,75,m,18-24,1000\n2026,75,f,18-24,1100\n"
    assert services.population_import(csv_text=text, is_demo=True, source="demo") == 2
    assert services.population_import(csv_text=text.replace("1100", "1200")) == 2
    from surveys.models import PopulationCell

    assert sorted(PopulationCell.objects.values_list("sex", "population", "is_demo")) == [
        ("f", 1200, False),
        ("m", 1000, False),
    ]


def test_population_import_names_bad_lines(db):
    text = "year,region_code,sex,age_group,population\n2026,75,m,18-24,1000\n2026,99,x,18-24,abc\n"
    with pytest.raises(services.ValidationError) as caught:
        services.population_import(csv_text=text)
    assert caught.value.messages == ["Lines with an unknown region, sex, age group or a bad number: 3."]


@pytest.mark.django_db(transaction=True)
def test_duplicate_token_race_on_postgresql_one_wins(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the race needs real concurrent transactions.")
    from django.db import connections

    survey = wave(year=2026)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            respond(survey, token="raced")
            outcomes.append("created")
        except services.AlreadyAnswered:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "refused"]
    assert Response.objects.count() == 1
    assert Participation.objects.count() == 1


def test_drafts_of_closed_waves_are_purged(survey):
    from surveys.tasks import purge_drafts

    services.draft_save(survey=survey, token="tok", data={"work_meaning": "4"}, page=1)
    assert services.drafts_purge(today=datetime.date(2026, 12, 31)) == 0
    assert services.drafts_purge(today=datetime.date(2027, 1, 1)) == 1
    assert Draft.objects.count() == 0
    assert purge_drafts() == 0
