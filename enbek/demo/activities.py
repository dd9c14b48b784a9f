"""«Я-профи» contests, dated around today."""

import datetime

from contests.enums import ContestStatus
from contests.models import Contest
from enbek.models import Region

from .context import DemoContext

# (slug, profession kk, profession ru, region code or None for the national round, window)
CONTESTS = [
    ("ya-profi-svarshchik", "Дәнекерлеуші", "Сварщик", None, "open"),
    ("ya-profi-elektromonter", "Электр монтері", "Электромонтёр", "35", "open"),
    ("ya-profi-povar", "Аспаз", "Повар", "75", "open"),
    ("ya-profi-mashinist", "Локомотив машинисі", "Машинист локомотива", None, "upcoming"),
    ("ya-profi-tokar", "Токарь", "Токарь", "55", "closed"),
]
_WINDOWS = {"open": (-14, 30), "upcoming": (20, 60), "closed": (-120, -60)}

_CONTEST_TEXT_KK = (
    "Жұмысшы мамандықтарының «Я-профи» байқауы. Қатысушылар теориялық тест тапсырып, "
    "шеберлігін практикалық тапсырмада көрсетеді. {stage}"
)
_CONTEST_TEXT_RU = (
    "Конкурс рабочих профессий «Я-профи». Участники проходят теоретический тест и показывают "
    "мастерство в практическом задании. {stage}"
)


def ensure_contests(*, today: datetime.date) -> list[Contest]:
    regions = {region.code: region for region in Region.objects.all()}
    contests = []
    for slug, profession_kk, profession_ru, region_code, window in CONTESTS:
        opens, closes = (today + datetime.timedelta(days=d) for d in _WINDOWS[window])
        stage_kk = (
            "Республикалық кезең."
            if region_code is None
            else "Өңірлік кезең: жеңімпаз республикалық кезеңге өтеді."
        )
        stage_ru = (
            "Республиканский этап."
            if region_code is None
            else "Региональный этап: победитель выходит в республиканский."
        )
        contest, _ = Contest.objects.update_or_create(
            slug=slug,
            defaults={
                "title_kk": f"«Я-профи» байқауы: {profession_kk.lower()}",
                "title_ru": f"Конкурс «Я-профи»: {profession_ru.lower()}",
                "profession_kk": profession_kk,
                "profession_ru": profession_ru,
                "description_kk": _CONTEST_TEXT_KK.format(stage=stage_kk),
                "description_ru": _CONTEST_TEXT_RU.format(stage=stage_ru),
                "region": regions[region_code] if region_code else None,
                "applications_open": opens,
                "applications_close": closes,
                "status": ContestStatus.PUBLISHED,
            },
        )
        contests.append(contest)
    return contests


def seed(ctx: DemoContext) -> dict[str, int]:
    """The contests of the demo (until they move to contests/demo.py; events are in events/demo.py)."""
    ensure_contests(today=ctx.today)
    return {"contests": Contest.objects.count()}
