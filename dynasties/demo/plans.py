"""Labour dynasties with members, stories, photos, media, challenge posts and exhibitions.

Each dynasty is planned in Python from its own random generator, seeded by (seed, index), so the
plan of dynasty 42 is the same in a small and a large seed, and nothing depends on the order of
the others. Plans become rows through bulk_create in batches: dynasties, then members generation by
generation (a parent gets its id before its children are written), photos, media; the stored
figures then come from one SQL UPDATE (dynasties.services.dynasty_refresh_figures).
"""

import datetime
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.utils.text import slugify

from enbek.demo.content import ORGANIZATION_TEMPLATES
from enbek.demo.core import OrganizationSpec, organization_specs
from enbek.demo.images import PALETTES, store_placeholder
from enbek.demo.names import Family, Person, kk_to_ru, person_name, pick_family, russian_plural, staff_name
from enbek.models import Organization, Profession, Region, Sphere, User
from enbek.richtext import render_markdown
from enbek.text import transliterate

from ..enums import ChallengeStatus, DynastyStatus, MediaKind
from ..models import ChallengeEntry, Dynasty, MediaEpisode, Member, Photo, PhotoExhibition
from ..services import (
    dynasty_refresh_figures,
    dynasty_refresh_search_vectors,
    platform_for_url,
    search_text_for,
)
from .content import (
    AWARDS_MODERN,
    AWARDS_SOVIET,
    MEDIA_OUTLETS,
    MEDIA_TITLES,
    PROFESSION_CODES,
    PROFESSIONS,
    RETURN_REASONS,
    SPHERE_PHRASES,
)

BATCH_SIZE = 1000

# Rough population of each region in 10,000s: a big city has more dynasties to tell about.
REGION_WEIGHTS = {
    "10": 60,
    "11": 79,
    "15": 93,
    "19": 150,
    "23": 70,
    "27": 69,
    "31": 120,
    "33": 70,
    "35": 113,
    "39": 83,
    "43": 83,
    "47": 78,
    "55": 75,
    "59": 53,
    "61": 210,
    "62": 22,
    "63": 72,
    "71": 140,
    "75": 220,
    "79": 120,
}
# What each region is known for; every other sphere keeps a base weight.
REGION_SPHERES = {
    "10": {"agriculture": 3, "light-industry": 2, "culture": 2},
    "11": {"agriculture": 4},
    "15": {"oil-and-gas": 3, "metallurgy": 3},
    "19": {"agriculture": 4, "energy": 2},
    "23": {"oil-and-gas": 6},
    "27": {"oil-and-gas": 4, "agriculture": 2},
    "31": {"agriculture": 3, "mining": 2, "light-industry": 2},
    "33": {"agriculture": 4},
    "35": {"mining": 5, "metallurgy": 5, "machine-building": 2},
    "39": {"agriculture": 4, "mining": 2},
    "43": {"agriculture": 3, "oil-and-gas": 2},
    "47": {"oil-and-gas": 6, "transport": 2},
    "55": {"energy": 4, "metallurgy": 4},
    "59": {"agriculture": 4, "machine-building": 2},
    "61": {"agriculture": 4, "light-industry": 3},
    "62": {"mining": 6, "metallurgy": 3},
    "63": {"metallurgy": 4, "energy": 3, "mining": 2},
    "71": {"public-service": 4, "construction": 3, "education": 2, "science": 2},
    "75": {
        "education": 3,
        "science": 3,
        "culture": 3,
        "trade-and-services": 3,
        "healthcare": 2,
        "communications": 2,
    },
    "79": {"trade-and-services": 3, "light-industry": 3, "oil-and-gas": 2},
}
_BASE_SPHERE_WEIGHT = {"railway": 1.5, "education": 1.5, "healthcare": 1.5}
_GENERATION_WEIGHTS = {2: 30, 3: 40, 4: 22, 5: 8}

# Demo dynasties of citizen@enbek.local waiting for (or back from) moderation: (status, region code).
MODERATION_DEMO = [
    (DynastyStatus.SUBMITTED, "75"),
    (DynastyStatus.SUBMITTED, "71"),
    (DynastyStatus.SUBMITTED, "75"),
    (DynastyStatus.RETURNED, "75"),
    (DynastyStatus.DRAFT, "75"),
    (DynastyStatus.DRAFT, "71"),
]
# Dynasties of the small set that the citizen demo account is shown as having submitted.
CITIZEN_PUBLISHED = (0, 1)


