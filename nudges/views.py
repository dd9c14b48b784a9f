"""Pages of the nudge banners section: the proverb library and its downloads, short links,
placements, the A/B view and batches. Thin: forms validate, services write, selectors read."""

import io
import mimetypes
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import get_language, get_language_from_request
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enbek.models import Proverb, Region
from enbek.pagecache import cache_public_page, lazy

from . import services
from .enums import BannerDesign, BannerFormat, BannerSize, BatchStatus
from .forms import (
    ABForm,
    BannerDownloadForm,
    BatchForm,
    PlacementFilterForm,
    PlacementForm,
    PlacementPhotoForm,
    ThemeFilterForm,
    apply_service_errors,
)
from .models import BannerBatch, Placement
from .selectors import (
    ab_comparison,
    ab_proverbs,
    batch_for,
    batch_list_for,
    placement_for_user,
    placement_list,
    placement_regions,
    placement_visits_by_day,
    proverb_active,
    proverb_library,
    proverb_theme_list,
    short_link_resolve,
)

LIST_PAGE_SIZE = 20
# Link previews and crawlers are not people scanning a code: they are redirected but not counted.
# The user agent is only looked at here, never stored.
NOT_A_VISIT = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|vkshare", re.IGNORECASE
)
PLACEMENTS_PAGE_SIZE = 25


def _page(request, queryset, per_page: int):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _file_response(name: str, download_name: str, *, attachment: bool = True) -> FileResponse:
    content_type = mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=attachment,
        filename=download_name,
        content_type=content_type,
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _proverb_or_404(pk: int) -> Proverb:
    try:
        return proverb_active(pk=pk)
    except Proverb.DoesNotExist:
        raise Http404 from None


def _library_entry(proverb: Proverb, language: str) -> dict:
    text, shown_language = proverb.display(language)
    return {
        "proverb": proverb,
        "text": text,
        "language": shown_language,
        "is_original_shown": shown_language != language,
        "is_equivalent": proverb.is_equivalent_in(language),
        "original": proverb.original_text if proverb.original_language != language else "",
        "themes": list(proverb.themes.all()),
    }


# --- The proverb library ----------------------------------------------------------------------------
@require_GET
@cache_public_page("proverbs", timeout=300)
def proverb_list(request):
    language = (get_language() or "kk")[:2]
    filter_form = ThemeFilterForm(request.GET or None)
    # Lazy: a signed-in visitor gets the library from the page's public fragment, without building it.
    page = lazy(lambda: _page(request, proverb_library(theme=filter_form.theme_slug()), LIST_PAGE_SIZE))

    def download_selects() -> list[dict]:
        form = BannerDownloadForm()
        # The options are the same on every card: built once, escaped by format_html_join.
        return [
            {
                "name": name,
                "label": form.fields[name].label,
                "options": format_html_join(
                    "",
                    '<option value="{}"{}>{}</option>',
                    (
                        (value, " selected" if value == form[name].value() else "", label)
                        for value, label in form.fields[name].choices
                    ),
                ),
            }
            for name in ("design", "language", "size", "file_format")
        ]

    return render(
        request,
        "nudges/proverbs.html",
        {
            "filter_form": filter_form,
            "page": page,
            "entries": lazy(lambda: [_library_entry(proverb, language) for proverb in page.object_list]),
            "themes": lazy(lambda: list(proverb_theme_list())),
            "download_selects": lazy(download_selects),
        },
    )


def _render_detail(request, proverb: Proverb, form: BannerDownloadForm, status: int = 200):
    language = (get_language() or "kk")[:2]
    return render(
        request,
        "nudges/proverb_detail.html",
        {
            "entry": _library_entry(proverb, language),
            "form": form,
            "designs": BannerDesign.choices,
        },
        status=status,
    )


@require_GET
@cache_public_page("proverbs", timeout=300)
def proverb_detail(request, pk):
    proverb = _proverb_or_404(pk)
    return _render_detail(request, proverb, BannerDownloadForm())


@require_GET
def proverb_banner(request, pk):
    """The banner file for schools, akimats and enterprises; its QR code is the banner's short link."""
    proverb = _proverb_or_404(pk)
    form = BannerDownloadForm(request.GET)
    if not form.is_valid():
        return _render_detail(request, proverb, form, status=400)
    data = form.cleaned_data
    banner = services.banner_get_or_create(proverb=proverb, design=data["design"], language=data["language"])
    name = services.banner_file(banner=banner, size=data["size"], fmt=data["file_format"])
    return _file_response(
        name, services.banner_download_name(banner=banner, size=data["size"], fmt=data["file_format"])
    )


