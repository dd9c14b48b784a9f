"""The authentication backend: Django's, with each user's permissions cached (enbek/access.py)."""

from django.contrib.auth.backends import ModelBackend

from .access import cached_access


class CachedPermissionBackend(ModelBackend):
    """Django's ModelBackend (sign-in, has_perm) with the permission set kept by cached_access."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = cached_access(
                user_obj, "perms", lambda: set(ModelBackend.get_all_permissions(self, user_obj))
            )
        return user_obj._perm_cache
