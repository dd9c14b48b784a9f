"""Writes of the dynasties section: drafting by citizens, moderation by region, the challenge wall."""

import datetime
import uuid
from datetime import timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enbek.enums import Role
from enbek.idempotency import already_done, mark_done
from enbek.images import process_image_upload
from enbek.models import Organization, Profession, Region, Sphere, User
from enbek.pagecache import pagecache_invalidate_on_commit
from enbek.queueing import enqueue
from enbek.richtext import render_markdown
from enbek.text import transliterate
from enbek.transliteration import latin_variants

from .enums import PLATFORM_HOSTS, ChallengeStatus, DynastyStatus, Platform
from .models import ChallengeEntry, Dynasty, Member, Photo
from .selectors import can_moderate_region, figures_subqueries

#: The cached public pages showing published dynasties (enbek.pagecache): home, list, detail, API.
PAGE_GROUP = "dynasties"

EDITABLE_FIELDS = ("family_name_kk", "family_name_ru", "sphere", "region", "organization", "founded_year")


# Paths of dynasties/urls.py that sit beside <slug>/: a family whose name slugifies to one of them
# would have an unreachable page.
RESERVED_SLUGS = frozenset({"new", "mine", "exhibitions", "challenge", "moderation"})


def _unique_slug(base: str) -> str:
    base = slugify(transliterate(base))[:200] or "dynasty"
    if base in RESERVED_SLUGS:
        base = f"{base}-dynasty"
    slug = base
    while Dynasty.objects.filter(slug=slug).exists():
        slug = f"{base}-{uuid.uuid4().hex[:6]}"
    return slug


def _require_owner_editable(dynasty: Dynasty, user: User) -> None:
    if dynasty.submitted_by_id != user.pk:
        raise PermissionDenied(_("You can only change your own dynasty."))
    if not dynasty.is_editable:
        raise ValidationError(
            _("This dynasty has been submitted and can no longer be changed."), code="locked"
        )


# --- Derived figures and search -------------------------------------------------------------------
def dynasty_refresh_figures(*, dynasty_ids: list[int] | None = None) -> int:
    """Store members count, generations and combined years computed in SQL from the members.

    One UPDATE with correlated subqueries; dynasty_ids=None refreshes every dynasty (the yearly
    task, since a member still at work gains a year of service every January). Returns rows changed.
    """
    queryset = Dynasty.objects.all() if dynasty_ids is None else Dynasty.objects.filter(pk__in=dynasty_ids)
    changed = queryset.update(**figures_subqueries())
    if dynasty_ids is None:  # the yearly refresh changes the years shown on every public page
        pagecache_invalidate_on_commit(PAGE_GROUP)
    return changed


def search_text_for(*, family_names: list[str], member_names: list[str], stories: list[str]) -> str:
    """The lower-cased text a dynasty is found by: names and stories as written, then the names in
    each common Latin spelling («Өтепов» → «otepov»), so that a name typed in Latin finds it too."""
    latin = latin_variants(" ".join([*family_names, *member_names]))
    return " ".join(part for part in [*family_names, *member_names, *stories, *latin] if part).lower()


def dynasty_refresh_search(*, dynasty: Dynasty) -> None:
    """Rebuild the stored search text (both languages, member names) and, on PostgreSQL, its tsvector."""
    member_names = list(dynasty.members.order_by("generation", "id").values_list("full_name", flat=True))
    text = search_text_for(
        family_names=[dynasty.family_name_kk or "", dynasty.family_name_ru or ""],
        member_names=member_names,
        stories=[dynasty.story_kk or "", dynasty.story_ru or ""],
    )
    Dynasty.objects.filter(pk=dynasty.pk).update(search_text=text)
    dynasty.search_text = text
    if settings.IS_POSTGRES:
        Dynasty.objects.filter(pk=dynasty.pk).update(search_vector=search_vector_expression())


def search_vector_expression():
    """Both configurations: 'simple' keeps Kazakh words whole, 'russian' adds Russian stemming."""
    return SearchVector("search_text", config="simple") + SearchVector("search_text", config="russian")