@require_GET
def proverb_preview(request, pk, design):
    """A square picture of the proverb in one design, in the page's language (cached file)."""
    proverb = _proverb_or_404(pk)
    if design not in BannerDesign.values:
        raise Http404
    language = (get_language() or "kk")[:2]
    banner = services.banner_get_or_create(proverb=proverb, design=design, language=language)
    name = services.banner_file(banner=banner, size=BannerSize.SQUARE, fmt=BannerFormat.PNG)
    return _file_response(name, f"preview-{proverb.pk}-{design}-{language}.png", attachment=False)


# --- Short links --------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "HEAD"])
def short_link(request, code):
    """/b/<code>: count the scan and go to the chosen page. HEAD requests and link-preview robots
    (a link shared in a messenger) are redirected without being counted."""
    target = short_link_resolve(code)
    if target is None:
        raise Http404
    if request.method == "GET" and not NOT_A_VISIT.search(request.headers.get("User-Agent", "")):
        services.visit_record(banner_id=target.banner_id, placement_id=target.placement_id)
    if target.language in {"kk", "ru"}:
        language = target.language
    else:
        language = get_language_from_request(request) or "kk"
        language = language if language in {"kk", "ru"} else "kk"
    with translation.override(language):
        url = reverse(target.landing)
    return HttpResponseRedirect(url)


# --- Placements ------------------------------------------------------------------------------------
def _require_placement_staff(request) -> None:
    regions = placement_regions(request.user)
    if regions is not None and not regions.exists():
        raise PermissionDenied(_("Only regional coordinators and the ministry keep the banner placements."))


def _placement_or_404(request, pk: int) -> Placement:
    try:
        return placement_for_user(user=request.user, pk=pk)
    except Placement.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def placement_list_view(request):
    _require_placement_staff(request)
    form = PlacementFilterForm(request.GET or None, user=request.user)
    page = _page(request, placement_list(user=request.user, **form.filters()), PLACEMENTS_PAGE_SIZE)
    return render(
        request,
        "nudges/placements.html",
        {
            "form": form,
            "page": page,
            "placements": page.object_list,
            "can_add": request.user.has_perm("nudges.add_placement"),
        },
    )


def _placement_save(request, form: PlacementForm, placement: Placement | None):
    data = form.cleaned_data
    try:
        if placement is None:
            placement = services.placement_create(user=request.user, **data)
        else:
            placement = services.placement_update(placement=placement, user=request.user, **data)
    except ValidationError as error:
        apply_service_errors(form, error)
        return None
    except PermissionDenied as error:
        form.add_error("region", str(error))
        return None
    return placement


@login_required
@require_http_methods(["GET", "POST"])
def placement_create(request):
    if not request.user.has_perm("nudges.add_placement"):
        raise PermissionDenied(_("Only regional coordinators and the ministry record banner placements."))
    initial = {}
    if request.GET.get("proverb", "").isdigit():
        initial["proverb"] = int(request.GET["proverb"])
    form = PlacementForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        placement = _placement_save(request, form, None)
        if placement is not None:
            messages.success(
                request,
                _("The placement is recorded. Download its banner below and add a photo once it hangs."),
            )
            return redirect("nudges:placement", pk=placement.pk)
    return render(request, "nudges/placement_form.html", {"form": form, "placement": None})


@login_required
@require_http_methods(["GET", "POST"])
def placement_edit(request, pk):
    placement = _placement_or_404(request, pk)
    if not request.user.has_perm("nudges.change_placement"):
        raise PermissionDenied(_("Only regional coordinators and the ministry record banner placements."))
    form = PlacementForm(
        request.POST or None, user=request.user, initial=PlacementForm.initial_for(placement)
    )
    if request.method == "POST" and form.is_valid():
        saved = _placement_save(request, form, placement)
        if saved is not None:
            messages.success(request, _("The placement has been saved."))
            return redirect("nudges:placement", pk=placement.pk)
    return render(request, "nudges/placement_form.html", {"form": form, "placement": placement})


def _render_placement(request, placement: Placement, photo_form: PlacementPhotoForm, status: int = 200):
    return render(
        request,
        "nudges/placement_detail.html",
        {
            "placement": placement,
            "short_url": services.short_link_url(placement.code),
            "visits": placement_visits_by_day(placement=placement),
            "photo_form": photo_form,
            "download_form": BannerDownloadForm(initial={"size": BannerSize.A4}),
            "can_change": request.user.has_perm("nudges.change_placement"),
            "proverb_text": placement.banner.proverb.display()[0],
        },
        status=status,
    )


@login_required
@require_GET
def placement_detail(request, pk):
    placement = _placement_or_404(request, pk)
    return _render_placement(request, placement, PlacementPhotoForm())


