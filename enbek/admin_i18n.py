"""The admin in Kazakh and Russian where Django and django-axes show English whatever the language.

Most of the admin is translated by the catalogues (see enbek/library_messages.py). What is left is
text that never passes through gettext:

- a permission's name is stored in English when `migrate` creates it ("Can add group");
- Django writes a yes/no icon's alternative text as Python's True/False;
- a deletion lists the hidden rows of many-to-many links ("User_groups object (3)");
- django-axes names its app after its label ("Axes") and its records in English f-strings
  ("Attempted Access: 2026-11-29 …").

Each is replaced here, in one place, by the same text in the page's language.
"""

from django.apps import apps
from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enums import Role

PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission) -> str:
    """«Порталдың негізгі модулі | өңір | Қоса алады: өңір» instead of the stored English name."""
    model = permission.content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is not None and action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        name = PERMISSION_ACTIONS[action] % {"model": model._meta.verbose_name}
    else:
        # A permission of our own (Meta.permissions): its English name is the msgid.
        name = gettext(permission.name)
    return f"{permission.content_type} | {name}"


def group_label(group) -> str:
    """A role's translated name; another group's own name."""
    try:
        return str(Role(group.name).label)
    except ValueError:
        return group.name


class TranslatedRelationsMixin:
    """Permissions and groups in the page's language, wherever a form lists them."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name in {"permissions", "user_permissions"}:
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        elif field is not None and db_field.name == "groups":
            field.label_from_instance = group_label
        return field


class DeletionSummaryMixin:
    """A deletion's summary without the many-to-many link rows ("User_groups object (3)"): they
    are removed with the object anyway, and Django names them in English only."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [model for model in apps.get_models(include_auto_created=True) if model._meta.auto_created]
        prefixes = tuple(f"{capfirst(model._meta.verbose_name)}: " for model in links)
        plurals = {str(model._meta.verbose_name_plural) for model in links}

        def prune(items):
            return [
                prune(item) if isinstance(item, list) else item
                for item in items
                if not (isinstance(item, str) and item.startswith(prefixes))
            ]

        counts = {name: count for name, count in model_count.items() if str(name) not in plurals}
        return prune(to_delete), counts, perms_needed, protected


def boolean_icon(value):
    """Django's yes/no icon, its alternative text in the page's language instead of True/False."""
    name, text = {True: ("yes", _("Yes")), False: ("no", _("No")), None: ("unknown", _("Unknown"))}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), text)


def _moment(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def _attempt_str(attempt) -> str:
    return gettext("Sign-in attempts of %(username)s since %(moment)s") % {
        "username": attempt.username or "—",
        "moment": _moment(attempt.attempt_time),
    }


def _access_log_str(log) -> str:
    return gettext("Sign-in of %(username)s at %(moment)s") % {
        "username": log.username or "—",
        "moment": _moment(log.attempt_time),
    }


def _failure_str(failure) -> str:
    text = (
        gettext("Failed sign-in of %(username)s at %(moment)s from %(ip)s, locked out")
        if failure.locked_out
        else gettext("Failed sign-in of %(username)s at %(moment)s from %(ip)s")
    )
    return text % {
        "username": failure.username or "—",
        "moment": _moment(failure.attempt_time),
        "ip": failure.ip_address,
    }


def install() -> None:
    """Called once by enbek.admin, when the admin site is being built."""
    admin_list._boolean_icon = boolean_icon
    if apps.is_installed("axes"):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        apps.get_app_config("axes").verbose_name = _("Sign-in attempts")
        AccessAttempt.__str__ = _attempt_str
        AccessLog.__str__ = _access_log_str
        AccessFailureLog.__str__ = _failure_str
