from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnbekConfig(AppConfig):
    name = "enbek"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed
        from django.db.models.signals import post_migrate

        from . import roles
        from .auth import on_user_login_failed

        # Permissions exist only after every app migrated, so roles get theirs here.
        post_migrate.connect(roles.sync_role_permissions_handler, dispatch_uid="enbek.sync_roles")
        # Failed sign-ins per address, for the password-spraying throttle (enbek/auth.py).
        user_login_failed.connect(on_user_login_failed, dispatch_uid="enbek.login_spray")
