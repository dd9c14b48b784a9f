"""Reads and aggregations of the dynasties section. Every list is a constant number of queries."""

import datetime
import re

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enbek.aggregations import aggregate_by_period, filter_period, in_region
from enbek.enums import Role
from enbek.models import Region, User
from enbek.pagecache import cached_value
from enbek.transliteration import fold_latin
from enbek.worklist import WorkItem

from .enums import ChallengeStatus, DynastyOrdering, DynastyStatus, MediaKind
from .models import ChallengeEntry, Dynasty, MediaEpisode, Member, Photo, PhotoExhibition

# A coordinator's first digest lists what was submitted during the day before.
FIRST_DIGEST_LOOKBACK = datetime.timedelta(days=1)

_WORD = re.compile(r"\w+", re.UNICODE)
# "әулеті", "династия" and their forms are in nearly every story: as search words they match the
# whole catalogue (and rank all of it), so a search drops them and keeps the words that tell apart.
# Typed in Latin («Ermekov auleti») they are not in the stored text at all: dropped as well.
_GENERIC_PREFIXES = ("әулет", "династ", "aulet", "dinast", "dynast")


def _search_words(text: str) -> list[str]:
    """The distinguishing words, lower-cased; Latin ones without marks («Ötepov» → «otepov»), as the
    stored text has them (dynasties.services.search_text_for)."""
    words = _WORD.findall(fold_latin(text or ""))
    return [w for w in words if not w.startswith(_GENERIC_PREFIXES)][:8]


# --- Derived figures, computed in SQL ---------------------------------------------------------
def member_years_expression(*, current_year: int | None = None, prefix: str = ""):
    """Years of service of one member: (end year or this year) − start year; 0 without a start year."""
    current_year = current_year or timezone.localdate().year
    start, end = f"{prefix}start_year", f"{prefix}end_year"
    return Case(
        When(**{f"{start}__isnull": True}, then=Value(0)),
        default=Coalesce(end, Value(current_year)) - F(start),
        output_field=IntegerField(),
    )


def figures_subqueries(*, current_year: int | None = None) -> dict:
    """Subqueries giving members count, generations and combined years for an outer Dynasty row."""
    members = Member.objects.filter(dynasty=OuterRef("pk")).order_by().values("dynasty")
    return {
        "members_count": Coalesce(
            Subquery(members.annotate(c=Count("id")).values("c")[:1], output_field=IntegerField()), 0
        ),
        "generations": Coalesce(
            Subquery(
                members.annotate(c=Count("generation", distinct=True)).values("c")[:1],
                output_field=IntegerField(),
            ),
            0,
        ),
        "total_years": Coalesce(
            Subquery(
                members.annotate(s=Sum(member_years_expression(current_year=current_year))).values("s")[:1],
                output_field=IntegerField(),
            ),
            0,
        ),
    }


def dynasty_with_live_figures(queryset: QuerySet[Dynasty] | None = None) -> QuerySet[Dynasty]:
    """The figures computed now from the members (live_*), to check or refresh the stored ones."""
    queryset = queryset if queryset is not None else Dynasty.objects.all()
    return queryset.annotate(**{f"live_{name}": expr for name, expr in figures_subqueries().items()})


def member_list_with_years(dynasty: Dynasty) -> QuerySet[Member]:
    return dynasty.members.annotate(years=member_years_expression()).select_related(
        "parent", "profession_ref"
    )


# --- Public lists ---------------------------------------------------------------------------------
def dynasty_published() -> QuerySet[Dynasty]:
    return Dynasty.objects.filter(status=DynastyStatus.PUBLISHED)


def dynasty_published_count() -> int:
    """Counted once per change (dynasties.services invalidates the "dynasties" page group), not once per
    home page: a COUNT(*) of 200,000 rows on every visit of a spike."""
    return cached_value("dynasties", "published_count", lambda: dynasty_published().count())


def dynasty_recent_published(*, limit: int = 6) -> QuerySet[Dynasty]:
    return (
        dynasty_published()
        .select_related("sphere", "region", "cover")
        .order_by("-published_at", "-id")[:limit]
    )


def _prefix_tsquery(words: list[str]) -> str:
    """Each word becomes a prefix term (Kazakh and Russian words take endings): 'word:* & next:*'."""
    return " & ".join(f"{w}:*" for w in words)