@dataclass(frozen=True)
class RegionInfo:
    id: int
    code: str
    center_kk: str
    center_ru: str


@dataclass
class MemberPlan:
    key: int
    person: Person
    generation: int
    parent_key: int | None
    birth_year: int
    death_year: int | None
    profession_kk: str
    profession_ru: str
    organization_name: str
    start_year: int
    end_year: int | None
    awards_kk: str
    awards_ru: str
    position: int

    def years(self, current_year: int) -> int:
        # The same formula as dynasties.selectors.member_years_expression.
        return (self.end_year or current_year) - self.start_year


@dataclass
class MediaPlan:
    title_kk: str
    title_ru: str
    kind: str
    outlet_kk: str
    outlet_ru: str
    date: datetime.date
    url: str


@dataclass
class DynastyPlan:
    index: int
    slug: str
    family: Family
    region: RegionInfo
    sphere_slug: str
    organization_bin: str | None
    status: str
    published_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    members: list[MemberPlan]
    story_kk: str
    story_ru: str
    media: list[MediaPlan] = field(default_factory=list)
    palette: int = 0

    @property
    def founded_year(self) -> int:
        return min(m.start_year for m in self.members)

    def search_text(self) -> str:
        return search_text_for(
            family_names=[self.family.family_name_kk, self.family.family_name_ru],
            member_names=[
                m.person.full_name for m in sorted(self.members, key=lambda m: (m.generation, m.key))
            ],
            stories=[self.story_kk, self.story_ru],
        )


@dataclass
class Context:
    """What the plans refer to, looked up once: regions, spheres and organisations."""

    regions: list[RegionInfo]
    sphere_slugs: list[str]
    sphere_ids: dict[str, int]
    organizations: dict[tuple[str, str], tuple[OrganizationSpec, Organization]]
    anchor: datetime.datetime
    current_year: int


def build_context(organizations: list[Organization], now: datetime.datetime) -> Context:
    """What the plans refer to; `organizations` are the shared demo ones (enbek.demo.core), by BIN.

    The sphere each organisation was made for is not stored on it: the specs it was made from are
    computed again (they depend only on the regions and the spheres).
    """
    region_rows = list(Region.objects.order_by("code"))
    regions = [RegionInfo(r.id, r.code, r.center_kk, r.center_ru) for r in region_rows]
    spheres = list(Sphere.objects.order_by("position", "slug").values_list("slug", "id"))
    by_bin = {organization.bin: organization for organization in organizations}
    specs = organization_specs(region_rows, [slug for slug, _id in spheres])
    # Published dates are counted back from midnight, so a re-run the same day plans the same rows.
    anchor = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return Context(
        regions=regions,
        sphere_slugs=[slug for slug, _id in spheres],
        sphere_ids=dict(spheres),
        organizations={
            (spec.region_code, spec.sphere_slug): (spec, by_bin[spec.bin])
            for spec in specs
            if spec.bin in by_bin
        },
        anchor=anchor,
        current_year=now.year,
    )


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _place(ctx: Context, rng: random.Random, index: int) -> tuple[RegionInfo, str]:
    """Region and sphere: the first dynasties go round all of them, the rest follow the country's make-up."""
    if index < 2 * len(ctx.regions):
        region = ctx.regions[index % len(ctx.regions)]
    else:
        code = _weighted(rng, {r.code: REGION_WEIGHTS.get(r.code, 50) for r in ctx.regions})
        region = next(r for r in ctx.regions if r.code == code)
    if index < 2 * len(ctx.sphere_slugs):
        return region, ctx.sphere_slugs[index % len(ctx.sphere_slugs)]
    weights = {slug: _BASE_SPHERE_WEIGHT.get(slug, 1.0) for slug in ctx.sphere_slugs}
    for slug, boost in REGION_SPHERES.get(region.code, {}).items():
        if slug in weights:
            weights[slug] = boost
    return region, _weighted(rng, weights)


def _organization_name(
    ctx: Context, region: RegionInfo, sphere_slug: str, rng: random.Random
) -> tuple[str | None, str]:
    found = ctx.organizations.get((region.code, sphere_slug))
    if found is not None:
        return found[0].bin, found[0].name_kk
    name_kk, _name_ru, _kind = ORGANIZATION_TEMPLATES.get(sphere_slug, ORGANIZATION_TEMPLATES["construction"])
    return None, name_kk.format(c_kk=region.center_kk, c_ru=region.center_ru, n=rng.randint(1, 60))


