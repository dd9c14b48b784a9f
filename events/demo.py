"""Demo career-guidance events across the regions, with registrations and a waiting list
(seed_demo's SECTION_SEEDERS).

Deterministic (ctx.rng("events")) and idempotent: an event is known by its organisation and start,
a registration by (event, person), so a second run adds nothing. Small: three dozen events around
today (some full with a waiting list, some past with attendance); large: ≥ 5,000 events and
≥ 200,000 registrations written with bulk_create.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from enbek.demo.context import DemoContext
from enbek.models import Organization, Profession, User

from .enums import EventAudience, EventKind, EventStatus, RegistrationStatus
from .models import Event, Registration, new_ticket_code

SIZES = {"small": (36, 60), "large": (6000, 6000)}  # (events, demo registrants)
REGISTRATIONS_LARGE = 48  # per event on average: ~5,000 published × ~48 ≥ 200,000

# (kind, title kk, title ru, description kk, description ru)
KINDS = [
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
    (
        EventKind.MASTER_CLASS,
        "Шеберлік сыныбы",
        "Мастер-класс",
        "Тәжірибелі маман құралдармен жұмыс істеуді көрсетеді, қатысушылар өздері байқап көреді.",
        "Опытный специалист покажет работу с инструментом, участники попробуют сами.",
    ),
    (
        EventKind.ONLINE_TOUR,
        "Онлайн-экскурсия",
        "Онлайн-экскурсия",
        "Кәсіпорынды үйден шықпай көруге болады: тікелей эфир және сұрақтарға жауап.",
        "Предприятие можно увидеть не выходя из дома: прямой эфир и ответы на вопросы.",
    ),
]
AUDIENCES = list(EventAudience)
HOURS = (10, 11, 14, 15)


def _registrants(ctx: DemoContext, count: int) -> list[User]:
    """Demo citizens who register (no password: they cannot sign in); made once, found after."""
    emails = [f"registrant{n:05d}@events.demo.enbek.local" for n in range(count)]
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    regions = [org.region for org in ctx.organizations]
    unusable = make_password(None)
    missing = [
        User(
            email=email,
            username=email,
            full_name=f"Демо Қатысушы {n}",
            region=regions[n % len(regions)],
            preferred_language="kk" if n % 3 else "ru",
            password=unusable,
        )
        for n, email in enumerate(emails)
        if email not in existing
    ]
    User.objects.bulk_create(missing, batch_size=2000)
    ctx.count_added("event registrants", len(missing))
    return list(User.objects.filter(email__in=emails).order_by("email"))


def _plan(ctx: DemoContext, count: int, organizations: list[Organization]) -> list[Event]:
    rng = ctx.rng("events")
    local_today = timezone.localtime(ctx.now).date()
    professions = list(Profession.objects.order_by("code").values_list("pk", flat=True)[:400])
    events = []
    for k in range(count):
        organization = organizations[k % len(organizations)]
        kind, title_kk, title_ru, text_kk, text_ru = KINDS[k % len(KINDS)]
        # Small: mostly the next five weeks, a few in the past. Large: a year back to three months ahead.
        days = (k * 3) % 40 - 6 if not ctx.large else rng.randint(-365, 90)
        if k == 0:
            days = 1  # the demo representative's own event is tomorrow: full, with a waiting list
        day = local_today + datetime.timedelta(days=days)
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(HOURS[k % len(HOURS)])))
        ends_at = starts_at + datetime.timedelta(hours=2 + k % 2)
        audience = AUDIENCES[k % len(AUDIENCES)]
        event = Event(
            organization=organization,
            kind=kind,
            title=f"{title_kk}: {organization.name_kk}",
            title_kk=f"{title_kk}: {organization.name_kk}",
            title_ru=f"{title_ru}: {organization.name_ru}",
            description=text_kk,
            description_kk=text_kk,
            description_ru=text_ru,
            audience=audience,
            grade_from=8 if audience == EventAudience.PUPILS else None,
            grade_to=11 if audience == EventAudience.PUPILS else None,
            region=organization.region,
            address=organization.address_kk or "",
            address_kk=organization.address_kk or "",
            address_ru=organization.address_ru or "",
            online_url="https://live.example.kz/tour" if kind == EventKind.ONLINE_TOUR else "",
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=(5 if k % 7 in (0, 3) else 20 + (k * 7) % 40) if not ctx.large else 30 + (k * 11) % 50,
            status=(EventStatus.FINISHED if ends_at < ctx.now else EventStatus.PUBLISHED),
            published_at=starts_at - datetime.timedelta(days=20),
        )
        if not organization.is_verified:
            event.status = EventStatus.DRAFT
            event.published_at = None
        elif k % 29 == 5:
            event.status = EventStatus.CANCELLED
            event.cancelled_at = starts_at - datetime.timedelta(days=2)
        event._profession_ids = rng.sample(professions, k=min(2, len(professions))) if professions else []
        events.append(event)
    # And a draft of the representative's organisation, ready to publish.
    first = organizations[0]
    draft_start = timezone.make_aware(
        datetime.datetime.combine(local_today + datetime.timedelta(days=20), datetime.time(11))
    )
    draft = Event(
        organization=first,
        kind=EventKind.MASTER_CLASS,
        title=f"{KINDS[3][1]}: {first.name_kk}",
        title_kk=f"{KINDS[3][1]}: {first.name_kk}",
        title_ru=f"{KINDS[3][2]}: {first.name_ru}",
        description=KINDS[3][3],
        description_kk=KINDS[3][3],
        description_ru=KINDS[3][4],
        region=first.region,
        starts_at=draft_start,
        ends_at=draft_start + datetime.timedelta(hours=3),
        capacity=15,
        status=EventStatus.DRAFT,
    )
    draft._profession_ids = professions[:1]
    events.append(draft)
    return events


def _registrations_for(event: Event, people: list[User], rng, how_many: int, now) -> list[Registration]:
    chosen = rng.sample(people, k=min(how_many, len(people)))
    taken = 0
    rows = []
    for n, person in enumerate(chosen):
        seats = 12 if n == 0 and event.audience == EventAudience.PUPILS and event.capacity >= 20 else 1
        if taken + seats <= event.capacity:
            status = RegistrationStatus.CONFIRMED
            taken += seats
        else:
            status = RegistrationStatus.WAITLISTED
        if event.ends_at < now and status == RegistrationStatus.CONFIRMED:
            status = RegistrationStatus.ATTENDED if rng.random() < 0.78 else RegistrationStatus.NO_SHOW
        if event.ends_at < now and status == RegistrationStatus.WAITLISTED:
            status = RegistrationStatus.CANCELLED
        rows.append(
            Registration(
                event=event,
                user=person,
                seats=seats,
                contact_name="Сауле Нұрланқызы, мұғалім" if seats > 1 else "",
                contact_phone="+77011234567" if seats > 1 else "",
                status=status,
                ticket_code=new_ticket_code(),
                checked_in_at=event.starts_at + datetime.timedelta(minutes=10)
                if status == RegistrationStatus.ATTENDED
                else None,
            )
        )
    return rows


def seed(ctx: DemoContext) -> dict[str, int]:
    event_count, people_count = SIZES["large" if ctx.large else "small"]
    event_count = ctx.overrides.get("events", event_count)
    # The demo representative's employer first: it holds the first (full) event and a draft.
    employer_ids = set(ctx.users["hr@enbek.local"].organizations.values_list("pk", flat=True))
    # Then one organisation of each region in turn, so that even the small demo covers every region.
    by_region: dict[str, list[Organization]] = {}
    for organization in sorted(ctx.organizations, key=lambda o: (o.region.code, o.bin)):
        by_region.setdefault(organization.region.code, []).append(organization)
    rank = {o.pk: (n, code) for code, orgs in by_region.items() for n, o in enumerate(orgs)}
    organizations = sorted(ctx.organizations, key=lambda o: (o.pk not in employer_ids, rank[o.pk]))
    people = _registrants(ctx, people_count)
    rng = ctx.rng("events-registrations")
    planned = _plan(ctx, event_count, organizations)
    existing = set(
        Event.objects.filter(organization__in=organizations).values_list("organization_id", "starts_at")
    )
    new_events = [e for e in planned if (e.organization_id, e.starts_at) not in existing]
    batch = 1000
    for start in range(0, len(new_events), batch):
        chunk = new_events[start : start + batch]
        with transaction.atomic():
            Event.objects.bulk_create(chunk)
            links = [
                Event.professions.through(event_id=event.pk, profession_id=pid)
                for event in chunk
                for pid in event._profession_ids
            ]
            Event.professions.through.objects.bulk_create(links, ignore_conflicts=True)
            rows = []
            for k, event in enumerate(chunk):
                if event.status == EventStatus.DRAFT:
                    continue
                if ctx.large:
                    how_many = rng.randint(REGISTRATIONS_LARGE - 8, REGISTRATIONS_LARGE + 8)
                else:
                    # Small: the little events (5 seats) overflow into a waiting list.
                    how_many = 8 if event.capacity == 5 else 3 + (start + k) % 12
                rows.extend(_registrations_for(event, people, rng, how_many, ctx.now))
            Registration.objects.bulk_create(rows, batch_size=5000)
        ctx.count_added("events", len(chunk))
        ctx.count_added("event registrations", len(rows))
        ctx.report("events", min(start + batch, len(new_events)), len(new_events))
    return {"events": Event.objects.count(), "event registrations": Registration.objects.count()}