def dynasty_search(queryset: QuerySet[Dynasty], text: str) -> QuerySet[Dynasty]:
    """Full-text search over family names, member names and stories in both languages.

    PostgreSQL: the stored tsvector (simple + russian configurations) with prefix terms, ranked.
    Elsewhere: every word must occur in the stored lower-cased search text. A text with no
    distinguishing word (empty, punctuation, only "әулеті") leaves the queryset as it is.
    """
    words = _search_words(text)
    if not words:
        return queryset
    if settings.IS_POSTGRES:
        query = SearchQuery(_prefix_tsquery(words), search_type="raw", config="simple") | SearchQuery(
            " ".join(words), search_type="websearch", config="russian"
        )
        return queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return queryset.filter(condition)


def dynasty_published_with_profession(profession_id: int) -> QuerySet[Dynasty]:
    """Published dynasties with at least one member of this classifier profession, newest first, ready
    for cards (the profession explorer's page). One query; count() is one more."""
    members = Member.objects.filter(dynasty=OuterRef("pk"), profession_ref_id=profession_id)
    return (
        dynasty_published()
        .filter(Exists(members))
        .select_related("sphere", "region", "cover")
        .order_by("-published_at", "-id")
    )


def dynasty_public_list(
    *,
    region: str | None = None,
    sphere: str | None = None,
    min_generations: int | None = None,
    min_years: int | None = None,
    search: str | None = None,
    ordering: str = DynastyOrdering.NEWEST,
) -> QuerySet[Dynasty]:
    """Published dynasties, filtered by region code, sphere slug, figures and text; one query."""
    queryset = dynasty_published().select_related("sphere", "region", "cover")
    if region:
        queryset = queryset.filter(region__code=region)
    if sphere:
        queryset = queryset.filter(sphere__slug=sphere)
    if min_generations:
        queryset = queryset.filter(generations__gte=min_generations)
    if min_years:
        queryset = queryset.filter(total_years__gte=min_years)
    if search:
        queryset = dynasty_search(queryset, search)
    order = {
        DynastyOrdering.GENERATIONS: ("-generations", "-total_years", "-id"),
        DynastyOrdering.YEARS: ("-total_years", "-generations", "-id"),
    }.get(ordering)
    if order is None:
        # Ranked only when dynasty_search annotated a rank (PostgreSQL, and a search with words in it).
        ranked = "rank" in queryset.query.annotations
        order = ("-rank", "-published_at", "-id") if ranked else ("-published_at", "-id")
    return queryset.order_by(*order)


def dynasty_detail_queryset() -> QuerySet[Dynasty]:
    """Everything the detail page and API show, prefetched: a fixed number of queries."""
    return Dynasty.objects.select_related("sphere", "region", "organization", "cover").prefetch_related(
        Prefetch(
            "members",
            queryset=Member.objects.annotate(years=member_years_expression())
            .select_related("profession_ref")
            .order_by("generation", "position", "id"),
        ),
        Prefetch("photos", queryset=Photo.objects.order_by("position", "id")),
        Prefetch("media", queryset=MediaEpisode.objects.order_by("-date", "id")),
        Prefetch(
            "challenge_entries",
            queryset=ChallengeEntry.objects.filter(status=ChallengeStatus.APPROVED).order_by("-created_at"),
            to_attr="approved_challenge_entries",
        ),
        Prefetch(
            "exhibitions", queryset=PhotoExhibition.objects.select_related("region").order_by("-starts_on")
        ),
    )


def dynasty_public_detail(*, slug: str) -> Dynasty:
    """A published dynasty by slug; anything else is Dynasty.DoesNotExist (404 to the public)."""
    return dynasty_detail_queryset().get(slug=slug, status=DynastyStatus.PUBLISHED)


HEAVY_DYNASTY_COLUMNS = (
    "story",
    "story_kk",
    "story_ru",
    "story_html",
    "story_html_kk",
    "story_html_ru",
    "search_text",
    "search_vector",
)


def dynasty_public_head(*, slug: str) -> Dynasty:
    """A published dynasty with what the page's head shows (names, cover), in one query: the rest of
    the page comes from dynasty_public_detail only when its cached fragment is missing."""
    return (
        Dynasty.objects.select_related("sphere", "region", "cover")
        # The story in three columns and two forms, and the search vector, are most of a row's bytes.
        .defer(*HEAVY_DYNASTY_COLUMNS)
        .get(slug=slug, status=DynastyStatus.PUBLISHED)
    )


