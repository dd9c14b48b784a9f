import datetime

import factory

from enbek.models import Proverb
from nudges.enums import BannerDesign, BannerLanguage, LandingPage, PlaceType
from nudges.models import Banner, Placement, Visit

from .core import region


def proverb(index: int = 0) -> Proverb:
    """Proverbs are reference data loaded by migration: the index-th active one by id."""
    return Proverb.objects.filter(is_active=True).order_by("id")[index]


class BannerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Banner
        django_get_or_create = ("proverb", "design", "language")

    proverb = factory.LazyFunction(lambda: proverb(0))
    design = BannerDesign.STEPPE
    language = BannerLanguage.KK
    code = factory.Sequence(lambda n: f"B{n:06d}")


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    banner = factory.SubFactory(BannerFactory)
    region = factory.LazyFunction(lambda: region("75"))
    place_type = PlaceType.STREET_BILLBOARD
    address = factory.Sequence(lambda n: f"Абай даңғылы, {n}")
    starts_on = datetime.date(2026, 1, 1)
    ends_on = None
    landing = LandingPage.HOME
    code = factory.Sequence(lambda n: f"P{n:06d}")


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    placement = factory.SubFactory(PlacementFactory)
    banner = factory.LazyAttribute(lambda o: o.placement.banner if o.placement else BannerFactory())
    day = datetime.date(2026, 1, 1)
    count = 1
