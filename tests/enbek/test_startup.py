"""A newcomer's first runs: the chosen port reaches e-mail links; production refuses to start half-built."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR


def _python(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "DJANGO_DEBUG"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["PORT=8102"], {}, "http://127.0.0.1:8102"),
        ([], {}, "http://127.0.0.1:8000"),
        (["PORT=8102"], {"SITE_URL": "https://enbek.gov.kz"}, "https://enbek.gov.kz"),
    ],
)
def test_make_run_gives_the_served_port_to_site_url(args, env, expected):
    environment = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT"}}
    environment.update(env)
    # The recipes of `make run` (seed, demo_admin, runserver) see the environment this rule prints.
    result = subprocess.run(
        ["make", "-s", "--eval", "show-site-url: ; @echo $$SITE_URL", "show-site-url", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"PORT": "8102"}, "http://127.0.0.1:8102"), ({}, "http://127.0.0.1:8000")],
)
def test_site_url_defaults_to_the_port_served(env, expected):
    result = _python("import enbek.settings as s; print(s.SITE_URL)", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def _production(static_root) -> dict:
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "enbek.gov.kz",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_SETTINGS_MODULE": "enbek.settings",
    }


def test_production_server_without_collectstatic_refuses_to_start(tmp_path):
    result = _python("import enbek.wsgi", **_production(tmp_path / "static"))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "The static files are not collected in" in result.stderr
    assert "python manage.py collectstatic --noinput" in result.stderr


def test_production_server_with_collected_static_starts(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    manifest = {"paths": {"css/portal.css": "css/portal.0123456789ab.css"}, "version": "1.1", "hash": "0"}
    (static / "staticfiles.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = _python("import enbek.wsgi; print('started')", **_production(static))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_development_server_needs_no_collectstatic(tmp_path):
    result = _python(
        "import enbek.wsgi; print('started')",
        DJANGO_DEBUG="1",
        DJANGO_STATIC_ROOT=str(tmp_path / "empty"),
        DJANGO_SETTINGS_MODULE="enbek.settings",
    )
    assert result.returncode == 0, result.stderr
