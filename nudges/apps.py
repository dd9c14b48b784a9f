from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NudgesConfig(AppConfig):
    name = "nudges"
    verbose_name = _("Nudge banners")

    def ready(self) -> None:
        from enbek.enums import Role
        from enbek.roles import register_role_permissions
        from enbek.worklist import register_work_provider

        from .selectors import placement_work_items

        register_work_provider("nudges", placement_work_items)

        # A coordinator records placements in their own region (scoped in nudges.selectors);
        # analysts read every region and the A/B view; administrators do everything.
        register_role_permissions(
            Role.REGIONAL_COORDINATOR,
            [
                "nudges.view_placement",
                "nudges.add_placement",
                "nudges.change_placement",
                "nudges.add_bannerbatch",
            ],
        )
        register_role_permissions(
            Role.MINISTRY_ANALYST, ["nudges.view_placement", "nudges.view_banner", "nudges.add_bannerbatch"]
        )
        register_role_permissions(
            Role.MINISTRY_ADMINISTRATOR,
            [
                "nudges.view_placement",
                "nudges.add_placement",
                "nudges.change_placement",
                "nudges.view_banner",
                "nudges.view_visit",
                "nudges.add_bannerbatch",
                "nudges.view_bannerbatch",
            ],
        )
