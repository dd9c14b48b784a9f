from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("«Я-профи» contest")

    def ready(self) -> None:
        from enbek.enums import Role
        from enbek.roles import register_role_permissions
        from enbek.worklist import register_work_provider

        from .selectors import contest_work_items

        register_work_provider("contests", contest_work_items)
        register_role_permissions(
            Role.MINISTRY_ANALYST,
            ["contests.view_contest", "contests.view_application", "contests.view_juryassignment"],
        )
        register_role_permissions(
            Role.MINISTRY_ADMINISTRATOR,
            [
                f"contests.{action}_{model}"
                for model in ("contest", "nomination", "stage", "criterion", "juryassignment")
                for action in ("view", "add", "change", "delete")
            ]
            + ["contests.view_application", "contests.change_application"],
        )