def dynasty_tree(dynasty: Dynasty) -> list[dict]:
    """Members grouped by generation for the family tree (uses the prefetched members)."""
    by_generation: dict[int, list[Member]] = {}
    for member in dynasty.members.all():
        by_generation.setdefault(member.generation, []).append(member)
    return [{"generation": g, "members": by_generation[g]} for g in sorted(by_generation)]


# --- Permissions on querysets ---------------------------------------------------------------------
def can_moderate_region(user: User, region_id: int | None) -> bool:
    """Ministry staff moderate every region; a regional coordinator only their own."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or (
        user.has_perm("enbek.view_all_regions") and user.has_perm("dynasties.moderate_dynasty")
    ):
        return True
    return (
        user.has_perm("dynasties.moderate_dynasty")
        and user.coordinator_region_id is not None
        and user.coordinator_region_id == region_id
    )


def moderated_regions(user: User) -> QuerySet[Region] | None:
    """Regions whose dynasties and challenge entries this user reviews.

    None means every region; an empty queryset means none. Ministry analysts read every region
    but do not moderate, so they get none here: the queues are for those who may publish.
    """
    if not user.is_authenticated:
        return Region.objects.none()
    if can_moderate_region(user, None):
        return None
    if user.has_perm("dynasties.moderate_dynasty") and user.coordinator_region_id:
        return Region.objects.filter(pk=user.coordinator_region_id)
    return Region.objects.none()


def dynasty_moderation_queue(*, user: User, status: str = DynastyStatus.SUBMITTED) -> QuerySet[Dynasty]:
    """Dynasties awaiting review in the regions this user moderates (own region, or all for the ministry)."""
    queryset = Dynasty.objects.filter(status=status).select_related(
        "sphere", "region", "submitted_by", "cover"
    )
    regions = moderated_regions(user)
    if regions is not None:
        queryset = queryset.filter(region__in=regions)
    return queryset.order_by("submitted_at", "id")


def dynasty_for_moderation(*, user: User, pk: int) -> Dynasty:
    """A dynasty the user may review; Dynasty.DoesNotExist otherwise (404, never a hint it exists)."""
    regions = moderated_regions(user)
    queryset = dynasty_detail_queryset().exclude(status=DynastyStatus.DRAFT)
    if regions is not None:
        queryset = queryset.filter(region__in=regions)
    return queryset.get(pk=pk)


def dynasty_owned_list(*, user: User) -> QuerySet[Dynasty]:
    return (
        Dynasty.objects.filter(submitted_by=user)
        .select_related("sphere", "region", "cover")
        .order_by("-updated_at", "-id")
    )


def dynasty_owned(*, user: User, pk: int) -> Dynasty:
    """The user's own dynasty in any status; another user's is Dynasty.DoesNotExist (404)."""
    return dynasty_detail_queryset().get(pk=pk, submitted_by=user)


# --- Challenge ------------------------------------------------------------------------------------
def challenge_wall() -> QuerySet[ChallengeEntry]:
    return (
        ChallengeEntry.objects.filter(status=ChallengeStatus.APPROVED)
        .select_related("dynasty", "region")
        .order_by("-created_at", "-id")
    )


def challenge_moderation_queue(*, user: User) -> QuerySet[ChallengeEntry]:
    queryset = ChallengeEntry.objects.filter(status=ChallengeStatus.PENDING).select_related(
        "dynasty", "region"
    )
    regions = moderated_regions(user)
    if regions is not None:
        queryset = queryset.filter(region__in=regions)
    return queryset.order_by("created_at", "id")


def challenge_entries_of(*, user: User) -> QuerySet[ChallengeEntry]:
    return (
        ChallengeEntry.objects.filter(author=user).select_related("dynasty", "region").order_by("-created_at")
    )


# --- Exhibitions ----------------------------------------------------------------------------------
def exhibition_list() -> QuerySet[PhotoExhibition]:
    return PhotoExhibition.objects.select_related("region").order_by("-starts_on")


# --- Staff work in the navigation -----------------------------------------------------------------
def dynasty_work_items(user: User) -> list[WorkItem]:
    """The moderation queues of the regions this user moderates, with the number waiting."""
    if not user.has_perm("dynasties.moderate_dynasty"):
        return []
    if not (can_moderate_region(user, None) or user.coordinator_region_id):
        return []
    return [
        WorkItem(
            key="dynasties.moderation",
            label=_("Dynasties to review"),
            url=reverse("dynasties:moderation"),
            count=dynasty_moderation_queue(user=user).count(),
            order=10,
        ),
        WorkItem(
            key="dynasties.challenge",
            label=_("Challenge posts to review"),
            url=reverse("dynasties:challenge_moderation"),
            count=challenge_moderation_queue(user=user).count(),
            order=11,
        ),
    ]


# --- The coordinators' daily digest ---------------------------------------------------------------
def _start_of_day(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def dynasty_digest_since(*, coordinator: User, now: datetime.datetime) -> datetime.datetime:
    """Where the coordinator's next digest starts: after the last one, or a day back for the first."""
    digest = getattr(coordinator, "dynasty_digest", None)
    if digest is not None and digest.covered_until is not None:
        return digest.covered_until
    return now - FIRST_DIGEST_LOOKBACK


