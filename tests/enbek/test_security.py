import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_pages_send_content_security_policy(client, db):
    response = client.get("/kk/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_load_nothing_from_other_hosts(client, db):
    html = client.get("/kk/").content.decode()
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_production_settings_pass_deploy_check():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7$Kq9!vR2@mZ5#tL8^pW3&nB6*yH1(cD4)fG0_jS-eU=aQ+iO]oP[lM{kN}",
        DJANGO_ALLOWED_HOSTS="enbek.gov.kz",
        ENBEK_VAR_DIR=str(ROOT / "var" / "deploy-check"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_off_without_secret_key_refuses_to_start():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="enbek.gov.kz")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_log_lines_never_carry_iin_or_phone(caplog):
    import logging

    from enbek.logging import PersonalDataFilter

    logger = logging.getLogger("enbek.test")
    logger.addFilter(PersonalDataFilter())
    try:
        with caplog.at_level(logging.INFO, logger="enbek.test"):
            logger.info("application from %s, phone %s", "850115300011", "+7 701 123 45 67")
    finally:
        logger.filters.clear()
    assert caplog.records[0].getMessage() == "application from ************, phone +7 *** *** ** **"
