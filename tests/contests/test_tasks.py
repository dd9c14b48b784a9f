"""Celery tasks of the contest: eager in-process, and one on a real worker (Redis + PostgreSQL)."""

import datetime
import os

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from contests.models import Contest, StageEntry
from contests.services import contest_close_window, score_sheet_submit
from contests.tasks import close_windows, recompute_ranking, remind_jurors
from enbek.celery import app
from tests.factories import UserFactory
from tests.factories.contests import ApplicationFactory, ContestFactory, NominationFactory

from .conftest import accepted, score

pytestmark = pytest.mark.usefixtures("source_language")


def test_tasks_registered_under_stable_names():
    assert close_windows.name == "enbek.contests.close_windows"
    assert remind_jurors.name == "enbek.contests.remind_jurors"
    assert recompute_ranking.name == "enbek.contests.recompute_ranking"
    assert app.tasks["enbek.contests.close_windows"].run is close_windows.run
    assert settings.CELERY_BEAT_SCHEDULE["enbek.contests.close_windows"]["task"] == close_windows.name
    assert settings.CELERY_BEAT_SCHEDULE["enbek.contests.remind_jurors"]["task"] == remind_jurors.name


def test_sheet_submit_queues_recompute_on_commit(
    contest, nomination, stages, criteria, jurors, eager_celery, django_capture_on_commit_callbacks
):
    regional, _final = stages
    skill, talk = criteria
    application = accepted(contest, nomination)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        score(regional, application, jurors[0], {skill: 6, talk: 3})
    assert len(callbacks) == 1
    entry = StageEntry.objects.get(stage=regional, application=application)
    assert (str(entry.score), entry.rank) == ("15.0000", 1)


def test_sheet_submit_queues_nothing_when_rolled_back(contest, nomination, stages, criteria, jurors):
    regional, _final = stages
    from contests.models import ScoreSheet

    application = accepted(contest, nomination)
    sheet = ScoreSheet.objects.create(stage=regional, application=application, juror=jurors[0])
    with pytest.raises(Exception):  # noqa: B017 - a missing criterion is a ValidationError
        score_sheet_submit(sheet=sheet, juror=jurors[0], scores={})
    assert StageEntry.objects.get(application=application).score is None


def test_close_windows_eager_tells_draft_owners_in_their_language(db, eager_celery):
    past = ContestFactory(
        applications_open=timezone.localdate() - datetime.timedelta(days=30),
        applications_close=timezone.localdate() - datetime.timedelta(days=1),
    )
    NominationFactory(contest=past)
    kazakh = UserFactory(preferred_language="kk")
    russian = UserFactory(preferred_language="ru")
    ApplicationFactory(contest=past, user=kazakh, status="draft", submitted_at=None, consent_at=None)
    ApplicationFactory(
        contest=past, user=russian, status="draft", submitted_at=None, consent_at=None, iin_hash=""
    )
    ContestFactory()  # open: untouched

    assert close_windows.delay().get() == 2
    assert close_windows.delay().get() == 0
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {kazakh.email, russian.email}
    with translation.override("kk"):
        subject_kk = gettext("«%(title)s»: applications are closed") % {"title": past.title_kk}
    with translation.override("ru"):
        subject_ru = gettext("«%(title)s»: applications are closed") % {"title": past.title_ru}
    assert by_address[kazakh.email].subject == subject_kk
    assert by_address[russian.email].subject == subject_ru
    assert subject_kk != subject_ru
    assert Contest.objects.filter(window_closed_at__isnull=False).count() == 1


def test_close_window_service_idempotent(db):
    contest = ContestFactory(
        applications_open=timezone.localdate() - datetime.timedelta(days=30),
        applications_close=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert contest_close_window(contest_id=contest.pk) == 0
    contest.refresh_from_db()
    first = contest.window_closed_at
    assert first is not None
    contest_close_window(contest_id=contest.pk)
    contest.refresh_from_db()
    assert contest.window_closed_at == first


@pytest.fixture
def worker_prerequisites(monkeypatch):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: a real Celery worker needs Redis (CI sets it).")
    if not settings.IS_POSTGRES:
        pytest.skip("The worker process needs a database it can share: run the suite on PostgreSQL.")
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")


@pytest.mark.celery_worker
def test_recompute_ranking_on_real_worker(
    worker_prerequisites,
    empty_before_serialized_rollback,
    celery_worker_process,
    django_db_serialized_rollback,
):
    from tests.factories.contests import CriterionFactory, JuryAssignmentFactory, StageFactory

    queue = celery_worker_process
    contest = ContestFactory()
    nomination = NominationFactory(contest=contest)
    stage = StageFactory(contest=contest)
    skill = CriterionFactory(contest=contest, weight=2)
    juror = JuryAssignmentFactory(stage=stage, nomination=nomination).juror
    admin = UserFactory(roles=["ministry_administrator"])
    first = accepted(contest, nomination, stage_owner=admin)
    second = accepted(contest, nomination, stage_owner=admin)
    score(stage, first, juror, {skill: 4})
    score(stage, second, juror, {skill: 9})

    assert recompute_ranking.apply_async(args=[stage.pk], queue=queue).get(timeout=30) == 2
    ranks = dict(StageEntry.objects.filter(stage=stage).values_list("application_id", "rank"))
    assert ranks == {second.pk: 1, first.pk: 2}
