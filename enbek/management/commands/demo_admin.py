"""Create (once) the local administrator of a demo install and print how to sign in."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from enbek.enums import Role
from enbek.models import User
from enbek.services import user_create

EMAIL = "admin@enbek.local"


class Command(BaseCommand):
    help = "Create the demo administrator (admin@enbek.local) and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Where the portal is served.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_admin is for local demo installs only (DJANGO_DEBUG=1).")
        secret_file = settings.VAR_DIR / "admin-password.txt"
        user = User.objects.filter(email=EMAIL).first()
        if user is None or not secret_file.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = user_create(
                    email=EMAIL,
                    password=password,
                    full_name="Portal Administrator",
                    roles=(Role.MINISTRY_ADMINISTRATOR,),
                )
            user.set_password(password)
            user.is_superuser = user.is_staff = True
            user.save()
            secret_file.write_text(password + "\n", encoding="utf-8")
            secret_file.chmod(0o600)
        password = secret_file.read_text(encoding="utf-8").strip()
        self.stdout.write(self.style.SUCCESS("Administrator: " + EMAIL + "  password: " + password))
        url = options["url"].rstrip("/")
        self.stdout.write(f"Sign in at {url}/kk/accounts/login/ (admin: {url}/kk/admin/)")
