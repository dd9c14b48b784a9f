from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DynastiesConfig(AppConfig):
    name = "dynasties"
    verbose_name = _("Labour dynasties")

    def ready(self) -> None:
        from enbek.enums import Role
        from enbek.roles import register_role_permissions
        from enbek.worklist import register_work_provider

        from .selectors import dynasty_work_items

        register_work_provider("dynasties", dynasty_work_items)

        register_role_permissions(
            Role.REGIONAL_COORDINATOR,
            ["dynasties.view_dynasty", "dynasties.moderate_dynasty", "dynasties.view_challengeentry"],
        )
        register_role_permissions(
            Role.MINISTRY_ANALYST, ["dynasties.view_dynasty", "dynasties.view_challengeentry"]
        )
        register_role_permissions(
            Role.MINISTRY_ADMINISTRATOR,
            [
                "dynasties.view_dynasty",
                "dynasties.change_dynasty",
                "dynasties.moderate_dynasty",
                "dynasties.view_challengeentry",
                "dynasties.change_challengeentry",
                "dynasties.add_mediaepisode",
                "dynasties.change_mediaepisode",
                "dynasties.add_photoexhibition",
                "dynasties.change_photoexhibition",
            ],
        )
