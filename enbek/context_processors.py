import re

from django.conf import settings
from django.urls import translate_url

_PREFIX = re.compile(r"^/({})(/|$)".format("|".join(code for code, _ in settings.LANGUAGES)))


def _switch(path: str, code: str) -> str:
    translated = translate_url(path, code)
    if translated == path and _PREFIX.match(path):
        # A path that does not resolve (a 404 page): keep it, change only the language prefix.
        translated = _PREFIX.sub(f"/{code}\\2", path, count=1)
    return translated


def portal(request):
    """The language switcher's links: the same page, with its query string, in each language."""
    path = request.get_full_path()
    switch = [{"code": code, "name": name, "url": _switch(path, code)} for code, name in settings.LANGUAGES]
    return {"language_links": switch, "ENBEK_DEMO": settings.ENBEK_DEMO}
