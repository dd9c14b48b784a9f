from django.urls import path

from . import views

app_name = "dynasties"

urlpatterns = [
    path("", views.dynasty_list, name="list"),
    path("mine/", views.dynasty_mine, name="mine"),
    path("<slug:slug>/", views.dynasty_detail, name="detail"),
]
