import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import timezone

ROOT = Path(settings.BASE_DIR)
CATALOGUES = [ROOT / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("kk", "ru")]
# The admin's JavaScript (calendar, clock, selectors): enbek/library_messages.js.
JS_CATALOGUES = [ROOT / "locale" / lang / "LC_MESSAGES" / "djangojs.po" for lang in ("kk", "ru")]


@pytest.mark.parametrize("path", CATALOGUES + JS_CATALOGUES, ids=["kk", "ru", "kk-js", "ru-js"])
def test_catalogue_has_no_empty_or_fuzzy_entries(path):
    catalogue = polib.pofile(str(path))
    empty = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert len(catalogue) > 50
    assert empty == []
    assert fuzzy == []


@pytest.mark.parametrize("paths", [CATALOGUES, JS_CATALOGUES], ids=["django", "djangojs"])
def test_catalogues_cover_the_same_messages(paths):
    kk, ru = (polib.pofile(str(path)) for path in paths)
    assert {(e.msgctxt, e.msgid) for e in kk if not e.obsolete} == {
        (e.msgctxt, e.msgid) for e in ru if not e.obsolete
    }


def test_catalogues_keep_placeholders():
    placeholder = re.compile(r"%\(\w+\)[sdr]|\{\{\s*\w+\s*\}\}|%[sd]|\{\w*(?::\w+)?\}")
    for path in CATALOGUES + JS_CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if entry.msgid_plural:
                for text in entry.msgstr_plural.values():
                    assert sorted(placeholder.findall(text)) == sorted(
                        placeholder.findall(entry.msgid_plural)
                    ), entry.msgid
            else:
                assert sorted(placeholder.findall(entry.msgstr)) == sorted(
                    placeholder.findall(entry.msgid)
                ), entry.msgid


