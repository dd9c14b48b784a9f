"""Issue 12 item 5: IINs, phone numbers and e-mails never reach a log line, whichever logger writes
it: Django's (root, django.request, django.server under runserver), celery's, gunicorn's access log."""

import contextlib
import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from enbek.logging import PersonalDataFilter

ROOT = Path(settings.BASE_DIR)
IIN = "850115300011"
PHONE_DIGITS = "7011234567"
EMAIL = "brute.force@example.test"
# The same data in the path (a 404 logged by django.request) and in the query string (access logs).
PATH = (
    f"/kk/no-such-page/{IIN}/?iin={IIN}&phone=%2B7{PHONE_DIGITS}&tel=8+701+123+45+67"
    "&email=brute.force%40example.test"
)
SECRETS = (IIN, PHONE_DIGITS, "701+123+45+67", "brute.force", "example.test")


def _all_loggers():
    yield logging.getLogger()
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            yield logger


def _portal_handlers():
    for logger in _all_loggers():
        for handler in logger.handlers:
            # pytest's capture handlers are not the portal's; a NullHandler writes nothing.
            if not type(handler).__module__.startswith("_pytest") and not isinstance(
                handler, logging.NullHandler
            ):
                yield logger.name, handler


def test_every_handler_of_every_logger_carries_the_filter():
    handlers = list(_portal_handlers())
    names = {name for name, _ in handlers}

    assert {"root", "django", "django.server", "celery"} <= names
    unfiltered = [
        (name, handler)
        for name, handler in handlers
        if not any(isinstance(f, PersonalDataFilter) for f in handler.filters)
    ]
    assert unfiltered == []


def test_requests_with_personal_data_leave_none_in_any_handler_output(client, db):
    streams = []
    for _, handler in _portal_handlers():
        if isinstance(handler, logging.StreamHandler):
            streams.append((handler, handler.setStream(io.StringIO())))
    try:
        client.get(PATH)
        client.get(f"/api/v1/dynasties/{IIN}/?phone=%2B7{PHONE_DIGITS}&email=brute.force%40example.test")
        logging.getLogger("django.server").info('"%s" %s %s', f"GET {PATH} HTTP/1.1", 404, 179)
        logging.getLogger("celery").info("task for %s failed", EMAIL)
        output = "".join(handler.stream.getvalue() for handler, _ in streams)
    finally:
        for handler, previous in streams:
            handler.setStream(previous)

    assert "Not Found: /kk/no-such-page/************/" in output
    assert "task for ***@*** failed" in output
    for secret in SECRETS:
        assert secret not in output


def test_log_record_with_traceback_is_scrubbed():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "lookup failed", None, None)
    try:
        raise ValueError(f"no user with IIN {IIN} and e-mail {EMAIL}")
    except ValueError:
        record.exc_info = sys.exc_info()

    PersonalDataFilter().filter(record)

    assert IIN not in record.exc_text
    assert EMAIL not in record.exc_text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    if not settings.IS_POSTGRES:
        pytest.skip("The server processes share the test database: run the suite on PostgreSQL.")
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _serve_and_capture(command: list[str], port: int) -> str:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(DATABASE_URL=_test_database_url(), DJANGO_DEBUG="1", PYTHONUNBUFFERED="1")
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/kk/about/", timeout=5)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("the server did not start") from None
                time.sleep(0.3)
        for path in (PATH, f"/kk/about/?iin={IIN}&email=brute.force%40example.test&phone=%2B7{PHONE_DIGITS}"):
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30)
        time.sleep(0.5)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    return output


@pytest.mark.django_db
def test_gunicorn_access_and_error_logs_are_scrubbed():
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    output = _serve_and_capture(
        [
            gunicorn,
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "enbek.wsgi:application",
        ],
        port,
    )

    assert '"GET /kk/no-such-page/************/?iin=************' in output, output[-3000:]
    for secret in SECRETS:
        assert secret not in output, output[-3000:]


@pytest.mark.django_db
def test_runserver_request_log_is_scrubbed():
    port = _free_port()
    output = _serve_and_capture(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"], port
    )

    assert "GET /kk/no-such-page/************/?iin=************" in output, output[-3000:]
    for secret in SECRETS:
        assert secret not in output, output[-3000:]
