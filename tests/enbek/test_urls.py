"""No URL answers 5xx: every pattern that takes no arguments, in both languages, anonymous and signed in."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from enbek.enums import Role
from tests.factories import UserFactory


def _names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def _argument_free_paths(lang):
    paths = set()
    with translation.override(lang):
        for name in _names():
            try:
                paths.add(reverse(name))
            except Exception:  # noqa: S112 - patterns that need arguments are not requested here
                continue
    return sorted(paths)


def test_url_list_is_not_empty(db):
    paths = _argument_free_paths("kk")
    assert (
        "/kk/" in paths and "/kk/dynasties/" in paths and "/api/v1/regions/" in paths and "/healthz" in paths
    )


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_url_without_arguments_answers_below_500_anonymous(client, db, lang):
    failures = {}
    for path in _argument_free_paths(lang):
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            if response.status_code >= 500:
                failures[f"{method} {path}"] = response.status_code
    assert failures == {}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_url_without_arguments_answers_below_500_for_staff(client, db, lang):
    admin = UserFactory(roles=[Role.MINISTRY_ADMINISTRATOR], is_superuser=True, is_staff=True)
    client.force_login(admin)
    failures = {}
    for path in _argument_free_paths(lang):
        if path.endswith("/logout/"):
            continue
        response = client.get(path)
        if response.status_code >= 500:
            failures[path] = response.status_code
    assert failures == {}
