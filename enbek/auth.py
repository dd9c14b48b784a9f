"""Sign-in protection: the per-account lockout (django-axes) and the per-address spraying throttle.

Policy (README, "Security"):
- One account: AXES_FAILURE_LIMIT (5) failed sign-ins for one e-mail from one address lock that pair
  for AXES_COOLOFF_TIME (15 min). The e-mail is counted as sign-in matches it (trimmed, any case:
  User.objects.get_by_natural_key uses email__iexact), so «BRUTE@example.test» shares the counter of
  «brute@example.test» instead of getting fresh guesses.
- One address, many accounts (password spraying): LOGIN_SPRAY_LIMIT (50) failures from one IP
  address within LOGIN_SPRAY_WINDOW (15 min), whatever the accounts, pause every sign-in from that
  address until the window ends. The threshold is ten times one account's, because mobile carriers
  put many people behind one address: it never locks a crowd out after a few typos.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def normalize_login(value: str | None) -> str:
    """The e-mail as sign-in matches it: surrounding spaces dropped, case ignored."""
    return (value or "").strip().lower()


def axes_username(request, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the username axes counts failures for, normalised as sign-in does."""
    if credentials:
        value = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return normalize_login(value if isinstance(value, str) else None)


def _client_ip(request) -> str:
    # The address axes uses (its middleware resolves it once per request), else REMOTE_ADDR.
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "") or "unknown"


def _spray_key(ip: str) -> str:
    window = int(time.time()) // int(settings.LOGIN_SPRAY_WINDOW.total_seconds())
    return f"login-spray:{ip}:{window}"


def login_failure_record(request) -> int:
    """Count one failed sign-in of this request's address in the current window; answer the count."""
    if request is None:
        return 0
    key = _spray_key(_client_ip(request))
    timeout = int(settings.LOGIN_SPRAY_WINDOW.total_seconds()) + 60
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def login_spray_blocked(request) -> bool:
    """True while this address has reached LOGIN_SPRAY_LIMIT failures in the current window."""
    if request is None or not settings.LOGIN_SPRAY_LIMIT:
        return False
    return (cache.get(_spray_key(_client_ip(request))) or 0) >= settings.LOGIN_SPRAY_LIMIT


def on_user_login_failed(sender, credentials, request=None, **kwargs) -> None:
    login_failure_record(request)


class LoginSprayBackend:
    """Refuses every sign-in from an address that is spraying passwords (before any password check).

    It authenticates nobody and has no get_user (so sessions and force_login keep ModelBackend);
    LoginSprayMiddleware turns the refusal into the 429 page.
    """

    def authenticate(self, request, **credentials):
        if login_spray_blocked(request):
            request.enbek_login_throttled = True
            raise PermissionDenied
        return None


class LoginSprayMiddleware:
    """Answers 429 with the lockout page when LoginSprayBackend refused a sign-in of this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "enbek_login_throttled", False):
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, {"spraying": True}, status=429)
        return response