def _awards(rng: random.Random, start: int, end: int) -> tuple[str, str]:
    if rng.random() > 0.35:
        return "", ""
    pool = AWARDS_SOVIET if end < 1992 or (start < 1985 and rng.random() < 0.5) else AWARDS_MODERN
    count = 2 if rng.random() < 0.2 else 1
    chosen = rng.sample(pool, count)
    return "; ".join(kk for kk, _ru in chosen), "; ".join(ru for _kk, ru in chosen)


def _plan_members(
    rng: random.Random, ctx: Context, family: Family, sphere_slug: str, organization_name: str
) -> list[MemberPlan]:
    generations = int(_weighted(rng, {str(k): w for k, w in _GENERATION_WEIGHTS.items()}))
    count = max(generations, rng.randint(3, 8))
    per_generation = [1] * generations
    for _ in range(count - generations):
        # Extra members go to later generations more often: families grow.
        per_generation[rng.choices(range(1, generations), weights=range(1, generations))[0]] += 1
    # Birth years by generation, from the youngest back to the founder.
    youngest = rng.randint(1975, min(2000, ctx.current_year - 24))
    births = [youngest]
    for _ in range(generations - 1):
        births.insert(0, births[0] - rng.randint(24, 30))
    professions = PROFESSIONS[sphere_slug]
    members: list[MemberPlan] = []
    previous: list[MemberPlan] = []
    used_names: set[str] = set()
    key = 0
    for generation in range(1, generations + 1):
        current: list[MemberPlan] = []
        for position in range(per_generation[generation - 1]):
            parent = rng.choice(previous) if previous else None
            male = rng.random() < (0.85 if generation == 1 else 0.6)
            father = parent.person.first_name if parent is not None and parent.person.male else None
            for _attempt in range(12):
                # Brothers are not both called Дмитрий, nor a son after his father.
                person = person_name(rng, family, male=male, father=father)
                if (
                    person.first_name not in used_names
                    and person.full_name.split()[1][:4] != person.first_name[:4]
                ):
                    break
            used_names.add(person.first_name)
            birth = births[generation - 1] + rng.randint(-3, 3)
            start = min(birth + rng.randint(17, 24), ctx.current_year - 1)
            retire = birth + rng.randint(58, 64)
            end = retire if retire <= ctx.current_year else None
            death = None
            if birth < 1950:
                died = birth + rng.randint(max(64, (end or 0) - birth), 90)
                death = died if died <= ctx.current_year else None
            # The young more often hold the later, engineering and managing, posts of the list.
            share = generation / generations
            profession_kk, profession_ru = professions[
                min(len(professions) - 1, int(rng.random() * len(professions) * (0.5 + share / 2)))
            ]
            awards_kk, awards_ru = _awards(rng, start, end or ctx.current_year)
            if not male:
                awards_ru = awards_ru.replace("награждён", "награждена")
            member = MemberPlan(
                key=key,
                person=person,
                generation=generation,
                parent_key=parent.key if parent is not None else None,
                birth_year=birth,
                death_year=death,
                profession_kk=profession_kk,
                profession_ru=profession_ru,
                organization_name=organization_name,
                start_year=start,
                end_year=end,
                awards_kk=awards_kk,
                awards_ru=awards_ru,
                position=position,
            )
            key += 1
            current.append(member)
        members.extend(current)
        previous = current
    return members


