from django.conf import settings
from django.urls import translate_url


def portal(request):
    """The language switcher's links: the same page, with its query string, in each language."""
    path = request.get_full_path()
    switch = [
        {"code": code, "name": name, "url": translate_url(path, code)}
        for code, name in settings.LANGUAGES
    ]
    return {"language_links": switch, "ENBEK_DEMO": settings.ENBEK_DEMO}
