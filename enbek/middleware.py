from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _


class RejectNulMiddleware:
    """A path with a NUL character names nothing on the portal: 404 before any view or lookup runs.

    PostgreSQL refuses NUL in a text parameter, so a lookup such as /api/v1/dynasties/%00/ would
    otherwise fail inside the database driver (a 500) instead of being "not found".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("NUL in the path")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """No page of the portal uses the camera, the microphone or the location.

    (The Content-Security-Policy header is django-csp's: csp.middleware.CSPMiddleware.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class ApiLanguageMiddleware:
    """Under /api/ the language comes from ?lang=kk|ru, else Accept-Language (LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        if request.path.startswith("/api/"):
            lang = request.GET.get("lang")
            if lang in self.languages:
                translation.activate(lang)
                request.LANGUAGE_CODE = lang
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Documented in the schema as kk or ru: anything else is a 400, not a silently ignored value.
        # A view whose own `lang` parameter means something else (a banner in "both" languages)
        # says so with own_lang_parameter = True and validates it itself.
        if not request.path.startswith("/api/") or "lang" not in request.GET:
            return None
        if getattr(getattr(view_func, "cls", None), "own_lang_parameter", False):
            return None
        if request.GET["lang"] not in self.languages:
            return JsonResponse({"lang": [str(_("Choose kk or ru."))]}, status=400)
        return None