def _join_kk(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " және " + names[-1]


def _join_ru(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " и " + names[-1]


def _story(
    rng: random.Random,
    ctx: Context,
    plan_family: Family,
    region: RegionInfo,
    sphere_slug: str,
    members: list[MemberPlan],
) -> tuple[str, str]:
    """Two to four paragraphs in each language, composed from templates around the plan's facts."""
    kk_sphere, ru_sphere = SPHERE_PHRASES[sphere_slug]
    founder = members[0]
    name, male = founder.person.full_name, founder.person.male
    # Russian texts write Kazakh names in Russian letters (Дәурен Ержанұлы → Даурен Ержанулы).
    name_ru = kk_to_ru(name)
    start = founder.start_year
    founder_years = founder.years(ctx.current_year)
    prof_kk, prof_ru = founder.profession_kk.lower(), founder.profession_ru
    family_kk, family_ru = plan_family.family_name_kk, plan_family.family_name_ru
    he = "он" if male else "она"
    ending = "" if male else "а"
    came = "пришёл" if male else "пришла"
    founder_title = "Основатель" if male else "Основательница"
    variant = rng.randrange(3)
    if variant == 0:
        first_kk = (
            f"{family_kk} тарихы {start} жылы басталды. Сол жылы {name} {region.center_kk} қаласында "
            f"{prof_kk} болып жұмысқа орналасты, содан бері бұл отбасы {kk_sphere} еңбек етіп келеді."
        )
        first_ru = (
            f"История династии началась в {start} году: {name_ru} начал{ending} трудовой путь в городе "
            f"{region.center_ru} по профессии «{prof_ru}». С тех пор семья трудится {ru_sphere}."
        )
    elif variant == 1:
        first_kk = (
            f"Әулеттің негізін қалаған – {name}. Ол {start} жылы {region.center_kk} қаласында {prof_kk} "
            f"болып еңбек жолын бастап, {founder_years} жыл бойы өз кәсібіне адал болды."
        )
        first_ru = (
            f"{founder_title} династии — {name_ru}. В {start} году {he} {came} работать "
            f"{ru_sphere} в городе {region.center_ru} по профессии «{prof_ru}» и отдал{ending} любимому делу "
            f"{founder_years} {russian_plural(founder_years, 'год', 'года', 'лет')}."
        )
    else:
        first_kk = (
            f"{family_kk} – {region.center_kk} қаласындағы белгілі еңбек әулеттерінің бірі. Алғашқы қадамды "
            f"{start} жылы {name} жасады: ол {kk_sphere} {prof_kk} болып қызмет етті."
        )
        first_ru = (
            f"{family_ru} — одна из известных трудовых династий города {region.center_ru}. Первый шаг "
            f"в {start} году сделал{ending} {name_ru}: {he} работал{ending} {ru_sphere} "
            f"по профессии «{prof_ru}»."
        )
    generations = max(m.generation for m in members)
    total = sum(m.years(ctx.current_year) for m in members)
    rounded = total // 10 * 10
    second_kk = f"Бүгінде әулетте {generations} буын, {len(members)} адам бар."
    generations_word = russian_plural(generations, "поколение", "поколения", "поколений")
    people_word = russian_plural(len(members), "человек", "человека", "человек")
    second_ru = f"Сегодня в династии {generations} {generations_word} — {len(members)} {people_word}."
    if rounded >= 10:
        second_kk += f" Олардың жалпы еңбек өтілі {rounded} жылдан асады."
        second_ru += f" Их общий трудовой стаж превышает {rounded} лет."
    successors = [m.person.full_name for m in members if m.generation > 1][:3]
    parent_kk = "Әке" if male else "Ана"
    founder_ru = "основателя" if male else "основательницы"
    successors_ru = [kk_to_ru(n) for n in successors]
    if generations == 2:
        second_kk += f" {parent_kk} жолын балалары жалғастырды: {_join_kk(successors)}."
        second_ru += f" Дело {founder_ru} продолжили дети: {_join_ru(successors_ru)}."
    else:
        second_kk += f" {parent_kk} жолын балалары мен немерелері жалғастырды: {_join_kk(successors)}."
        second_ru += f" Дело {founder_ru} продолжили дети и внуки: {_join_ru(successors_ru)}."
    paragraphs_kk, paragraphs_ru = [first_kk, second_kk], [first_ru, second_ru]
    awarded = [m for m in members if m.awards_kk][:2]
    if awarded and rng.random() < 0.85:
        paragraphs_kk.append(
            "Әулет мүшелерінің еңбегі лайықты бағаланды: "
            + "; ".join(f"{m.person.full_name} – {m.awards_kk.split('; ')[0]}" for m in awarded)
            + "."
        )
        paragraphs_ru.append(
            "Труд членов династии отмечен наградами: "
            + "; ".join(f"{kk_to_ru(m.person.full_name)} — {m.awards_ru.split('; ')[0]}" for m in awarded)
            + "."
        )
    working = [m for m in members if m.end_year is None]
    if working and rng.random() < 0.8:
        youngest = max(working, key=lambda m: (m.birth_year, m.key))
        closing_kk, closing_ru = rng.choice(
            [
                (
                    "Әулет мүшелері мектеп оқушыларымен жиі кездесіп, жастарға кәсіп таңдауда кеңес береді.",
                    "Члены династии часто встречаются со школьниками и помогают молодёжи выбрать профессию.",
                ),
                (
                    "Отбасы өз тарихын «Еңбек – елдің мұраты» жобасына ұрпаққа үлгі болсын деп ұсынды.",
                    "Семья рассказала свою историю проекту «Еңбек – елдің мұраты», чтобы она стала примером "
                    "для молодёжи.",
                ),
                (
                    "«Еңбек – елдің мұраты» деген сөз бұл отбасы үшін өмірлік ұстаным.",
                    "Слова «Еңбек – елдің мұраты» — «Труд — достояние народа» — стали для этой семьи "
                    "девизом.",
                ),
            ]
        )
        paragraphs_kk.append(
            f"Бүгінде әулеттің ісін {youngest.profession_kk.lower()} {youngest.person.full_name} "
            "жалғастыруда. " + closing_kk
        )
        paragraphs_ru.append(
            f"Сегодня дело семьи продолжает {kk_to_ru(youngest.person.full_name)} — "
            f"{youngest.profession_ru.lower()}. " + closing_ru
        )
    return "\n\n".join(paragraphs_kk), "\n\n".join(paragraphs_ru)


def _media(
    rng: random.Random, family: Family, slug: str, published: datetime.datetime | None
) -> list[MediaPlan]:
    if published is None or rng.random() > 0.35:
        return []
    episodes = []
    for k in range(rng.randint(1, 2)):
        title_kk, title_ru = rng.choice(MEDIA_TITLES)
        kind = rng.choice(
            [MediaKind.TV, MediaKind.RADIO, MediaKind.PODCAST, MediaKind.VIDEO, MediaKind.ARTICLE]
        )
        outlet_kk, outlet_ru = rng.choice(MEDIA_OUTLETS[kind])
        episodes.append(
            MediaPlan(
                title_kk=f"{family.family_name_kk}: {title_kk}",
                title_ru=f"{family.family_name_ru}: {title_ru}",
                kind=kind,
                outlet_kk=outlet_kk,
                outlet_ru=outlet_ru,
                date=(published - datetime.timedelta(days=rng.randint(0, 400))).date(),
                url=f"https://example.com/enbek/{kind}/{slug}-{k + 1}",
            )
        )
    return episodes


def plan_dynasty(
    ctx: Context,
    *,
    seed: int,
    index: int,
    status: str = DynastyStatus.PUBLISHED,
    region_code: str | None = None,
    slug_suffix: str = "",
) -> DynastyPlan:
    rng = random.Random(f"enbek-demo:{seed}:{index}:{status}")
    region, sphere_slug = _place(ctx, rng, index)
    if region_code is not None:
        region = next(r for r in ctx.regions if r.code == region_code)
    family = pick_family(rng)
    organization_bin, organization_name = _organization_name(ctx, region, sphere_slug, rng)
    members = _plan_members(rng, ctx, family, sphere_slug, organization_name)
    story_kk, story_ru = _story(rng, ctx, family, region, sphere_slug, members)
    slug = f"{slugify(transliterate(family.surname_kk))}-{slug_suffix or index + 1}"
    published_at = submitted_at = None
    if status == DynastyStatus.PUBLISHED:
        published_at = ctx.anchor - datetime.timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
        submitted_at = published_at - datetime.timedelta(days=rng.randint(1, 10))
    elif status in {DynastyStatus.SUBMITTED, DynastyStatus.RETURNED}:
        submitted_at = ctx.anchor - datetime.timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 20))
    return DynastyPlan(
        index=index,
        slug=slug,
        family=family,
        region=region,
        sphere_slug=sphere_slug,
        organization_bin=organization_bin,
        status=status,
        published_at=published_at,
        submitted_at=submitted_at,
        members=members,
        story_kk=story_kk,
        story_ru=story_ru,
        media=_media(rng, family, slug, published_at),
        palette=rng.randrange(len(PALETTES)),
    )


