"""Demo data of the indicators: plans of the republic and of every region, outreach, targets, values.

Deterministic (ctx.rng per plan and region) and idempotent: plans and items are keyed by (region,
year) and number, activities by their link, targets by (indicator, region, year), and what exists
is kept. The targets are set around what the demo data will reach, so that the dashboard shows
every status; the values come from one full aggregation run at the end.
"""

import datetime

from django.utils import timezone

from enbek.demo.context import DemoContext
from enbek.models import Region

from .enums import ITEM_MECHANISMS, ItemStatus, Mechanism, OutreachKind, Period, RunKind
from .models import ActionPlan, ActionPlanItem, IndicatorValue, OutreachActivity, Target
from .periods import share_of_year_passed
from .services import aggregation_run_execute, indicator_sync_catalogue
from .sources import SOURCES

# (mechanism, title kk, title ru, form of completion kk, ru)
ITEM_TEMPLATES = {
    Mechanism.DYNASTIES: [
        ("Еңбек әулеттері туралы тарихтарды жинау және порталда жариялау",
         "Сбор и публикация на портале историй трудовых династий", "Порталдағы жарияланымдар",
         "Публикации на портале"),
        ("«Еңбек әулеттері» фотокөрмесін өткізу", "Проведение фотовыставки «Трудовые династии»",
         "Фотокөрме", "Фотовыставка"),
    ],
    Mechanism.YA_PROFI: [
        ("«Я-профи» байқауының өңірлік кезеңін өткізу", "Проведение регионального этапа конкурса «Я-профи»",
         "Жеңімпаздар тізімі", "Список победителей"),
    ],
    Mechanism.CAREER_GUIDANCE: [
        ("Кәсіпорындарда ашық есік күндерін ұйымдастыру", "Организация дней открытых дверей на предприятиях",
         "Іс-шаралар туралы есеп", "Отчёт о мероприятиях"),
        ("Мектеп оқушыларына кәсіптік бағдар беру экскурсиялары",
         "Профориентационные экскурсии для школьников", "Экскурсиялар кестесі", "График экскурсий"),
    ],
    Mechanism.NUDGE: [
        ("Еңбек туралы мақал-мәтелдері бар баннерлерді орналастыру",
         "Размещение баннеров с пословицами о труде", "Фотоесеп", "Фотоотчёт"),
    ],
    Mechanism.SURVEY: [
        ("Құндылық бағдарлары сауалнамасына тұрғындарды тарту",
         "Привлечение жителей к опросу ценностных ориентаций", "Респонденттер саны", "Число респондентов"),
    ],
    Mechanism.MEDIA: [
        ("Еңбек адамдары туралы телебағдарламалар циклі", "Цикл телепрограмм о людях труда",
         "Эфирге шығу", "Выход в эфир"),
        ("Әлеуметтік желілерде «Еңбек әулеті» челленджін өткізу",
         "Проведение челленджа «Трудовая династия» в социальных сетях", "Жазбалар саны", "Число публикаций"),
    ],
}  # fmt: skip
RESPONSIBLE = [
    ("Еңбек және халықты әлеуметтік қорғау басқармасы", "Управление занятости и социальной защиты"),
    ("Ішкі саясат басқармасы", "Управление внутренней политики"),
    ("Білім басқармасы", "Управление образования"),
    ("Мәдениет басқармасы", "Управление культуры"),
]
REPUBLIC_RESPONSIBLE = (
    "Еңбек және халықты әлеуметтік қорғау министрлігі",
    "Министерство труда и социальной защиты населения",
)
OUTLETS = {
    OutreachKind.TV: ["Qazaqstan", "Хабар", "Өңірлік телеарна"],
    OutreachKind.RADIO: ["Қазақ радиосы", "Шалқар", "Өңірлік радио"],
    OutreachKind.PODCAST: ["Еңбек подкасты", "Мамандық туралы әңгіме"],
    OutreachKind.PUBLICATION: ["Egemen Qazaqstan", "Казахстанская правда", "Өңірлік газет"],
    OutreachKind.SOCIAL: ["Instagram", "Telegram", "TikTok"],
    OutreachKind.BILLBOARD: ["Орталық көше", "Автовокзал", "Теміржол вокзалы"],
    OutreachKind.EXHIBITION: ["Облыстық тарихи-өлкетану музейі", "Мәдениет үйі"],
    OutreachKind.EVENT_COVERAGE: ["Әкімдіктің сайты", "Өңірлік ақпарат порталы"],
}
TITLES = {
    OutreachKind.TV: "Еңбек адамы: {c} шеберлері",
    OutreachKind.RADIO: "Мамандық әлемі: {c} жастары",
    OutreachKind.PODCAST: "Еңбекпен жеткен табыс — {c}",
    OutreachKind.PUBLICATION: "{c}: еңбек әулеттерінің үлгісі",
    OutreachKind.SOCIAL: "#ЕңбекДинастиясы челленджі — {c}",
    OutreachKind.BILLBOARD: "«Еңбек түбі — береке» баннері, {c}",
    OutreachKind.EXHIBITION: "«Еңбек — елдің мұраты» фотокөрмесі, {c}",
    OutreachKind.EVENT_COVERAGE: "{c}: кәсіпорындағы ашық есік күні",
}
REACH = {
    OutreachKind.TV: (20_000, 250_000),
    OutreachKind.RADIO: (5_000, 60_000),
    OutreachKind.PODCAST: (500, 8_000),
    OutreachKind.PUBLICATION: (2_000, 40_000),
    OutreachKind.SOCIAL: (1_000, 90_000),
    OutreachKind.BILLBOARD: (3_000, 30_000),
    OutreachKind.EXHIBITION: (300, 5_000),
    OutreachKind.EVENT_COVERAGE: (500, 15_000),
}


