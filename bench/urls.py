"""The portal's URLs plus /bench/bare/: a JSON answer that touches no middleware-heavy code, no template
and no database, the ceiling the pages are compared with (same gunicorn, same middleware stack)."""

from django.http import JsonResponse
from django.urls import path

from enbek.urls import *  # noqa: F403
from enbek.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal_urlpatterns]
