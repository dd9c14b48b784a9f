import datetime

import factory
from django.utils import timezone

from events.enums import EventKind, EventStatus, RegistrationStatus
from events.models import Event, Registration

from .core import OrganizationFactory, UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    """A published open day of a verified organisation, a week from now, 10 seats."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory, is_verified=True)
    kind = EventKind.OPEN_DAY
    title_kk = factory.Sequence(lambda n: f"Ашық есік күні {n}")
    title_ru = factory.Sequence(lambda n: f"День открытых дверей {n}")
    title = factory.LazyAttribute(lambda o: o.title_kk)
    description_kk = "Кәсіпорынмен танысу."
    description_ru = "Знакомство с предприятием."
    description = factory.LazyAttribute(lambda o: o.description_kk)
    address_kk = "Абай даңғылы, 10"
    address_ru = "проспект Абая, 10"
    address = factory.LazyAttribute(lambda o: o.address_kk)
    region = factory.LazyAttribute(lambda o: o.organization.region)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    capacity = 10
    status = EventStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def professions(self, create, extracted, **kwargs):
        if create and extracted:
            self.professions.set(extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    seats = 1
    status = RegistrationStatus.CONFIRMED