def _templates() -> list[tuple]:
    return [(mechanism, *t) for mechanism in ITEM_MECHANISMS for t in ITEM_TEMPLATES[mechanism]]


def _clamp(day: datetime.date, year: int) -> datetime.date:
    return min(max(day, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))


def _plan_items(ctx: DemoContext, plan: ActionPlan, count: int) -> int:
    """The plan's items: the first four are one of each status, the rest follow their deadline."""
    rng = ctx.rng(f"indicators:plan:{plan.region.code if plan.region else 'kz'}:{plan.year}")
    today = ctx.today
    existing = set(plan.items.values_list("number", flat=True))
    templates = _templates()
    responsible = [REPUBLIC_RESPONSIBLE] if plan.region is None else RESPONSIBLE
    written = 0
    for k in range(count):
        mechanism, title_kk, title_ru, form_kk, form_ru = templates[
            (k + rng.randrange(len(templates))) % len(templates)
        ]
        fixed = {
            0: (ItemStatus.DONE, -60),
            1: (ItemStatus.OVERDUE, -20),
            2: (ItemStatus.IN_PROGRESS, 30),
            3: (ItemStatus.PLANNED, 75),
        }
        if k in fixed:
            status, days = fixed[k]
            deadline = _clamp(today + datetime.timedelta(days=days), plan.year)
        else:
            deadline = datetime.date(plan.year, 1 + (k * 5 + rng.randrange(3)) % 12, rng.randint(5, 28))
            if deadline < today:
                status = ItemStatus.DONE if rng.random() < 0.78 else ItemStatus.OVERDUE
            else:
                status = ItemStatus.IN_PROGRESS if rng.random() < 0.4 else ItemStatus.PLANNED
        if status in (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS) and deadline < today:
            status = ItemStatus.OVERDUE  # the calendar rules, as in the services
        completed_on = None
        if status == ItemStatus.DONE:
            completed_on = min(deadline - datetime.timedelta(days=rng.randint(0, 20)), today)
        number = f"{1 + k // 4}.{1 + k % 4}"
        if number in existing:
            continue
        resp_kk, resp_ru = responsible[k % len(responsible)]
        evidence = (
            f"https://enbek.gov.kz/reports/{plan.year}/{plan.pk}/{number}"
            if status == ItemStatus.DONE
            else ""
        )
        ActionPlanItem.objects.create(
            plan=plan, number=number, position=k + 1, mechanism=mechanism,
            title=title_kk, title_kk=title_kk, title_ru=title_ru,
            responsible=resp_kk, responsible_kk=resp_kk, responsible_ru=resp_ru,
            completion_form=form_kk, completion_form_kk=form_kk, completion_form_ru=form_ru,
            deadline=deadline, status=status, completed_on=completed_on,
            evidence_url=evidence,
        )  # fmt: skip
        written += 1
    return written