# --- Templates show no literal text outside translation tags -------------------------------------
_TRANSLATED_BLOCK = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.DOTALL)
_TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)
_COMMENT_BLOCK = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)
_LETTERS = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_VISIBLE_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "content", "value", "label"}
# Brand names shown as they are in both languages.
_ALLOWED_WORDS = {
    "WhatsApp",
    "Telegram",
    "Facebook",
    "VK",
    "Instagram",
    "TikTok",
    "YouTube",
    "Threads",
    "API",
    "KZ",
    "OpenAPI",
}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if (
                name in _VISIBLE_ATTRIBUTES
                and value
                and not (tag == "meta" and name == "content" and dict(attrs).get("name") == "viewport")
            ):
                if tag == "input" and name == "value" and dict(attrs).get("type") == "hidden":
                    continue
                if tag == "button" and name == "value":  # sent with the form, never shown
                    continue
                self._check(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._check(data)

    def _check(self, text):
        words = [w for w in _LETTERS.findall(text) if w not in _ALLOWED_WORDS and w != "TAG"]
        if words:
            self.found.append(text.strip()[:80])


def _html_templates():
    dirs = [ROOT / "templates"] + [
        ROOT / app / "templates"
        for app in ("enbek", "dynasties", "contests", "events", "surveys", "indicators")
    ]
    for directory in dirs:
        if directory.exists():
            yield from sorted(directory.rglob("*.html"))


def test_templates_have_no_literal_text_outside_translation_tags():
    offenders = {}
    for path in _html_templates():
        source = path.read_text(encoding="utf-8")
        source = _COMMENT_BLOCK.sub(" ", source)
        source = _TRANSLATED_BLOCK.sub(" TAG ", source)
        source = _TAG.sub(" TAG ", source)
        collector = _TextCollector()
        collector.feed(source)
        if collector.found:
            offenders[str(path.relative_to(ROOT))] = collector.found
    assert offenders == {}


def test_literal_text_check_catches_an_untranslated_template():
    collector = _TextCollector()
    collector.feed(_TAG.sub(" TAG ", "<p>Hello {{ name }}</p><img alt='Photo'>"))
    assert collector.found == ["Hello  TAG", "Photo"]


# --- Language in URLs, switcher, lang attribute -------------------------------------------------
def test_root_redirects_to_kazakh_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/kk/"


@pytest.mark.parametrize(("lang", "title"), [("kk", "Күннің мақалы"), ("ru", "Пословица дня")])
def test_home_in_each_language_has_lang_attribute_and_translated_text(client, db, lang, title):
    response = client.get(f"/{lang}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert title in html


def test_language_switcher_keeps_the_page_and_query(client, db):
    html = client.get("/kk/about/?x=1").content.decode()
    assert 'href="/ru/about/?x=1"' in html
    assert 'href="/kk/about/?x=1"' in html


def test_language_switcher_on_a_404_page_keeps_the_path(client, db):
    response = client.get("/kk/no-such-page/")
    assert response.status_code == 404
    assert 'href="/ru/no-such-page/"' in response.content.decode()


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/", "Бет табылмады"),
        ("/ru/nothing-here/", "Страница не найдена"),
        ("/kk/nothing/", "Бет табылмады"),
    ],
)
def test_unknown_language_or_path_gives_translated_404(client, db, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()


def test_language_switcher_on_sign_in_switches_next_too(client, db):
    from tests.factories import UserFactory

    UserFactory(email="next@example.kz", password="Qwerty!2345")
    html = client.get("/kk/accounts/login/?next=/kk/dynasties/new/").content.decode()
    assert 'href="/ru/accounts/login/?next=/ru/dynasties/new/"' in html

    # The visitor takes that link and signs in: they land on the page they asked for, in Russian.
    html = client.get("/ru/accounts/login/?next=/ru/dynasties/new/").content.decode()
    assert 'name="next" value="/ru/dynasties/new/"' in html
    response = client.post(
        "/ru/accounts/login/?next=/ru/dynasties/new/",
        {"username": "next@example.kz", "password": "Qwerty!2345", "next": "/ru/dynasties/new/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/ru/dynasties/new/"


@pytest.mark.parametrize(
    ("query", "ru_query"),
    [
        ("next=https://evil.example/kk/", "next=https%3A//evil.example/kk/"),
        ("next=//evil.example/kk/", "next=//evil.example/kk/"),
        ("next=/kk/dynasties/%3Fq%3D%D0%B0&x=1", "next=/ru/dynasties/%3Fq%3D%D0%B0&amp;x=1"),
        ("next=/kk/%00&x=%0A", "next=/ru/%00&amp;x=%0A"),
    ],
)
def test_language_switcher_switches_only_local_next(client, db, query, ru_query):
    response = client.get(f"/kk/accounts/login/?{query}")
    assert response.status_code == 200
    assert f'href="/ru/accounts/login/?{ru_query}"' in response.content.decode()


# --- What people see is in their language: pages, forms with errors, the admin ----------------------
from .i18n_sweep import (  # noqa: E402 - the sweep's helpers belong with these tests
    admin_pages,
    anonymous_form_posts,
    citizen_form_posts,
    citizen_pages,
    coordinator_form_posts,
    coordinator_pages,
    english_words,
    foreign_text,
    public_pages,
)


def test_english_check_catches_django_s_english_and_not_brand_names():
    assert english_words("This password is too short. It must contain at least 8 characters.") != []
    assert english_words("Ensure this value has at most 200 characters (it has 201).") != []
    assert english_words("Start typing to filter…") == ["Start", "typing", "to", "filter"]
    assert english_words("View site / Recent actions / Access attempts") != []
    brands = "WhatsApp Telegram Facebook VK YouTube TikTok Instagram Threads X «Я-профи» Open API KZ-75 JPEG"
    assert english_words(brands) == []
    assert (
        english_words("https://www.youtube.com/watch?v=at-the-top user@example.kz trade-and-services") == []
    )


def test_foreign_text_finds_english_and_kazakh_on_a_russian_page():
    html = (
        "<p>Запрос был проигнорирован. 60 секундтан кейін қайта қолжетімді болады.</p>"
        "<input type=submit value='Save'><p title='Еңбек – елдің мұраты'>Еңбек – елдің мұраты</p>"
    )
    assert foreign_text(html, "ru") == [
        "Запрос был проигнорирован. 60 секундтан кейін қайта қолжетімді болады.",
        "Save",
    ]
    assert foreign_text(html, "kk") == ["Save"]


@pytest.fixture
def portal_in_use(db, settings):
    """A published family, a citizen's draft, a coordinator's queue, failed sign-ins, an administrator."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from dynasties import services
    from dynasties.enums import ChallengeStatus, DynastyStatus
    from dynasties.models import MediaEpisode, PhotoExhibition
    from enbek.enums import Role
    from tests.factories import (
        ChallengeEntryFactory,
        DynastyFactory,
        MemberFactory,
        OrganizationFactory,
        PhotoFactory,
        UserFactory,
        region,
    )

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    published = DynastyFactory(family_name_kk="Өтеповтер", family_name_ru="Өтеповы", slug="otepovter")
    for generation in (1, 2):
        MemberFactory(dynasty=published, generation=generation, full_name=f"Сапар Өтепов {generation}")
    PhotoFactory(dynasty=published)
    MediaEpisode.objects.create(
        dynasty=published,
        title_kk="Хабар",
        title_ru="Передача",
        kind="tv",
        outlet_kk="Арна",
        url="https://e.kz/1",
    )
    exhibition = PhotoExhibition.objects.create(
        title_kk="Көрме",
        title_ru="Выставка",
        place_kk="Алматы",
        place_ru="Алматы",
        region=region("75"),
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 5, 9),
    )
    exhibition.dynasties.add(published)
    ChallengeEntryFactory(dynasty=published, status=ChallengeStatus.APPROVED)
    ChallengeEntryFactory(dynasty=published, status=ChallengeStatus.PENDING)
    services.dynasty_refresh_search(dynasty=published)

    citizen = UserFactory(email="citizen@example.kz", roles=[Role.CITIZEN])
    draft = services.dynasty_create(
        submitted_by=citizen, family_name_kk="Сейітовтер", sphere=published.sphere, region=region("75")
    )
    coordinator = UserFactory(email="coordinator@example.kz", roles=[Role.REGIONAL_COORDINATOR])
    submitted = DynastyFactory(status=DynastyStatus.SUBMITTED, published_at=None, submitted_at=timezone.now())
    OrganizationFactory()
    administrator = UserFactory(email="admin@example.kz", is_staff=True, is_superuser=True)
    AccessAttempt.objects.create(username="citizen@example.kz", ip_address="10.0.0.1", failures_since_start=3)
    AccessLog.objects.create(username="citizen@example.kz", ip_address="10.0.0.1")
    AccessFailureLog.objects.create(username="citizen@example.kz", ip_address="10.0.0.1", locked_out=True)
    return {
        "published": published,
        "citizen": citizen,
        "draft": draft,
        "coordinator": coordinator,
        "submitted": submitted,
        "administrator": administrator,
    }


def _report(found: dict) -> str:
    """Every piece of text in the wrong language, each once, with the first page that shows it."""
    first: dict[str, str] = {}
    for page, problems in found.items():
        for problem in problems:
            first.setdefault(problem, page)
    return "\n" + "\n".join(f"{text}    [{page}]" for text, page in first.items())


def _sweep(
    client, lang: str, pages: list[str], posts: list[tuple[str, dict]], *, content_heavy: bool = False
) -> dict[str, list[str]]:
    found = {}
    for path in pages:
        response = client.get(f"/{lang}{path}" if not path.startswith(f"/{lang}/") else path, follow=True)
        assert response.status_code in {200, 403, 404}, (path, response.status_code)
        if problems := foreign_text(response.content.decode(), lang, kazakh_on_russian=not content_heavy):
            found[f"GET {path}"] = problems
    for number, (path, data) in enumerate(posts, start=1):
        response = client.post(f"/{lang}{path}", data)
        assert response.status_code in {200, 302, 409, 429}, (path, response.status_code)
        if problems := foreign_text(response.content.decode(), lang):
            found[f"POST {path} #{number}"] = problems
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_pages_and_forms_with_errors_show_no_english(client, portal_in_use, lang, settings):
    data = portal_in_use
    found = _sweep(client, lang, public_pages(data["published"].slug), anonymous_form_posts())

    client.force_login(data["citizen"])
    draft = data["draft"].pk
    found |= _sweep(client, lang, citizen_pages(draft), citizen_form_posts(draft))
    client.force_login(data["coordinator"])
    submitted = data["submitted"].pk
    found |= _sweep(client, lang, coordinator_pages(submitted), coordinator_form_posts(submitted))
    client.logout()

    # Too many failed sign-ins: the 429 page, and the API's own 429.
    settings.AXES_FAILURE_LIMIT = 1
    response = client.post(f"/{lang}/accounts/login/", {"username": "citizen@example.kz", "password": "no"})
    assert response.status_code == 429
    if problems := foreign_text(response.content.decode(), lang):
        found["POST login (locked)"] = problems
    assert found == {}, _report(found)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_api_throttled_message_in_the_asked_language(client, db, lang, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/min"})
    cache.clear()
    client.get(f"/api/v1/regions/?lang={lang}")
    response = client.get(f"/api/v1/regions/?lang={lang}")
    cache.clear()
    assert response.status_code == 429
    detail = response.json()["detail"]
    assert foreign_text(f"<p>{detail}</p>", lang) == []
    assert (
        detail
        == {
            "kk": "Сұраныс жиілігі шектелді. 60 секундтан кейін қайталаңыз.",
            "ru": "Слишком много запросов. Повторите через 60 с.",
        }[lang]
    )


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_admin_shows_no_english(client, portal_in_use, lang):
    from django.utils import translation

    client.force_login(portal_in_use["administrator"])
    with translation.override(lang):
        pages = admin_pages()
    found = _sweep(client, lang, pages, [], content_heavy=True)
    assert found == {}, _report(found)


@pytest.mark.parametrize(
    ("lang", "yesterday", "chosen"), [("kk", "Кеше", "Таңдалған %s"), ("ru", "Вчера", "Выбранные %s")]
)
def test_admin_javascript_catalogue_in_the_page_language(admin_client, lang, yesterday, chosen):
    import json

    body = admin_client.get(f"/{lang}/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.DOTALL).group(1))
    assert (catalogue["Yesterday"], catalogue["Chosen %s"]) == (yesterday, chosen)


def _kept_messages(path: Path) -> set[tuple[str | None, str]]:
    """(context, msgid) of every message marked in a keep module, read from its source."""
    import ast

    kept = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id in {"gettext_noop", "ngettext_lazy"}:
                kept.add((None, args[0]))
            elif node.func.id == "pgettext_lazy":
                kept.add((args[0], args[1]))
    return kept


def test_kept_library_messages_are_translated_in_both_catalogues():
    """Every message of enbek/library_messages.py has its kk and ru entry: make translations keeps
    them, and an empty one would leave Django's English (or, in Russian, Kazakh) on the page."""
    kept = _kept_messages(ROOT / "enbek" / "library_messages.py")
    assert len(kept) > 400
    for path in CATALOGUES:
        translated = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if e.translated()}
        assert kept - translated == set(), path
