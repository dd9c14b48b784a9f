"""Demo «Я-профи» contests (SECTION_SEEDERS): last year's, judged and published, and this year's, open.

Deterministic (ctx.rng("contests")) and idempotent: contests are found by slug; a contest that has
applications already is left as it is. Small: 60 applications in last year's contest; large:
20,000, each scored by 5 jurors on 3 criteria in the regional stage (bulk inserts), then ranked in
SQL, the top 2 of each region and nomination advanced, the final scored and the winners published
with the services, as the ministry would.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from enbek.demo.context import DemoContext
from enbek.enums import Role
from enbek.models import Organization, Profession, Region, User
from enbek.validators import check_digit

from .enums import ApplicationStatus, ContestStatus, Education, RankingRule
from .models import (
    Application,
    Contest,
    Criterion,
    JuryAssignment,
    Nomination,
    Score,
    ScoreSheet,
    Stage,
    StageEntry,
    StatusChange,
)
from .services import iin_digest, results_publish, stage_advance, stage_recompute_ranking

PAST_APPLICATIONS = {"small": 60, "large": 20_000}
OPEN_APPLICATIONS = {"small": 8, "large": 200}
JURORS = 5
PROFESSIONS = ["7212-01", "7413-01", "5120-01", "7223-01", "3221-01"]
CRITERIA = [
    ("Практикалық тапсырманың сапасы", "Качество практического задания", 10, 2),
    ("Теориялық білім", "Теоретические знания", 10, 1),
    ("Еңбек қауіпсіздігі", "Охрана труда", 5, 1),
]
RULES_KK = (
    "Жұмысшы мамандықтарының «Я-профи» байқауы. 18 бен 63 жас аралығындағы, мамандығы бойынша кемінде "
    "бір жыл жұмыс өтілі бар азаматтар қатыса алады. Өңірлік кезеңде әр өңір мен номинациядан үздік екі "
    "қатысушы республикалық финалға өтеді. Қазылар өтінімді аты-жөнін көрмей бағалайды."
)
RULES_RU = (
    "Конкурс рабочих профессий «Я-профи». Участвуют граждане от 18 до 63 лет со стажем работы по "
    "профессии не меньше года. Из регионального этапа лучшие двое от каждого региона и номинации "
    "выходят в республиканский финал. Жюри оценивает заявки, не видя имени участника."
)
STORIES = [
    "Колледжді бітірген соң зауытқа келдім, бүгін жас мамандарға тәлімгермін.",
    "После колледжа пришёл на завод учеником, сегодня сам учу молодых.",
    "Әкем де осы кәсіпте еңбек етті, мен оның жолын жалғастырдым.",
    "Начинала с подсобных работ, выучилась без отрыва от производства.",
]
FIRST_NAMES = ["Асқар", "Ерлан", "Дәулет", "Айгүл", "Гүлнар", "Марат", "Сергей", "Ольга", "Нұрлан", "Жанар"]
LAST_NAMES = ["Омаров", "Сәрсенбаев", "Ким", "Иванов", "Төлегенов", "Ахметов", "Қасымов", "Петров"]


def _iin(index: int, sex_digit: str, seen: set[str]) -> str:
    """A valid demo IIN for applicant number `index` (born 1975–1999), different from those in `seen`."""
    year = 75 + index % 25
    month = 1 + index % 12
    day = 1 + index % 28
    serial = index % 10_000
    while True:
        body = f"{year:02d}{month:02d}{day:02d}{sex_digit}{serial % 10000:04d}"
        digit = check_digit(body)
        if digit is not None and body + str(digit) not in seen:
            seen.add(body + str(digit))
            return body + str(digit)
        serial += 1


def _contest(slug: str, **fields) -> Contest:
    contest, _created = Contest.objects.update_or_create(slug=slug, defaults=fields)
    return contest


def _setup(contest: Contest, *, today: datetime.date, stage_days: list[tuple[int, int]]) -> tuple:
    professions = list(Profession.objects.filter(code__in=PROFESSIONS).order_by("code"))
    nominations = []
    for position, profession in enumerate(professions):
        nomination, _ = Nomination.objects.get_or_create(
            contest=contest, profession=profession, defaults={"position": position}
        )
        nominations.append(nomination)
    titles = [("Өңірлік кезең", "Региональный этап"), ("Республикалық финал", "Республиканский финал")]
    stages = []
    for order, ((kk, ru), (start, end)) in enumerate(zip(titles, stage_days, strict=True), start=1):
        stage, _ = Stage.objects.update_or_create(
            contest=contest,
            order=order,
            defaults={
                "title": kk,
                "title_kk": kk,
                "title_ru": ru,
                "starts_on": today + datetime.timedelta(days=start),
                "ends_on": today + datetime.timedelta(days=end),
                "is_regional": order == 1,
                "advance_count": 2 if order == 1 else 3,
                "exclude_same_region": order == 2,
                "jurors_per_application": JURORS,
            },
        )
        stages.append(stage)
    for position, (kk, ru, max_points, weight) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            contest=contest,
            nomination=None,
            position=position,
            defaults={"name": kk, "name_kk": kk, "name_ru": ru, "max_points": max_points, "weight": weight},
        )
    return nominations, stages


def _jurors(ctx: DemoContext) -> list[User]:
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=Role.JURY_MEMBER)
    jurors = [ctx.users["jury@enbek.local"]] if "jury@enbek.local" in ctx.users else []
    regions = list(Region.objects.order_by("code"))
    for n in range(1, JURORS + 1 - len(jurors)):
        juror, created = User.objects.get_or_create(
            email=f"jury{n}@enbek.local",
            defaults={
                "username": f"jury{n}@enbek.local",
                "full_name": f"{FIRST_NAMES[n]} {LAST_NAMES[n]} (қазы)",
                "region": regions[(n * 5) % len(regions)],
                "password": make_password(None),
            },
        )
        if created:
            juror.groups.add(group)
        jurors.append(juror)
    return jurors


def _applicants(ctx: DemoContext, *, prefix: str, count: int) -> list[User]:
    """Demo contestants' accounts (no usable password), made in bulk, found again on a later run."""
    emails = [f"{prefix}{n}@contestants.enbek.local" for n in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(email=email, username=email, full_name="", password=unusable)
            for email in emails
            if email not in existing
        ],
        batch_size=2000,
    )
    return list(User.objects.filter(email__in=emails).order_by("id"))


