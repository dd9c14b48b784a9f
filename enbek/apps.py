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
        # Cached roles and permissions (enbek/access.py) are dropped when either changes.
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed

        from .access import access_changed
        from .models import User

        for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
            m2m_changed.connect(
                access_changed, sender=through, dispatch_uid=f"enbek.access.{through.__name__}"
            )
        for model in (Group, Permission):
            post_save.connect(
                access_changed, sender=model, dispatch_uid=f"enbek.access.{model.__name__}.save"
            )
            post_delete.connect(
                access_changed, sender=model, dispatch_uid=f"enbek.access.{model.__name__}.del"
            )
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
