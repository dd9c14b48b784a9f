"""Issue 12 item 7: the OpenAPI schema matches the API, checked by schemathesis against a live server.

Every operation the schema lists is exercised (the sections that add their APIs later are covered
as soon as they appear in /api/schema/), with all of schemathesis' checks: no server error, status
codes, content types, headers and bodies as the schema declares them, invalid input refused and
valid input accepted. The number of examples is bounded and the run deterministic.
"""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.throttling import SimpleRateThrottle

from tests.factories.dynasties import DynastyFactory, MemberFactory

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def api_schema(live_server, reference_data, monkeypatch):
    # Hundreds of requests from 127.0.0.1: the anonymous rate limit is lifted here (the throttle read
    # its rates when imported, so the class attribute is patched, not the settings), and the history
    # it kept is dropped afterwards, or the next tests' API calls from the same address get a 429.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
    dynasty = DynastyFactory(slug="zhumabekovy")
    MemberFactory(dynasty=dynasty)
    # Generating the schema takes a few seconds on a busy machine: a generous timeout.
    yield schemathesis.openapi.from_url(f"{live_server.url}/api/schema/", timeout=120)
    cache.delete_many([f"throttle_{scope}_127.0.0.1" for scope in ("anon", "user")])


# Every operation is checked with every check (bodies, status codes, headers as declared, valid input
# accepted, invalid input refused), the sections' APIs included: the schema declares the 401/403 of what
# needs a signed-in user, the quiz's answers statement by statement, an empty filter as «any».
FULLY_CHECKED = ("/api/",)
# An empty filter (`?lang=&size=`) means "no filter" on these, as their descriptions say: schemathesis'
# negative mode counts that as an invalid request accepted, so that one check is left out there.
EMPTY_MEANS_ABSENT = {"/api/v1/proverbs/{id}/banner.png", "/api/v1/indicators/values/"}


def _all_checks() -> list:
    from schemathesis.checks import CHECKS, load_all_checks

    load_all_checks()
    return [check for check in CHECKS.get_all() if not isinstance(check, type)]


def test_api_matches_its_schema(api_schema, live_server):
    """Each operation: 25 valid and 25 invalid requests (a fixed seed), every check on each answer."""
    from schemathesis import GenerationMode

    all_checks = _all_checks()
    no_server_error = [check for check in all_checks if check.__name__ == "not_a_server_error"]
    assert no_server_error
    failures, operations = [], []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations.append(operation.label)
        checks = all_checks if operation.path.startswith(FULLY_CHECKED) else no_server_error
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            mode_checks = checks
            if mode == GenerationMode.NEGATIVE and operation.path in EMPTY_MEANS_ABSENT:
                mode_checks = [c for c in checks if c.__name__ != "negative_data_rejection"]

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=25,
                derandomize=True,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case):
                case.call_and_validate(base_url=live_server.url, checks=mode_checks)

            try:
                run()
            except Unsatisfiable:
                # Nothing in this operation can be invalid (e.g. a free-text path parameter): the
                # negative mode has no request to send, which is not a mismatch.
                assert mode == GenerationMode.NEGATIVE, operation.label
            except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - every failure is collected
                failures.append(f"{operation.label} [{mode.value}]: {error}")
    assert "GET /api/v1/dynasties/{slug}/" in operations
    assert failures == []


def test_schema_lists_the_core_and_dynasties_operations(client, db):
    paths = client.get("/api/schema/?format=json").json()["paths"]

    assert {"/api/v1/regions/", "/api/v1/dynasties/", "/api/v1/dynasties/{slug}/"} <= set(paths)
