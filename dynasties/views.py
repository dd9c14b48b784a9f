"""Pages of the labour dynasties section.

Views stay thin: forms validate what was typed, services write (and say no with ValidationError or
PermissionDenied), selectors read with a fixed number of queries. Everything works without JavaScript.
"""

import uuid
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enbek.pagecache import cache_public_page, cached_count, cached_value, lazy

from . import services
from .forms import (
    ChallengeEntryForm,
    ChallengeReviewForm,
    DynastyFilterForm,
    FamilyForm,
    MemberForm,
    NewFamilyForm,
    PhotoForm,
    ReturnForm,
    StoryForm,
    apply_service_errors,
    is_locked_error,
)
from .models import ChallengeEntry, Dynasty, Member
from .selectors import (
    challenge_entries_of,
    challenge_moderation_queue,
    challenge_wall,
    dynasty_for_moderation,
    dynasty_moderation_queue,
    dynasty_owned,
    dynasty_owned_list,
    dynasty_public_detail,
    dynasty_public_head,
    dynasty_public_list,
    dynasty_published,
    dynasty_tree,
    exhibition_list,
    moderated_regions,
)
from .services import PAGE_GROUP

LIST_PAGE_SIZE = 12
WALL_PAGE_SIZE = 24
QUEUE_PAGE_SIZE = 24
EXHIBITIONS_PAGE_SIZE = 12

# The steps of the guided submission, in order: (key, label, url name).
STEPS = [
    ("family", gettext_lazy("Family"), "dynasties:edit_family"),
    ("members", gettext_lazy("Members"), "dynasties:edit_members"),
    ("story", gettext_lazy("Story"), "dynasties:edit_story"),
    ("photos", gettext_lazy("Photos"), "dynasties:edit_photos"),
    ("review", gettext_lazy("Review and submit"), "dynasties:edit_review"),
]
FAMILY_ALIASES = {"family_name": "family_name_kk"}


def _page(request, queryset, per_page: int, *, count_group: str = "", count_key: str = ""):
    paginator = Paginator(queryset, per_page)
    if count_group:
        # The COUNT(*) behind the page links, once per filter and change instead of once per request;
        # keyed by the filters when the view gives them (cheaper than compiling the SQL for the key).
        if count_key:
            paginator.count = cached_value(count_group, f"count:{count_key}", queryset.count)
        else:
            paginator.count = cached_count(queryset, count_group)
    return paginator.get_page(request.GET.get("page"))


def _attach_parents(members: list[Member]) -> list[Member]:
    """Point each member's parent at the already loaded instance: names without a query per member."""
    by_id = {member.pk: member for member in members}
    for member in members:
        if member.parent_id in by_id:
            Member.parent.field.set_cached_value(member, by_id[member.parent_id])
    return members


def _story_language(dynasty: Dynasty) -> str:
    """The language the shown story is written in (the other one when this one is still empty)."""
    language = (get_language() or "kk")[:2]
    if getattr(dynasty, f"story_{language}", ""):
        return language
    return "ru" if language == "kk" else "kk"


def _dynasty_context(dynasty: Dynasty) -> dict:
    """What the detail page and the moderator's preview show of a dynasty loaded by the detail queryset."""
    members = _attach_parents(list(dynasty.members.all()))
    return {
        "dynasty": dynasty,
        "members": members,
        "tree": dynasty_tree(dynasty),
        "photos": list(dynasty.photos.all()),
        "media": list(dynasty.media.all()),
        "challenge_entries": dynasty.approved_challenge_entries,
        "exhibitions": list(dynasty.exhibitions.all()),
        "story_language": _story_language(dynasty),
    }


