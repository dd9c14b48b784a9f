"""Whether an indicator is on track for its yearly target: the arithmetic, in one place.

share = days of the year ended by today / days in the year (1 for a past year, 0 for a future one).

An indicator that adds up over the year (a count, a sum) is compared with the part of the target
due by now, expected = target × share; a level (a share in %, an index) is compared with the
target itself, expected = target, as it is not expected to grow through the year.

Higher is better:  value ≥ expected → on track;  value ≥ expected × (1 − TOLERANCE) → at risk;
                   else behind.
Lower is better:   value ≤ expected → on track;  value ≤ expected × (1 + TOLERANCE) → at risk;
                   else behind. (A ceiling of 0 is on track only at 0.)

Without a target the status is "no target"; without a value (no data source, no denominator) it is
"no data". TOLERANCE is 15 %: an analyst's "nearly there", written down so that it can be changed.
"""

import datetime
from dataclasses import dataclass

from .enums import Direction, TargetStatus
from .periods import share_of_year_passed

TOLERANCE = 0.15


@dataclass(frozen=True)
class Assessment:
    status: str
    expected: float | None  # the part of the target due by now
    share: float  # share of the year passed

    @property
    def css(self) -> str:
        return self.status.replace("_", "-")

    @property
    def label(self) -> str:
        return TargetStatus(self.status).label


def expected_by_now(
    *, target: float, cumulative: bool, year: int, today: datetime.date
) -> tuple[float, float]:
    share = share_of_year_passed(year, today)
    return (target * share if cumulative else target), share


def assess(
    *,
    value: float | None,
    target: float | None,
    direction: str,
    cumulative: bool,
    year: int,
    today: datetime.date,
) -> Assessment:
    share = share_of_year_passed(year, today)
    if value is None:
        return Assessment(TargetStatus.NO_DATA, None, share)
    if target is None:
        return Assessment(TargetStatus.NO_TARGET, None, share)
    expected, share = expected_by_now(target=target, cumulative=cumulative, year=year, today=today)
    if direction == Direction.LOWER:
        if value <= expected:
            status = TargetStatus.ON_TRACK
        elif value <= expected * (1 + TOLERANCE):
            status = TargetStatus.AT_RISK
        else:
            status = TargetStatus.BEHIND
    elif value >= expected:
        status = TargetStatus.ON_TRACK
    elif value >= expected * (1 - TOLERANCE):
        status = TargetStatus.AT_RISK
    else:
        status = TargetStatus.BEHIND
    return Assessment(status, round(expected, 4), share)
