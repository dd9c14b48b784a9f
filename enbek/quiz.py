"""Scoring of the interest quiz "Who could I become?": pure functions, no database.

The score, documented once here (the quiz's result page and the API say the same):

1. Each answer is 1 ("not at all") to 5 ("very much"). A type's score is the mean of its statements'
   answers put on 0–100: (mean − 1) / 4 × 100, rounded to a whole number. 1 everywhere is 0, 5 is 100,
   3 ("not sure") is 50; a mean is used so that a type with more statements weighs no more.
2. The strongest types are the three highest scores; equal scores keep Holland's order R, I, A, S, E, C.
3. A profession's match is the weighted mean of the person's scores for the letters of its interest
   code, weighted 3, 2, 1 by the letter's place (its first letter is its main type):
   RIA → (3·R + 2·I + 1·A) / 6; R → R; SE → (3·S + 2·E) / 5. Rounded to a whole number (0–100).
   Best match first; equal matches by code.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TYPES = "RIASEC"
ANSWER_MIN, ANSWER_MAX = 1, 5
PLACE_WEIGHTS = (3, 2, 1)


@dataclass(frozen=True)
class Match:
    code: str
    score: int


def score_profile(answers: Mapping[str, int], types_of: Mapping[str, str]) -> dict[str, int]:
    """{type: 0..100} from {statement key: answer 1..5} and {statement key: its type}.

    Every statement in `types_of` must be answered (the forms and the API check it first); a type
    with no statement scores 0.
    """
    sums = dict.fromkeys(TYPES, 0)
    counts = dict.fromkeys(TYPES, 0)
    for key, holland_type in types_of.items():
        answer = answers[key]
        if not ANSWER_MIN <= answer <= ANSWER_MAX:
            raise ValueError(f"answer {answer!r} of {key} is outside {ANSWER_MIN}..{ANSWER_MAX}")
        sums[holland_type] += answer
        counts[holland_type] += 1
    return {
        letter: round((sums[letter] / counts[letter] - ANSWER_MIN) / (ANSWER_MAX - ANSWER_MIN) * 100)
        if counts[letter]
        else 0
        for letter in TYPES
    }


def top_types(profile: Mapping[str, int], count: int = 3) -> list[str]:
    """The `count` strongest types, ties kept in Holland's order."""
    return sorted(TYPES, key=lambda letter: (-profile.get(letter, 0), TYPES.index(letter)))[:count]


def match_score(profile: Mapping[str, int], interest_code: str) -> int:
    """How well a profession's interest code suits this profile, 0..100 (see the module's docstring)."""
    weights = PLACE_WEIGHTS[: len(interest_code)]
    total = sum(
        weight * profile.get(letter, 0) for weight, letter in zip(weights, interest_code, strict=False)
    )
    return round(total / sum(weights)) if weights else 0


def best_matches(
    profile: Mapping[str, int], professions: Iterable[tuple[str, str]], *, limit: int = 10
) -> list[Match]:
    """The `limit` best professions of (code, interest code) pairs: best match first, then by code."""
    matches = [Match(code=code, score=match_score(profile, interest)) for code, interest in professions]
    matches.sort(key=lambda match: (-match.score, match.code))
    return matches[:limit]


def answer_errors(answers: Mapping[str, object], keys: Iterable[str]) -> dict[str, str]:
    """{key: what is wrong} for each statement key that is unanswered or not a whole number 1..5.

    Plain English reasons; the callers translate them (the API names them per item).
    """
    errors = {}
    for key in keys:
        value = answers.get(key)
        if value is None or value == "":
            errors[key] = "missing"
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            errors[key] = "out_of_range"
            continue
        if (
            isinstance(value, bool)
            or str(number) != str(value).strip()
            or not ANSWER_MIN <= number <= ANSWER_MAX
        ):
            errors[key] = "out_of_range"
    return errors
