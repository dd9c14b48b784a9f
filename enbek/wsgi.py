import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enbek.settings")
application = get_wsgi_application()

from enbek.startup import require_collected_static  # noqa: E402 - needs the settings loaded above

# Refuse to start (gunicorn, runserver) rather than fail on every page without collected static files.
require_collected_static()
