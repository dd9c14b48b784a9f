"""Aggregation runs: exact snapshots, zero-filling, idempotency, incremental scope, failures, the lock."""

import datetime
import threading

import pytest
from django.db import connection

from indicators.enums import RunKind, RunStatus
from indicators.locks import RunLock, lock_is_free
from indicators.models import AggregationRun, IndicatorValue
from indicators.registry import total
from indicators.services import aggregation_run_execute, run_scope
from indicators.sources import SOURCES

from .conftest import TODAY, build_data_2025, nonzero, values_of

D = datetime.date
pytestmark = pytest.mark.usefixtures("short_history")


def snapshot() -> set[tuple]:
    return set(
        IndicatorValue.objects.values_list(
            "indicator__code", "region__code", "period", "period_start", "value"
        )
    )


def test_full_run_writes_exact_values(data_2025):
    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)

    assert run.status == RunStatus.SUCCEEDED, run.error
    assert nonzero(values_of("dynasties.published", "month")) == {
        ("75", D(2025, 1, 1)): 1,
        ("75", D(2025, 2, 1)): 1,
        ("71", D(2025, 5, 1)): 1,
        (None, D(2025, 1, 1)): 1,
        (None, D(2025, 2, 1)): 1,
        (None, D(2025, 5, 1)): 1,
    }
    assert values_of("dynasties.published", "year", region_code=None) == {
        (None, D(2024, 1, 1)): 0,
        (None, D(2025, 1, 1)): 3,
    }
    assert values_of("dynasties.members", "quarter", region_code="75")[("75", D(2025, 1, 1))] == 2
    assert nonzero(values_of("outreach.reach", "year")) == {
        ("75", D(2025, 1, 1)): 500,
        ("71", D(2025, 1, 1)): 200,
        (None, D(2025, 1, 1)): 700,
    }
    assert nonzero(values_of("outreach.billboards", "quarter")) == {
        ("71", D(2025, 1, 1)): 1,
        (None, D(2025, 1, 1)): 1,
    }
    # Completion rate: of the two items due in Q1 in Almaty, one is done; Q3's item is not done yet.
    assert values_of("plan.completion_rate", "quarter", region_code="75") == {
        ("75", D(2025, 1, 1)): 50.0,
        ("75", D(2025, 3, 1).replace(month=7)): 0.0,
    }
    assert values_of("plan.regions_coverage", "year", region_code=None) == {
        (None, D(2024, 1, 1)): 0.0,
        (None, D(2025, 1, 1)): 5.0,
    }
    assert values_of("plan.regions_coverage", "year", region_code="75")[("75", D(2025, 1, 1))] == 100.0
    assert (
        not IndicatorValue.objects.filter(indicator__code="plan.regions_coverage")
        .exclude(period="year")
        .exists()
    )
    assert run.rows_written == IndicatorValue.objects.count()
    assert (run.progress_done, run.progress_total) == (len(SOURCES), len(SOURCES))


def test_full_run_fills_zeros_up_to_today_only(data_2025):
    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)

    months = values_of("dynasties.published", "month", region_code="10")
    assert (
        sorted(months) == [("10", D(year, month, 1)) for year in (2024, 2025) for month in range(1, 13)][:18]
    )
    assert set(months.values()) == {0}
    # Every region and the republic for each of the 18 months, 8 quarters… of a total:
    assert (
        IndicatorValue.objects.filter(indicator__code="outreach.activities", period="month").count()
        == 21 * 18
    )
    # A ratio has no value where there is nothing to divide.
    assert (
        IndicatorValue.objects.filter(indicator__code="plan.completion_rate", region__code="10").count() == 0
    )
    # The plan item due in September is counted in the future month, which is not zero-filled otherwise.
    assert nonzero(values_of("plan.items", "month", region_code="75"))[("75", D(2025, 9, 1))] == 1


def test_two_runs_give_identical_rows(data_2025):
    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    first = snapshot()
    computed_at = set(IndicatorValue.objects.values_list("computed_at", flat=True))
    second_run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    assert snapshot() == first
    assert second_run.rows_written == 0  # nothing changed, nothing rewritten
    assert len(first) == IndicatorValue.objects.count()
    later = set(IndicatorValue.objects.values_list("computed_at", flat=True))
    assert len(later) == 1 and later.isdisjoint(computed_at)  # every value was computed again


def test_run_rewrites_only_what_changed(data_2025):
    from tests.factories import DynastyFactory, region

    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    DynastyFactory(region=region("10"), published_at=data_2025["dynasties"][0].published_at)
    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    # Region 10 and the republic: its January, first quarter and year go from 0 (or 1) to one more.
    assert run.rows_written == 6
    assert values_of("dynasties.published", "month", region_code="10")[("10", D(2025, 1, 1))] == 1


def test_additive_roll_up_equals_a_query_per_period(data_2025):
    ranges = {"month": (D(2024, 1, 1), D(2026, 1, 1)), "quarter": (D(2025, 4, 1), D(2026, 1, 1)),
              "year": (D(2024, 1, 1), D(2026, 1, 1))}  # fmt: skip
    for code, source in SOURCES.items():
        if not source.additive:
            continue
        for by_region in (True, False):
            rolled = source.period_values(
                ranges={p: r for p, r in ranges.items() if p in source.periods}, by_region=by_region
            )
            for period, (start, end) in ranges.items():
                queried = {}
                for measure in source.measures:
                    for key, value in measure.values(
                        date_from=start, date_to=end, period=period, by_region=by_region
                    ).items():
                        queried.setdefault(measure.reference, {})[key] = value
                expected = source.combine([queried.get(m.reference, {}) for m in source.measures])
                assert rolled[period] == expected, (code, period, by_region)


