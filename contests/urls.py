from django.urls import path

from . import views

app_name = "contests"

urlpatterns = [
    path("", views.index, name="index"),
    path("winners/", views.winners, name="winners"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/results/", views.results, name="results"),
    path("applications/", views.mine, name="mine"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/step/<int:step>/", views.step, name="step"),
    path("applications/<int:pk>/files/<int:file_pk>/remove/", views.file_remove, name="file_remove"),
    path("jury/", views.jury, name="jury"),
    path("jury/sheets/<int:pk>/", views.jury_sheet_view, name="jury_sheet"),
    path("screening/", views.screening, name="screening"),
    path("screening/<int:pk>/", views.screening_detail, name="screening_detail"),
    path("manage/", views.manage, name="manage"),
    path("manage/stages/<int:pk>/", views.overview, name="overview"),
    path("manage/stages/<int:pk>/action/", views.manage_action, name="manage_action"),
    path("manage/stages/<int:pk>/export.<str:fmt>", views.export, name="export"),
]
