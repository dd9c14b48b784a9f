from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from enbek.models import User


def _run(**options) -> str:
    out = StringIO()
    call_command("demo_admin", stdout=out, **options)
    return out.getvalue()


def test_demo_admin_created_once_with_the_same_password(db, settings, tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path

    first = _run(url="http://127.0.0.1:8031/")
    second = _run()

    password = (tmp_path / "admin-password.txt").read_text(encoding="utf-8").strip()
    assert f"Administrator: admin@enbek.local  password: {password}" in first
    assert (
        "Sign in at http://127.0.0.1:8031/kk/accounts/login/ (admin: http://127.0.0.1:8031/kk/admin/)"
        in first
    )
    assert f"password: {password}" in second
    admin = User.objects.get(email="admin@enbek.local")
    assert (admin.is_superuser, admin.is_staff, admin.check_password(password)) == (True, True, True)
    assert (tmp_path / "admin-password.txt").stat().st_mode & 0o777 == 0o600


def test_demo_admin_refused_in_production(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="local demo installs only"):
        _run()
    assert not User.objects.filter(email="admin@enbek.local").exists()
