from django.conf import settings
from django.http import Http404
from django.utils import translation


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


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy header: every script, style and font comes from the portal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class ApiLanguageMiddleware:
    """Under /api/ the language comes from ?lang=kk|ru, else Accept-Language (LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        if request.path.startswith("/api/"):
            lang = request.GET.get("lang", "")[:2]
            if lang in self.languages:
                translation.activate(lang)
                request.LANGUAGE_CODE = lang
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return self.get_response(request)
