"""Settings of the web server that `make bench` starts: the portal's own, plus a bare view to compare with.

The bare view (bench/urls.py) exists only here: DJANGO_SETTINGS_MODULE=bench.settings is set by
bench/run.py for the gunicorn it starts, never by the portal's own deployment.
"""

from enbek.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
