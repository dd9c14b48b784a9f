"""Writes of the indicators app: the catalogue, aggregation runs, action plans and outreach."""

import datetime
import logging
import time
import traceback
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enbek.models import Region, User

from .catalogue import CATALOGUE
from .enums import ItemStatus, Period, RunKind, RunStatus
from .locks import RunLock
from .models import ActionPlan, ActionPlanItem, AggregationRun, Indicator, IndicatorValue, OutreachActivity
from .periods import PERIODS, next_start, period_start, previous_start, starts_between
from .selectors import dashboard_regions
from .sources import SOURCES

logger = logging.getLogger(__name__)


# --- The catalogue ---------------------------------------------------------------------------------
def indicator_sync_catalogue() -> int:
    """Create the catalogue's missing indicators and refresh names, units and directions of the others.

    Whether an indicator is published stays as administrators set it. Answers how many were created.
    """
    existing = {indicator.code: indicator for indicator in Indicator.objects.all()}
    created, changed = [], []
    fields = [
        "name_kk",
        "name_ru",
        "description_kk",
        "description_ru",
        "unit",
        "direction",
        "mechanism",
        "is_cumulative",
        "position",
    ]
    for position, spec in enumerate(CATALOGUE):
        wanted = {
            "name": spec.name_kk,
            "name_kk": spec.name_kk,
            "name_ru": spec.name_ru,
            "description": spec.description_kk,
            "description_kk": spec.description_kk,
            "description_ru": spec.description_ru,
            "unit": spec.unit,
            "direction": spec.direction,
            "mechanism": spec.mechanism,
            "is_cumulative": spec.cumulative,
            "position": position,
        }
        indicator = existing.get(spec.code)
        if indicator is None:
            created.append(Indicator(code=spec.code, is_published=spec.published, **wanted))
        elif any(getattr(indicator, name) != wanted[name] for name in fields):
            for name, value in wanted.items():
                setattr(indicator, name, value)
            changed.append(indicator)
    Indicator.objects.bulk_create(created)
    if changed:
        Indicator.objects.bulk_update(changed, [*fields, "name", "description"])
    return len(created)


def sync_catalogue_handler(sender, **kwargs) -> None:
    if sender.label == "indicators":
        indicator_sync_catalogue()


# --- Aggregation runs ------------------------------------------------------------------------------
def run_scope(kind: str, today: datetime.date) -> dict[str, list[datetime.date]]:
    """The period starts a run recomputes, per period kind.

    Full: every month, quarter and year of the last INDICATORS_HISTORY_YEARS years (this one included).
    Incremental: the current month, quarter and year, and the previous one while it closed less than
    INDICATORS_LATE_DAYS days ago (late entries); older changes wait for the nightly full run.
    """
    if kind == RunKind.FULL:
        first = datetime.date(today.year - settings.INDICATORS_HISTORY_YEARS + 1, 1, 1)
        last = datetime.date(today.year + 1, 1, 1)
        return {period: starts_between(first, last, period) for period in PERIODS}
    scope = {}
    for period in PERIODS:
        current = period_start(today, period)
        starts = [current]
        if (today - current).days < settings.INDICATORS_LATE_DAYS:
            starts.insert(0, previous_start(current, period))
        scope[period] = starts
    return scope


def _update_run(run: AggregationRun, **fields) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    AggregationRun.objects.filter(pk=run.pk).update(**fields)


