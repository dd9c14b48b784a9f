from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Career-guidance events")

    def ready(self) -> None:
        from enbek.enums import Role
        from enbek.roles import register_role_permissions
        from enbek.worklist import register_work_provider

        from .selectors import event_work_items

        register_work_provider("events", event_work_items)
        register_role_permissions(
            Role.REGIONAL_COORDINATOR, ["events.view_event", "events.view_registration"]
        )
        register_role_permissions(Role.MINISTRY_ANALYST, ["events.view_event"])
        register_role_permissions(
            Role.MINISTRY_ADMINISTRATOR,
            ["events.view_event", "events.change_event", "events.view_registration"],
        )
