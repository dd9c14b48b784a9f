"""Settings of the «Еңбек – елдің мұраты» portal.

One module, fed by environment variables. With nothing set it runs on an embedded default
(SQLite under var/, Celery eager, local-memory cache) so that `make run` needs nothing installed.
Every variable is documented in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ENBEK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Turn DATABASE_URL (postgres://user:pass@host:port/name or sqlite:///path) into Django's dict."""
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
            "TEST": {"NAME": os.environ.get("DATABASE_TEST_NAME") or None},
        }
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if path.startswith("/") and url.startswith("sqlite:////"):
            name = path
        else:
            name = str(BASE_DIR / path.lstrip("/")) if path else ":memory:"
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parsed.scheme!r} is not supported (postgres or sqlite)."
    )


# --- Core -------------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", True)
_DEV_SECRET = "dev-only-insecure-key-0f6a1d9c-change-me-in-production-by-env-variable"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Absolute links in e-mails; by default the address `make run PORT=…` (or runserver on $PORT) serves.
SITE_URL = os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "enbek",
    "dynasties",
    "contests",
    "events",
    "surveys",
    # Before indicators: roles are synced after the last app's migrate, when every permission exists.
    "nudges",
    "indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "enbek.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "enbek.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "enbek.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "enbek.auth.LoginSprayMiddleware",
    # Axes last, as its documentation asks: it turns lockouts into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "enbek.urls"
WSGI_APPLICATION = "enbek.wsgi.application"
AUTH_USER_MODEL = "enbek.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "enbek.context_processors.portal",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# --- Cache and Celery ------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to no cache while Redis is down (enbek/cache.py): pages keep answering.
            "BACKEND": "enbek.cache.ResilientRedisCache",
            "LOCATION": os.environ.get("CACHE_URL", REDIS_URL),
            "KEY_PREFIX": "enbek",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "enbek"}}

# Each signed-in user's roles and permissions cached until they change (enbek/access.py).
ACCESS_CACHE = env_bool("ACCESS_CACHE", True)

# Anonymous public pages and their counts cached per language, invalidated by group (enbek/pagecache.py).
PAGE_CACHE = env_bool("PAGE_CACHE", True)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL) or "memory://"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL) or None
# Without a broker the portal runs every task in-process so that `make run` needs no Redis.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "Asia/Almaty"
# Our tasks are idempotent, so a task is acknowledged only after it ran and is given back to the
# queue when its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The broker gives an unacknowledged task to another worker after the visibility timeout, so every
# task must be killed well before it: soft 5 min, hard 6 min, visibility 1 h.
CELERY_BROKER_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# With the broker down, .delay() gives up within about two seconds (enbek.queueing then decides),
# instead of holding the request while kombu retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The one place that lists every periodic task; exactly one beat process runs it (docker-compose.yml).
CELERY_BEAT_SCHEDULE = {
    "enbek.clear_expired_sessions": {
        "task": "enbek.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    "enbek.dynasties.refresh_figures": {
        "task": "enbek.dynasties.refresh_figures",
        "schedule": crontab(hour=2, minute=0),
    },
    "enbek.prune_login_attempts": {
        "task": "enbek.prune_login_attempts",
        "schedule": crontab(hour=3, minute=30),
    },
    # «Я-профи»: windows close on time (hourly, a few minutes after the hour), jurors reminded daily.
    "enbek.contests.close_windows": {
        "task": "enbek.contests.close_windows",
        "schedule": crontab(minute=5),
    },
    "enbek.contests.remind_jurors": {
        "task": "enbek.contests.remind_jurors",
        "schedule": crontab(hour=10, minute=0),
    },
    # Each regional coordinator's digest of the dynasties submitted in their region (at most daily).
    "enbek.dynasties.send_coordinator_digests": {
        "task": "enbek.dynasties.send_coordinator_digests",
        "schedule": crontab(hour=8, minute=0),
    },
    # Career-guidance events: reminders a day ahead (hourly), finished events and no-shows.
    "enbek.events.send_reminders": {
        "task": "enbek.events.send_reminders",
        "schedule": crontab(minute=5),
    },
    "enbek.events.mark_finished": {
        "task": "enbek.events.mark_finished",
        "schedule": crontab(minute="*/15"),
    },
    "enbek.events.mark_no_shows": {
        "task": "enbek.events.mark_no_shows",
        "schedule": crontab(minute=25),
    },
    # Values survey: unsent drafts of closed waves are not kept.
    "enbek.surveys.purge_drafts": {
        "task": "enbek.surveys.purge_drafts",
        "schedule": crontab(hour=3, minute=45),
    },
    # Indicators: the changed periods every hour, everything at night, overdue plan items after midnight.
    "enbek.indicators.aggregate_incremental": {
        "task": "enbek.indicators.aggregate_incremental",
        "schedule": crontab(minute=7),
    },
    "enbek.indicators.aggregate_full": {
        "task": "enbek.indicators.aggregate_full",
        "schedule": crontab(hour=1, minute=40),
    },
    "enbek.indicators.mark_overdue_items": {
        "task": "enbek.indicators.mark_overdue_items",
        "schedule": crontab(hour=0, minute=20),
    },
}

