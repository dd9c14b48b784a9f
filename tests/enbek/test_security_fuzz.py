"""Issue 12 item 3: every URL pattern of the portal, requested with hostile values, answers without a 5xx.

The patterns are walked from enbek.urls (the API router, the admin and every section included), so
a page or endpoint added later is fuzzed too (the admin through the dynasties' model admins: its views
are the same for every model). Each is requested anonymously under /kk/ and as a signed-in citizen
under /ru/ (the API and the language-less paths in both passes), by GET and by POST, with
each hostile value in its path parameters, in the query string and in the form body under the name
of every field of the portal's forms and filters: NUL, line breaks, a 100,000-character string, a
broken URL and invalid UTF-8.
"""

import contextlib
import importlib
import logging
import re
from urllib.parse import quote

import pytest
from django import forms
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django_filters import FilterSet

from tests.factories import UserFactory
from tests.factories.dynasties import DynastyFactory, MemberFactory

APPS = ("enbek", "dynasties", "contests", "events", "surveys", "nudges", "indicators")
LONG = "x" * 100_000
# Raw query/body fragments: already percent-encoded (the invalid UTF-8 must reach Django as bytes).
HOSTILE = {
    "nul": quote("\x00"),
    "newline": quote("a\nb\r\nc"),
    "long": LONG,
    "broken_url": quote("http://[::1", safe=""),
    "invalid_utf8": "%FF%FE%C3",
}
# Names every page may read besides its form fields.
COMMON_NAMES = {"next", "lang", "page", "page_size", "format", "q", "search", "ordering", "sort", "code"}
# A 100,000-character value goes into this many names per request (a few hundred kilobytes, well
# under DATA_UPLOAD_MAX_MEMORY_SIZE); successive requests take the next names in turn, so over the
# whole walk every name carries it many times.
LONG_NAMES_PER_REQUEST = 4


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def field_names() -> list[str]:
    """The names of every field of the portal's forms and API filters."""
    for app in APPS:
        for module in ("forms", "api.filters", "filters", "api.serializers"):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{app}.{module}")
    names = set(COMMON_NAMES)
    for cls in _subclasses(forms.BaseForm):
        if cls.__module__.split(".")[0] in APPS:
            names |= set(getattr(cls, "base_fields", {}))
    for cls in _subclasses(FilterSet):
        if cls.__module__.split(".")[0] in APPS:
            names |= set(getattr(cls, "base_filters", {}))
    return sorted(names)


def url_templates() -> list[tuple[str, bool]]:
    """Every URL pattern as a template with {lang} for the language prefix and {name:converter}
    placeholders for its parameters; the bool says whether it sits under the language prefix."""
    found = []

    def walk(patterns, prefix, localized):
        for pattern in patterns:
            part, is_locale = _template(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + part, localized or is_locale)
            elif isinstance(pattern, URLPattern):
                found.append((prefix + part, localized))

    walk(get_resolver().url_patterns, "", False)
    return sorted({(template, localized) for template, localized in found if _ours(template)})


# The admin's standard views are Django's own, the same for every model (and behind staff sign-in):
# the dynasties' model admins stand for them, which keeps the walk to a few minutes. Views a model
# admin adds of its own (imports, exports, actions) are walked for every app.
_ADMIN_MODEL = re.compile(r"^\{lang\}/admin/(?P<app>\w+)/\w+/(?P<rest>.*)$")
_ADMIN_STANDARD = {
    "",
    "add/",
    "{object_id:path}/",
    "{object_id:path}/change/",
    "{object_id:path}/delete/",
    "{object_id:path}/history/",
}


def _ours(template: str) -> bool:
    match = _ADMIN_MODEL.match(template)
    return match is None or match["app"] == "dynasties" or match["rest"] not in _ADMIN_STANDARD


_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _template(pattern) -> tuple[str, bool]:
    if isinstance(pattern, LocalePrefixPattern):
        return "{lang}/", True
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        return _ROUTE_PARAM.sub(
            lambda m: "{{{}:{}}}".format(m["name"], m["converter"] or "str"), route
        ), False
    if isinstance(pattern, RegexPattern):
        regex = str(pattern).lstrip("^").rstrip("$")
        if regex == "(?P<url>.*)":  # the admin's catch-all
            return "{url:path}", False
        text = _REGEX_PARAM.sub(lambda m: "{{{}:regex}}".format(m["name"]), regex)
        # What is left of the regex syntax: optional slashes, escaped dots, alternatives.
        text = text.replace("\\.", ".").replace("/?", "/").replace("(", "").replace(")", "")
        return text.split("|")[0], False
    raise TypeError(pattern)


_PLACEHOLDER = re.compile(r"\{(\w+):(\w+)\}")


def fill(template: str, lang: str, value: str, case: str, pk: int) -> str:
    def one(match):
        converter = match[2]
        if converter == "int":
            return "9" * 25 if case == "long" else str(pk)
        if converter == "format":
            return "json"
        return value

    return "/" + _PLACEHOLDER.sub(one, template.replace("{lang}", lang))


def encoded_pairs(names: list[str], case: str, value: str, request_index: int) -> str:
    if case == "long":
        start = (request_index * LONG_NAMES_PER_REQUEST) % len(names)
        chosen = (names + names)[start : start + LONG_NAMES_PER_REQUEST]
    else:
        chosen = names
    return "&".join(f"{name}={value}" for name in chosen)


@pytest.fixture
def world(db):
    citizen = UserFactory(email="fuzz@example.kz")
    draft = DynastyFactory(submitted_by=citizen, status="draft")
    MemberFactory(dynasty=draft)
    return {"citizen": citizen, "pk": draft.pk}


# Each language once and each kind of visitor once: the pages are the same code in both languages.
@pytest.mark.parametrize(
    ("lang", "signed_in"), [("kk", False), ("ru", True)], ids=["kk-anonymous", "ru-citizen"]
)
def test_every_url_with_hostile_values_answers_without_a_server_error(world, lang, signed_in, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    cache.clear()
    # Thousands of 404s and 400s: their warnings would only slow the walk down.
    logging.disable(logging.WARNING)
    client = Client(raise_request_exception=False)
    names = field_names()
    failures = []
    index = 0
    if signed_in:
        client.force_login(world["citizen"])
    for template, localized in url_templates():
        for case, value in HOSTILE.items():
            index += 1
            url = fill(template, lang, value if case != "long" else "x" * 100_000, case, world["pk"])
            query = encoded_pairs(names, case, value, index)
            responses = {
                "GET": client.get(f"{url}?{query}"),
                "POST": client.post(url, data=query, content_type="application/x-www-form-urlencoded"),
            }
            for method, response in responses.items():
                if response.status_code >= 500:
                    failures.append(f"{method} {template} [{case}] → {response.status_code}")
            if signed_in and "logout" in template:
                client.force_login(world["citizen"])  # a fuzzed sign-out must not end the pass
    logging.disable(logging.NOTSET)
    assert failures == []


def test_url_walk_covers_the_api_admin_and_sections():
    templates = {template for template, _ in url_templates()}

    assert "api/v1/dynasties/{slug:regex}/" in templates
    assert "{lang}/dynasties/{pk:int}/edit/story/" in templates
    assert "{lang}/admin/dynasties/dynasty/{object_id:path}/change/" in templates
    assert len(templates) > 100


def test_api_detail_with_nul_slug_is_404(client, db):
    assert client.get("/api/v1/dynasties/%00/").status_code == 404
    assert client.get("/kk/dynasties/%00/").status_code == 404