def dynasty_refresh_search_vectors() -> int:
    """Recompute every tsvector from the stored search text (after a bulk load); PostgreSQL only."""
    if not settings.IS_POSTGRES:
        return 0
    return Dynasty.objects.update(search_vector=search_vector_expression())


def _after_members_change(dynasty: Dynasty) -> None:
    dynasty_refresh_figures(dynasty_ids=[dynasty.pk])
    dynasty_refresh_search(dynasty=dynasty)
    dynasty.refresh_from_db(fields=["members_count", "generations", "total_years"])


# --- Drafting by a citizen ------------------------------------------------------------------------
# A draft this recent, identical and still empty is the same family sent twice, not a new one.
RESUBMIT_WINDOW = timedelta(minutes=30)


def _same_draft(*, submitted_by: User, creation_token: uuid.UUID | None, fields: dict) -> Dynasty | None:
    """The draft this step-1 form already created: by its one-time token, else (a page reloaded
    without its token) a still empty draft of the same family created in the last half hour."""
    drafts = Dynasty.objects.select_for_update(of=("self",)).filter(submitted_by=submitted_by)
    if creation_token is not None:
        found = drafts.filter(creation_token=creation_token).first()
        if found is not None:
            return found
    same = Q()
    for name, value in {**fields, "story_kk": "", "story_ru": ""}.items():
        # Empty texts are stored as "" or NULL (translated fields are nullable).
        same &= (Q(**{name: value}) | Q(**{f"{name}__isnull": True})) if value == "" else Q(**{name: value})
    return (
        drafts.filter(same, status=DynastyStatus.DRAFT, members_count=0, photos__isnull=True)
        .filter(created_at__gte=timezone.now() - RESUBMIT_WINDOW)
        .order_by("-created_at", "-id")
        .first()
    )


@transaction.atomic
def dynasty_create(
    *,
    submitted_by: User,
    family_name_kk: str,
    family_name_ru: str = "",
    sphere: Sphere,
    region: Region,
    organization: Organization | None = None,
    founded_year: int | None = None,
    creation_token: uuid.UUID | None = None,
) -> Dynasty:
    """Start a draft dynasty owned by the citizen who writes it; nobody else sees it until published.

    Idempotent for one form: sent again (Back then Save, a double click, a retried request) with the
    same creation_token, or identical while the draft is still empty, it returns the draft already
    created, updated with what was sent, instead of a second identical draft. The unique constraint
    on (submitted_by, creation_token) settles two requests that arrive at once.
    """
    fields = {
        "family_name_kk": family_name_kk.strip(),
        "family_name_ru": family_name_ru.strip(),
        "sphere": sphere,
        "region": region,
        "organization": organization,
        "founded_year": founded_year,
    }
    existing = _same_draft(submitted_by=submitted_by, creation_token=creation_token, fields=fields)
    if existing is not None:
        return _resubmitted(existing, submitted_by, fields)
    dynasty = Dynasty(
        **fields,
        submitted_by=submitted_by,
        status=DynastyStatus.DRAFT,
        slug=_unique_slug(family_name_kk or family_name_ru),
        creation_token=creation_token,
    )
    dynasty.full_clean(exclude=["slug", "creation_token"])
    try:
        with transaction.atomic():
            dynasty.save()
    except IntegrityError:
        # The same form, sent twice at once: the other request created the draft and committed.
        existing = _same_draft(submitted_by=submitted_by, creation_token=creation_token, fields=fields)
        if existing is None or creation_token is None:
            raise
        return _resubmitted(existing, submitted_by, fields)
    dynasty_refresh_search(dynasty=dynasty)
    return dynasty


def _resubmitted(dynasty: Dynasty, user: User, fields: dict) -> Dynasty:
    if not dynasty.is_editable:
        return dynasty  # submitted meanwhile: the editor shows it locked
    return dynasty_update(dynasty=dynasty, user=user, **fields)


@transaction.atomic
def dynasty_update(*, dynasty: Dynasty, user: User, **fields) -> Dynasty:
    """Change the family step of the owner's draft (or returned) dynasty."""
    dynasty = Dynasty.objects.select_for_update().get(pk=dynasty.pk)
    _require_owner_editable(dynasty, user)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(dynasty, name, value.strip() if isinstance(value, str) else value)
    dynasty.full_clean()
    dynasty.save()
    dynasty_refresh_search(dynasty=dynasty)
    return dynasty


