import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .enums import ContestStatus
from .models import Contest


def contest_open_list(*, day: datetime.date | None = None) -> QuerySet[Contest]:
    """Published contests whose application window includes the day (today, Almaty time)."""
    day = day or timezone.localdate()
    return Contest.objects.filter(
        status=ContestStatus.PUBLISHED, applications_open__lte=day, applications_close__gte=day
    ).select_related("region")


def contest_open_count(*, day: datetime.date | None = None) -> int:
    return contest_open_list(day=day).count()