def dynasty_submitted_between(
    *, region_id: int, since: datetime.datetime, until: datetime.datetime
) -> QuerySet[Dynasty]:
    """Dynasties of a region submitted in (since, until] and still waiting for review."""
    return Dynasty.objects.filter(
        status=DynastyStatus.SUBMITTED, region_id=region_id, submitted_at__gt=since, submitted_at__lte=until
    ).order_by("submitted_at", "id")


def coordinator_digest_recipients(*, now: datetime.datetime) -> QuerySet[User]:
    """Regional coordinators to e-mail a digest today: active, with an e-mail, not yet sent one today,
    and with dynasties of their region submitted since their last digest. One query."""
    since = Coalesce(F("dynasty_digest__covered_until"), Value(now - FIRST_DIGEST_LOOKBACK))
    submitted = Dynasty.objects.filter(
        status=DynastyStatus.SUBMITTED,
        region_id=OuterRef("coordinator_region_id"),
        submitted_at__gt=OuterRef("since"),
        submitted_at__lte=now,
    )
    return (
        User.objects.filter(
            is_active=True, groups__name=Role.REGIONAL_COORDINATOR, coordinator_region__isnull=False
        )
        .exclude(email="")
        .exclude(dynasty_digest__sent_at__gte=_start_of_day(now))
        .annotate(since=since)
        .filter(Exists(submitted))
        .order_by("pk")
    )


# --- Aggregations for the indicators -------------------------------------------------------------
# One pair per measure (BRIEF.md): <measure>_aggregate is one SQL query grouped by region and period
# (Asia/Almaty), <measure>_rows the rows it counted. The indicators app composes them; this section
# never imports it.
BROADCAST_MEDIA = (MediaKind.TV, MediaKind.RADIO, MediaKind.PODCAST)
PUBLICATION_MEDIA = (MediaKind.VIDEO, MediaKind.ARTICLE)


def dynasties_published_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Dynasties published in the period (by published_at), by the dynasty's region."""
    return aggregate_by_period(
        dynasty_published(),
        date_field="published_at",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def dynasties_published_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Dynasty]:
    queryset = filter_period(dynasty_published(), "published_at", date_from, date_to)
    return in_region(queryset, "region_id", region_id).select_related("region").order_by("published_at", "id")


def _submitted() -> QuerySet[Dynasty]:
    # Every story that reached the coordinators, whatever became of it since (published, returned).
    return Dynasty.objects.filter(submitted_at__isnull=False)


