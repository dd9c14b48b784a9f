"""Roles and permissions are read once per change (enbek/access.py), and a change shows at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enbek.enums import Role
from enbek.models import User
from tests.factories import UserFactory

PERMISSION = "enbek.view_personal_data"


@pytest.fixture(autouse=True)
def _access_cache(settings):
    settings.ACCESS_CACHE = True


def _fresh(user) -> User:
    """The user as the next request loads it: nothing remembered on the instance."""
    return User.objects.get(pk=user.pk)


def _grant(user, codename: str = "view_personal_data") -> None:
    user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="enbek"))


def test_permissions_are_read_once_then_served_from_the_cache(db):
    user = UserFactory(roles=[Role.CITIZEN])
    _grant(user)
    assert _fresh(user).has_perm(PERMISSION) is True

    next_request = _fresh(user)
    with CaptureQueriesContext(connection) as queries:
        assert next_request.has_perm(PERMISSION) is True
        assert next_request.has_role(Role.CITIZEN) is True  # roles were not read yet: one query
        assert next_request.has_role(Role.CITIZEN) is True
    assert len(queries) == 1

    later = _fresh(user)
    with CaptureQueriesContext(connection) as queries:
        assert (later.has_perm(PERMISSION), later.has_role(Role.CITIZEN)) == (True, True)
    assert len(queries) == 0


def test_a_revoked_permission_is_gone_on_the_next_request(db):
    user = UserFactory(roles=[Role.CITIZEN])
    _grant(user)
    assert _fresh(user).has_perm(PERMISSION) is True

    user.user_permissions.clear()

    assert _fresh(user).has_perm(PERMISSION) is False


def test_a_group_losing_a_permission_takes_it_from_its_members_at_once(db):
    coordinator = UserFactory(roles=[Role.REGIONAL_COORDINATOR])
    group = Group.objects.get(name=Role.REGIONAL_COORDINATOR.value)
    permission = Permission.objects.get(codename="coordinate_region", content_type__app_label="enbek")
    assert _fresh(coordinator).has_perm("enbek.coordinate_region") is True

    group.permissions.remove(permission)

    assert _fresh(coordinator).has_perm("enbek.coordinate_region") is False


def test_a_removed_role_is_gone_on_the_next_request(db):
    user = UserFactory(roles=[Role.CITIZEN, Role.JURY_MEMBER])
    assert _fresh(user).has_role(Role.JURY_MEMBER) is True

    user.groups.remove(Group.objects.get(name=Role.JURY_MEMBER.value))

    assert (_fresh(user).has_role(Role.JURY_MEMBER), _fresh(user).has_role(Role.CITIZEN)) == (False, True)


def test_a_deactivated_user_has_no_permission_on_the_next_request(db):
    user = UserFactory(roles=[Role.CITIZEN])
    _grant(user)
    assert _fresh(user).has_perm(PERMISSION) is True

    User.objects.filter(pk=user.pk).update(is_active=False)  # no signal: the flag is part of the key

    assert _fresh(user).has_perm(PERMISSION) is False


def test_permissions_cached_before_the_change_committed_are_dropped_at_commit(
    db, django_capture_on_commit_callbacks
):
    from enbek.access import cached_access

    user = UserFactory(roles=[Role.CITIZEN])
    _grant(user)
    with django_capture_on_commit_callbacks(execute=True):
        user.user_permissions.clear()
        # Another request that read the rows before this transaction committed caches the old set.
        cached_access(_fresh(user), "perms", lambda: {PERMISSION})
        assert _fresh(user).has_perm(PERMISSION) is True

    assert _fresh(user).has_perm(PERMISSION) is False
