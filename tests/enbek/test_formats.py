"""One date format per language (enbek/formats), on the portal's pages and in the admin alike."""

import datetime
import zoneinfo

import pytest
from django.utils import formats, translation

from dynasties.enums import DynastyStatus
from tests.factories import DynastyFactory, UserFactory, region

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
MOMENT = datetime.datetime(2026, 11, 29, 13, 13, tzinfo=ALMATY)


@pytest.mark.parametrize(
    ("lang", "date", "moment", "short"),
    [
        ("kk", "1 желтоқсан 2026", "29 қараша 2026, 13:13", "29.11.2026"),
        ("ru", "1 декабря 2026", "29 ноября 2026, 13:13", "29.11.2026"),
    ],
)
def test_formats_day_month_year_and_24_hour_clock(lang, date, moment, short):
    with translation.override(lang):
        assert formats.date_format(datetime.date(2026, 12, 1), "DATE_FORMAT") == date
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == moment
        assert formats.date_format(MOMENT, "SHORT_DATE_FORMAT") == short
        assert formats.time_format(datetime.time(21, 5), "TIME_FORMAT") == "21:05"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_formats_every_kazakh_and_russian_month_after_a_day(lang):
    expected = {
        "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
        "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    }[lang].split()
    with translation.override(lang):
        shown = [formats.date_format(datetime.date(2026, m, 5), "DATE_FORMAT") for m in range(1, 13)]
    assert shown == [f"5 {name} 2026" for name in expected]


@pytest.fixture
def submitted_at_moment(db):
    return DynastyFactory(
        family_name_kk="Сәтбаевтар",
        status=DynastyStatus.SUBMITTED,
        published_at=None,
        submitted_at=MOMENT,
        region=region("75"),
    )


@pytest.mark.parametrize(
    ("lang", "moment"), [("kk", "29 қараша 2026, 13:13"), ("ru", "29 ноября 2026, 13:13")]
)
def test_moderation_page_shows_the_language_s_date_format(
    client, coordinator, submitted_at_moment, lang, moment
):
    client.force_login(coordinator)
    html = client.get(f"/{lang}/dynasties/moderation/{submitted_at_moment.pk}/").content.decode()
    assert moment in html
    assert "Т.Қ." not in html and "p.m." not in html


@pytest.mark.parametrize(
    ("lang", "moment"), [("kk", "29 қараша 2026, 13:13"), ("ru", "29 ноября 2026, 13:13")]
)
def test_admin_changelist_uses_the_same_format(client, submitted_at_moment, lang, moment):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(f"/{lang}/admin/dynasties/dynasty/").content.decode()
    assert moment in html
    assert "Қар. 29" not in html and "Т.Қ." not in html
