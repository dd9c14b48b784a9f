from django.db.models import QuerySet
from django.utils import timezone

from .enums import EventStatus
from .models import Event


def event_upcoming_list() -> QuerySet[Event]:
    """Published events that have not ended yet, soonest first."""
    return (
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())
        .select_related("organization", "region")
        .order_by("starts_at")
    )


def event_upcoming_count() -> int:
    return event_upcoming_list().count()
