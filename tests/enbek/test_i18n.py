import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = [ROOT / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("kk", "ru")]


@pytest.mark.parametrize("path", CATALOGUES, ids=["kk", "ru"])
def test_catalogue_has_no_empty_or_fuzzy_entries(path):
    catalogue = polib.pofile(str(path))
    empty = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert len(catalogue) > 100
    assert empty == []
    assert fuzzy == []


def test_catalogues_cover_the_same_messages():
    kk, ru = (polib.pofile(str(path)) for path in CATALOGUES)
    assert {(e.msgctxt, e.msgid) for e in kk if not e.obsolete} == {
        (e.msgctxt, e.msgid) for e in ru if not e.obsolete
    }


def test_catalogues_keep_placeholders():
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}|%[sd]")
    for path in CATALOGUES:
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
