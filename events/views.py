from django.shortcuts import render

from .selectors import event_upcoming_list


def index(request):
    return render(request, "events/index.html", {"events": list(event_upcoming_list()[:50])})
