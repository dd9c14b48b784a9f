"""Keeps personal data (IIN, BIN, phone numbers, e-mail addresses) out of every log line.

PersonalDataFilter sits on every handler the portal configures: Django's (settings.LOGGING: root,
django, django.request, django.server, celery) and gunicorn's (gunicorn.conf.py uses
GUNICORN_LOGCONFIG below for its error and access logs). A filter on a handler sees every record
that handler writes, whichever logger it came from, unlike a filter on one logger.
"""

import logging
import re

_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")
_PHONE = re.compile(r"(?<!\d)(?:\+?7|8)[\s\-()]*\d{3}[\s\-()]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)")
# Also the percent-encoded forms a query string carries: %2B7 (a "+"), %20 and %28/%29 between groups.
_PHONE_ENCODED = re.compile(
    r"(?<![\dA-Fa-f])(?:%2[Bb]|\+)?(?:7|8)(?:%2[0089]|[\s\-()+])*\d{3}(?:%2[0089]|[\s\-()+])*\d{3}"
    r"(?:%20|[\s\-+])*\d{2}(?:%20|[\s\-+])*\d{2}(?!\d)"
)
_EMAIL = re.compile(r"[\w.+\-]+(?:@|%40)[\w\-]+(?:\.[\w\-]+)+", re.IGNORECASE)


def scrub(text: str) -> str:
    text = _EMAIL.sub("***@***", text)
    text = _TWELVE_DIGITS.sub("************", text)
    text = _PHONE_ENCODED.sub("+7 *** *** ** **", text)
    return _PHONE.sub("+7 *** *** ** **", text)


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not kill logging
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            # A traceback may quote a value (a failed lookup of an IIN): format it now, scrubbed.
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


FILTER = {"personal_data": {"()": "enbek.logging.PersonalDataFilter"}}

# gunicorn's logging (gunicorn.conf.py): its error log and its access log (the request lines, with
# their query strings) written to stdout/stderr through scrubbing handlers only.
GUNICORN_LOGCONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": FILTER,
    "formatters": {
        "generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["personal_data"],
            "stream": "ext://sys.stdout",
        },
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["personal_data"],
            "stream": "ext://sys.stderr",
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["personal_data"],
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_console"], "propagate": False},
    },
}