def aggregation_run_request(*, user: User | None, kind: str = RunKind.FULL) -> tuple[AggregationRun, bool]:
    """Queue a run from the dashboard (one full run at a time); answers (run, whether it was queued now)."""
    from .tasks import aggregate

    if user is not None and not (user.is_superuser or user.has_perm("indicators.run_aggregation")):
        raise PermissionDenied
    with transaction.atomic():
        active = (
            AggregationRun.objects.select_for_update()
            .filter(kind=kind, status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
            .order_by("created_at")
            .first()
        )
        if active is not None:
            return active, False
        run = AggregationRun.objects.create(kind=kind, requested_by=user)
        aggregate.delay_on_commit(kind, run.pk)
    return run, True


@dataclass
class _Computed:
    indicator: Indicator
    period: str
    starts: list[datetime.date]
    values: dict


def _compute(code: str, indicator: Indicator, scope: dict, region_ids: list[int], today: datetime.date):
    source = SOURCES[code]
    ranges = {period: (scope[period][0], next_start(scope[period][-1], period)) for period in source.periods}
    regional = source.period_values(ranges=ranges, by_region=True)
    republic = source.period_values(ranges=ranges, by_region=False)
    for period in source.periods:
        starts = set(scope[period])
        values = {
            key: value for key, value in {**regional[period], **republic[period]}.items() if key[1] in starts
        }
        if source.fills_zero:
            # Nothing happened is a 0, up to the current period (a future month has no value yet).
            current = period_start(today, period)
            for start in starts:
                if start > current:
                    continue
                for region_id in [*region_ids, None]:
                    values.setdefault((region_id, start), 0.0)
        yield _Computed(indicator, period, sorted(starts), values)


def _replace_values(computed: list["_Computed"], now) -> int:
    """Make the stored snapshots of the computed periods equal to the computed values (one transaction).

    Unchanged rows are left alone (only their computed_at moves, in one UPDATE per period kind), changed
    ones updated, new ones inserted, vanished ones deleted: a nightly run over five years rewrites only
    what moved. Answers the number of rows inserted, updated or deleted.
    """
    wanted: dict[tuple, float] = {}
    scopes: dict[str, tuple[set, set]] = {}
    for item in computed:
        indicator_ids, starts = scopes.setdefault(item.period, (set(), set()))
        indicator_ids.add(item.indicator.id)
        starts.update(item.starts)
        for (region_id, start), value in item.values.items():
            wanted[(item.indicator.id, region_id, item.period, start)] = value
    covered = {(item.indicator.id, item.period, start) for item in computed for start in item.starts}
    with transaction.atomic():
        existing: dict[tuple, tuple[int, float]] = {}
        for period, (indicator_ids, starts) in scopes.items():
            rows = (
                IndicatorValue.objects.select_for_update()
                .filter(indicator_id__in=indicator_ids, period=period, period_start__in=starts)
                .order_by()
                .values_list("pk", "indicator_id", "region_id", "period_start", "value")
            )
            for pk, indicator_id, region_id, start, value in rows:
                if (indicator_id, period, start) in covered:
                    existing[(indicator_id, region_id, period, start)] = (pk, value)
        stale = [pk for key, (pk, _value) in existing.items() if key not in wanted]
        changed = [
            IndicatorValue(pk=existing[key][0], value=value, computed_at=now)
            for key, value in wanted.items()
            if key in existing and existing[key][1] != value
        ]
        new = [
            IndicatorValue(
                indicator_id=key[0],
                region_id=key[1],
                period=key[2],
                period_start=key[3],
                value=value,
                computed_at=now,
            )
            for key, value in wanted.items()
            if key not in existing
        ]
        if stale:
            IndicatorValue.objects.filter(pk__in=stale).delete()
        if changed:
            IndicatorValue.objects.bulk_update(changed, ["value", "computed_at"], batch_size=2000)
        if new:
            IndicatorValue.objects.bulk_create(new, batch_size=5000)
        for period, (indicator_ids, starts) in scopes.items():
            IndicatorValue.objects.filter(
                indicator_id__in=indicator_ids, period=period, period_start__in=starts
            ).update(computed_at=now)
    return len(stale) + len(changed) + len(new)


def aggregation_run_execute(
    *, kind: str, run_id: int | None = None, today: datetime.date | None = None, wait: bool | None = None
) -> AggregationRun:
    """Recompute the snapshots of the run's periods and replace them in one transaction.

    Takes the aggregation lock first: a full run waits for it (up to INDICATORS_LOCK_WAIT_SECONDS),
    an incremental run skips when another run holds it; either is recorded on the AggregationRun.
    Idempotent: a run already finished is left as it is, and the same data give the same rows.
    A failure is recorded with its error and leaves the previous snapshots untouched.
    """
    today = today or timezone.localdate()
    wait = (kind == RunKind.FULL) if wait is None else wait
    run = AggregationRun.objects.get(pk=run_id) if run_id else AggregationRun.objects.create(kind=kind)
    if run.status not in {RunStatus.QUEUED, RunStatus.RUNNING}:
        return run
    lock = RunLock()
    asked = time.monotonic()
    if not lock.acquire(wait=wait):
        _update_run(
            run,
            status=RunStatus.SKIPPED,
            finished_at=timezone.now(),
            waited_seconds=round(time.monotonic() - asked, 3),
            note="another run held the lock",
        )
        logger.info("indicator run %s (%s) skipped: another run held the lock", run.pk, kind)
        return run
    try:
        run.refresh_from_db()
        if run.status not in {RunStatus.QUEUED, RunStatus.RUNNING}:
            return run  # the same run, delivered twice, finished while this one waited
        waited = round(time.monotonic() - asked, 3)
        scope = run_scope(kind, today)
        _update_run(
            run,
            status=RunStatus.RUNNING,
            started_at=timezone.now(),
            waited_seconds=waited,
            note="waited for another run" if waited >= 0.5 else "",
            date_from=min(starts[0] for starts in scope.values()),
            date_to=max(next_start(starts[-1], period) for period, starts in scope.items()),
            progress_total=len(SOURCES),
            progress_done=0,
            error="",
        )
        indicator_sync_catalogue()
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=list(SOURCES))}
        region_ids = list(Region.objects.order_by("id").values_list("id", flat=True))
        computed: list[_Computed] = []
        for done, code in enumerate(SOURCES, start=1):
            computed.extend(_compute(code, indicators[code], scope, region_ids, today))
            _update_run(run, progress_done=done)
        written = _replace_values(computed, timezone.now())
        _update_run(run, status=RunStatus.SUCCEEDED, finished_at=timezone.now(), rows_written=written)
        logger.info("indicator run %s (%s): %s rows written", run.pk, kind, written)
    except Exception as error:
        logger.exception("indicator run %s (%s) failed", run.pk, kind)
        _update_run(
            run,
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=5)}"[:4000],
        )
    finally:
        lock.release()
    return run