_PHOTO_IMAGE = Photo._meta.get_field("image")
_PHOTO_THUMBNAIL = Photo._meta.get_field("thumbnail")


def _photo_files(plan: DynastyPlan, *, pooled: bool) -> list[tuple[str, str, str, str, int, int]]:
    """(image, thumbnail, caption kk, caption ru, width, height) of each photo of the dynasty."""
    captions = [
        (f"{plan.family.family_name_kk}: отбасылық сурет", f"{plan.family.family_name_ru}: семейное фото"),
        ("Еңбек жолынан", "Из трудовой биографии"),
    ]
    count = 1 if pooled else 1 + (plan.index % 3 == 0)
    photos = []
    for k in range(count):
        if pooled:
            # A pool of one picture per initial and palette: a few dozen files for any number of rows.
            stored = store_placeholder(
                image_field=_PHOTO_IMAGE,
                thumbnail_field=_PHOTO_THUMBNAIL,
                name=f"pool-{ord(plan.family.initial):04x}-{plan.palette}",
                initial=plan.family.initial,
                caption="",
                palette=plan.palette,
                variant=0,
            )
        else:
            stored = store_placeholder(
                image_field=_PHOTO_IMAGE,
                thumbnail_field=_PHOTO_THUMBNAIL,
                name=f"{plan.slug}-{k + 1}",
                initial=plan.family.initial,
                caption=plan.family.family_name_kk if k == 0 else "",
                palette=plan.palette + k,
                variant=plan.index * 2 + k,
            )
        photos.append((stored.image, stored.thumbnail, *captions[k], stored.width, stored.height))
    return photos


