"""The whole demo in one call: accounts, organisations, then each section's own demo module.

A section seeds its demo in `<app>/demo.py` with `seed(ctx: DemoContext) -> dict[str, int]`
(idempotent and deterministic for ctx.seed; it answers the counts it wants reported) and is
listed in SECTION_SEEDERS, in the order they depend on each other.
"""

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone, translation

from dynasties.models import ChallengeEntry, Dynasty, MediaEpisode, Member, Photo, PhotoExhibition, Sphere

from .activities import ensure_contests, ensure_events
from .context import DemoContext
from .core import DEMO_PASSWORD, DEMO_USERS, ensure_organizations, ensure_users
from .dynasties import build_context, demo_slugs, ensure_challenge_entries, ensure_exhibitions, seed_dynasties

SIZES = {"small": 60, "large": 20_000}
# Dotted modules with a `seed(ctx)` function, run in this order after the dynasties.
SECTION_SEEDERS: list[str] = ["indicators.demo"]
# The challenge wall and the exhibitions are drawn from the first dynasties, the same in every size.
SHOWCASE = 60


@dataclass
class SeedReport:
    size: str
    seed: int
    written: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)


def seed_demo(
    *,
    size: str = "small",
    seed: int = 2026,
    published: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SeedReport:
    """Seed (or top up) the demo; `published` overrides the size's number of published dynasties."""
    started = time.monotonic()
    now = timezone.now()
    published = SIZES[size] if published is None else published
    # Translated fields are given per language; the untranslated column follows Kazakh, the default.
    with translation.override("kk"):
        users = ensure_users()
        sphere_slugs = list(Sphere.objects.order_by("position", "slug").values_list("slug", flat=True))
        organizations = ensure_organizations(
            sphere_slugs=sphere_slugs, representative=users["hr@enbek.local"]
        )
        ensure_contests(today=timezone.localdate(now))
        ensure_events(organizations=organizations, now=now)
        ctx = build_context(organizations, timezone.localtime(now))
        reviewer = {
            "75": users["coordinator.almaty@enbek.local"],
            "71": users["coordinator.astana@enbek.local"],
            "*": users["ministry@enbek.local"],
        }
        citizen = users["citizen@enbek.local"]
        written = seed_dynasties(
            ctx,
            seed=seed,
            published=published,
            citizen=citizen,
            reviewer=reviewer,
            # A large seed points its rows at a pool of pictures instead of drawing one per dynasty.
            pooled_photos=size == "large",
            progress=progress,
        )
        showcase = demo_slugs(ctx, seed=seed, count=min(SHOWCASE, published))
        ensure_challenge_entries(ctx, seed=seed, citizen=citizen, reviewer=reviewer, slugs=showcase)
        ensure_exhibitions(ctx, slugs=showcase, today=timezone.localdate(now))
        section_ctx = DemoContext(
            size=size,
            seed=seed,
            now=now,
            today=timezone.localdate(now),
            users=users,
            organizations=[organization for _spec, organization in organizations],
            progress=(lambda what, done, total: progress(done, total)) if progress else None,
        )
        section_counts: dict[str, int] = {}
        for dotted in SECTION_SEEDERS:
            section_counts.update(importlib.import_module(dotted).seed(section_ctx) or {})
    return SeedReport(
        size=size,
        seed=seed,
        written=written,
        seconds=time.monotonic() - started,
        counts=demo_counts() | section_counts,
        accounts=[(u.email, DEMO_PASSWORD) for u in DEMO_USERS],
    )


def demo_counts() -> dict[str, int]:
    from contests.models import Contest
    from enbek.models import Organization, User
    from events.models import Event

    return {
        "users": User.objects.count(),
        "organisations": Organization.objects.count(),
        "contests": Contest.objects.count(),
        "events": Event.objects.count(),
        "dynasties": Dynasty.objects.count(),
        "published dynasties": Dynasty.objects.filter(status="published").count(),
        "members": Member.objects.count(),
        "photos": Photo.objects.count(),
        "media episodes": MediaEpisode.objects.count(),
        "challenge posts": ChallengeEntry.objects.count(),
        "exhibitions": PhotoExhibition.objects.count(),
    }
