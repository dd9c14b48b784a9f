"""The whole demo in one call: accounts, organisations and education providers, then each section's
own demo module.

A section seeds its demo in `<app>/demo.py` (or a `<app>/demo/` package) with
`seed(ctx: DemoContext) -> dict[str, int]` (idempotent and deterministic for ctx.seed; it answers the
counts it wants reported and notes what it wrote in ctx.added) and is listed in SECTION_SEEDERS, in
the order they depend on each other. This module imports no section: it only orchestrates.
"""

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone, translation

from enbek.models import Organization, Profession, TrainingProgramme, User
from enbek.selectors import sphere_list

from .context import DemoContext
from .core import DEMO_PASSWORD, DEMO_USERS, ensure_organizations, ensure_users
from .education import ensure_education
from .quiz import seed as seed_quiz

SIZES = ("small", "large")
# Dotted modules with a `seed(ctx)` function, run in this order after the shared accounts and
# organisations. indicators.demo stays last: it aggregates what the others seeded.
SECTION_SEEDERS: list[str] = [
    "dynasties.demo",
    "nudges.demo",
    "events.demo",
    "contests.demo",
    "surveys.demo",
    "indicators.demo",
]


@dataclass
class SeedReport:
    size: str
    seed: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)  # what this run wrote that was not there yet
    accounts: list[tuple[str, str]] = field(default_factory=list)


def seed_demo(
    *,
    size: str = "small",
    seed: int = 2026,
    overrides: dict[str, int] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> SeedReport:
    """Seed (or top up) the demo; `overrides` asks a section for another number than its size's
    (e.g. {"dynasties": 1100}); `progress(what, done, total)` hears of long runs."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}")
    started = time.monotonic()
    now = timezone.now()
    # Translated fields are given per language; the untranslated column follows Kazakh, the default.
    with translation.override("kk"):
        users = ensure_users()
        sphere_slugs = list(sphere_list().values_list("slug", flat=True))
        organizations = ensure_organizations(
            sphere_slugs=sphere_slugs, representative=users["hr@enbek.local"]
        )
        providers, programmes_added = ensure_education()
        ctx = DemoContext(
            size=size,
            seed=seed,
            now=now,
            today=timezone.localdate(now),
            users=users,
            organizations=[organization for _spec, organization in organizations] + providers,
            progress=progress,
            overrides=dict(overrides or {}),
        )
        ctx.count_added("training programmes", programmes_added)
        counts = core_counts()
        counts.update(seed_quiz(ctx))
        for dotted in SECTION_SEEDERS:
            counts.update(importlib.import_module(dotted).seed(ctx) or {})
    return SeedReport(
        size=size,
        seed=seed,
        seconds=time.monotonic() - started,
        counts=counts,
        added=ctx.added,
        accounts=[(u.email, DEMO_PASSWORD) for u in DEMO_USERS],
    )


def core_counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organization.objects.count(),
        "professions": Profession.objects.count(),
        "training programmes": TrainingProgramme.objects.count(),
    }
