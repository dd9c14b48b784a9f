"""The dynasties' measures for the indicators (BRIEF.md contract), against hand-built rows with known values.

Times are given in Almaty (UTC+5): a dynasty published at 01:00 on 1 February in Almaty is still
31 January in UTC, and must count for February.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

from dynasties import selectors
from dynasties.enums import ChallengeStatus, DynastyStatus, MediaKind
from dynasties.models import MediaEpisode, PhotoExhibition
from tests.factories import ChallengeEntryFactory, DynastyFactory, MemberFactory, region

ALMATY = ZoneInfo("Asia/Almaty")
D = datetime.date
YEAR = {"date_from": D(2025, 1, 1), "date_to": D(2026, 1, 1)}


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=ALMATY)


def as_dict(rows, *, by_code=True) -> dict:
    from enbek.models import Region

    codes = dict(Region.objects.values_list("id", "code"))
    return {
        (codes.get(r["region_id"]) if by_code else r["region_id"], r["period_start"]): r["value"]
        for r in rows
    }


@pytest.fixture
def dynasties_2025(db):
    r75, r71 = region("75"), region("71")
    a = DynastyFactory(region=r75, published_at=at(2025, 1, 15, 10), submitted_at=at(2025, 1, 10, 9))
    b = DynastyFactory(region=r75, published_at=at(2025, 2, 3, 12), submitted_at=at(2025, 1, 28, 9))
    c = DynastyFactory(region=r75, published_at=at(2025, 4, 20, 12), submitted_at=at(2025, 4, 2, 9))
    d = DynastyFactory(region=r71, published_at=at(2025, 2, 1, 1), submitted_at=at(2025, 1, 31, 23, 30))
    DynastyFactory(region=r75, status=DynastyStatus.DRAFT, published_at=None)
    DynastyFactory(
        region=r71, status=DynastyStatus.SUBMITTED, published_at=None, submitted_at=at(2025, 3, 5, 9)
    )
    DynastyFactory(region=r75, published_at=at(2024, 12, 31, 23, 59))  # last year
    DynastyFactory(region=r75, published_at=at(2026, 1, 1, 0, 0))  # date_to is exclusive
    return {"a": a, "b": b, "c": c, "d": d}


def test_published_aggregate_by_month_region_in_almaty_time(dynasties_2025):
    rows = selectors.dynasties_published_aggregate(**YEAR, period="month")
    assert as_dict(rows) == {
        ("75", D(2025, 1, 1)): 1,
        ("75", D(2025, 2, 1)): 1,
        ("75", D(2025, 4, 1)): 1,
        ("71", D(2025, 2, 1)): 1,
    }
    assert all(isinstance(r["period_start"], datetime.date) for r in rows)


def test_published_aggregate_quarter_year_and_republic(dynasties_2025):
    quarter = selectors.dynasties_published_aggregate(**YEAR, period="quarter")
    assert as_dict(quarter) == {("75", D(2025, 1, 1)): 2, ("75", D(2025, 4, 1)): 1, ("71", D(2025, 1, 1)): 1}
    year = selectors.dynasties_published_aggregate(**YEAR, period="year", by_region=False)
    assert year == [{"region_id": None, "period_start": D(2025, 1, 1), "value": 4}]
    months = selectors.dynasties_published_aggregate(**YEAR, period="month", by_region=False)
    assert as_dict(months, by_code=False) == {
        (None, D(2025, 1, 1)): 1,
        (None, D(2025, 2, 1)): 2,
        (None, D(2025, 4, 1)): 1,
    }


def test_published_aggregate_refuses_unknown_period(db):
    with pytest.raises(ValueError):
        selectors.dynasties_published_aggregate(**YEAR, period="week")


def test_published_rows_are_the_counted_dynasties(dynasties_2025):
    rows = selectors.dynasties_published_rows(date_from=D(2025, 2, 1), date_to=D(2025, 3, 1))
    assert list(rows) == [dynasties_2025["d"], dynasties_2025["b"]]
    in_75 = selectors.dynasties_published_rows(**YEAR, region_id=region("75").id)
    assert [d.pk for d in in_75] == [dynasties_2025[k].pk for k in "abc"]


def test_submitted_aggregate_counts_every_submitted_story(dynasties_2025):
    rows = selectors.dynasties_submitted_aggregate(**YEAR, period="month")
    assert as_dict(rows) == {
        ("75", D(2025, 1, 1)): 2,
        ("75", D(2025, 4, 1)): 1,
        ("71", D(2025, 1, 1)): 1,
        ("71", D(2025, 3, 1)): 1,
    }
    assert selectors.dynasties_submitted_rows(**YEAR, region_id=region("71").id).count() == 2


def test_members_aggregate_by_publication_of_their_dynasty(dynasties_2025):
    MemberFactory.create_batch(3, dynasty=dynasties_2025["a"])
    MemberFactory.create_batch(2, dynasty=dynasties_2025["d"])
    MemberFactory(dynasty=DynastyFactory(status=DynastyStatus.DRAFT, published_at=None))
    rows = selectors.dynasty_members_aggregate(**YEAR, period="quarter")
    assert as_dict(rows) == {("75", D(2025, 1, 1)): 3, ("71", D(2025, 1, 1)): 2}
    republic = selectors.dynasty_members_aggregate(**YEAR, period="year", by_region=False)
    assert republic == [{"region_id": None, "period_start": D(2025, 1, 1), "value": 5}]
    assert selectors.dynasty_members_rows(**YEAR).count() == 5


def test_challenge_entries_aggregate_counts_approved_only(db):
    e1 = ChallengeEntryFactory(status=ChallengeStatus.APPROVED, region=region("75"))
    e2 = ChallengeEntryFactory(status=ChallengeStatus.APPROVED, region=region("71"))
    ChallengeEntryFactory(status=ChallengeStatus.PENDING, region=region("75"))
    ChallengeEntryFactory(status=ChallengeStatus.REJECTED, region=region("75"))
    from dynasties.models import ChallengeEntry

    ChallengeEntry.objects.filter(pk=e1.pk).update(created_at=at(2025, 5, 31, 23))
    ChallengeEntry.objects.filter(pk=e2.pk).update(created_at=at(2025, 6, 1, 2))
    rows = selectors.challenge_entries_aggregate(**YEAR, period="month")
    assert as_dict(rows) == {("75", D(2025, 5, 1)): 1, ("71", D(2025, 6, 1)): 1}
    assert list(selectors.challenge_entries_rows(**YEAR)) == [e1, e2]


@pytest.fixture
def media(dynasties_2025):
    a, d = dynasties_2025["a"], dynasties_2025["d"]
    draft = DynastyFactory(status=DynastyStatus.DRAFT, published_at=None)
    made = {}
    for key, dynasty, kind, day in [
        ("tv", a, MediaKind.TV, D(2025, 3, 3)),
        ("radio", a, MediaKind.RADIO, D(2025, 3, 20)),
        ("article", d, MediaKind.ARTICLE, D(2025, 5, 5)),
        ("video", a, MediaKind.VIDEO, D(2025, 7, 1)),
        ("undated", a, MediaKind.PODCAST, None),
        ("of-a-draft", draft, MediaKind.TV, D(2025, 3, 3)),
    ]:
        made[key] = MediaEpisode.objects.create(
            dynasty=dynasty, title=key, kind=kind, date=day, url=f"https://media.example.kz/{key}"
        )
    return made


def test_media_episode_measures_by_kind_group(media):
    assert as_dict(selectors.dynasty_media_episodes_aggregate(**YEAR, period="quarter")) == {
        ("75", D(2025, 1, 1)): 2,
        ("75", D(2025, 7, 1)): 1,
        ("71", D(2025, 4, 1)): 1,
    }
    assert as_dict(selectors.dynasty_media_broadcasts_aggregate(**YEAR, period="year")) == {
        ("75", D(2025, 1, 1)): 2
    }
    assert as_dict(selectors.dynasty_media_publications_aggregate(**YEAR, period="year")) == {
        ("75", D(2025, 1, 1)): 1,
        ("71", D(2025, 1, 1)): 1,
    }
    assert [m.title for m in selectors.dynasty_media_episodes_rows(**YEAR)] == [
        "tv",
        "radio",
        "article",
        "video",
    ]
    assert selectors.dynasty_media_kind_counts(**YEAR, region_id=region("75").id) == {
        "tv": 1,
        "radio": 1,
        "video": 1,
    }
    assert selectors.dynasty_media_with_url_exists("https://media.example.kz/tv") is True
    assert selectors.dynasty_media_with_url_exists("https://media.example.kz/other") is False


def test_exhibitions_aggregate_by_opening_day(dynasties_2025):
    first = PhotoExhibition.objects.create(
        title="А", place="Музей", region=region("75"), starts_on=D(2025, 2, 1)
    )
    first.dynasties.add(dynasties_2025["a"])
    PhotoExhibition.objects.create(title="Б", place="Вокзал", region=region("71"), starts_on=D(2025, 2, 14))
    PhotoExhibition.objects.create(title="В", place="Вокзал", region=region("71"), starts_on=D(2024, 12, 14))
    assert as_dict(selectors.dynasty_exhibitions_aggregate(**YEAR, period="month")) == {
        ("75", D(2025, 2, 1)): 1,
        ("71", D(2025, 2, 1)): 1,
    }
    assert selectors.dynasty_exhibitions_aggregate(**YEAR, period="year", by_region=False) == [
        {"region_id": None, "period_start": D(2025, 1, 1), "value": 2}
    ]
    assert selectors.dynasty_exhibition_exists(dynasty_id=dynasties_2025["a"].pk, day=D(2025, 2, 1)) is True
    assert selectors.dynasty_exhibition_exists(dynasty_id=dynasties_2025["b"].pk, day=D(2025, 2, 1)) is False


def test_every_aggregate_is_one_query(dynasties_2025, django_assert_num_queries):
    for name in (
        "dynasties_published",
        "dynasties_submitted",
        "dynasty_members",
        "challenge_entries",
        "dynasty_media_episodes",
        "dynasty_media_broadcasts",
        "dynasty_media_publications",
        "dynasty_exhibitions",
    ):
        function = getattr(selectors, f"{name}_aggregate")
        for by_region in (True, False):
            with django_assert_num_queries(1):
                function(**YEAR, period="month", by_region=by_region)