def dynasty_render_story(*, dynasty: Dynasty) -> list[str]:
    """Render both stories' Markdown into the stored, sanitised story_html_kk/ru (not saved here).

    Called by every write of a story (the editor, the admin, the demo data): rendering happens once,
    when the story changes, so that no page or API answer ever runs the renderer. Returns the names
    of the fields it set, for save(update_fields=…).
    """
    dynasty.story_html_kk = str(render_markdown(dynasty.story_kk or ""))
    dynasty.story_html_ru = str(render_markdown(dynasty.story_ru or ""))
    return ["story_html_kk", "story_html_ru"]


@transaction.atomic
def dynasty_set_story(*, dynasty: Dynasty, user: User, story_kk: str, story_ru: str) -> Dynasty:
    """Save the story in both languages as Markdown, and its sanitised HTML rendered once, now."""
    dynasty = Dynasty.objects.select_for_update().get(pk=dynasty.pk)
    _require_owner_editable(dynasty, user)
    dynasty.story_kk = story_kk.strip()
    dynasty.story_ru = story_ru.strip()
    story_fields = {"story_kk", "story_ru"}
    dynasty.full_clean(
        exclude=[f.name for f in Dynasty._meta.fields if f.name not in story_fields], validate_unique=False
    )
    rendered = dynasty_render_story(dynasty=dynasty)
    dynasty.save(update_fields=["story_kk", "story_ru", *rendered, "updated_at"])
    dynasty_refresh_search(dynasty=dynasty)
    return dynasty


def _validate_member(member: Member) -> None:
    # Checked before full_clean so the error sits next to the field that is wrong; the database
    # constraints (Member.Meta) stay as the last guard for anything that skips this service.
    if member.start_year and member.end_year and member.end_year < member.start_year:
        raise ValidationError({"end_year": _("The year work finished cannot be before the year it started.")})
    if member.birth_year and member.death_year and member.death_year < member.birth_year:
        raise ValidationError({"death_year": _("The year of death cannot be before the year of birth.")})
    member.full_clean(exclude=["dynasty", "photo"])
    if member.parent_id is not None:
        parent = member.parent
        if parent.dynasty_id != member.dynasty_id:
            raise ValidationError({"parent": _("The parent must be a member of the same dynasty.")})
        if parent.generation >= member.generation:
            raise ValidationError({"parent": _("The parent must belong to an earlier generation.")})
    if member.birth_year and member.start_year and member.start_year < member.birth_year + 10:
        raise ValidationError({"start_year": _("Work cannot start before the age of ten.")})
    this_year = timezone.localdate().year
    for name in ("birth_year", "start_year", "end_year", "death_year"):
        value = getattr(member, name)
        if value and value > this_year:
            raise ValidationError({name: _("The year cannot be in the future.")})


@transaction.atomic
def member_save(
    *,
    dynasty: Dynasty,
    user: User,
    member: Member | None = None,
    full_name: str,
    generation: int,
    parent: Member | None = None,
    birth_year: int | None = None,
    death_year: int | None = None,
    profession_kk: str = "",
    profession_ru: str = "",
    profession_ref: Profession | None = None,
    organization_name: str = "",
    start_year: int | None = None,
    end_year: int | None = None,
    awards_kk: str = "",
    awards_ru: str = "",
    position: int = 0,
) -> Member:
    """Add a member to the owner's draft, or change one; the dynasty's figures are recomputed in SQL.

    profession_ref is the classifier's profession (optional, beside the free-text title); a retired
    one is refused unless the member already had it.
    """
    dynasty = Dynasty.objects.select_for_update().get(pk=dynasty.pk)
    _require_owner_editable(dynasty, user)
    if member is None:
        member = Member(dynasty=dynasty)
    elif member.dynasty_id != dynasty.pk:
        raise PermissionDenied(_("You can only change your own dynasty."))
    member.full_name = full_name.strip()
    member.generation = generation
    member.parent = parent
    member.birth_year = birth_year
    member.death_year = death_year
    member.profession_kk = profession_kk.strip()
    member.profession_ru = profession_ru.strip()
    if (
        profession_ref is not None
        and not profession_ref.is_active
        and profession_ref.pk != member.profession_ref_id
    ):
        raise ValidationError(
            {"profession_ref": _("This profession is no longer in the classifier: choose another one.")}
        )
    member.profession_ref = profession_ref
    member.organization_name = organization_name.strip()
    member.start_year = start_year
    member.end_year = end_year
    member.awards_kk = awards_kk.strip()
    member.awards_ru = awards_ru.strip()
    member.position = position
    _validate_member(member)
    member.save()
    _after_members_change(dynasty)
    return member


