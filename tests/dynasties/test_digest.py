"""The regional coordinator's daily digest of the dynasties submitted in their region.

At most one a day, only when something new arrived, in the coordinator's language; the beat task
sends every digest due, idempotently (eagerly here and on a real worker at the end).
"""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.core import mail

from dynasties.enums import DynastyStatus
from dynasties.models import CoordinatorDigest, Dynasty
from dynasties.selectors import coordinator_digest_recipients
from dynasties.services import coordinator_digest_send
from dynasties.tasks import send_coordinator_digests
from enbek.enums import Role
from tests.factories import DynastyFactory, UserFactory, region

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
MORNING = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=ALMATY)


def _submitted(code: str, kk: str, ru: str, at: datetime.datetime, status=DynastyStatus.SUBMITTED) -> Dynasty:
    return DynastyFactory(
        region=region(code),
        family_name_kk=kk,
        family_name_ru=ru,
        status=status,
        submitted_at=at,
        published_at=None,
    )


@pytest.fixture
def almaty_coordinator(db):
    return UserFactory(
        email="almaty@example.kz",
        full_name="Айгүл Сейітова",
        preferred_language="ru",
        roles=[Role.REGIONAL_COORDINATOR],
        region=region("75"),
        coordinator_region=region("75"),
    )


@pytest.fixture
def astana_coordinator(db):
    return UserFactory(
        email="astana@example.kz",
        full_name="Ерлан Омаров",
        preferred_language="kk",
        roles=[Role.REGIONAL_COORDINATOR],
        region=region("71"),
        coordinator_region=region("71"),
    )


@pytest.fixture
def overnight(db):
    """Two Almaty families submitted overnight, an older one already waiting, and others not due."""
    return {
        "otepov": _submitted("75", "Өтеповтер", "Отеповы", MORNING - datetime.timedelta(hours=10)),
        "ermekov": _submitted("75", "Ермековтер", "Ермековы", MORNING - datetime.timedelta(hours=2)),
        "old": _submitted("75", "Ескі", "Старые", MORNING - datetime.timedelta(days=3)),
        "published": _submitted(
            "75",
            "Жарияланған",
            "Опубликованные",
            MORNING - datetime.timedelta(hours=3),
            DynastyStatus.PUBLISHED,
        ),
        "astana_old": _submitted("71", "Сейітовтер", "Сеитовы", MORNING - datetime.timedelta(days=2)),
    }


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox


def test_digest_lists_new_submissions_in_the_coordinator_s_language(almaty_coordinator, overnight, outbox):
    assert coordinator_digest_send(coordinator_id=almaty_coordinator.pk, now=MORNING) == 2

    [message] = outbox
    assert message.to == ["almaty@example.kz"]
    assert message.subject == "город Алматы: 2 новые династии на проверку"
    site = settings.SITE_URL
    otepov, ermekov = overnight["otepov"].pk, overnight["ermekov"].pk
    assert message.body == (
        "Здравствуйте, Айгүл Сейітова!\n\n"
        "Семьи региона «город Алматы» прислали на проверку 2 новые истории династий:\n\n"
        f"- Отеповы (29 ноября 2026, 22:00)\n  {site}/ru/dynasties/moderation/{otepov}/\n\n"
        f"- Ермековы (30 ноября 2026, 06:00)\n  {site}/ru/dynasties/moderation/{ermekov}/\n\n"
        f"В вашей очереди ждут 3 династии: {site}/ru/dynasties/moderation/\n\n"
        "Эта сводка приходит не чаще раза в день и только тогда, когда поступили новые истории.\n"
    )
    digest = CoordinatorDigest.objects.get(coordinator=almaty_coordinator)
    assert digest.sent_at == digest.covered_until == MORNING


def test_digest_at_most_once_a_day(almaty_coordinator, overnight, outbox):
    assert coordinator_digest_send(coordinator_id=almaty_coordinator.pk, now=MORNING) == 2
    _submitted("75", "Жаңа", "Новые", MORNING + datetime.timedelta(hours=1))

    later_today = MORNING + datetime.timedelta(hours=6)
    assert coordinator_digest_send(coordinator_id=almaty_coordinator.pk, now=later_today) == 0
    assert len(outbox) == 1

    # The next morning: only what came after the last digest.
    assert (
        coordinator_digest_send(
            coordinator_id=almaty_coordinator.pk, now=MORNING + datetime.timedelta(days=1)
        )
        == 1
    )
    assert outbox[1].subject == "город Алматы: 1 новая династия на проверку"
    assert "Новые" in outbox[1].body and "Отеповы" not in outbox[1].body


