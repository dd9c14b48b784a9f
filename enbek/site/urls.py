"""The profession explorer and the interest quiz: /professions/…"""

from django.urls import path, re_path

from . import checks, views  # noqa: F401 - checks registers the panels' system check

app_name = "professions"

urlpatterns = [
    path("", views.profession_list, name="list"),
    path("quiz/", views.quiz, name="quiz"),
    path("quiz/result/", views.quiz_result, name="quiz_result"),
    path("quiz/save/", views.quiz_result_keep, name="quiz_save"),
    path("quiz/mine/", views.quiz_mine, name="quiz_mine"),
    re_path(r"^(?P<code>\d{4}-\d{2})/$", views.profession_detail, name="detail"),
]
