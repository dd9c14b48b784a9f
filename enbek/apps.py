from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnbekConfig(AppConfig):
    name = "enbek"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import roles
        from .auth import on_user_login_failed

        # Permissions exist only after every app migrated, so roles get theirs here.
        post_migrate.connect(roles.sync_role_permissions_handler, dispatch_uid="enbek.sync_roles")
        # Failed sign-ins per address, for the password-spraying throttle (enbek/auth.py).
        user_login_failed.connect(on_user_login_failed, dispatch_uid="enbek.login_spray")
        # Proverbs, themes, regions, spheres and professions are edited in the admin, not through
        # services: the cached public pages that show them are invalidated when one is saved or deleted.
        from .models import Profession, Proverb, ProverbTheme, Region, Sphere
        from .pagecache import EVERYTHING, pagecache_invalidate_on_commit

        def proverbs_changed(**kwargs):
            pagecache_invalidate_on_commit("proverbs")

        def classifier_changed(**kwargs):
            pagecache_invalidate_on_commit(EVERYTHING)

        for model, receiver in (
            (Proverb, proverbs_changed),
            (ProverbTheme, proverbs_changed),
            (Region, classifier_changed),
            (Sphere, classifier_changed),
            (Profession, classifier_changed),
        ):
            uid = f"enbek.pagecache.{model.__name__}"
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ".save")
            post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ".delete")