def _share_links(url: str, title: str) -> list[dict]:
    return [
        {"network": "WhatsApp", "url": "https://wa.me/?text=" + quote(f"{title} {url}", safe="")},
        {"network": "Telegram", "url": "https://t.me/share/url?" + urlencode({"url": url, "text": title})},
        {"network": "Facebook", "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})},
        {"network": "VK", "url": "https://vk.com/share.php?" + urlencode({"url": url, "title": title})},
    ]


# --- Public pages ----------------------------------------------------------------------------------
@require_GET
@cache_public_page(PAGE_GROUP, timeout=300)
def dynasty_list(request):
    form = DynastyFilterForm(request.GET or None)
    filters = form.filters()
    count_key = repr(sorted((name, value) for name, value in filters.items() if name != "ordering"))
    page = _page(
        request, dynasty_public_list(**filters), LIST_PAGE_SIZE, count_group=PAGE_GROUP, count_key=count_key
    )
    secondary = ("region", "sphere", "min_generations", "min_years", "sort")
    more_filters_open = any(request.GET.get(name) for name in secondary) or any(
        n in form.errors for n in secondary
    )
    return render(
        request,
        "dynasties/list.html",
        {"form": form, "page": page, "dynasties": page.object_list, "more_filters_open": more_filters_open},
    )


@require_GET
@cache_public_page(PAGE_GROUP, timeout=300)
def dynasty_detail(request, slug):
    try:
        dynasty = dynasty_public_head(slug=slug)
    except Dynasty.DoesNotExist:
        raise Http404 from None
    share_url = request.build_absolute_uri(dynasty.get_absolute_url())
    context = {
        "dynasty": dynasty,
        # Lazy: a signed-in visitor gets the family, tree, photos and media from the page's public
        # fragment, without the queries behind them.
        "page": lazy(lambda: _dynasty_context(dynasty_public_detail(slug=slug))),
        "share_url": share_url,
        "share_links": _share_links(share_url, dynasty.family_name),
    }
    return render(request, "dynasties/detail.html", context)


@require_GET
def exhibitions(request):
    shown = Prefetch(
        "dynasties",
        queryset=dynasty_published().order_by("family_name_kk", "id"),
        to_attr="published_dynasties",
    )
    page = _page(request, exhibition_list().prefetch_related(shown), EXHIBITIONS_PAGE_SIZE)
    return render(request, "dynasties/exhibitions.html", {"page": page, "exhibitions": page.object_list})


# --- The citizen's own dynasties -------------------------------------------------------------------
@login_required
@require_GET
def dynasty_mine(request):
    return render(
        request,
        "dynasties/mine.html",
        {
            "dynasties": dynasty_owned_list(user=request.user),
            "challenge_entries": challenge_entries_of(user=request.user),
        },
    )


def _owned_or_404(request, pk: int) -> Dynasty:
    try:
        return dynasty_owned(user=request.user, pk=pk)
    except Dynasty.DoesNotExist:
        raise Http404 from None


STEP_KEYS = [key for key, _label, _url in STEPS]
# The form whose data a click on another step saves first (the step buttons name it in form="…").
STEP_FORM_ID = "step-form"


def _step_state(key: str, dynasty: Dynasty | None) -> str:
    """What the draft really holds for this step: "done", "todo" or "optional" (photos)."""
    if dynasty is None:
        return "todo"
    done = {
        "family": True,
        "members": dynasty.generations >= 2,
        "story": bool(dynasty.story_kk or dynasty.story_ru),
        "photos": bool(dynasty.photos.all()),  # prefetched by dynasty_detail_queryset
        "review": not dynasty.is_editable,
    }[key]
    if done:
        return "done"
    return "optional" if key == "photos" else "todo"


def _steps(current: str, dynasty: Dynasty | None, *, saves: bool = False) -> list[dict]:
    """The step bar: each step's real state; with `saves`, moving to another step submits the form."""
    return [
        {
            "key": key,
            "number": number,
            "label": label,
            "url_name": url_name,
            "current": key == current,
            "state": _step_state(key, dynasty),
            "linked": dynasty is not None and key != current,
            "saves": saves,
        }
        for number, (key, label, url_name) in enumerate(STEPS, start=1)
    ]


def _render_step(
    request, template: str, dynasty: Dynasty | None, step: str, status: int = 200, *, saves=False, **context
):
    context.update(
        {
            "dynasty": dynasty,
            "steps": _steps(step, dynasty, saves=saves and dynasty is not None and dynasty.is_editable),
            "current_step": step,
            "step_form_id": STEP_FORM_ID,
        }
    )
    return render(request, template, context, status=status)


def _goto(request) -> str | None:
    """The step the person clicked in the step bar (or "Continue to…"), when the form was sent by it."""
    goto = request.POST.get("goto", "")
    return goto if goto in STEP_KEYS else None


def _nothing_typed(form) -> bool:
    """True when every field of the posted form is empty: moving on then saves nothing."""
    names = [form.add_prefix(name) for name in form.fields]
    typed = any(str(value).strip() for name in names for value in form.data.getlist(name))
    return not typed and not any(form.files.getlist(name) for name in names)


def _go_to_step(dynasty: Dynasty, step: str):
    return redirect(f"dynasties:edit_{step}", pk=dynasty.pk)


def _locked(request, dynasty: Dynasty, step: str):
    """A submitted or published dynasty cannot be changed: say so instead of showing the form."""
    status = 409 if request.method == "POST" else 200
    return _render_step(request, "dynasties/edit/locked.html", dynasty, step, status=status)


def _change_draft(
    request,
    dynasty: Dynasty,
    step: str,
    change,
    success: str,
    *,
    form=None,
    aliases=None,
    field=None,
    then=None,
):
    """Run one change of the owner's draft through its service, then go to the step `then` (or this one).

    A draft submitted meanwhile (in another tab) gives the locked page. Other refusals go on the form,
    next to the field they name (`field` for those that name none), and None is returned so that the
    view shows the form again with what was typed. Without a form a refusal is a bug: it propagates.
    """
    try:
        change()
    except ValidationError as error:
        if is_locked_error(error):
            return _locked(request, dynasty, step)
        if form is None:
            raise
        apply_service_errors(form, error, aliases, field=field)
        return None
    messages.success(request, success)
    return _go_to_step(dynasty, _goto(request) or then or step)


@login_required
@require_http_methods(["GET", "POST"])
def dynasty_new(request):
    form = NewFamilyForm(
        request.POST or None, initial={"region": request.user.region_id, "creation_token": uuid.uuid4()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            dynasty = services.dynasty_create(submitted_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error, FAMILY_ALIASES)
        else:
            messages.success(request, _("The draft has been saved. Now add the members of the family."))
            return redirect("dynasties:edit_members", pk=dynasty.pk)
    return _render_step(request, "dynasties/edit/family.html", None, "family", form=form)


@login_required
@require_http_methods(["GET", "POST"])
def edit_family(request, pk):
    dynasty = _owned_or_404(request, pk)
    if not dynasty.is_editable:
        return _locked(request, dynasty, "family")
    form = FamilyForm(request.POST or None, initial=FamilyForm.initial_for(dynasty))
    if request.method == "POST" and form.is_valid():
        response = _change_draft(
            request,
            dynasty,
            "family",
            lambda: services.dynasty_update(dynasty=dynasty, user=request.user, **form.cleaned_data),
            _("The family details have been saved."),
            form=form,
            aliases=FAMILY_ALIASES,
            then="members",
        )
        if response is not None:
            return response
    return _render_step(request, "dynasties/edit/family.html", dynasty, "family", form=form, saves=True)


def _member_or_404(dynasty: Dynasty, member_pk: int) -> Member:
    for member in dynasty.members.all():
        if member.pk == member_pk:
            return member
    raise Http404


def _save_member(request, dynasty: Dynasty, form: MemberForm, member: Member | None):
    """Save through the service; None on success, else the response to send."""
    position = member.position if member is not None else len(dynasty.members.all())
    success = _("%(name)s has been added.") if member is None else _("%(name)s has been saved.")
    return _change_draft(
        request,
        dynasty,
        "members",
        lambda: services.member_save(
            dynasty=dynasty, user=request.user, member=member, position=position, **form.member_data()
        ),
        success % {"name": form.cleaned_data["full_name"]},
        form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_members(request, pk):
    dynasty = _owned_or_404(request, pk)
    if not dynasty.is_editable:
        return _locked(request, dynasty, "members")
    form = MemberForm(request.POST or None, dynasty=dynasty)
    if request.method == "POST":
        goto = _goto(request)
        if goto and _nothing_typed(form):
            return _go_to_step(dynasty, goto)  # moving on with the "add a member" form left empty
        if form.is_valid():
            response = _save_member(request, dynasty, form, None)
            if response is not None:
                return response
    members = _attach_parents(list(dynasty.members.all()))
    return _render_step(
        request, "dynasties/edit/members.html", dynasty, "members", form=form, members=members, saves=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_member(request, pk, member_pk):
    dynasty = _owned_or_404(request, pk)
    member = _member_or_404(dynasty, member_pk)
    if not dynasty.is_editable:
        return _locked(request, dynasty, "members")
    form = MemberForm(
        request.POST or None, dynasty=dynasty, member=member, initial=MemberForm.initial_for(member)
    )
    if request.method == "POST" and form.is_valid():
        response = _save_member(request, dynasty, form, member)
        if response is not None:
            return response
    return _render_step(
        request, "dynasties/edit/member.html", dynasty, "members", form=form, member=member, saves=True
    )


@login_required
@require_POST
def delete_member(request, pk, member_pk):
    dynasty = _owned_or_404(request, pk)
    member = _member_or_404(dynasty, member_pk)
    return _change_draft(
        request,
        dynasty,
        "members",
        lambda: services.member_delete(member=member, user=request.user),
        _("%(name)s has been removed.") % {"name": member.full_name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_story(request, pk):
    dynasty = _owned_or_404(request, pk)
    if not dynasty.is_editable:
        return _locked(request, dynasty, "story")
    initial = {"story_kk": dynasty.story_kk, "story_ru": dynasty.story_ru}
    form = StoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = _change_draft(
            request,
            dynasty,
            "story",
            lambda: services.dynasty_set_story(dynasty=dynasty, user=request.user, **form.cleaned_data),
            _("The story has been saved."),
            form=form,
            then="photos",
        )
        if response is not None:
            return response
    return _render_step(request, "dynasties/edit/story.html", dynasty, "story", form=form, saves=True)


@login_required
@require_http_methods(["GET", "POST"])
def edit_photos(request, pk):
    dynasty = _owned_or_404(request, pk)
    if not dynasty.is_editable:
        return _locked(request, dynasty, "photos")
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and (goto := _goto(request)) and _nothing_typed(form):
        return _go_to_step(dynasty, goto)  # moving on without choosing a photo
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _change_draft(
            request,
            dynasty,
            "photos",
            lambda: services.photo_add(
                dynasty=dynasty,
                user=request.user,
                upload=data["image"],
                caption_kk=data["caption_kk"],
                caption_ru=data["caption_ru"],
                make_cover=data["make_cover"],
            ),
            _("The photo has been added."),
            form=form,
            # enbek.images says why the file is not an acceptable photo: show it next to the file.
            field="image",
        )
        if response is not None:
            return response
    return _render_step(
        request,
        "dynasties/edit/photos.html",
        dynasty,
        "photos",
        form=form,
        photos=list(dynasty.photos.all()),
        saves=True,
    )


def _photo_or_404(dynasty: Dynasty, photo_pk: int):
    for photo in dynasty.photos.all():
        if photo.pk == photo_pk:
            return photo
    raise Http404


@login_required
@require_POST
def photo_cover(request, pk, photo_pk):
    dynasty = _owned_or_404(request, pk)
    photo = _photo_or_404(dynasty, photo_pk)
    return _change_draft(
        request,
        dynasty,
        "photos",
        lambda: services.photo_set_cover(photo=photo, user=request.user),
        _("The cover photo has been changed."),
    )


@login_required
@require_POST
def photo_remove(request, pk, photo_pk):
    dynasty = _owned_or_404(request, pk)
    photo = _photo_or_404(dynasty, photo_pk)
    return _change_draft(
        request,
        dynasty,
        "photos",
        lambda: services.photo_delete(photo=photo, user=request.user),
        _("The photo has been deleted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_review(request, pk):
    dynasty = _owned_or_404(request, pk)
    if not dynasty.is_editable:
        return _locked(request, dynasty, "review")
    problems: list[str] = []
    if request.method == "POST":
        try:
            services.dynasty_submit(dynasty=dynasty, user=request.user)
        except ValidationError as error:
            if is_locked_error(error):
                return _locked(request, dynasty, "review")
            problems = error.messages
        else:
            messages.success(
                request,
                _("Thank you! The story has been sent to the coordinator of %(region)s for review.")
                % {"region": dynasty.region.name},
            )
            return redirect("dynasties:mine")
    context = _dynasty_context(dynasty)
    context.pop("dynasty")
    return _render_step(
        request, "dynasties/edit/review.html", dynasty, "review", problems=problems, **context
    )


# --- Moderation ------------------------------------------------------------------------------------
def _require_moderator(request) -> None:
    """Coordinators (their region) and ministry administrators (all regions); 403 for everyone else."""
    user = request.user
    regions = moderated_regions(user)
    if regions is not None and not regions.exists():
        raise PermissionDenied(_("Only regional coordinators and the ministry moderate dynasties."))


def _moderated_dynasty_or_404(request, pk: int) -> Dynasty:
    try:
        return dynasty_for_moderation(user=request.user, pk=pk)
    except Dynasty.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def moderation_queue(request):
    _require_moderator(request)
    page = _page(request, dynasty_moderation_queue(user=request.user), QUEUE_PAGE_SIZE)
    return render(
        request,
        "dynasties/moderation/queue.html",
        {
            "page": page,
            "dynasties": page.object_list,
            "challenge_pending": challenge_moderation_queue(user=request.user).count(),
        },
    )


def _render_moderation_detail(request, dynasty: Dynasty, return_form: ReturnForm):
    context = _dynasty_context(dynasty)
    context["return_form"] = return_form
    return render(request, "dynasties/moderation/detail.html", context)


@login_required
@require_GET
def moderation_detail(request, pk):
    _require_moderator(request)
    dynasty = _moderated_dynasty_or_404(request, pk)
    return _render_moderation_detail(request, dynasty, ReturnForm())


@login_required
@require_POST
def moderation_publish(request, pk):
    _require_moderator(request)
    dynasty = _moderated_dynasty_or_404(request, pk)
    try:
        services.dynasty_publish(dynasty=dynasty, moderator=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("dynasties:moderation_detail", pk=dynasty.pk)
    messages.success(request, _("The %(name)s dynasty has been published.") % {"name": dynasty.family_name})
    return redirect("dynasties:moderation")


@login_required
@require_POST
def moderation_return(request, pk):
    _require_moderator(request)
    dynasty = _moderated_dynasty_or_404(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.dynasty_return(
                dynasty=dynasty, moderator=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                apply_service_errors(form, error)
            else:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("dynasties:moderation_detail", pk=dynasty.pk)
        else:
            messages.success(
                request,
                _("The %(name)s dynasty has been returned to its author.") % {"name": dynasty.family_name},
            )
            return redirect("dynasties:moderation")
    return _render_moderation_detail(request, dynasty, form)


# --- Challenge ------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def challenge(request):
    form = None
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.is_authenticated:
        initial = {"author_name": request.user.full_name, "dynasty": request.GET.get("dynasty", "")[:200]}
        form = ChallengeEntryForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.challenge_entry_create(author=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you! Your post will appear on the wall once the coordinator approves it."),
                )
                return redirect("dynasties:challenge")
    page = _page(request, challenge_wall(), WALL_PAGE_SIZE)
    return render(
        request,
        "dynasties/challenge/wall.html",
        {
            "form": form,
            "page": page,
            "entries": page.object_list,
            "hashtag": settings.ENBEK_CHALLENGE_HASHTAG,
        },
    )


@login_required
@require_GET
def challenge_moderation(request):
    _require_moderator(request)
    page = _page(request, challenge_moderation_queue(user=request.user), QUEUE_PAGE_SIZE)
    return render(request, "dynasties/challenge/moderation.html", {"page": page, "entries": page.object_list})


@login_required
@require_POST
def challenge_review(request, pk):
    _require_moderator(request)
    regions = moderated_regions(request.user)
    entries = (
        ChallengeEntry.objects.all() if regions is None else ChallengeEntry.objects.filter(region__in=regions)
    )
    try:
        entry = entries.get(pk=pk)
    except ChallengeEntry.DoesNotExist:
        raise Http404 from None
    form = ChallengeReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to reject the post."))
        return redirect("dynasties:challenge_moderation")
    approve = form.cleaned_data["approve"]
    try:
        services.challenge_entry_review(entry=entry, moderator=request.user, approve=approve)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if approve:
            messages.success(request, _("The post is now on the challenge wall."))
        else:
            messages.success(request, _("The post has been rejected."))
    return redirect("dynasties:challenge_moderation")