@login_required
@require_POST
def placement_photo(request, pk):
    placement = _placement_or_404(request, pk)
    if not request.user.has_perm("nudges.change_placement"):
        raise PermissionDenied(_("Only regional coordinators and the ministry record banner placements."))
    form = PlacementPhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.placement_set_photo(
                placement=placement, user=request.user, upload=form.cleaned_data["photo"]
            )
        except ValidationError as error:
            apply_service_errors(form, error, field="photo")
        else:
            messages.success(request, _("The photo proof has been added."))
            return redirect("nudges:placement", pk=placement.pk)
    return _render_placement(request, placement, form, status=400)


@login_required
@require_GET
def placement_banner(request, pk):
    """The placement's banner with its own QR code, in any size."""
    placement = _placement_or_404(request, pk)
    form = BannerDownloadForm(
        {
            "design": placement.banner.design,
            "language": placement.banner.language,
            "size": request.GET.get("size", BannerSize.A4),
            "file_format": request.GET.get("file_format", BannerFormat.PDF),
        }
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("nudges:placement", pk=placement.pk)
    size, fmt = form.cleaned_data["size"], form.cleaned_data["file_format"]
    name = services.banner_file(banner=placement.banner, size=size, fmt=fmt, placement=placement)
    return _file_response(
        name, services.banner_download_name(banner=placement.banner, size=size, fmt=fmt, placement=placement)
    )


@login_required
@require_GET
def placement_qr(request, pk):
    """The placement's QR code alone (SVG), to check it on screen before printing."""
    import segno

    placement = _placement_or_404(request, pk)
    buffer = io.BytesIO()
    segno.make(services.short_link_url(placement.code), error="m").save(buffer, kind="svg", scale=5, border=4)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- A/B view ---------------------------------------------------------------------------------------
@login_required
@require_GET
def ab_view(request):
    _require_placement_staff(request)
    regions = placement_regions(request.user)
    proverbs = ab_proverbs(user=request.user)
    first = proverbs.first()
    form = ABForm(
        request.GET or None,
        initial={"proverb": first.pk if first else None},
        proverbs=proverbs,
        regions=Region.objects.order_by("code") if regions is None else regions,
    )
    rows, proverb = [], None
    date_from, date_to = form.period()
    if form.is_valid():
        proverb = form.cleaned_data.get("proverb")
    if proverb is None and not form.errors:
        proverb = first
    if proverb is not None:
        rows = ab_comparison(
            user=request.user,
            proverb=proverb,
            dimension=(form.cleaned_data.get("dimension") if form.is_valid() else None) or "design",
            date_from=date_from,
            date_to=date_to,
            region=form.cleaned_data.get("region") if form.is_valid() else None,
        )
    best = rows[0].per_placement_day if rows else 0
    return render(
        request,
        "nudges/ab.html",
        {
            "form": form,
            "proverb": proverb,
            "proverb_text": proverb.display()[0] if proverb else "",
            "rows": [
                {"row": row, "share": round(100 * row.per_placement_day / best) if best else 0}
                for row in rows
            ],
            "date_from": date_from,
            "date_last": date_to.fromordinal(date_to.toordinal() - 1),
        },
    )


# --- Batches --------------------------------------------------------------------------------------
def _require_batch_user(request) -> None:
    if not request.user.has_perm("nudges.add_bannerbatch"):
        raise PermissionDenied(_("Batches of banners are made for the ministry and regional coordinators."))


@login_required
@require_http_methods(["GET", "POST"])
def batch_list(request):
    _require_batch_user(request)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The banners are being made. This page shows how far it has got."))
            return redirect("nudges:batch", pk=batch.pk)
    return render(
        request,
        "nudges/batches.html",
        {"form": form, "batches": batch_list_for(user=request.user)[:20]},
        status=400 if form.errors else 200,
    )


def _batch_or_404(request, pk: int) -> BannerBatch:
    try:
        return batch_for(user=request.user, pk=pk)
    except BannerBatch.DoesNotExist:
        raise Http404 from None


@login_required
@never_cache
@require_GET
def batch_detail(request, pk):
    _require_batch_user(request)
    batch = _batch_or_404(request, pk)
    working = batch.status in {BatchStatus.PENDING, BatchStatus.RUNNING}
    return render(request, "nudges/batch_detail.html", {"batch": batch, "working": working})


@login_required
@never_cache
@require_GET
def batch_status(request, pk):
    _require_batch_user(request)
    batch = _batch_or_404(request, pk)
    return JsonResponse(
        {
            "status": batch.status,
            "status_label": batch.get_status_display(),
            "done": batch.done,
            "total": batch.total,
            "percent": batch.percent,
        }
    )


@login_required
@require_GET
def batch_download(request, pk):
    _require_batch_user(request)
    batch = _batch_or_404(request, pk)
    if batch.status != BatchStatus.DONE or not batch.archive:
        raise Http404
    return _file_response(batch.archive.name, f"enbek-banners-{batch.pk}.zip")
