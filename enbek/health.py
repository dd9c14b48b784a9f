"""/healthz: is the database answering, is the broker answering."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        return "error"
    return "ok"


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker by design: tasks run in the web process (the embedded default).
        return "ok"
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
    except Exception:  # noqa: BLE001
        return "error"
    return "ok"


@never_cache
def healthz(request):
    result = {"database": check_database(), "broker": check_broker()}
    status = 200 if all(value == "ok" for value in result.values()) else 503
    if status != 200:
        result["failed"] = [name for name, value in result.items() if value != "ok"]
    return JsonResponse(result, status=status)
