import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enbek.settings")

app = Celery("enbek")
# Every Celery setting lives in enbek/settings.py under the CELERY_ prefix.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