# --- Action plans ----------------------------------------------------------------------------------
def _require_region(user: User, region: Region | None) -> None:
    regions = dashboard_regions(user)
    if regions is None:
        return
    if region is None or not regions.filter(pk=region.pk).exists():
        raise PermissionDenied(_("You can only work on the plan and activities of your own region."))


def _can_edit_plans(user: User) -> bool:
    return user.is_superuser or user.has_perm("indicators.change_actionplanitem")


def plan_items_mark_overdue(*, today: datetime.date | None = None) -> int:
    """Mark every unfinished item past its deadline as overdue (one UPDATE; a second run changes nothing)."""
    today = today or timezone.localdate()
    return ActionPlanItem.objects.filter(
        deadline__lt=today, status__in=[ItemStatus.PLANNED, ItemStatus.IN_PROGRESS]
    ).update(status=ItemStatus.OVERDUE, updated_at=timezone.now())


def status_for(*, wanted: str, deadline: datetime.date, today: datetime.date) -> str:
    """Overdue is set by the calendar, not by hand: an unfinished item past its deadline is overdue."""
    if wanted != ItemStatus.DONE and deadline < today:
        return ItemStatus.OVERDUE
    if wanted == ItemStatus.OVERDUE:
        return ItemStatus.IN_PROGRESS
    return wanted


@transaction.atomic
def plan_get_or_create(*, user: User, region: Region | None, year: int) -> tuple[ActionPlan, bool]:
    """The plan of a region (or the republic) for a year, created with a default title when missing."""
    if not _can_edit_plans(user):
        raise PermissionDenied
    _require_region(user, region)
    if region is None:
        title_kk, title_ru = (
            f"«Еңбек – елдің мұраты» жобасы бойынша {year} жылғы республикалық іс-шаралар жоспары",
            f"Республиканский план мероприятий проекта «Еңбек – елдің мұраты» на {year} год",
        )
    else:
        title_kk = f"{region.name_kk}: «Еңбек – елдің мұраты» жобасы бойынша {year} жылғы іс-шаралар жоспары"
        title_ru = f"{region.name_ru}: план мероприятий проекта «Еңбек – елдің мұраты» на {year} год"
    return ActionPlan.objects.get_or_create(
        region=region, year=year, defaults={"title": title_kk, "title_kk": title_kk, "title_ru": title_ru}
    )


@transaction.atomic
def plan_item_update(
    *,
    item: ActionPlanItem,
    user: User,
    status: str,
    evidence_url: str = "",
    evidence_file=None,
    today: datetime.date | None = None,
) -> ActionPlanItem:
    """Record an item's progress and evidence; completed_on follows the status, overdue the deadline."""
    from enbek.images import process_image_upload

    if not _can_edit_plans(user):
        raise PermissionDenied
    _require_region(user, item.plan.region)
    today = today or timezone.localdate()
    new_status = status_for(wanted=status, deadline=item.deadline, today=today)
    if new_status == ItemStatus.DONE and item.status != ItemStatus.DONE:
        item.completed_on = today
    elif new_status != ItemStatus.DONE:
        item.completed_on = None
    item.status = new_status
    item.evidence_url = evidence_url
    if evidence_file is not None:
        processed = process_image_upload(evidence_file)
        item.evidence_file.save(processed.name, processed.content, save=False)
    item.updated_by = user
    item.full_clean()
    item.save()
    return item


