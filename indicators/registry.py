"""How an indicator is computed: from the sections' own aggregations, named by reference.

A section owns its data and exposes, in `<app>/selectors.py`, one pair per measure (BRIEF.md):

    <measure>_aggregate(*, date_from, date_to, period, by_region=True)
        -> list[{"region_id", "period_start", "value"}]
    <measure>_rows(*, date_from, date_to, region_id=None) -> QuerySet

A measure is referred to as "app.selectors:<measure>". An indicator's source combines measures:

- total(ref, …): the sum of one or more measures (counts, sums, distinct counts of one measure);
- ratio(numerator, denominator, scale=100): a share, from two measures, per region and period;

both with `periods` (default month, quarter and year) and an optional `breakdown` reference
(`fn(*, date_from, date_to, region_id) -> [{"key", "label", "value"}]`) for the dashboard. Nothing is
imported until used, so that this module loads without the sections, and a missing function is a
clear error at start-up (the system check indicators.E001), not during a nightly run.
"""

import datetime
import importlib
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from .enums import Period
from .periods import PERIODS, period_start


def resolve(reference: str) -> Callable:
    """ "app.selectors:function" → the function (ImportError / AttributeError when it is not there)."""
    module, _sep, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass(frozen=True)
class Measure:
    """One section measure: "app.selectors:name" names name_aggregate and name_rows."""

    reference: str

    @property
    def aggregate_function(self) -> Callable:
        return resolve(f"{self.reference}_aggregate")

    @property
    def rows_function(self) -> Callable:
        return resolve(f"{self.reference}_rows")

    @property
    def app_label(self) -> str:
        return self.reference.split(".", 1)[0]

    def values(
        self, *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool
    ) -> dict[tuple[int | None, datetime.date], float]:
        """{(region_id or None, period_start): value} from the section's one SQL query."""
        found: dict[tuple[int | None, datetime.date], float] = {}
        rows = self.aggregate_function(
            date_from=date_from, date_to=date_to, period=period, by_region=by_region
        )
        for row in rows:
            region_id = row["region_id"] if by_region else None
            if by_region and region_id is None:
                continue  # a measure without regions (anonymous completions) has only the republic
            key = (region_id, _as_date(row["period_start"]))
            found[key] = found.get(key, 0) + float(row["value"] or 0)
        return found

    def rows(self, *, date_from: datetime.date, date_to: datetime.date, region_id: int | None) -> QuerySet:
        return self.rows_function(date_from=date_from, date_to=date_to, region_id=region_id)


Ranges = dict[str, tuple[datetime.date, datetime.date]]  # period kind -> [first start, end)


def _measure_period_values(measure: Measure, *, ranges: Ranges, by_region: bool, additive: bool) -> dict:
    """{period: {(region_id, start): value}} for each requested period kind.

    An additive measure (a count or a sum) is queried once, by month, over the union of the ranges, and
    rolled up to quarters and years here: a third of the queries. Anything else (a distinct count, an
    average, a yearly-only measure) is queried for each period kind, as the section computes it.
    """
    if not additive:
        return {
            period: measure.values(date_from=start, date_to=end, period=period, by_region=by_region)
            for period, (start, end) in ranges.items()
        }
    lowest = min(start for start, _end in ranges.values())
    highest = max(end for _start, end in ranges.values())
    months = measure.values(date_from=lowest, date_to=highest, period=Period.MONTH, by_region=by_region)
    result = {}
    for period, (start, end) in ranges.items():
        rolled: dict = defaultdict(float)
        for (region_id, month), value in months.items():
            first = period_start(month, period)
            if start <= first < end:
                rolled[(region_id, first)] += value
        result[period] = dict(rolled)
    return result


@dataclass(frozen=True)
class Source(ABC):
    measures: tuple[Measure, ...]
    periods: tuple[str, ...] = tuple(PERIODS)
    breakdown: str | None = None
    # Counts and sums: months are rolled up to quarters and years instead of queried again.
    additive: bool = False
    # Missing region-periods are zero for a total (nothing happened), unknown for a ratio (nothing to divide).
    fills_zero: bool = True

    @abstractmethod
    def combine(self, parts: list[dict]) -> dict:
        """One value per (region, period) from each measure's values: Total sums, Ratio divides."""

    def period_values(self, *, ranges: Ranges, by_region: bool) -> dict[str, dict]:
        """{period: {(region_id or None, period_start): value}} for the requested period kinds."""
        per_measure = [
            _measure_period_values(m, ranges=ranges, by_region=by_region, additive=self.additive)
            for m in self.measures
        ]
        return {period: self.combine([values[period] for values in per_measure]) for period in ranges}

    def values(self, *, date_from, date_to, period, by_region) -> dict:
        return self.period_values(ranges={period: (date_from, date_to)}, by_region=by_region)[period]

    def row_sets(self, *, date_from, date_to, region_id) -> list[tuple[Measure, QuerySet]]:
        """The rows behind a value: one queryset per measure, labelled by the measure."""
        return [(m, m.rows(date_from=date_from, date_to=date_to, region_id=region_id)) for m in self.measures]

    def breakdown_rows(self, *, date_from, date_to, region_id) -> list[dict]:
        if not self.breakdown:
            return []
        return resolve(self.breakdown)(date_from=date_from, date_to=date_to, region_id=region_id)

    def references(self) -> list[str]:
        refs = [f"{m.reference}_{suffix}" for m in self.measures for suffix in ("aggregate", "rows")]
        return refs + ([self.breakdown] if self.breakdown else [])


@dataclass(frozen=True)
class Total(Source):
    def combine(self, parts: list[dict]) -> dict:
        summed: dict = defaultdict(float)
        for part in parts:
            for key, value in part.items():
                summed[key] += value
        return dict(summed)


@dataclass(frozen=True)
class Ratio(Source):
    """numerator / denominator × scale for each region and period (the republic from the republic's sums)."""

    scale: float = 100.0
    fills_zero: bool = False

    def combine(self, parts: list[dict]) -> dict:
        numerator, denominator = parts
        return {
            key: round(numerator.get(key, 0.0) * self.scale / den, 4)
            for key, den in denominator.items()
            if den
        }


def total(*references: str, periods=PERIODS, breakdown: str | None = None, additive: bool = False) -> Total:
    """The sum of the measures. additive=True only for counts and sums that can be computed by month."""
    return Total(
        measures=tuple(Measure(r) for r in references), periods=tuple(periods), breakdown=breakdown,
        additive=additive,
    )  # fmt: skip


def ratio(
    numerator: str,
    denominator: str,
    *,
    scale: float = 100.0,
    periods=PERIODS,
    breakdown: str | None = None,
    additive: bool = False,
) -> Ratio:
    """numerator / denominator × scale; additive=True when both are counts or sums computable by month."""
    return Ratio(
        measures=(Measure(numerator), Measure(denominator)),
        periods=tuple(periods),
        breakdown=breakdown,
        scale=scale,
        additive=additive,
    )


YEARLY = (Period.YEAR,)