def test_finished_run_is_not_run_again(data_2025):
    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    IndicatorValue.objects.all().delete()
    again = aggregation_run_execute(kind=RunKind.FULL, run_id=run.pk, today=TODAY)
    assert again.status == RunStatus.SUCCEEDED
    assert IndicatorValue.objects.count() == 0  # a redelivered task does not write twice


def test_incremental_scope():
    assert run_scope(RunKind.INCREMENTAL, D(2025, 6, 30)) == {
        "month": [D(2025, 5, 1), D(2025, 6, 1)],
        "quarter": [D(2025, 4, 1)],
        "year": [D(2025, 1, 1)],
    }
    assert run_scope(RunKind.INCREMENTAL, D(2026, 1, 10)) == {
        "month": [D(2025, 12, 1), D(2026, 1, 1)],
        "quarter": [D(2025, 10, 1), D(2026, 1, 1)],
        "year": [D(2025, 1, 1), D(2026, 1, 1)],
    }
    full = run_scope(RunKind.FULL, D(2025, 6, 30))
    assert (len(full["month"]), full["year"]) == (24, [D(2024, 1, 1), D(2025, 1, 1)])


def test_incremental_run_recomputes_only_the_changed_periods(data_2025):
    from zoneinfo import ZoneInfo

    from tests.factories import DynastyFactory, region

    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    DynastyFactory(
        region=region("75"), published_at=datetime.datetime(2025, 6, 5, tzinfo=ZoneInfo("Asia/Almaty"))
    )
    DynastyFactory(
        region=region("75"), published_at=datetime.datetime(2025, 2, 5, tzinfo=ZoneInfo("Asia/Almaty"))
    )
    computed_before = IndicatorValue.objects.get(
        indicator__code="dynasties.published", region=None, period="month", period_start=D(2025, 2, 1)
    ).computed_at

    run = aggregation_run_execute(kind=RunKind.INCREMENTAL, today=TODAY)

    assert run.status == RunStatus.SUCCEEDED
    assert (run.date_from, run.date_to) == (D(2025, 1, 1), D(2026, 1, 1))
    published = values_of("dynasties.published", "month", region_code="75")
    assert published[("75", D(2025, 6, 1))] == 1  # the current month: recomputed
    assert published[("75", D(2025, 2, 1))] == 1  # February is closed: the nightly run will see the new one
    assert values_of("dynasties.published", "year", region_code="75")[("75", D(2025, 1, 1))] == 4
    february = IndicatorValue.objects.get(
        indicator__code="dynasties.published", region=None, period="month", period_start=D(2025, 2, 1)
    )
    assert february.computed_at == computed_before


# A section measure that breaks (a stand-in for another section's bug).
def broken_aggregate(**kwargs):
    raise RuntimeError("the section's query failed")


def broken_rows(**kwargs):
    raise RuntimeError("the section's query failed")


def test_failed_run_is_recorded_and_keeps_the_previous_values(data_2025, monkeypatch):
    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    before = snapshot()
    monkeypatch.setitem(SOURCES, "dynasties.members", total("tests.indicators.test_aggregation:broken"))

    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)

    assert run.status == RunStatus.FAILED
    assert run.error.startswith("RuntimeError: the section's query failed")
    assert snapshot() == before
    assert lock_is_free()


# --- Two runs at once (PostgreSQL: an advisory lock held by another connection) --------------------
def _hold_lock(held: threading.Event, release: threading.Event) -> None:
    lock = RunLock()
    try:
        assert lock.acquire(wait=False)
        held.set()
        release.wait(20)
        lock.release()
    finally:
        connection.close()


def test_incremental_skips_and_full_waits_while_another_run_holds_the_lock(
    postgres_only, reference_data, settings
):
    settings.INDICATORS_HISTORY_YEARS = 2
    build_data_2025()
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(held, release))
    holder.start()
    assert held.wait(10)
    try:
        skipped = aggregation_run_execute(kind=RunKind.INCREMENTAL, today=TODAY)
        assert (skipped.status, skipped.note) == (RunStatus.SKIPPED, "another run held the lock")
        assert not IndicatorValue.objects.exists()

        threading.Timer(0.8, release.set).start()
        waited = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    finally:
        release.set()
        holder.join(10)

    assert waited.status == RunStatus.SUCCEEDED
    assert waited.waited_seconds >= 0.7
    assert waited.note == "waited for another run"
    assert IndicatorValue.objects.count() == waited.rows_written
    assert list(AggregationRun.objects.order_by("id").values_list("status", flat=True)) == [
        "skipped",
        "succeeded",
    ]


def test_two_full_runs_started_together_run_one_after_the_other(postgres_only, reference_data, settings):
    settings.INDICATORS_HISTORY_YEARS = 2
    build_data_2025()
    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    expected = snapshot()
    IndicatorValue.objects.all().delete()
    barrier = threading.Barrier(2)
    runs: list[AggregationRun] = []
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait(10)
            runs.append(aggregation_run_execute(kind=RunKind.FULL, today=TODAY))
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert [r.status for r in runs] == [RunStatus.SUCCEEDED, RunStatus.SUCCEEDED]
    assert max(r.waited_seconds for r in runs) >= 0.19  # the second polled for the lock at least once
    assert snapshot() == expected
    assert IndicatorValue.objects.count() == len(expected)
