from django.http import Http404
from django.shortcuts import render

from .models import Dynasty
from .selectors import dynasty_public_detail, dynasty_public_list


def dynasty_list(request):
    return render(request, "dynasties/list.html", {"dynasties": dynasty_public_list()[:20]})


def dynasty_detail(request, slug):
    try:
        dynasty = dynasty_public_detail(slug=slug)
    except Dynasty.DoesNotExist:
        raise Http404 from None
    return render(request, "dynasties/detail.html", {"dynasty": dynasty})


def dynasty_mine(request):
    from django.contrib.auth.views import redirect_to_login

    from .selectors import dynasty_owned_list

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "dynasties/mine.html", {"dynasties": dynasty_owned_list(user=request.user)})
