from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnbekConfig(AppConfig):
    name = "enbek"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import roles

        # Permissions exist only after every app migrated, so roles get theirs here.
        post_migrate.connect(roles.sync_role_permissions_handler, dispatch_uid="enbek.sync_roles")