# --- Auth ------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Pauses sign-in from an address spraying passwords across accounts (enbek/auth.py).
    "enbek.auth.LoginSprayBackend",
    # ModelBackend with each user's permissions cached until roles or permissions change (enbek/access.py).
    "enbek.backends.CachedPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"

AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Failures are counted for the e-mail as sign-in matches it (any case): see enbek/auth.py.
AXES_USERNAME_CALLABLE = "enbek.auth.axes_username"
# Password spraying: this many failures from one address across any accounts within the window
# pause sign-in from that address (high, since mobile carriers put many people behind one address).
LOGIN_SPRAY_LIMIT = int(os.environ.get("LOGIN_SPRAY_LIMIT", "50"))
LOGIN_SPRAY_WINDOW = timedelta(minutes=int(os.environ.get("LOGIN_SPRAY_MINUTES", "15")))

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# "29 қараша 2026, 13:13" / "29 ноября 2026, 13:13" everywhere, the admin included (enbek/formats).
FORMAT_MODULE_PATH = ["enbek.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "enbek_language"
MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("kk", "ru")}

# --- Static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise looks at STATIC_ROOT at start-up; in development it is empty until collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads above this are refused before they reach Pillow (see enbek.images).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ENBEK_UPLOAD_MAX_BYTES = 15 * 1024 * 1024
ENBEK_UPLOAD_MAX_PIXELS = 40_000_000

# --- Email ---------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "")
if not EMAIL_BACKEND:
    EMAIL_BACKEND = (
        "django.core.mail.backends.smtp.EmailBackend"
        if os.environ.get("EMAIL_HOST")
        else "django.core.mail.backends.filebased.EmailBackend"
    )
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Еңбек – елдің мұраты <noreply@enbek.gov.kz>")

# --- Security --------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Every signed-in request reads its session: from Redis when there is one (written through to the
# database, which stays the source when Redis is down or evicts it), from the database otherwise.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # /healthz is probed over plain HTTP by the container healthcheck.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Content-Security-Policy by django-csp: every script, style, font and image comes from the portal.
# A template that needs an inline script or style gives it nonce="{{ request.csp_nonce }}": the
# nonce is added to the header only on the pages that use it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "style-src": [SELF, NONCE],
        "script-src": [SELF, NONCE],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- API -------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "enbek.api.pagination.StandardPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/min")},
    "EXCEPTION_HANDLER": "enbek.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Еңбек – елдің мұраты API",
    "DESCRIPTION": "Public API of the «Еңбек – елдің мұраты» portal. Language: Accept-Language or ?lang=.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several sections have a "kind" and a "status": each choice set gets its own stable name.
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "events.enums.EventKind",
        "EventStatusEnum": "events.enums.EventStatus",
        "ApplicationStatusEnum": "contests.enums.ApplicationStatus",
    },
    # 400/404/429 on every operation and the valid region codes and sphere slugs (enbek/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "enbek.api.schema.document_errors",
    ],
}

# --- Logging ---------------------------------------------------------------------------------------
# Every handler carries the personal-data filter (enbek/logging.py), and Django's own loggers
# (django, django.request, django.server) are sent to these handlers instead of Django's defaults,
# which have no filter. gunicorn's logs are configured the same way in gunicorn.conf.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "personal_data": {"()": "enbek.logging.PersonalDataFilter"},
        # The values survey is anonymous: no IP address or user agent of its requests in any log.
        "survey_privacy": {"()": "surveys.log_privacy.SurveyPrivacyFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["personal_data", "survey_privacy"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["personal_data", "survey_privacy"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # On the loggers themselves too, so that the record is cleaned before any handler sees it.
        "django.request": {"filters": ["survey_privacy"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["survey_privacy"],
        },
        "django.db.backends": {"level": "WARNING"},
        "celery": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # redis-py adds an unfiltered stdout handler to this logger unless it is configured already.
        "push_response": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

ENBEK_DEMO = env_bool("ENBEK_DEMO", DEBUG)
# Key of the values survey's participation hashes (surveys/tokens.py); SECRET_KEY when empty.
SURVEY_TOKEN_KEY = os.environ.get("SURVEY_TOKEN_KEY", "")
# Indicators: years a full run recomputes, days a closed period is still recomputed hourly, and how
# long a full run waits for another one to finish before it gives up (see indicators/services.py).
INDICATORS_HISTORY_YEARS = int(os.environ.get("INDICATORS_HISTORY_YEARS", "5"))
INDICATORS_LATE_DAYS = int(os.environ.get("INDICATORS_LATE_DAYS", "31"))
INDICATORS_LOCK_WAIT_SECONDS = int(os.environ.get("INDICATORS_LOCK_WAIT_SECONDS", "900"))
# Photos one dynasty may have (the editor says so when the limit is reached).
DYNASTY_MAX_PHOTOS = int(os.environ.get("DYNASTY_MAX_PHOTOS", "30"))
ENBEK_CHALLENGE_HASHTAG = os.environ.get("ENBEK_CHALLENGE_HASHTAG", "#ЕңбекДинастиясы")
