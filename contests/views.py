from django.shortcuts import render

from .selectors import contest_open_list


def index(request):
    return render(request, "contests/index.html", {"contests": list(contest_open_list()[:50])})
