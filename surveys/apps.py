from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Values survey")

    def ready(self):
        from enbek.enums import Role
        from enbek.roles import register_role_permissions
        from enbek.worklist import register_work_provider

        from .selectors import survey_work_items

        register_work_provider("surveys", survey_work_items)
        # Analysts read full results and exports; administrators edit waves, codes, population figures
        # and review open-text answers. Nobody gets a view of single responses in the admin.
        register_role_permissions(Role.MINISTRY_ANALYST, ["surveys.view_results", "surveys.view_survey"])
        register_role_permissions(
            Role.MINISTRY_ADMINISTRATOR,
            [
                "surveys.view_results",
                "surveys.view_survey",
                "surveys.add_survey",
                "surveys.change_survey",
                "surveys.view_section",
                "surveys.add_section",
                "surveys.change_section",
                "surveys.delete_section",
                "surveys.view_question",
                "surveys.add_question",
                "surveys.change_question",
                "surveys.delete_question",
                "surveys.view_choice",
                "surveys.add_choice",
                "surveys.change_choice",
                "surveys.delete_choice",
                "surveys.view_invitationbatch",
                "surveys.add_invitationbatch",
                "surveys.view_populationcell",
                "surveys.add_populationcell",
                "surveys.change_populationcell",
                "surveys.delete_populationcell",
                "surveys.view_answer",
                "surveys.change_answer",
            ],
        )