@transaction.atomic
def member_delete(*, member: Member, user: User) -> None:
    dynasty = Dynasty.objects.select_for_update().get(pk=member.dynasty_id)
    _require_owner_editable(dynasty, user)
    member.delete()
    _after_members_change(dynasty)


@transaction.atomic
def photo_add(
    *,
    dynasty: Dynasty,
    user: User,
    upload,
    caption_kk: str = "",
    caption_ru: str = "",
    make_cover: bool = False,
) -> Photo:
    """Re-encode an uploaded photo (EXIF and GPS dropped, random name) and attach it to the draft.

    The first photo becomes the cover unless another is chosen.
    """
    dynasty = Dynasty.objects.select_for_update().get(pk=dynasty.pk)
    _require_owner_editable(dynasty, user)
    limit = settings.DYNASTY_MAX_PHOTOS
    if dynasty.photos.count() >= limit:
        raise ValidationError(
            {
                "image": ngettext(
                    "A dynasty can have at most %(limit)d photo: delete one to add another.",
                    "A dynasty can have at most %(limit)d photos: delete one to add another.",
                    limit,
                )
                % {"limit": limit}
            },
            code="too_many_photos",
        )
    processed = process_image_upload(upload)
    photo = Photo(
        dynasty=dynasty,
        caption_kk=caption_kk.strip(),
        caption_ru=caption_ru.strip(),
        uploaded_by=user,
        position=dynasty.photos.count(),
    )
    photo.image.save(processed.display.name, processed.display, save=False)
    photo.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    photo.save()
    if make_cover or dynasty.cover_id is None:
        Dynasty.objects.filter(pk=dynasty.pk).update(cover=photo)
    return photo


@transaction.atomic
def photo_delete(*, photo: Photo, user: User) -> None:
    dynasty = Dynasty.objects.select_for_update().get(pk=photo.dynasty_id)
    _require_owner_editable(dynasty, user)
    files = [photo.image.name, photo.thumbnail.name]
    storage = photo.image.storage
    was_cover = dynasty.cover_id == photo.pk
    photo.delete()
    if was_cover:
        Dynasty.objects.filter(pk=dynasty.pk).update(cover=dynasty.photos.order_by("position", "id").first())
    transaction.on_commit(lambda: [storage.delete(name) for name in files if name])


@transaction.atomic
def photo_set_cover(*, photo: Photo, user: User) -> None:
    dynasty = Dynasty.objects.select_for_update().get(pk=photo.dynasty_id)
    _require_owner_editable(dynasty, user)
    Dynasty.objects.filter(pk=dynasty.pk).update(cover=photo)


@transaction.atomic
def dynasty_submit(*, dynasty: Dynasty, user: User) -> Dynasty:
    """Send the owner's draft to the region's coordinator; it must show at least two generations."""
    dynasty = Dynasty.objects.select_for_update().get(pk=dynasty.pk)
    _require_owner_editable(dynasty, user)
    dynasty_refresh_figures(dynasty_ids=[dynasty.pk])
    dynasty.refresh_from_db(fields=["generations", "members_count", "total_years"])
    errors = []
    if dynasty.generations < 2:
        errors.append(_("A labour dynasty needs members of at least two generations."))
    if not (dynasty.story_kk or dynasty.story_ru):
        errors.append(_("Tell the family's story in at least one language."))
    if errors:
        raise ValidationError(errors, code="incomplete")
    dynasty.status = DynastyStatus.SUBMITTED
    dynasty.submitted_at = timezone.now()
    dynasty.return_reason = ""
    dynasty.save(update_fields=["status", "submitted_at", "return_reason", "updated_at"])
    return dynasty


