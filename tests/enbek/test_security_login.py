"""Issue 12 item 2: the sign-in lockout counts the e-mail as sign-in matches it (any case), and an
address spraying passwords across many accounts is throttled at a higher threshold."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory

LOGIN = "/kk/accounts/login/"
PASSWORD = "Qwerty!2345"


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_SPRAY_LIMIT = 50
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_lockout_holds_for_another_case_of_the_same_email(client, db):
    UserFactory(email="brute@example.test", password=PASSWORD)
    for _ in range(5):
        _login(client, "brute@example.test", "wrong")

    response = _login(client, "BRUTE@example.test", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_case_variants_share_one_counter(client, db):
    UserFactory(email="brute@example.test", password=PASSWORD)
    variants = ["brute@example.test", "BRUTE@example.test", "Brute@Example.Test", " bRuTe@example.test"]
    statuses = [_login(client, variants[i % 4], "wrong").status_code for i in range(4)]

    assert statuses == [200, 200, 200, 200]
    assert _login(client, "BrUtE@EXAMPLE.TEST", "wrong").status_code == 429
    assert _login(client, "brute@example.test", PASSWORD).status_code == 429


def test_fewer_failures_than_the_limit_still_sign_in_in_any_case(client, db):
    UserFactory(email="nurlan@example.test", password=PASSWORD)
    for _ in range(4):
        _login(client, "NURLAN@example.test", "wrong")

    response = _login(client, "Nurlan@Example.test", PASSWORD)

    assert response.status_code == 302


def test_password_spraying_from_one_address_is_throttled(client, db, settings):
    settings.LOGIN_SPRAY_LIMIT = 6
    UserFactory(email="victim@example.test", password=PASSWORD)
    # One guess each for six accounts: no account reaches its own limit of five.
    for n in range(6):
        assert _login(client, f"user{n}@example.test", "Summer2026!").status_code == 200

    response = _login(client, "victim@example.test", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_spraying_throttle_leaves_other_addresses_alone(client, db, settings):
    settings.LOGIN_SPRAY_LIMIT = 6
    UserFactory(email="victim@example.test", password=PASSWORD)
    for n in range(6):
        _login(client, f"user{n}@example.test", "Summer2026!", ip="203.0.113.7")

    response = _login(client, "victim@example.test", PASSWORD, ip="198.51.100.20")

    assert response.status_code == 302


def test_many_people_behind_one_address_below_the_threshold_sign_in(client, db):
    """A carrier's shared address: 49 typos by different people do not stop the 50th person."""
    UserFactory(email="commuter@example.test", password=PASSWORD)
    for n in range(49):
        _login(client, f"person{n}@example.test", "typo")

    response = _login(client, "commuter@example.test", PASSWORD)

    assert response.status_code == 302


def test_spraying_throttle_is_translated(client, db, settings):
    settings.LOGIN_SPRAY_LIMIT = 1
    _login(client, "someone@example.test", "wrong")

    response = client.post(
        "/ru/accounts/login/", {"username": "x@example.test", "password": "y"}, REMOTE_ADDR="203.0.113.7"
    )

    assert response.status_code == 429
    assert response["Content-Language"] == "ru"
