"""Anonymous public pages are cached per language and invalidated by the services that change them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dynasties import services
from dynasties.enums import DynastyStatus
from enbek import pagecache
from enbek.pagecache import (
    cache_public_page,
    cached_count,
    pagecache_invalidate,
)
from tests.factories import UserFactory
from tests.factories.dynasties import DynastyFactory

PUBLIC_PAGES = [
    "/kk/",
    "/ru/",
    "/kk/dynasties/",
    "/kk/dynasties/?region=75&min_generations=2",
    "/ru/proverbs/",
    "/api/v1/dynasties/",
    "/api/v1/dynasties/?region=75&ordering=-total_years",
    "/api/v1/proverbs/",
    "/api/v1/regions/",
    "/api/v1/spheres/",
]


@pytest.fixture
def published(db):
    return [DynastyFactory(family_name_kk=f"Кешоттар {n}", family_name=f"Кешоттар {n}") for n in range(3)]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_second_request_served_from_cache_without_queries(client, page_cache, published, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_dynasty_detail_cached_without_queries(client, page_cache, published):
    path = published[0].get_absolute_url()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert (response.status_code, response["X-Page-Cache"], len(queries)) == (200, "hit", 0)


def test_publishing_a_dynasty_shows_on_cached_pages_at_once(
    client, page_cache, published, coordinator, django_capture_on_commit_callbacks
):
    submitted = DynastyFactory(
        family_name_kk="Жаңажариялар",
        family_name="Жаңажариялар",
        status=DynastyStatus.SUBMITTED,
        published_at=None,
    )
    for path in ("/kk/dynasties/", "/api/v1/dynasties/", "/kk/"):
        assert "Жаңажариялар" not in client.get(path).content.decode()
        assert client.get(path)["X-Page-Cache"] == "hit"
    home_before = client.get("/kk/").context  # served from cache: no template context
    assert home_before is None

    with django_capture_on_commit_callbacks(execute=True):
        services.dynasty_publish(dynasty=submitted, moderator=coordinator)

    for path in ("/kk/dynasties/", "/api/v1/dynasties/", "/kk/"):
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss"
        assert "Жаңажариялар" in response.content.decode()
    assert response.context["figures"]["dynasties"] == 4  # the home page's count moved on too


def test_pages_cached_per_language(client, page_cache, published):
    kk = client.get("/kk/dynasties/")
    ru = client.get("/ru/dynasties/")
    assert (kk["X-Page-Cache"], ru["X-Page-Cache"]) == ("miss", "miss")
    assert '<html lang="kk">' in kk.content.decode()
    assert '<html lang="ru">' in ru.content.decode()

    api_kk = client.get("/api/v1/spheres/", HTTP_ACCEPT_LANGUAGE="kk")
    api_ru = client.get("/api/v1/spheres/", HTTP_ACCEPT_LANGUAGE="ru")
    api_ru_again = client.get("/api/v1/spheres/?lang=ru")
    assert (api_kk["X-Page-Cache"], api_ru["X-Page-Cache"]) == ("miss", "miss")
    assert api_kk.content != api_ru.content
    assert api_ru_again["X-Page-Cache"] == "miss"  # another query string, another entry
    assert client.get("/api/v1/spheres/", HTTP_ACCEPT_LANGUAGE="ru").content == api_ru.content


def test_signed_in_user_never_gets_a_cached_page(client, page_cache, published, citizen):
    client.get("/kk/dynasties/")
    assert client.get("/kk/dynasties/")["X-Page-Cache"] == "hit"

    client.force_login(citizen)
    response = client.get("/kk/dynasties/")

    assert "X-Page-Cache" not in response
    assert "Sign out" in response.content.decode() or "Шығу" in response.content.decode()


def test_anonymous_visitor_with_a_session_cookie_is_not_served_from_cache(client, page_cache, published):
    client.get("/kk/dynasties/")
    client.cookies["sessionid"] = "whatever"
    assert "X-Page-Cache" not in client.get("/kk/dynasties/")


def test_page_that_renders_a_csrf_token_is_not_cached(rf, page_cache, db):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    @cache_public_page("test")
    def form_view(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    def anonymous_get():
        request = rf.get("/kk/form/")
        request.user = AnonymousUser()
        request.LANGUAGE_CODE = "kk"
        return form_view(request)

    assert "X-Page-Cache" not in anonymous_get()
    assert "X-Page-Cache" not in anonymous_get()


def test_post_and_errors_are_not_cached(client, page_cache, published):
    assert client.get("/kk/dynasties/no-such-family/").status_code == 404
    assert "X-Page-Cache" not in client.get("/kk/dynasties/no-such-family/")


def test_cached_response_varies_on_cookie(client, page_cache, published):
    assert "Cookie" in client.get("/kk/dynasties/")["Vary"]


def test_another_process_invalidation_is_seen_within_seconds(client, page_cache, published, monkeypatch):
    client.get("/kk/dynasties/")
    assert client.get("/kk/dynasties/")["X-Page-Cache"] == "hit"
    cache.incr("pagecache:v:dynasties")  # what pagecache_invalidate does in another web process
    assert client.get("/kk/dynasties/")["X-Page-Cache"] == "hit"  # this process still trusts its copy
    monkeypatch.setattr(pagecache, "LOCAL_VERSION_SECONDS", 0.0)
    assert client.get("/kk/dynasties/")["X-Page-Cache"] == "miss"


def test_invalidate_moves_only_its_group(client, page_cache, published):
    client.get("/ru/proverbs/")
    client.get("/kk/dynasties/")
    pagecache_invalidate("proverbs")
    assert client.get("/ru/proverbs/")["X-Page-Cache"] == "miss"
    assert client.get("/kk/dynasties/")["X-Page-Cache"] == "hit"


def test_cached_count_counted_once_per_change(page_cache, published, django_assert_num_queries):
    from dynasties.selectors import dynasty_published

    queryset = dynasty_published()
    assert cached_count(queryset, "dynasties") == 3
    DynastyFactory()  # written past the services: the count stays until the group is invalidated
    with django_assert_num_queries(0):
        assert cached_count(queryset, "dynasties") == 3
    pagecache_invalidate("dynasties")
    assert cached_count(queryset, "dynasties") == 4


def test_home_and_list_without_count_query_once_counted(client, page_cache, published):
    """The COUNT(*) of published dynasties no longer runs on every signed-in request either."""
    user = UserFactory()
    client.force_login(user)
    client.get("/kk/")
    client.get("/kk/dynasties/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/kk/").status_code == 200
        assert client.get("/kk/dynasties/").status_code == 200
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "dynasties_dynasty" in q["sql"]]
    assert counts == []


UNCACHED_PAGES = [
    "/kk/",
    "/kk/dynasties/",
    "/ru/dynasties/?region=75&min_generations=1",
    "/kk/dynasties/?page=2",
    "/kk/proverbs/",
    "/api/v1/dynasties/",
    "/api/v1/dynasties/?region=75&ordering=-total_years",
]


def _query_counts(client) -> dict[str, int]:
    counts = {}
    for path in UNCACHED_PAGES:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code in (200, 404), path
        counts[path] = len(queries)
    return counts


def test_no_request_grows_with_the_data(client, page_cache, citizen):
    """The uncached path (a signed-in visitor) asks the same number of queries for 15 or 45 dynasties
    (two pages of the list or four); the benchmark measures the latency at 20,000 and more."""
    from tests.factories.dynasties import MemberFactory

    client.force_login(citizen)

    def add(count):
        for _ in range(count):
            dynasty = DynastyFactory()
            MemberFactory(dynasty=dynasty, generation=1)
            MemberFactory(dynasty=dynasty, generation=2)

    add(15)
    few = _query_counts(client)
    add(30)
    pagecache_invalidate("dynasties")
    many = _query_counts(client)
    assert many == few


def test_signed_in_page_reuses_the_public_fragment_and_sees_a_publication(
    client, page_cache, published, citizen, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    first = client.get("/kk/dynasties/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/kk/dynasties/")

    def main(response):  # the header differs: the logout form's CSRF token is masked anew each time
        html = response.content.decode()
        return html[html.index("<main") : html.index("</main>")]

    assert main(first) == main(second)
    assert not [q for q in queries if 'FROM "dynasties_dynasty"' in q["sql"]]  # the list came from the cache

    submitted = DynastyFactory(
        family_name_kk="Фрагменттер", status=DynastyStatus.SUBMITTED, published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.dynasty_publish(dynasty=submitted, moderator=coordinator)
    assert "Фрагменттер" in client.get("/kk/dynasties/").content.decode()


def test_public_fragment_kept_apart_per_language_and_user_chrome_not_cached(
    client, page_cache, published, citizen
):
    client.force_login(citizen)
    kk = client.get("/kk/dynasties/").content.decode()
    ru = client.get("/ru/dynasties/").content.decode()
    assert "<h1>Еңбек әулеттері</h1>" in kk
    assert "<h1>Трудовые династии</h1>" in ru
    assert 'action="/kk/accounts/logout/"' in kk

    client.logout()
    anonymous = client.get("/kk/dynasties/").content.decode()
    assert "<h1>Еңбек әулеттері</h1>" in anonymous
    assert 'action="/kk/accounts/logout/"' not in anonymous
    assert 'href="/kk/accounts/login/"' in anonymous


def test_admin_deleting_a_dynasty_invalidates_its_pages(
    client, page_cache, published, rf, ministry_admin, django_capture_on_commit_callbacks
):
    from django.contrib import admin

    from dynasties.models import Dynasty

    client.get("/kk/dynasties/")
    assert client.get("/kk/dynasties/")["X-Page-Cache"] == "hit"
    request = rf.post("/kk/admin/")
    request.user = ministry_admin
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        admin.site._registry[Dynasty].delete_model(request, published[0])
        admin.site._registry[Dynasty].delete_model(request, published[1])
    assert len(callbacks) == 1  # once per transaction, however many rows changed
    response = client.get("/kk/dynasties/")
    assert response["X-Page-Cache"] == "miss"
    assert published[0].family_name not in response.content.decode()


def test_lazy_value_is_computed_once_on_first_use_and_never_when_unused():
    import copy

    from enbek.pagecache import lazy

    calls = []
    unused = lazy(lambda: calls.append("unused"))
    value = lazy(lambda: calls.append("used") or {"items": [1, 2], "count": 2})
    copy.copy(unused)

    assert (value["count"], len(value), bool(value), list(value["items"])) == (2, 2, True, [1, 2])
    assert (value.get("count"), calls) == (2, ["used"])