def insert_plans(
    plans: list[DynastyPlan],
    ctx: Context,
    *,
    citizen: User,
    reviewer: dict[str, User],
    pooled_photos: bool,
) -> list[Dynasty]:
    """Write the plans whose slug is not taken yet; returns the dynasties written."""
    taken = set(Dynasty.objects.filter(slug__in=[p.slug for p in plans]).values_list("slug", flat=True))
    plans = [p for p in plans if p.slug not in taken]
    if not plans:
        return []
    organizations = {spec.bin: org for spec, org in ctx.organizations.values()}
    with transaction.atomic():
        dynasties = []
        for plan in plans:
            owned = plan.status != DynastyStatus.PUBLISHED or plan.index in CITIZEN_PUBLISHED
            dynasties.append(
                Dynasty(
                    family_name_kk=plan.family.family_name_kk,
                    family_name_ru=plan.family.family_name_ru,
                    slug=plan.slug,
                    sphere_id=ctx.sphere_ids[plan.sphere_slug],
                    region_id=plan.region.id,
                    organization=organizations.get(plan.organization_bin) if plan.organization_bin else None,
                    founded_year=plan.founded_year,
                    story_kk=plan.story_kk,
                    story_ru=plan.story_ru,
                    story_html_kk=str(render_markdown(plan.story_kk)),
                    story_html_ru=str(render_markdown(plan.story_ru)),
                    status=plan.status,
                    return_reason=RETURN_REASONS[0] if plan.status == DynastyStatus.RETURNED else "",
                    submitted_by=citizen if owned else None,
                    reviewed_by=reviewer.get(plan.region.code, reviewer["*"])
                    if plan.status in {DynastyStatus.PUBLISHED, DynastyStatus.RETURNED}
                    else None,
                    submitted_at=plan.submitted_at,
                    published_at=plan.published_at,
                    search_text=plan.search_text(),
                )
            )
        Dynasty.objects.bulk_create(dynasties)

        by_generation: dict[int, list[Member]] = defaultdict(list)
        for dynasty, plan in zip(dynasties, plans, strict=True):
            written: dict[int, Member] = {}
            for m in plan.members:
                member = Member(
                    dynasty=dynasty,
                    full_name=m.person.full_name,
                    generation=m.generation,
                    parent=written.get(m.parent_key) if m.parent_key is not None else None,
                    birth_year=m.birth_year,
                    death_year=m.death_year,
                    profession_kk=m.profession_kk,
                    profession_ru=m.profession_ru,
                    organization_name=m.organization_name,
                    start_year=m.start_year,
                    end_year=m.end_year,
                    awards_kk=m.awards_kk,
                    awards_ru=m.awards_ru,
                    position=m.position,
                )
                written[m.key] = member
                by_generation[m.generation].append(member)
        # Parents first: bulk_create gives them their ids, which their children's parent_id then takes.
        for generation in sorted(by_generation):
            Member.objects.bulk_create(by_generation[generation])

        photos = []
        for dynasty, plan in zip(dynasties, plans, strict=True):
            for position, (image, thumbnail, caption_kk, caption_ru, width, height) in enumerate(
                _photo_files(plan, pooled=pooled_photos)
            ):
                photos.append(
                    Photo(
                        dynasty=dynasty,
                        image=image,
                        thumbnail=thumbnail,
                        width=width,
                        height=height,
                        caption_kk=caption_kk,
                        caption_ru=caption_ru,
                        position=position,
                    )
                )
        Photo.objects.bulk_create(photos)
        first_photo = Photo.objects.filter(dynasty=OuterRef("pk")).order_by("position", "id").values("id")[:1]
        Dynasty.objects.filter(pk__in=[d.pk for d in dynasties]).update(cover=Subquery(first_photo))

        MediaEpisode.objects.bulk_create(
            [
                MediaEpisode(
                    dynasty=dynasty,
                    title_kk=e.title_kk,
                    title_ru=e.title_ru,
                    kind=e.kind,
                    outlet_kk=e.outlet_kk,
                    outlet_ru=e.outlet_ru,
                    date=e.date,
                    url=e.url,
                )
                for dynasty, plan in zip(dynasties, plans, strict=True)
                for e in plan.media
            ]
        )
    return dynasties


