"""The organisations' career-guidance events, dated around today."""

import datetime

from django.utils import timezone

from enbek.models import Organization
from events.enums import EventKind, EventStatus
from events.models import Event

from .context import DemoContext

# (kind, title kk, title ru, description kk, description ru)
_EVENT_KINDS = [
    (
        EventKind.OPEN_DAY,
        "Ашық есік күні",
        "День открытых дверей",
        "Мектеп оқушылары мен студенттер кәсіпорынмен танысып, мамандармен сөйлесе алады.",
        "Школьники и студенты познакомятся с предприятием и поговорят со специалистами.",
    ),
    (
        EventKind.EXCURSION,
        "Өндіріске экскурсия",
        "Экскурсия на производство",
        "Цехтарды аралап, жұмыс орындарын көріп, мамандықтар туралы білуге болады.",
        "Экскурсия по цехам: рабочие места, оборудование и рассказ о профессиях.",
    ),
    (
        EventKind.MEETING,
        "Кәсіп шеберлерімен кездесу",
        "Встреча с мастерами своего дела",
        "Еңбек әулеттерінің өкілдері мамандық таңдау туралы өз тәжірибесімен бөліседі.",
        "Представители трудовых династий расскажут, как выбирали профессию.",
    ),
]
# Days from today of each event: most are upcoming, two have passed.
_EVENT_DAYS = [2, 5, 7, 9, 12, 14, 16, 19, 21, 26, -10, -3]
_EVENT_HOURS = [10, 11, 15]


def seed(ctx: DemoContext) -> dict[str, int]:
    """The events of the demo (until they move to events/demo.py); the contests are in contests/demo.py."""
    ensure_events(organizations=ctx.organizations, now=ctx.now)
    return {"events": Event.objects.count()}


def ensure_events(*, organizations: list[Organization], now: datetime.datetime) -> list[Event]:
    """Twelve events of organisations in different regions; the HR user's employer holds the first."""
    events = []
    local_today = timezone.localtime(now).date()
    start = next(i for i, org in enumerate(organizations) if org.region.code == "75")
    chosen = [organizations[(start + k * 5) % len(organizations)] for k in range(len(_EVENT_DAYS))]
    for k, (organization, days) in enumerate(zip(chosen, _EVENT_DAYS, strict=True)):
        kind, title_kk, title_ru, text_kk, text_ru = _EVENT_KINDS[k % len(_EVENT_KINDS)]
        day = local_today + datetime.timedelta(days=days)
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(_EVENT_HOURS[k % 3])))
        event, _ = Event.objects.update_or_create(
            slug=f"{kind.replace('_', '-')}-{organization.bin}-{k + 1}",
            defaults={
                "organization": organization,
                "title_kk": f"{title_kk}: {organization.name_kk}",
                "title_ru": f"{title_ru}: {organization.name_ru}",
                "description_kk": text_kk,
                "description_ru": text_ru,
                "kind": kind,
                "region": organization.region,
                "address_kk": organization.address_kk,
                "address_ru": organization.address_ru,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=2 + k % 2),
                "capacity": 20 + (k * 7) % 40,
                "status": EventStatus.PUBLISHED,
            },
        )
        events.append(event)
    return events
