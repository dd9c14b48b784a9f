"""The dynasties section's demo: published dynasties with members, photos and media, the moderation
queue of the demo citizen, challenge posts and photo exhibitions (`seed(ctx)`, see enbek.demo.seed).

Planning and writing the rows is in .plans, the bilingual vocabulary in .content.
"""

from django.db.models import Count, Q
from django.utils import timezone

from enbek.demo.context import DemoContext

from ..enums import DynastyStatus
from ..models import ChallengeEntry, Dynasty, MediaEpisode, Member, Photo, PhotoExhibition
from .plans import build_context, demo_slugs, ensure_challenge_entries, ensure_exhibitions, seed_dynasties

# Published dynasties by size (the large one is the benchmarks'); `seed_demo --dynasties N` overrides.
PUBLISHED = {"small": 60, "large": 20_000}
# The challenge wall and the exhibitions are drawn from the first dynasties, the same in every size.
SHOWCASE = 60


def seed(ctx: DemoContext) -> dict[str, int]:
    """Seed (or top up) the dynasties; idempotent: the rows are keyed on deterministic slugs and URLs."""
    published = ctx.overrides.get("dynasties", PUBLISHED[ctx.size])
    plans = build_context(ctx.organizations, timezone.localtime(ctx.now))
    users = ctx.users
    reviewer = {
        "75": users["coordinator.almaty@enbek.local"],
        "71": users["coordinator.astana@enbek.local"],
        "*": users["ministry@enbek.local"],
    }
    citizen = users["citizen@enbek.local"]
    written = seed_dynasties(
        plans,
        seed=ctx.seed,
        published=published,
        citizen=citizen,
        reviewer=reviewer,
        # A large seed points its rows at a pool of pictures instead of drawing one per dynasty.
        pooled_photos=ctx.large,
        progress=lambda done, total: ctx.report("dynasties", done, total),
    )
    ctx.count_added("dynasties", written)
    showcase = demo_slugs(plans, seed=ctx.seed, count=min(SHOWCASE, published))
    ensure_challenge_entries(plans, seed=ctx.seed, citizen=citizen, reviewer=reviewer, slugs=showcase)
    ensure_exhibitions(plans, slugs=showcase, today=ctx.today)
    return counts()


def counts() -> dict[str, int]:
    members = Member.objects.aggregate(
        total=Count("id"), classified=Count("id", filter=Q(profession_ref__isnull=False))
    )
    return {
        "dynasties": Dynasty.objects.count(),
        "published dynasties": Dynasty.objects.filter(status=DynastyStatus.PUBLISHED).count(),
        "members": members["total"],
        "members with a classified profession": members["classified"],
        "photos": Photo.objects.count(),
        "media episodes": MediaEpisode.objects.count(),
        "challenge posts": ChallengeEntry.objects.count(),
        "exhibitions": PhotoExhibition.objects.count(),
    }