# --- Outreach --------------------------------------------------------------------------------------
def _check_not_counted_elsewhere(*, url: str, kind: str, dynasty, date, exclude_pk: int | None) -> None:
    from dynasties.selectors import dynasty_exhibition_exists, dynasty_media_with_url_exists

    if url and dynasty_media_with_url_exists(url):
        raise ValidationError(
            {
                "url": _(
                    "This link is a media episode of a labour dynasty: it is already counted, do not enter it again."  # noqa: E501
                )
            }
        )
    if url and OutreachActivity.objects.filter(url=url).exclude(pk=exclude_pk).exists():
        raise ValidationError({"url": _("An activity with this link has already been entered.")})
    if (
        kind == "exhibition"
        and dynasty is not None
        and dynasty_exhibition_exists(dynasty_id=dynasty.pk, day=date)
    ):
        raise ValidationError(
            {
                "kind": _(
                    "This dynasty's exhibition opening that day is already counted from the dynasties section."  # noqa: E501
                )
            }
        )


@transaction.atomic
def outreach_activity_save(
    *, user: User, activity: OutreachActivity | None = None, **fields
) -> OutreachActivity:
    """Create or change an outreach activity; coordinators only for their region, never counted twice."""
    if not (user.is_superuser or user.has_perm("indicators.add_outreachactivity")):
        raise PermissionDenied
    region = fields.get("region")
    _require_region(user, region)
    if activity is not None:
        _require_region(user, activity.region)
    _check_not_counted_elsewhere(
        url=fields.get("url", ""),
        kind=fields.get("kind"),
        dynasty=fields.get("dynasty"),
        date=fields.get("date"),
        exclude_pk=activity.pk if activity else None,
    )
    if activity is None:
        activity = OutreachActivity(created_by=user)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def outreach_activity_delete(*, user: User, activity: OutreachActivity) -> None:
    if not (user.is_superuser or user.has_perm("indicators.delete_outreachactivity")):
        raise PermissionDenied
    _require_region(user, activity.region)
    activity.delete()


def today_period_start(period: str = Period.MONTH) -> datetime.date:
    return period_start(timezone.localdate(), period)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def plan_import(
    *, user: User, region: Region | None, year: int, upload, today: datetime.date | None = None
) -> tuple[ActionPlan, ImportResult]:
    """Add or update the items of a region's (or the republic's) plan of a year from an XLSX/CSV file.

    All rows or none: every row is checked before anything is written (importing.ImportFailed lists
    each error with its row and column); the plan (created when missing) and its items are then
    written in one transaction, so a database error leaves nothing either.
    """
    from .importing import parse_plan_file

    if not _can_edit_plans(user):
        raise PermissionDenied
    _require_region(user, region)
    today = today or timezone.localdate()
    rows = parse_plan_file(upload)
    created = updated = 0
    with transaction.atomic():
        plan, _created = plan_get_or_create(user=user, region=region, year=year)
        existing = {
            item.number: item
            for item in ActionPlanItem.objects.select_for_update().filter(plan=plan).order_by("pk")
        }
        position = max([item.position for item in existing.values()], default=0)
        for _row, data in rows:
            item = existing.get(data["number"])
            if item is None:
                position += 1
                item = ActionPlanItem(plan=plan, number=data["number"], position=position)
                created += 1
            else:
                updated += 1
            was_done = item.status == ItemStatus.DONE
            item.title = item.title_kk = data["title_kk"]
            item.title_ru = data["title_ru"]
            item.mechanism = data["mechanism"]
            item.responsible = item.responsible_kk = data["responsible_kk"]
            item.responsible_ru = data["responsible_ru"]
            item.deadline = data["deadline"]
            item.completion_form = item.completion_form_kk = data["completion_form_kk"]
            item.completion_form_ru = data["completion_form_ru"]
            item.status = status_for(wanted=data["status"], deadline=item.deadline, today=today)
            if item.status == ItemStatus.DONE:
                item.completed_on = item.completed_on if was_done and item.completed_on else today
            else:
                item.completed_on = None
            item.evidence_url = data["evidence_url"]
            item.updated_by = user
            item.save()
    return plan, ImportResult(created=created, updated=updated)
