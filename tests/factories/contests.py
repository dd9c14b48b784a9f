import datetime

import factory
from django.utils import timezone

from contests.enums import ApplicationStatus, ContestStatus
from contests.models import Application, Contest, Criterion, JuryAssignment, Nomination, Stage
from contests.services import iin_digest
from enbek.validators import check_digit, iin_info

from .core import UserFactory, make_iin, profession, region


def today() -> datetime.date:
    return timezone.localdate()


class ContestFactory(factory.django.DjangoModelFactory):
    """A published contest open for applications today (10 days ago to 20 days ahead)."""

    class Meta:
        model = Contest

    year = factory.LazyFunction(lambda: today().year)
    title_kk = factory.Sequence(lambda n: f"«Я-профи» байқауы {n}")
    title_ru = factory.Sequence(lambda n: f"Конкурс «Я-профи» {n}")
    title = factory.LazyAttribute(lambda o: o.title_kk)
    rules_kk = "Байқау ережесі."
    rules_ru = "Правила конкурса."
    slug = factory.Sequence(lambda n: f"ya-profi-{n}")
    applications_open = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    applications_close = factory.LazyFunction(lambda: today() + datetime.timedelta(days=20))
    status = ContestStatus.PUBLISHED
    min_age = 18
    max_age = 63
    min_experience_years = 1


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination
        django_get_or_create = ("contest", "profession")

    contest = factory.SubFactory(ContestFactory)
    profession = factory.LazyFunction(lambda: profession("7212-01"))


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    contest = factory.SubFactory(ContestFactory)
    order = 1
    title_kk = "Өңірлік кезең"
    title_ru = "Региональный этап"
    title = factory.LazyAttribute(lambda o: o.title_kk)
    starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=5))
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
    is_regional = True
    advance_count = 2
    jurors_per_application = 2


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    contest = factory.SubFactory(ContestFactory)
    name_kk = factory.Sequence(lambda n: f"Өлшем {n}")
    name_ru = factory.Sequence(lambda n: f"Критерий {n}")
    name = factory.LazyAttribute(lambda o: o.name_kk)
    max_points = 10
    weight = 1


_iin_serial = iter(range(10_000_000))


def next_iin(birth: str = "900101", century: str = "3") -> str:
    # Some serials have no valid check digit (the IIN algorithm answers none): take the next serial.
    while True:
        body = f"{birth}{century}{next(_iin_serial) % 10000:04d}"
        if check_digit(body) is not None:
            return make_iin(body)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application (use status=... for others); `iin` is hashed like the service does."""

    class Meta:
        model = Application
        exclude = ["iin"]

    contest = factory.SubFactory(ContestFactory)
    nomination = factory.LazyAttribute(lambda o: NominationFactory(contest=o.contest))
    user = factory.SubFactory(UserFactory)
    iin = factory.LazyFunction(next_iin)
    iin_hash = factory.LazyAttribute(lambda o: iin_digest(o.iin))
    iin_last4 = factory.LazyAttribute(lambda o: o.iin[-4:])
    birth_date = factory.LazyAttribute(lambda o: iin_info(o.iin).birth_date)
    sex = factory.LazyAttribute(lambda o: iin_info(o.iin).sex)
    full_name = factory.Sequence(lambda n: f"Ерлан Шеберов {n}")
    phone = "+77011234567"
    region = factory.LazyFunction(lambda: region("75"))
    employer_name = "«Қарметкомбинат» АҚ"
    experience_years = 7
    education = "vocational"
    story = "Колледжден кейін зауытқа келдім."
    consent_at = factory.LazyFunction(timezone.now)
    status = ApplicationStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class JuryAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryAssignment

    juror = factory.SubFactory(UserFactory, roles=["jury_member"])
    stage = factory.SubFactory(StageFactory)
    nomination = factory.LazyAttribute(lambda o: NominationFactory(contest=o.stage.contest))
