"""Help texts and errors are announced: every aria-describedby names an element that is on the page."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from tests.factories import DynastyFactory


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: Counter = Counter()
        self.described: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]] += 1
        for reference in (attrs.get("aria-describedby") or "").split():
            self.described.append((attrs.get("name") or tag, reference))


def describedby_problems(html: str) -> dict:
    """Each aria-describedby reference that is missing or not unique, by the field that makes it."""
    parser = _Ids()
    parser.feed(html)
    assert parser.described, "the page has no described field: the check would prove nothing"
    return {name: ref for name, ref in parser.described if parser.ids[ref] != 1}


def test_describedby_check_catches_a_dangling_reference():
    html = '<input name="a" aria-describedby="id_a_helptext"><p id="id_a_help">Help</p>'
    assert describedby_problems(html) == {"a": "id_a_helptext"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_signup_help_texts_and_errors_are_referenced_by_their_fields(client, db, lang):
    assert describedby_problems(client.get(f"/{lang}/accounts/signup/").content.decode()) == {}
    response = client.post(
        f"/{lang}/accounts/signup/",
        {"email": "not-an-email", "full_name": "", "password1": "1", "password2": "1"},
    )
    html = response.content.decode()
    assert 'aria-describedby="id_password1_helptext id_password1_error"' in html
    assert describedby_problems(html) == {}


def test_profile_help_texts_are_referenced_by_their_fields(client, citizen):
    client.force_login(citizen)
    html = client.get("/kk/accounts/profile/").content.decode()
    assert 'aria-describedby="id_iin_helptext"' in html
    assert describedby_problems(html) == {}


def test_dynasty_editor_and_list_help_texts_are_referenced(client, citizen):
    client.force_login(citizen)
    assert describedby_problems(client.get("/kk/dynasties/new/").content.decode()) == {}
    dynasty = DynastyFactory(submitted_by=citizen, status="draft", published_at=None)
    for step in ("family", "members", "photos"):
        html = client.get(f"/ru/dynasties/{dynasty.pk}/edit/{step}/").content.decode()
        assert describedby_problems(html) == {}, step
    # A member with two errors: one error block, referenced once.
    html = client.post(
        f"/kk/dynasties/{dynasty.pk}/edit/members/", {"full_name": "", "generation": "99"}
    ).content.decode()
    assert describedby_problems(html) == {}
    assert describedby_problems(client.get("/kk/dynasties/?min_generations=x").content.decode()) == {}