def seed_dynasties(
    ctx: Context,
    *,
    seed: int,
    published: int,
    citizen: User,
    reviewer: dict[str, User],
    pooled_photos: bool,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Published dynasties 0…published−1 and the moderation demo; returns how many were written."""
    written = 0
    for start in range(0, published, BATCH_SIZE):
        plans = [
            plan_dynasty(ctx, seed=seed, index=i) for i in range(start, min(published, start + BATCH_SIZE))
        ]
        written += len(
            insert_plans(plans, ctx, citizen=citizen, reviewer=reviewer, pooled_photos=pooled_photos)
        )
        if progress is not None:
            progress(min(published, start + BATCH_SIZE), published)
    moderation = [
        plan_dynasty(
            ctx,
            seed=seed,
            index=1_000_000 + k,
            status=status,
            region_code=code,
            slug_suffix=f"{status}-{k + 1}",
        )
        for k, (status, code) in enumerate(MODERATION_DEMO)
    ]
    written += len(insert_plans(moderation, ctx, citizen=citizen, reviewer=reviewer, pooled_photos=False))
    link_member_professions()
    # Figures of every dynasty in one UPDATE; cheap enough to run even when nothing was written.
    dynasty_refresh_figures()
    if written or (settings.IS_POSTGRES and Dynasty.objects.filter(search_vector__isnull=True).exists()):
        dynasty_refresh_search_vectors()
    if written and connection.vendor == "postgresql":
        # Without fresh statistics after a bulk load the planner guesses a handful of rows and, until
        # autovacuum comes by, searches skip the GIN index (measured: 390 ms instead of 20 ms).
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE dynasties_dynasty, dynasties_member, dynasties_photo, dynasties_mediaepisode"
            )
    return written


def link_member_professions() -> int:
    """Point members without a classified profession at the classifier where their Russian job title
    names one (content.PROFESSION_CODES), in one UPDATE; returns how many were linked."""
    ids = dict(Profession.objects.filter(code__in=set(PROFESSION_CODES.values())).values_list("code", "id"))
    titles = {title: ids[code] for title, code in PROFESSION_CODES.items() if code in ids}
    if not titles:
        return 0
    return Member.objects.filter(profession_ref__isnull=True, profession_ru__in=list(titles)).update(
        profession_ref=Case(
            *[When(profession_ru=title, then=Value(pk)) for title, pk in titles.items()],
            output_field=models.BigIntegerField(),
        )
    )


def demo_slugs(ctx: Context, *, seed: int, count: int) -> list[str]:
    return [plan_dynasty(ctx, seed=seed, index=i).slug for i in range(count)]


_POST_URLS = {
    "instagram": "https://www.instagram.com/p/{code}/",
    "tiktok": "https://www.tiktok.com/@enbek.demo/video/{number}",
    "facebook": "https://www.facebook.com/enbek.demo/posts/{number}",
    "youtube": "https://www.youtube.com/watch?v={code}",
    "telegram": "https://t.me/enbek_demo/{short}",
}
_POST_COMMENTS = [
    "Атамның еңбек жолы туралы жазбам",
    "Біздің әулеттің үш буыны бір суретте",
    "Пост о династии моего деда",
    "Мамам мен әжемнің кәсібі туралы бейне",
    "Рассказ о семье железнодорожников",
]


def ensure_challenge_entries(
    ctx: Context, *, seed: int, citizen: User, reviewer: dict[str, User], slugs: list[str]
) -> int:
    """Twelve approved posts on the wall and six pending in Almaty (75) and Astana (71); by post URL."""
    from django.utils import timezone

    dynasties = {d.slug: d for d in Dynasty.objects.filter(slug__in=slugs, status=DynastyStatus.PUBLISHED)}
    ordered = [dynasties[s] for s in slugs if s in dynasties]
    if not ordered:
        return 0
    region_codes = {r.id: r.code for r in ctx.regions}
    # Pending posts where the two demo coordinators will find them in their queues.
    pending_pool = [d for d in ordered if region_codes[d.region_id] in {"75", "71"}]
    rng = random.Random(f"enbek-demo:{seed}:challenge")
    entries = []
    platforms = list(_POST_URLS)
    plan = [(ordered[(k * 5) % len(ordered)], ChallengeStatus.APPROVED) for k in range(12)]
    plan += (
        [(pending_pool[k % len(pending_pool)], ChallengeStatus.PENDING) for k in range(6)]
        if pending_pool
        else []
    )
    for k, (dynasty, status) in enumerate(plan):
        platform = platforms[k % len(platforms)]
        url = _POST_URLS[platform].format(
            code=f"Enb{seed}x{k:03d}{rng.randrange(36**4):04x}",
            number=7_300_000_000_000_000_000 + seed * 1000 + k,
            short=100 + seed % 1000 * 100 + k,
        )
        code = region_codes[dynasty.region_id]
        approved = status == ChallengeStatus.APPROVED
        entries.append(
            ChallengeEntry(
                platform=platform_for_url(url),
                post_url=url,
                hashtag=settings.ENBEK_CHALLENGE_HASHTAG,
                author=citizen,
                author_name=staff_name(rng),
                dynasty=dynasty,
                region_id=dynasty.region_id,
                comment=_POST_COMMENTS[k % len(_POST_COMMENTS)],
                status=status,
                reviewed_by=reviewer.get(code, reviewer["*"]) if approved else None,
                reviewed_at=timezone.now() if approved else None,
            )
        )
    ChallengeEntry.objects.bulk_create(entries, ignore_conflicts=True)
    return len(entries)


# (title kk, title ru, place kk, place ru, region code, opens in days from today, lasts days)
EXHIBITIONS = [
    (
        "Еңбек әулеттері: ұрпақтар портреті",
        "Трудовые династии: портрет поколений",
        "Алматы, қалалық көрме залы",
        "Алматы, городской выставочный зал",
        "75",
        -20,
        45,
    ),
    (
        "Қара шаңырақ: өндіріс әулеттері",
        "Шанырак: династии производственников",
        "Қарағанды, өнеркәсіп тарихы мұражайы",
        "Караганда, музей истории промышленности",
        "35",
        -200,
        50,
    ),
    (
        "Еңбек – елдің мұраты: фотокөрме",
        "Еңбек – елдің мұраты: фотовыставка",
        "Астана, мәдениет орталығының фойесі",
        "Астана, фойе центра культуры",
        "71",
        15,
        45,
    ),
]


def ensure_exhibitions(ctx: Context, *, slugs: list[str], today: datetime.date) -> list[PhotoExhibition]:
    """Exhibitions by their Kazakh title, each showing published demo dynasties of its region."""
    regions = {r.code: r for r in ctx.regions}
    exhibitions = []
    for title_kk, title_ru, place_kk, place_ru, code, opens, lasts in EXHIBITIONS:
        region = regions[code]
        starts_on = today + datetime.timedelta(days=opens)
        exhibition, _ = PhotoExhibition.objects.update_or_create(
            title_kk=title_kk,
            defaults={
                "title_ru": title_ru,
                "place_kk": place_kk,
                "place_ru": place_ru,
                "region_id": region.id,
                "starts_on": starts_on,
                "ends_on": starts_on + datetime.timedelta(days=lasts),
            },
        )
        shown = list(
            Dynasty.objects.filter(
                slug__in=slugs, region_id=region.id, status=DynastyStatus.PUBLISHED
            ).order_by("slug")[:8]
        )
        exhibition.dynasties.set(shown)
        exhibition.photos.set([d.cover_id for d in shown if d.cover_id])
        exhibitions.append(exhibition)
    return exhibitions