# --- Moderation ------------------------------------------------------------------------------------
def _moderate(dynasty: Dynasty, moderator: User) -> Dynasty:
    locked = Dynasty.objects.select_for_update().get(pk=dynasty.pk)
    if not can_moderate_region(moderator, locked.region_id):
        raise PermissionDenied(_("You do not moderate this region."))
    if locked.status != DynastyStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted dynasty can be reviewed."), code="not_submitted")
    return locked


def _notify_decision(dynasty: Dynasty) -> None:
    from .tasks import notify_moderation_decision

    # Queued once the decision is committed, and robust: a mail failure is logged, never turned into
    # an error page for a decision that is already complete. A decision e-mail is short and must not
    # be lost: with the broker down it is sent from here.
    transaction.on_commit(
        lambda: enqueue(notify_moderation_decision, dynasty.pk, dynasty.status, inline=True), robust=True
    )


@transaction.atomic
def dynasty_publish(*, dynasty: Dynasty, moderator: User) -> Dynasty:
    """Publish a submitted dynasty of the moderator's region and e-mail the submitter."""
    dynasty = _moderate(dynasty, moderator)
    dynasty.status = DynastyStatus.PUBLISHED
    dynasty.published_at = timezone.now()
    dynasty.reviewed_by = moderator
    dynasty.return_reason = ""
    dynasty.save(update_fields=["status", "published_at", "reviewed_by", "return_reason", "updated_at"])
    dynasty_refresh_figures(dynasty_ids=[dynasty.pk])
    _notify_decision(dynasty)
    # The lists, the home page's figures and the API show it on the next request.
    pagecache_invalidate_on_commit(PAGE_GROUP)
    return dynasty


