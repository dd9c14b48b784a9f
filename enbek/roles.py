"""The portal's roles as Django groups and the permissions each one holds.

Groups are created by migration (enbek/migrations/0002); their permissions are (re)synced after
every `migrate`, since Django creates the permissions of all apps only then. A section app that
adds models adds its permissions to ROLE_PERMISSIONS here, the one place that says who may do what.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from .enums import Role

# "app_label.codename"; a codename whose model does not exist yet is skipped until it does.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CITIZEN: [],
    Role.ENTERPRISE_REPRESENTATIVE: [
        "enbek.view_organization",
        "enbek.change_organization",
    ],
    Role.JURY_MEMBER: [],
    Role.REGIONAL_COORDINATOR: [
        "enbek.coordinate_region",
        "enbek.view_organization",
        "enbek.view_personal_data",
    ],
    Role.MINISTRY_ANALYST: [
        "enbek.view_all_regions",
        "enbek.view_region",
        "enbek.view_organization",
        "enbek.view_proverb",
        "enbek.view_sphere",
        "enbek.view_profession",
        "enbek.view_trainingprogramme",
        "enbek.view_quizstatement",
        "enbek.view_quizcompletionday",
    ],
    Role.MINISTRY_ADMINISTRATOR: [
        "enbek.view_all_regions",
        "enbek.coordinate_region",
        "enbek.view_personal_data",
        "enbek.view_region",
        "enbek.view_organization",
        "enbek.add_organization",
        "enbek.change_organization",
        "enbek.view_proverb",
        "enbek.add_proverb",
        "enbek.change_proverb",
        "enbek.view_sphere",
        "enbek.add_sphere",
        "enbek.change_sphere",
        "enbek.view_profession",
        "enbek.add_profession",
        "enbek.change_profession",
        "enbek.view_trainingprogramme",
        "enbek.add_trainingprogramme",
        "enbek.change_trainingprogramme",
        "enbek.delete_trainingprogramme",
        "enbek.view_proverbtheme",
        "enbek.add_proverbtheme",
        "enbek.change_proverbtheme",
        "enbek.view_quizstatement",
        "enbek.add_quizstatement",
        "enbek.change_quizstatement",
        "enbek.view_quizcompletionday",
        "enbek.view_user",
        "enbek.change_user",
    ],
}


def register_role_permissions(role: Role, permissions: list[str]) -> None:
    """Section apps call this from their AppConfig.ready() to give roles their own permissions."""
    for permission in permissions:
        if permission not in ROLE_PERMISSIONS[role]:
            ROLE_PERMISSIONS[role].append(permission)


def sync_role_permissions(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in Role:
        group, _ = Group.objects.using(using).get_or_create(name=role.value)
        wanted = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".", 1)
            wanted.extend(
                Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


def sync_role_permissions_handler(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    # Run once per migrate, after the last app: by then every permission exists.
    if sender.label != "indicators":
        return
    sync_role_permissions(apps=apps, using=using)