def _applications(
    ctx: DemoContext, contest: Contest, nominations, users, *, status: str, submitted_at: datetime.datetime
) -> list[Application]:
    rng = ctx.rng(f"contests:{contest.slug}")
    regions = list(Region.objects.order_by("code"))
    organizations = list(Organization.objects.order_by("id"))
    rows = []
    seen: set[str] = set()
    for index, user in enumerate(users):
        iin = _iin(index, "3" if index % 2 else "4", seen)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        organization = rng.choice(organizations) if organizations and rng.random() < 0.5 else None
        rows.append(
            Application(
                contest=contest,
                nomination=nominations[(index // len(regions)) % len(nominations)],
                user=user,
                iin_hash=iin_digest(iin),
                iin_last4=iin[-4:],
                birth_date=datetime.date(1900 + int(iin[:2]), int(iin[2:4]), int(iin[4:6])),
                sex="male" if iin[6] == "3" else "female",
                full_name=name,
                phone=f"+7701{index % 10_000_000:07d}",
                region=regions[index % len(regions)],
                organization=organization,
                employer_name="" if organization else "«Болашақ» ЖШС",
                experience_years=1 + index % 30,
                education=list(Education.values)[index % 4],
                story=STORIES[index % len(STORIES)],
                story_language="kk" if index % 2 == 0 else "ru",
                photo_in_gallery=False,
                consent_at=submitted_at,
                status=status,
                submitted_at=submitted_at + datetime.timedelta(minutes=index),
            )
        )
    created = Application.objects.bulk_create(rows, batch_size=2000)
    history = []
    for application in created:
        history.append(StatusChange(application=application, status=ApplicationStatus.DRAFT))
        history.append(StatusChange(application=application, status=ApplicationStatus.SUBMITTED))
        if status == ApplicationStatus.ACCEPTED:
            history.append(StatusChange(application=application, status=ApplicationStatus.ACCEPTED))
    StatusChange.objects.bulk_create(history, batch_size=5000)
    return created


def _score_stage(ctx: DemoContext, stage: Stage, applications: list[Application], jurors: list[User]) -> int:
    """Every juror scores every application of the stage (bulk): sheets and scores, submitted."""
    rng = ctx.rng(f"contests:scores:{stage.pk}")
    criteria = list(Criterion.objects.filter(contest_id=stage.contest_id).order_by("position"))
    now = timezone.now()
    done = 0
    for start in range(0, len(applications), 1000):
        chunk = applications[start : start + 1000]
        sheets = ScoreSheet.objects.bulk_create(
            [ScoreSheet(stage=stage, application=a, juror=j, submitted_at=now) for a in chunk for j in jurors]
        )
        scores = []
        for sheet in sheets:
            skill = rng.random()
            for criterion in criteria:
                points = round(criterion.max_points * min(1.0, max(0.0, rng.gauss(0.35 + skill * 0.5, 0.12))))
                scores.append(
                    Score(sheet=sheet, criterion=criterion, points=points, max_points=criterion.max_points)
                )
        Score.objects.bulk_create(scores, batch_size=5000)
        done += len(chunk)
        ctx.report("contests: scores", done, len(applications))
    return len(applications) * len(jurors)


def seed_past(ctx: DemoContext, jurors: list[User], ministry: User | None) -> Contest:
    year = ctx.today.year - 1
    contest = _contest(
        f"ya-profi-{year}",
        year=year,
        title=f"«Я-профи» — {year}",
        title_kk=f"«Я-профи» — {year}",
        title_ru=f"«Я-профи» — {year}",
        rules=RULES_KK,
        rules_kk=RULES_KK,
        rules_ru=RULES_RU,
        applications_open=ctx.today - datetime.timedelta(days=330),
        applications_close=ctx.today - datetime.timedelta(days=300),
        status=ContestStatus.PUBLISHED,
        ranking_rule=RankingRule.MEAN,
        window_closed_at=ctx.now - datetime.timedelta(days=299),
    )
    nominations, (regional, final) = _setup(contest, today=ctx.today, stage_days=[(-295, -270), (-260, -250)])
    if contest.applications.exists():
        return contest
    count = ctx.overrides.get("contests", PAST_APPLICATIONS[ctx.size])
    with transaction.atomic():
        users = _applicants(ctx, prefix=f"past{year}-", count=count)
        applications = _applications(
            ctx,
            contest,
            nominations,
            users,
            status=ApplicationStatus.ACCEPTED,
            submitted_at=ctx.now - datetime.timedelta(days=320),
        )
        Application.objects.filter(contest=contest).update(stage=regional)
        StageEntry.objects.bulk_create(
            [StageEntry(stage=regional, application=a) for a in applications], batch_size=5000
        )
        for juror in jurors:
            for nomination in nominations:
                JuryAssignment.objects.get_or_create(
                    juror=juror, stage=regional, nomination=nomination, region=None
                )
                JuryAssignment.objects.get_or_create(
                    juror=juror, stage=final, nomination=nomination, region=None
                )
        _score_stage(ctx, regional, applications, jurors)
        stage_recompute_ranking(stage_id=regional.pk)
        if ministry is not None:
            stage_advance(stage=regional, actor=ministry)
            finalists = list(Application.objects.filter(stage_entries__stage=final))
            _score_stage(ctx, final, finalists, jurors)
            results_publish(contest=contest, actor=ministry)
    return contest


def seed_open(ctx: DemoContext, jurors: list[User]) -> Contest:
    year = ctx.today.year
    contest = _contest(
        f"ya-profi-{year}",
        year=year,
        title=f"«Я-профи» — {year}",
        title_kk=f"«Я-профи» — {year}",
        title_ru=f"«Я-профи» — {year}",
        rules=RULES_KK,
        rules_kk=RULES_KK,
        rules_ru=RULES_RU,
        applications_open=ctx.today - datetime.timedelta(days=10),
        applications_close=ctx.today + datetime.timedelta(days=25),
        status=ContestStatus.PUBLISHED,
        ranking_rule=RankingRule.MEDIAN,
    )
    nominations, (regional, _final) = _setup(contest, today=ctx.today, stage_days=[(30, 50), (60, 70)])
    for juror in jurors:
        JuryAssignment.objects.get_or_create(
            juror=juror, stage=regional, nomination=nominations[0], region=None
        )
    if contest.applications.exists():
        return contest
    with transaction.atomic():
        users = _applicants(ctx, prefix=f"open{year}-", count=OPEN_APPLICATIONS[ctx.size])
        _applications(
            ctx,
            contest,
            nominations,
            users,
            status=ApplicationStatus.SUBMITTED,
            submitted_at=ctx.now - datetime.timedelta(days=3),
        )
    return contest


def seed(ctx: DemoContext) -> dict[str, int]:
    jurors = _jurors(ctx)
    ministry = ctx.users.get("ministry@enbek.local")
    seed_past(ctx, jurors, ministry)
    seed_open(ctx, jurors)
    return {
        "contests": Contest.objects.count(),
        "contest_applications": Application.objects.count(),
        "contest_scores": Score.objects.count(),
        "contest_winners": Application.objects.filter(status=ApplicationStatus.WINNER).count(),
    }
