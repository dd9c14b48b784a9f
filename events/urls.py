from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.index, name="index"),
    path("calendar/", views.month_calendar, name="calendar"),
    path("feed.ics", views.feed, name="feed"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/register/", views.register, name="register"),
    path("registrations/<int:pk>/", views.ticket, name="ticket"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.manage_new, name="manage_new"),
    path("manage/<int:pk>/", views.manage_event, name="manage_event"),
    path("manage/<int:pk>/edit/", views.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/publish/", views.manage_publish, name="manage_publish"),
    path("manage/<int:pk>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("manage/<int:pk>/photos/", views.manage_photo_add, name="manage_photo_add"),
    path(
        "manage/<int:pk>/photos/<int:photo_pk>/delete/", views.manage_photo_delete, name="manage_photo_delete"
    ),
    path("manage/<int:pk>/check-in/", views.manage_checkin, name="manage_checkin"),
    path("manage/<int:pk>/attendees.csv", views.manage_export, {"fmt": "csv"}, name="manage_export_csv"),
    path("manage/<int:pk>/attendees.xlsx", views.manage_export, {"fmt": "xlsx"}, name="manage_export_xlsx"),
    path("coordinator/", views.coordinator, name="coordinator"),
    path("coordinator/organisations/<int:pk>/verify/", views.coordinator_verify, name="coordinator_verify"),
]
