from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.start, name="start"),
    path("<int:year>/page/<int:page>/", views.page, name="page"),
    path("<int:year>/thanks/", views.thanks, name="thanks"),
    path("<int:year>/results/", views.results, name="results"),
    path("<int:year>/results/<str:kind>", views.export, name="export"),
    path("invitations/<int:pk>/print/", views.invitation_print, name="invitation_print"),
]