def _plans(ctx: DemoContext, regions: list[Region]) -> tuple[int, int]:
    plans = items = 0
    per_plan = 24 if ctx.large else 8
    for year in (ctx.today.year - 1, ctx.today.year):
        for region in [None, *regions]:
            if region is None:
                title_kk = (
                    f"«Еңбек – елдің мұраты» жобасы бойынша {year} жылғы республикалық іс-шаралар жоспары"
                )
                title_ru = f"Республиканский план мероприятий проекта «Еңбек – елдің мұраты» на {year} год"
            else:
                title_kk = f"{region.name_kk}: «Еңбек – елдің мұраты» жобасы бойынша {year} жылғы жоспар"
                title_ru = f"{region.name_ru}: план мероприятий проекта «Еңбек – елдің мұраты» на {year} год"
            plan, created = ActionPlan.objects.get_or_create(
                region=region,
                year=year,
                defaults={"title": title_kk, "title_kk": title_kk, "title_ru": title_ru},
            )
            plans += created
            # One region leaves its plan of this year empty: the share of regions covered is below 100 %.
            if region is not None and region.code == "62" and year == ctx.today.year:
                continue
            items += _plan_items(ctx, plan, per_plan)
    return plans, items


def _outreach(ctx: DemoContext, regions: list[Region]) -> int:
    per_region = 600 if ctx.large else 12
    kinds = list(OutreachKind)
    wanted = []
    for region in regions:
        rng = ctx.rng(f"indicators:outreach:{region.code}")
        for n in range(per_region):
            kind = kinds[(n + rng.randrange(len(kinds))) % len(kinds)]
            low, high = REACH[kind]
            wanted.append(
                OutreachActivity(
                    kind=kind,
                    title=TITLES[kind].format(c=region.center_kk),
                    outlet=rng.choice(OUTLETS[kind]),
                    region=region,
                    date=ctx.today - datetime.timedelta(days=rng.randint(0, 540)),
                    estimated_reach=rng.randint(low, high),
                    url=f"https://enbek.gov.kz/media/{region.code}/{n + 1}",
                )
            )
    known = set(
        OutreachActivity.objects.filter(url__startswith="https://enbek.gov.kz/media/").values_list(
            "url", flat=True
        )
    )
    missing = [a for a in wanted if a.url not in known]
    OutreachActivity.objects.bulk_create(missing, batch_size=2000)
    return len(missing)


def _targets(ctx: DemoContext, regions: list[Region]) -> int:
    """Targets near what the data reach by the year's end, some above and some below (every status)."""
    from .models import Indicator

    indicators = {i.code: i for i in Indicator.objects.filter(code__in=list(SOURCES))}
    existing = set(Target.objects.values_list("indicator_id", "region_id", "year"))
    created = []
    for year in (ctx.today.year - 1, ctx.today.year):
        date_from, date_to = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
        share = max(share_of_year_passed(year, ctx.today), 0.05)
        for code, source in SOURCES.items():
            indicator = indicators[code]
            rng = ctx.rng(f"indicators:targets:{code}:{year}")
            actual = source.values(date_from=date_from, date_to=date_to, period=Period.YEAR, by_region=True)
            actual.update(
                source.values(date_from=date_from, date_to=date_to, period=Period.YEAR, by_region=False)
            )
            for region in [None, *regions]:
                region_id = region.id if region else None
                value = actual.get((region_id, date_from), 0.0)
                projected = value / share if indicator.is_cumulative else value
                factor = rng.choice([0.8, 0.9, 1.0, 1.05, 1.15, 1.3])
                if indicator.direction == "lower":
                    factor = 2 - factor
                target = projected * factor if projected else rng.randint(2, 12)
                if indicator.unit == "percent":
                    target = min(target, 100.0)
                target = round(target, 1) if indicator.unit in ("percent", "index") else float(round(target))
                if (indicator.id, region_id, year) not in existing:
                    created.append(Target(indicator=indicator, region_id=region_id, year=year, value=target))
    Target.objects.bulk_create(created, batch_size=2000)
    return len(created)


def seed(ctx: DemoContext) -> dict[str, int]:
    indicator_sync_catalogue()
    regions = list(Region.objects.order_by("code"))
    _plans(ctx, regions)
    _outreach(ctx, regions)
    _targets(ctx, regions)
    run = aggregation_run_execute(kind=RunKind.FULL, today=timezone.localdate(ctx.now))
    return {
        "action plans": ActionPlan.objects.count(),
        "plan items": ActionPlanItem.objects.count(),
        "outreach activities": OutreachActivity.objects.count(),
        "indicator targets": Target.objects.count(),
        "indicator values": IndicatorValue.objects.count() if run.status == "succeeded" else 0,
    }
