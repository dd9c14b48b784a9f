from django.urls import path

from .views import ContestApplicationCreateView, ContestResultsView, MyApplicationListView

app_name = "contests-api"

urlpatterns = [
    path("contests/<int:pk>/applications/", ContestApplicationCreateView.as_view(), name="apply"),
    path("contests/<int:pk>/results/", ContestResultsView.as_view(), name="results"),
    path("me/applications/", MyApplicationListView.as_view(), name="my-applications"),
]
