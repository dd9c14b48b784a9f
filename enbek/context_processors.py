import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject, cached_property

from .worklist import work_items_for

_PREFIX = re.compile(r"^/({})(/|$)".format("|".join(code for code, _ in settings.LANGUAGES)))


def _switch(path: str, code: str) -> str:
    translated = translate_url(path, code)
    if translated == path and _PREFIX.match(path):
        # A path that does not resolve (a 404 page): keep it, change only the language prefix.
        translated = _PREFIX.sub(f"/{code}\\2", path, count=1)
    return translated


def _switch_page(full_path: str, code: str) -> str:
    """The page in language `code`; a local `next` (sign-in, sign-up) is switched too, so that the
    visitor lands, after signing in, on the page they asked for in the language they chose."""
    translated = _switch(full_path, code)
    parts = urlsplit(translated)
    if "next=" not in parts.query:
        return translated
    query = parse_qsl(parts.query, keep_blank_values=True)
    switched = [
        (key, _switch(value, code) if key == "next" and _is_local_path(value) else value)
        for key, value in query
    ]
    return urlunsplit(parts._replace(query=urlencode(switched, safe="/")))


def _is_local_path(value: str) -> bool:
    return value.startswith("/") and not value.startswith(("//", "/\\"))


def portal(request):
    """Language switcher links (the same page and query in each language) and staff work."""
    path = request.get_full_path()
    switch = [
        {"code": code, "name": name, "url": _switch_page(path, code)} for code, name in settings.LANGUAGES
    ]
    work = StaffWork(getattr(request, "user", None))
    return {
        "language_links": switch,
        "ENBEK_DEMO": settings.ENBEK_DEMO,
        "staff_work": work,
        "work_items": SimpleLazyObject(lambda: work.items),
    }


class StaffWork:
    """The signed-in user's work for the navigation, asked of the sections only when a page shows it
    (and once per page)."""

    def __init__(self, user):
        self._user = user

    @cached_property
    def items(self) -> list:
        return work_items_for(self._user)

    @cached_property
    def waiting(self) -> int:
        """The total shown on the phone's "Menu" button: waiting work is seen without opening it."""
        return sum(item.count for item in self.items)