@transaction.atomic
def dynasty_return(*, dynasty: Dynasty, moderator: User, reason: str) -> Dynasty:
    """Give a submitted dynasty back to its author with the reason; they can edit and resubmit."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the family should change.")})
    dynasty = _moderate(dynasty, moderator)
    dynasty.status = DynastyStatus.RETURNED
    dynasty.return_reason = reason
    dynasty.reviewed_by = moderator
    dynasty.save(update_fields=["status", "return_reason", "reviewed_by", "updated_at"])
    _notify_decision(dynasty)
    return dynasty


def dynasty_send_decision_email(*, dynasty_id: int, status: str) -> bool:
    """E-mail the submitter the moderator's decision in their own language; False when nothing to send.

    Sends only while the dynasty is still in that status, and once per decision: a task delivered
    again (its worker killed, a duplicate message) finds the decision's idempotency key and sends
    nothing. The key names the moment decided on (published_at, or the submission that was returned).
    """
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    dynasty = Dynasty.objects.select_related("submitted_by").filter(pk=dynasty_id, status=status).first()
    if dynasty is None or dynasty.submitted_by is None or not dynasty.submitted_by.email:
        return False
    decided = dynasty.published_at if status == DynastyStatus.PUBLISHED else dynasty.submitted_at
    key = f"dynasties.decision:{dynasty.pk}:{status}:{decided.isoformat() if decided else ''}"
    if already_done(key):
        return False
    user = dynasty.submitted_by
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {"dynasty": dynasty, "user": user, "site_url": settings.SITE_URL}
        # One clean line whatever the family name holds (a header with a newline cannot be sent).
        subject = " ".join(render_to_string("dynasties/email/decision_subject.txt", context).split())
        body = render_to_string("dynasties/email/decision_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    mark_done(key)
    return True


# --- The coordinators' daily digest ----------------------------------------------------------------
@transaction.atomic
def coordinator_digest_send(*, coordinator_id: int, now: datetime.datetime | None = None) -> int:
    """E-mail a regional coordinator, in their language, the dynasties of their region submitted since
    their last digest; answer how many were listed (0: nothing was sent).

    At most one digest a day per coordinator, and none when nothing new arrived: the coordinator's
    CoordinatorDigest row is locked while deciding and sending, and records the moment covered, so a
    retry, a second beat or two workers at once send nothing more. The letter is sent before the row
    is saved: if sending fails the transaction rolls back and a retry sends it.
    """
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from .models import CoordinatorDigest
    from .selectors import dynasty_digest_since, dynasty_moderation_queue, dynasty_submitted_between

    now = now or timezone.now()
    coordinator = (
        User.objects.select_related("coordinator_region")
        .filter(pk=coordinator_id, is_active=True, groups__name=Role.REGIONAL_COORDINATOR)
        .exclude(email="")
        .first()
    )
    if coordinator is None or coordinator.coordinator_region is None:
        return 0
    CoordinatorDigest.objects.get_or_create(coordinator=coordinator)
    digest = CoordinatorDigest.objects.select_for_update().get(coordinator=coordinator)
    coordinator.dynasty_digest = digest
    if digest.sent_at is not None and timezone.localdate(digest.sent_at) == timezone.localdate(now):
        return 0
    since = dynasty_digest_since(coordinator=coordinator, now=now)
    region = coordinator.coordinator_region
    with translation.override(coordinator.preferred_language or settings.LANGUAGE_CODE):
        new = list(dynasty_submitted_between(region_id=region.pk, since=since, until=now))
        if not new:
            return 0
        context = {
            "coordinator": coordinator,
            "region": region.name,
            "dynasties": [
                {
                    "name": dynasty.family_name,
                    "submitted_at": dynasty.submitted_at,
                    "url": settings.SITE_URL + reverse("dynasties:moderation_detail", args=[dynasty.pk]),
                }
                for dynasty in new
            ],
            "count": len(new),
            "waiting": dynasty_moderation_queue(user=coordinator).count(),
            "queue_url": settings.SITE_URL + reverse("dynasties:moderation"),
            "profile_url": settings.SITE_URL + reverse("accounts:profile"),
        }
        subject = " ".join(render_to_string("dynasties/email/digest_subject.txt", context).split())
        body = render_to_string("dynasties/email/digest_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [coordinator.email])
    digest.sent_at = now
    digest.covered_until = now
    digest.save(update_fields=["sent_at", "covered_until"])
    return len(new)


# --- Challenge ------------------------------------------------------------------------------------
def platform_for_url(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    for known, platform in PLATFORM_HOSTS.items():
        if host == known or host.endswith("." + known):
            return platform
    return Platform.OTHER


@transaction.atomic
def challenge_entry_create(
    *, author: User, post_url: str, author_name: str = "", dynasty: Dynasty | None = None, comment: str = ""
) -> ChallengeEntry:
    """Submit a post to the challenge wall; the coordinator of its region reviews it first."""
    post_url = post_url.strip()
    if dynasty is not None and dynasty.status != DynastyStatus.PUBLISHED:
        raise ValidationError({"dynasty": _("Choose a published dynasty.")})
    region = dynasty.region if dynasty is not None else author.region
    if region is None:
        raise ValidationError({"dynasty": _("Choose a dynasty or set your region in your profile first.")})
    if ChallengeEntry.objects.filter(post_url=post_url).exists():
        raise ValidationError({"post_url": _("This post has already been submitted.")})
    entry = ChallengeEntry(
        author=author,
        author_name=(author_name or str(author)).strip(),
        post_url=post_url,
        platform=platform_for_url(post_url),
        hashtag=settings.ENBEK_CHALLENGE_HASHTAG,
        dynasty=dynasty,
        region=region,
        comment=comment.strip(),
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def challenge_entry_review(*, entry: ChallengeEntry, moderator: User, approve: bool) -> ChallengeEntry:
    """Approve (show on the wall) or reject a pending post of the moderator's region."""
    entry = ChallengeEntry.objects.select_for_update().get(pk=entry.pk)
    if not can_moderate_region(moderator, entry.region_id):
        raise PermissionDenied(_("You do not moderate this region."))
    if entry.status != ChallengeStatus.PENDING:
        raise ValidationError(_("This post has already been reviewed."), code="reviewed")
    entry.status = ChallengeStatus.APPROVED if approve else ChallengeStatus.REJECTED
    entry.reviewed_by = moderator
    entry.reviewed_at = timezone.now()
    entry.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    if approve:  # an approved post shows on its dynasty's page
        pagecache_invalidate_on_commit(PAGE_GROUP)
    return entry
