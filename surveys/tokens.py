"""Participation tokens: a random value in a signed cookie, or a one-time invitation code.

Only a keyed hash of (wave, token) is ever stored. The key is SURVEY_TOKEN_KEY (else SECRET_KEY): without
it, a list of hashes cannot be checked against guessed tokens or printed codes.
"""

import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

COOKIE_NAME = "enbek_survey"
COOKIE_SALT = "surveys.token"
CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no 0/O, 1/I, 2/Z, 5/S, 8/B: read aloud and typed on phones
CODE_LENGTH = 8


def new_token() -> str:
    return secrets.token_urlsafe(24)


def code_token(code: str) -> str:
    """The participation token of an invitation code (so a code answers once, like a cookie)."""
    return "code:" + normalise_code(code)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def token_hash(survey_id: int, token: str) -> str:
    key = getattr(settings, "SURVEY_TOKEN_KEY", "") or settings.SECRET_KEY
    return salted_hmac(
        "surveys.participation", f"{survey_id}:{token}", secret=key, algorithm="sha256"
    ).hexdigest()