def dynasties_submitted_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Dynasties submitted for review in the period (by the last submission), by region."""
    return aggregate_by_period(
        _submitted(),
        date_field="submitted_at",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def dynasties_submitted_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Dynasty]:
    queryset = filter_period(_submitted(), "submitted_at", date_from, date_to)
    return in_region(queryset, "region_id", region_id).select_related("region").order_by("submitted_at", "id")


def _published_members() -> QuerySet[Member]:
    return Member.objects.filter(dynasty__status=DynastyStatus.PUBLISHED)


def dynasty_members_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Members of the dynasties published in the period, by the dynasty's region."""
    return aggregate_by_period(
        _published_members(),
        date_field="dynasty__published_at",
        region_field="dynasty__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def dynasty_members_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Member]:
    queryset = filter_period(_published_members(), "dynasty__published_at", date_from, date_to)
    return (
        in_region(queryset, "dynasty__region_id", region_id)
        .select_related("dynasty__region")
        .order_by("dynasty__published_at", "dynasty_id", "generation", "id")
    )


def _approved_entries() -> QuerySet[ChallengeEntry]:
    return ChallengeEntry.objects.filter(status=ChallengeStatus.APPROVED)


def challenge_entries_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Approved challenge posts, by the day they were sent and the region that reviewed them."""
    return aggregate_by_period(
        _approved_entries(),
        date_field="created_at",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def challenge_entries_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[ChallengeEntry]:
    queryset = filter_period(_approved_entries(), "created_at", date_from, date_to)
    return in_region(queryset, "region_id", region_id).select_related("region").order_by("created_at", "id")


def _published_media(kinds: tuple[str, ...] | None = None) -> QuerySet[MediaEpisode]:
    queryset = MediaEpisode.objects.filter(dynasty__status=DynastyStatus.PUBLISHED)
    return queryset if kinds is None else queryset.filter(kind__in=kinds)


def _media_aggregate(kinds, *, date_from, date_to, period, by_region) -> list[dict]:
    # Episodes without a date cannot be placed in a period and are left out.
    return aggregate_by_period(
        _published_media(kinds),
        date_field="date",
        region_field="dynasty__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def _media_rows(kinds, *, date_from, date_to, region_id) -> QuerySet[MediaEpisode]:
    queryset = filter_period(_published_media(kinds), "date", date_from, date_to)
    return (
        in_region(queryset, "dynasty__region_id", region_id)
        .select_related("dynasty__region")
        .order_by("date", "id")
    )


def dynasty_media_episodes_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Media episodes (every kind) about published dynasties, by date and the dynasty's region."""
    return _media_aggregate(None, date_from=date_from, date_to=date_to, period=period, by_region=by_region)


def dynasty_media_episodes_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[MediaEpisode]:
    return _media_rows(None, date_from=date_from, date_to=date_to, region_id=region_id)


def dynasty_media_broadcasts_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """TV and radio programmes and podcast episodes about published dynasties."""
    return _media_aggregate(
        BROADCAST_MEDIA, date_from=date_from, date_to=date_to, period=period, by_region=by_region
    )


def dynasty_media_broadcasts_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[MediaEpisode]:
    return _media_rows(BROADCAST_MEDIA, date_from=date_from, date_to=date_to, region_id=region_id)


def dynasty_media_publications_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Articles and videos about published dynasties."""
    return _media_aggregate(
        PUBLICATION_MEDIA, date_from=date_from, date_to=date_to, period=period, by_region=by_region
    )


def dynasty_media_publications_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[MediaEpisode]:
    return _media_rows(PUBLICATION_MEDIA, date_from=date_from, date_to=date_to, region_id=region_id)


def dynasty_exhibitions_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Photo exhibitions about labour dynasties, by opening day and region."""
    return aggregate_by_period(
        PhotoExhibition.objects.all(),
        date_field="starts_on",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def dynasty_exhibitions_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[PhotoExhibition]:
    queryset = filter_period(PhotoExhibition.objects.all(), "starts_on", date_from, date_to)
    return in_region(queryset, "region_id", region_id).select_related("region").order_by("starts_on", "id")


def dynasty_media_kind_counts(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> dict[str, int]:
    """{media kind: episodes} of published dynasties in [date_from, date_to), in one grouped query."""
    queryset = in_region(
        filter_period(_published_media(), "date", date_from, date_to), "dynasty__region_id", region_id
    )
    return dict(queryset.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))


def dynasty_media_with_url_exists(url: str) -> bool:
    """Whether a dynasty's media episode already has this link (outreach is not entered twice)."""
    return bool(url) and MediaEpisode.objects.filter(url=url).exists()


def dynasty_exhibition_exists(*, dynasty_id: int, day: datetime.date | None) -> bool:
    """Whether an exhibition showing this dynasty opens that day (counted here, not entered as outreach)."""
    return day is not None and PhotoExhibition.objects.filter(dynasties=dynasty_id, starts_on=day).exists()
