from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .enums import Role
from .forms import ProfileForm, SignUpForm
from .privacy import mask_iin, mask_phone
from .services import user_create, user_update_profile


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = user_create(
            email=data["email"],
            password=data["password1"],
            full_name=data["full_name"],
            region=data["region"],
            preferred_language=(request.LANGUAGE_CODE or "kk")[:2],
        )
        login(request, user, backend="enbek.backends.CachedPermissionBackend")
        messages.success(request, _("Welcome! Your account has been created."))
        return redirect("accounts:profile")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    initial = {
        "full_name": user.full_name,
        "region": user.region_id,
        "phone": user.phone,
        "iin": user.iin,
        "preferred_language": user.preferred_language,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user_update_profile(user=user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "masked_iin": mask_iin(user.iin),
            "masked_phone": mask_phone(user.phone),
            "roles": role_labels(user),
        },
    )


def role_labels(user) -> list[str]:
    """The user's roles in the page's language (groups that are not portal roles are not shown)."""
    names = set(user.groups.values_list("name", flat=True))
    return [str(role.label) for role in Role if role.value in names]


def _api_error(request, status: int, message) -> JsonResponse | None:
    """Under /api/ errors are JSON, as the OpenAPI schema documents them, never an HTML page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(message)}, status=status)
    return None


def page_not_found(request, exception=None):
    return _api_error(request, 404, _("Not found.")) or render(request, "404.html", status=404)


def server_error(request):
    return _api_error(request, 500, _("Server error.")) or render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    return _api_error(request, 403, _("You do not have permission to perform this action.")) or render(
        request, "403.html", status=403
    )


def bad_request(request, exception=None):
    return _api_error(request, 400, _("Bad request.")) or render(request, "400.html", status=400)
