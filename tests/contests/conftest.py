"""A contest with one nomination, two stages (regional, then national) and two weighted criteria."""

import datetime

import pytest
from django.utils import translation

from contests.models import ScoreSheet
from contests.services import application_screen, score_sheet_submit
from tests.celery_conf import eager as celery_eager
from tests.factories import UserFactory, profession, region
from tests.factories.contests import (
    ApplicationFactory,
    ContestFactory,
    CriterionFactory,
    JuryAssignmentFactory,
    NominationFactory,
    StageFactory,
    today,
)


@pytest.fixture
def source_language():
    """The msgids' language, so that messages compare exactly whatever the catalogues hold."""
    with translation.override("en"):
        yield


@pytest.fixture
def eager_celery():
    with celery_eager():
        yield


@pytest.fixture
def contest(db):
    return ContestFactory()


@pytest.fixture
def nomination(contest):
    return NominationFactory(contest=contest, profession=profession("7212-01"))


@pytest.fixture
def stages(contest):
    regional = StageFactory(contest=contest, order=1, is_regional=True, advance_count=2)
    final = StageFactory(
        contest=contest,
        order=2,
        title_kk="Республикалық финал",
        title_ru="Республиканский финал",
        title="Республикалық финал",
        is_regional=False,
        advance_count=3,
        starts_on=today() + datetime.timedelta(days=31),
        ends_on=today() + datetime.timedelta(days=40),
    )
    return regional, final


@pytest.fixture
def criteria(contest):
    """Skill: max 10, weight 2 (the top criterion); presentation: max 10, weight 1."""
    skill = CriterionFactory(
        contest=contest, name_kk="Шеберлік", name_ru="Мастерство", name="Шеберлік", weight=2, position=1
    )
    talk = CriterionFactory(
        contest=contest, name_kk="Таныстыру", name_ru="Презентация", name="Таныстыру", weight=1, position=2
    )
    return skill, talk


@pytest.fixture
def jurors(stages, nomination):
    regional, _final = stages
    return [JuryAssignmentFactory(stage=regional, nomination=nomination).juror for _ in range(3)]


def accepted(contest, nomination, stage_owner=None, **kwargs):
    """A submitted application screened in (ministry), so it is an entry of the first stage."""
    application = ApplicationFactory(contest=contest, nomination=nomination, **kwargs)
    admin = stage_owner or UserFactory(roles=["ministry_administrator"])
    return application_screen(application=application, actor=admin, accept=True)


def score(stage, application, juror, points: dict):
    """Submit a juror's sheet: points maps a criterion to an int or None (abstain)."""
    sheet, _ = ScoreSheet.objects.get_or_create(stage=stage, application=application, juror=juror)
    return score_sheet_submit(
        sheet=sheet,
        juror=juror,
        scores={c.pk: {"points": p, "abstain": p is None, "comment": ""} for c, p in points.items()},
    )


@pytest.fixture
def almaty():
    return region("75")
