"""Checks made once when the web server starts, where a mistake would otherwise break every page.

They are not system checks: `manage.py check --deploy` runs in CI before any collectstatic, and a
missing manifest there is expected. A server that starts without it, though, fails on the first
{% static %} of every page and of the 500 page itself, so it must refuse to start.
"""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

# A file every page links: if the manifest knows it, collectstatic ran on this code.
PROBE = "css/portal.css"


def require_collected_static() -> None:
    """Raise ImproperlyConfigured with what to do when the manifest static storage has no manifest."""
    try:
        storage = storages["staticfiles"]
        if not isinstance(storage, ManifestFilesMixin):
            return
        paths, _hash = storage.load_manifest()
    except ValueError:  # a manifest that is not JSON or of another version
        paths = {}
    if PROBE in paths:
        return
    raise ImproperlyConfigured(
        f"The static files are not collected in {settings.STATIC_ROOT} (DJANGO_DEBUG=0 serves them from "
        f"there, by the manifest {storage.manifest_name}). Run `python manage.py collectstatic --noinput` "
        "before starting the server (the Docker image does it when it is built), or set DJANGO_DEBUG=1 "
        "for development."
    )