def test_digest_not_sent_when_nothing_new(almaty_coordinator, astana_coordinator, overnight, outbox):
    # Astana's only waiting family came two days ago: nothing new since the (first) digest window.
    assert coordinator_digest_send(coordinator_id=astana_coordinator.pk, now=MORNING) == 0
    assert coordinator_digest_send(coordinator_id=almaty_coordinator.pk, now=MORNING) == 2
    # A day with nothing new: no letter, and the next one still starts after the last one sent.
    assert (
        coordinator_digest_send(
            coordinator_id=almaty_coordinator.pk, now=MORNING + datetime.timedelta(days=1)
        )
        == 0
    )
    assert len(outbox) == 1
    assert CoordinatorDigest.objects.get(coordinator=almaty_coordinator).covered_until == MORNING
    assert not CoordinatorDigest.objects.filter(
        coordinator=astana_coordinator, sent_at__isnull=False
    ).exists()


def test_digest_in_kazakh_for_a_kazakh_speaking_coordinator(astana_coordinator, outbox):
    _submitted("71", "Сейітовтер", "Сеитовы", MORNING - datetime.timedelta(hours=1))
    assert coordinator_digest_send(coordinator_id=astana_coordinator.pk, now=MORNING) == 1
    [message] = outbox
    assert message.subject == "Астана қаласы: тексеруге 1 жаңа әулет"
    assert message.body.startswith("Сәлеметсіз бе, Ерлан Омаров!\n\n")
    assert "- Сейітовтер (30 қараша 2026, 07:00)\n" in message.body
    assert f"{settings.SITE_URL}/kk/dynasties/moderation/\n" in message.body


def test_digest_only_for_active_coordinators_with_an_email(almaty_coordinator, overnight, outbox):
    citizen = UserFactory(roles=[Role.CITIZEN], region=region("75"))
    assert coordinator_digest_send(coordinator_id=citizen.pk, now=MORNING) == 0
    almaty_coordinator.is_active = False
    almaty_coordinator.save(update_fields=["is_active"])
    assert coordinator_digest_send(coordinator_id=almaty_coordinator.pk, now=MORNING) == 0
    assert outbox == []


def test_digest_recipients_one_query(
    almaty_coordinator, astana_coordinator, overnight, django_assert_num_queries
):
    UserFactory(roles=[Role.MINISTRY_ADMINISTRATOR])
    with django_assert_num_queries(1):
        assert list(coordinator_digest_recipients(now=MORNING)) == [almaty_coordinator]
    CoordinatorDigest.objects.create(coordinator=almaty_coordinator, sent_at=MORNING, covered_until=MORNING)
    assert list(coordinator_digest_recipients(now=MORNING + datetime.timedelta(hours=1))) == []


def test_beat_schedule_runs_the_digest_task_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["enbek.dynasties.send_coordinator_digests"]
    assert entry["task"] == send_coordinator_digests.name == "enbek.dynasties.send_coordinator_digests"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({8}, {0})


def test_digest_task_eager_sends_each_due_digest_once(
    almaty_coordinator, astana_coordinator, outbox, eager_celery
):
    now = datetime.datetime.now(tz=ALMATY)
    _submitted("75", "Өтеповтер", "Отеповы", now - datetime.timedelta(hours=1))
    _submitted("71", "Сейітовтер", "Сеитовы", now - datetime.timedelta(hours=2))

    assert send_coordinator_digests.delay().get() == 2
    assert send_coordinator_digests.delay().get() == 0
    assert sorted(m.to[0] for m in outbox) == ["almaty@example.kz", "astana@example.kz"]


@pytest.mark.celery_worker
def test_digest_task_on_real_worker(
    worker_prerequisites,
    empty_before_serialized_rollback,
    celery_worker_process,
    django_db_serialized_rollback,
):
    queue = celery_worker_process
    coordinator = UserFactory(
        email="worker@example.kz", roles=[Role.REGIONAL_COORDINATOR], coordinator_region=region("75")
    )
    now = datetime.datetime.now(tz=ALMATY)
    _submitted("75", "Өтеповтер", "Отеповы", now - datetime.timedelta(hours=1))

    assert send_coordinator_digests.apply_async(queue=queue).get(timeout=30) == 1
    # The beat firing again (a restart, a second beat by mistake): nothing more that day.
    assert send_coordinator_digests.apply_async(queue=queue).get(timeout=30) == 0
    digest = CoordinatorDigest.objects.get(coordinator=coordinator)
    assert digest.sent_at is not None and digest.covered_until == digest.sent_at
