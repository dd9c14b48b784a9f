from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class CodeConverter:
    regex = r"[a-z_]+\.[a-z_]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")
register_converter(CodeConverter, "code")

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("open-data.<fmt:fmt>", views.open_data_export, name="open_data_export"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.<fmt:fmt>", views.dashboard_export, name="dashboard_export"),
    path("dashboard/run/", views.run_start, name="run_start"),
    path("dashboard/runs/<int:pk>/", views.run_detail, name="run"),
    path("dashboard/<code:code>/", views.indicator_detail, name="indicator"),
    path("dashboard/<code:code>/export.<fmt:fmt>", views.indicator_export, name="indicator_export"),
    path("dashboard/<code:code>/rows/", views.indicator_rows, name="rows"),
    path("dashboard/<code:code>/rows.<fmt:fmt>", views.indicator_rows_export, name="rows_export"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/import/", views.plan_import, name="plan_import"),
    path("plans/template.xlsx", views.plan_template, name="plan_template"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/export.<fmt:fmt>", views.plan_export, name="plan_export"),
    path("plans/items/<int:pk>/", views.plan_item_edit, name="plan_item"),
    path("outreach/", views.outreach_list, name="outreach"),
    path("outreach/new/", views.outreach_new, name="outreach_new"),
    path("outreach/<int:pk>/edit/", views.outreach_edit, name="outreach_edit"),
    path("outreach/<int:pk>/delete/", views.outreach_delete, name="outreach_delete"),
]
