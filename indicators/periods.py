"""Months, quarters and years as half-open date ranges [start, end), in Almaty's calendar."""

import datetime

from .enums import Period

PERIODS = (Period.MONTH, Period.QUARTER, Period.YEAR)


def period_start(day: datetime.date, period: str) -> datetime.date:
    if period == Period.MONTH:
        return day.replace(day=1)
    if period == Period.QUARTER:
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if period == Period.YEAR:
        return datetime.date(day.year, 1, 1)
    raise ValueError(f"unknown period {period!r}")


def next_start(start: datetime.date, period: str) -> datetime.date:
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}[period]
    month = start.month - 1 + months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def previous_start(start: datetime.date, period: str) -> datetime.date:
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}[period]
    month = start.month - 1 - months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def starts_between(date_from: datetime.date, date_to: datetime.date, period: str) -> list[datetime.date]:
    """The starts of the periods overlapping [date_from, date_to)."""
    starts = []
    start = period_start(date_from, period)
    while start < date_to:
        starts.append(start)
        start = next_start(start, period)
    return starts


def year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def share_of_year_passed(year: int, today: datetime.date) -> float:
    """Days of the year that have ended by the end of today, over the days in the year (0…1)."""
    start, end = year_range(year)
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / (end - start).days
