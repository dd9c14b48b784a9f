"""Anonymity by construction: what the tables can hold, not only what the code writes."""

from django.conf import settings
from django.db import models

from surveys.models import Answer, Draft, Participation, Response


def concrete_fields(model):
    return [f for f in model._meta.get_fields() if getattr(f, "concrete", False)]


def test_response_has_no_link_to_users_tokens_or_participations_and_no_time_of_day():
    fields = concrete_fields(Response)
    targets = {f.related_model for f in fields if f.is_relation}
    from enbek.models import Region
    from surveys.models import Survey

    assert targets == {Survey, Region}
    assert not any(isinstance(f, models.DateTimeField | models.TimeField) for f in fields)
    assert {f.name for f in fields} == {
        "id", "survey", "submitted_on", "region", "sex", "age_group", "education", "employment", "settlement",
    }  # fmt: skip


def test_answer_links_only_to_its_response_the_question_and_the_cell():
    from enbek.models import Region
    from surveys.models import Choice, Question, Survey

    relations = {f.name: f.related_model for f in concrete_fields(Answer) if f.is_relation}
    assert relations == {
        "response": Response, "question": Question, "choice": Choice, "survey": Survey, "region": Region,
    }  # fmt: skip
    assert not any(isinstance(f, models.DateTimeField | models.TimeField) for f in concrete_fields(Answer))


def test_participation_is_a_hash_per_wave_without_response_or_time():
    from surveys.models import Survey

    fields = concrete_fields(Participation)
    assert {f.name for f in fields} == {"id", "survey", "token_hash"}
    assert {f.related_model for f in fields if f.is_relation} == {Survey}
    assert not any(f.related_model is Participation for f in Response._meta.get_fields() if f.is_relation)


def test_no_survey_table_points_to_users():
    user_model = settings.AUTH_USER_MODEL.lower()
    for model in (Response, Answer, Participation, Draft):
        for field in concrete_fields(model):
            if field.is_relation:
                assert field.related_model._meta.label_lower != user_model


def test_draft_keeps_the_day_only():
    assert not any(isinstance(f, models.DateTimeField) for f in concrete_fields(Draft))
