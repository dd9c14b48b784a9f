import datetime

import factory

from indicators.enums import ItemStatus, Mechanism, OutreachKind
from indicators.models import ActionPlan, ActionPlanItem, Indicator, OutreachActivity, Target

from .core import region


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan
        django_get_or_create = ("region", "year")

    region = factory.LazyFunction(lambda: region("75"))
    year = 2025
    title_kk = factory.LazyAttribute(lambda o: f"{o.year} жылғы жоспар")
    title_ru = factory.LazyAttribute(lambda o: f"План на {o.year} год")
    title = factory.LazyAttribute(lambda o: o.title_kk)


class ActionPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlanItem

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    title_kk = "Ашық есік күндері"
    title_ru = "Дни открытых дверей"
    title = factory.LazyAttribute(lambda o: o.title_kk)
    mechanism = Mechanism.CAREER_GUIDANCE
    responsible_kk = "Әкімдік"
    responsible = factory.LazyAttribute(lambda o: o.responsible_kk)
    deadline = datetime.date(2025, 3, 31)
    status = ItemStatus.PLANNED


class OutreachActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachActivity

    kind = OutreachKind.TV
    title = factory.Sequence(lambda n: f"Еңбек адамы {n}")
    outlet = "Хабар"
    region = factory.LazyFunction(lambda: region("75"))
    date = datetime.date(2025, 2, 10)
    estimated_reach = 1000
    url = factory.Sequence(lambda n: f"https://tv.example.kz/episode/{n}")


def indicator(code: str) -> Indicator:
    """Indicators are the catalogue, synced after migrate."""
    return Indicator.objects.get(code=code)


def target(code: str, value: float, *, year: int = 2025, region_code: str | None = None) -> Target:
    return Target.objects.create(
        indicator=indicator(code), region=region(region_code) if region_code else None, year=year, value=value
    )
