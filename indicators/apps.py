from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Effectiveness indicators")

    def ready(self) -> None:
        from enbek.enums import Role
        from enbek.roles import register_role_permissions
        from enbek.worklist import register_work_provider

        from . import checks  # noqa: F401 - registers the system check
        from .selectors import indicator_work_items
        from .services import sync_catalogue_handler

        post_migrate.connect(sync_catalogue_handler, dispatch_uid="indicators.sync_catalogue")
        register_work_provider("indicators", indicator_work_items)
        register_role_permissions(
            Role.REGIONAL_COORDINATOR,
            [
                "indicators.view_dashboard",
                "indicators.view_indicator",
                "indicators.view_actionplan",
                "indicators.view_actionplanitem",
                "indicators.change_actionplanitem",
                "indicators.view_outreachactivity",
                "indicators.add_outreachactivity",
                "indicators.change_outreachactivity",
                "indicators.delete_outreachactivity",
            ],
        )
        register_role_permissions(
            Role.MINISTRY_ANALYST,
            [
                "indicators.view_dashboard",
                "indicators.run_aggregation",
                "indicators.view_indicator",
                "indicators.view_target",
                "indicators.view_actionplan",
                "indicators.view_actionplanitem",
                "indicators.view_outreachactivity",
                "indicators.view_aggregationrun",
            ],
        )
        register_role_permissions(
            Role.MINISTRY_ADMINISTRATOR,
            [
                "indicators.view_dashboard",
                "indicators.run_aggregation",
                "indicators.view_indicator",
                "indicators.change_indicator",
                "indicators.view_target",
                "indicators.add_target",
                "indicators.change_target",
                "indicators.delete_target",
                "indicators.view_actionplan",
                "indicators.add_actionplan",
                "indicators.change_actionplan",
                "indicators.view_actionplanitem",
                "indicators.add_actionplanitem",
                "indicators.change_actionplanitem",
                "indicators.delete_actionplanitem",
                "indicators.view_outreachactivity",
                "indicators.add_outreachactivity",
                "indicators.change_outreachactivity",
                "indicators.delete_outreachactivity",
                "indicators.view_aggregationrun",
            ],
        )
