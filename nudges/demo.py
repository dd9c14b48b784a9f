"""Demo banner placements across the regions, with their daily QR visits (seed_demo's SECTION_SEEDERS).

Deterministic (ctx.rng("nudges")) and idempotent: the plan is the same on every run, and a
placement whose code exists already is left as it is, visits included. Small: 2 placements per
region (40); large: 40 per region (800) with a year of visits. A few proverbs are placed in every
design and many place types, so that the A/B view has something to compare.
"""

import datetime

from django.db import transaction
from django.db.models import Sum

from enbek.demo.context import DemoContext
from enbek.models import Proverb, Region

from .enums import BannerDesign, BannerLanguage, LandingPage, PlaceType
from .models import Placement, Visit
from .services import CODE_ALPHABET, banner_get_or_create

PER_REGION = {"small": 2, "large": 40}
# How strongly each design and place brings people (visits a day on average, before noise).
DESIGN_PULL = {BannerDesign.STEPPE: 1.3, BannerDesign.CLASSIC: 0.9, BannerDesign.BOLD: 1.7}
PLACE_PULL = {
    PlaceType.STREET_BILLBOARD: 2.0,
    PlaceType.BUS_STOP: 2.6,
    PlaceType.SCHOOL: 1.2,
    PlaceType.COLLEGE: 1.6,
    PlaceType.AKIMAT: 0.8,
    PlaceType.ENTERPRISE: 1.0,
    PlaceType.RAILWAY_STATION: 3.0,
    PlaceType.ONLINE: 4.0,
}
PLACES_KK_RU = {
    PlaceType.STREET_BILLBOARD: ("{c} қ., Абай даңғылы, {n}", "г. {c}, проспект Абая, {n}"),
    PlaceType.BUS_STOP: ("{c} қ., «Орталық» аялдамасы, {n}", "г. {c}, остановка «Центральная», {n}"),
    PlaceType.SCHOOL: ("{c} қ., №{n} мектеп-гимназия", "г. {c}, школа-гимназия №{n}"),
    PlaceType.COLLEGE: ("{c} қ., №{n} политехникалық колледж", "г. {c}, политехнический колледж №{n}"),
    PlaceType.AKIMAT: ("{c} қ. әкімдігі, {n}-қабат", "Акимат г. {c}, {n}-й этаж"),
    PlaceType.ENTERPRISE: ("{c} қ., зауыттың кіреберісі, {n}", "г. {c}, проходная завода, {n}"),
    PlaceType.RAILWAY_STATION: (
        "{c} қ., теміржол вокзалы, {n}-перрон",
        "г. {c}, железнодорожный вокзал, перрон {n}",
    ),
    PlaceType.ONLINE: ("{c} қ. әкімдігінің сайты", "Сайт акимата г. {c}"),
}
LANDINGS = [LandingPage.HOME, LandingPage.DYNASTIES, LandingPage.EVENTS, LandingPage.CONTESTS]


def _code(rng) -> str:
    return "D" + "".join(rng.choice(CODE_ALPHABET) for _ in range(6))


def _visits(rng, *, mean: float, days: int) -> list[int]:
    # A rough Poisson-like day count: a few scans a day, more on weekdays, none some days.
    return [max(0, round(rng.gauss(mean, mean * 0.6))) for _ in range(days)]


def seed(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("nudges")
    per_region = PER_REGION["large" if ctx.large else "small"]
    history = 360 if ctx.large else 120
    proverbs = list(Proverb.objects.filter(is_active=True).order_by("id"))
    regions = list(Region.objects.order_by("code"))
    if not proverbs or not regions:
        return {}
    ministry = ctx.users.get("ministry@enbek.local")
    coordinators = {
        "75": ctx.users.get("coordinator.almaty@enbek.local"),
        "71": ctx.users.get("coordinator.astana@enbek.local"),
    }
    designs = list(BannerDesign.values)
    places = list(PlaceType.values)
    featured = proverbs[:4]  # in every design and many places: the A/B view's examples
    existing = set(Placement.objects.filter(code__startswith="D").values_list("code", flat=True))
    new_placements, plans = [], []
    index = 0
    for region in regions:
        for k in range(per_region):
            code = _code(rng)
            proverb = featured[index % len(featured)] if index % 3 else rng.choice(proverbs)
            design = designs[(index + k) % len(designs)]
            place = places[(index * 5 + k) % len(places)]
            language = rng.choice(
                [BannerLanguage.KK, BannerLanguage.KK, BannerLanguage.RU, BannerLanguage.BOTH]
            )
            started = ctx.today - datetime.timedelta(days=rng.randint(3, history))
            ended = started + datetime.timedelta(days=rng.randint(20, 90)) if rng.random() < 0.3 else None
            if ended is not None and ended > ctx.today:
                ended = None
            last = ended or ctx.today
            counts = _visits(
                rng, mean=DESIGN_PULL[design] * PLACE_PULL[place], days=(last - started).days + 1
            )
            landing = LANDINGS[index % len(LANDINGS)]
            number = 1 + (index * 7) % 60
            index += 1
            if code in existing:
                continue
            address_kk, address_ru = PLACES_KK_RU[place]
            address = (address_ru if language == BannerLanguage.RU else address_kk).format(
                c=region.center_ru if language == BannerLanguage.RU else region.center_kk, n=number
            )
            banner = banner_get_or_create(proverb=proverb, design=design, language=language)
            new_placements.append(
                Placement(
                    banner=banner,
                    region=region,
                    place_type=place,
                    address=address,
                    starts_on=started,
                    ends_on=ended,
                    landing=landing,
                    code=code,
                    created_by=coordinators.get(region.code) or ministry,
                )
            )
            plans.append((started, counts))
    with transaction.atomic():
        created = Placement.objects.bulk_create(new_placements, batch_size=500)
        visits = []
        for placement, (started, counts) in zip(created, plans, strict=True):
            for offset, count in enumerate(counts):
                if count:
                    visits.append(
                        Visit(
                            banner_id=placement.banner_id,
                            placement=placement,
                            day=started + datetime.timedelta(days=offset),
                            count=count,
                        )
                    )
        Visit.objects.bulk_create(visits, batch_size=2000)
        ctx.report("banner placements", len(created), len(created))
    return {
        "banner placements": Placement.objects.count(),
        "banner QR visits": Visit.objects.aggregate(total=Sum("count"))["total"] or 0,
    }
