"""A member may name a profession of the shared classifier: the editor's select (grouped by sphere,
searchable in Kazakh and Russian without JavaScript), the service, the pages and the API."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from dynasties import services
from dynasties.enums import DynastyStatus
from enbek.models import Profession
from tests.factories import DynastyFactory, MemberFactory, ProfessionFactory, profession


def kk(message: str) -> str:
    with translation.override("kk"):
        return gettext(message)


@pytest.fixture
def draft(citizen, client):
    client.force_login(citizen)
    return DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)


def members_url(dynasty) -> str:
    return f"/kk/dynasties/{dynasty.pk}/edit/members/"


def selected_option(body: str) -> str | None:
    select = re.search(r'<select name="profession_ref".*?</select>', body, re.S).group(0)
    found = re.search(r'<option value="(\d+)"[^>]*\bselected\b[^>]*>', select)
    return found.group(1) if found else None


def option_values(body: str) -> set[str]:
    select = re.search(r'<select name="profession_ref".*?</select>', body, re.S).group(0)
    return set(re.findall(r'<option value="(\d+)"', select))


def test_editor_offers_the_classifier_grouped_by_sphere_in_both_languages(client, draft):
    body = client.get(members_url(draft)).content.decode()

    welder = profession("7212-01")
    assert '<optgroup label="Құрылыс">' in body
    search = 'data-search="7212 01 данекерлеуши сварщик"'
    assert f'<option value="{welder.pk}" {search}>Дәнекерлеуші</option>' in body
    assert len(option_values(body)) == Profession.objects.filter(is_active=True).count() == 80
    assert 'data-profession-select="id_profession_ref"' in body
    assert "js/profession-picker.js" in body

    russian = client.get(f"/ru/dynasties/{draft.pk}/edit/members/").content.decode()
    assert '<optgroup label="Строительство">' in russian
    assert f'<option value="{welder.pk}" {search}>Сварщик</option>' in russian


def test_member_saved_with_the_classifier_profession_keeps_its_own_title(client, draft):
    welder = profession("7212-01")

    response = client.post(
        members_url(draft),
        {
            "full_name": "Ерлан Сейітов",
            "generation": "1",
            "profession_kk": "Бас дәнекерлеуші",
            "profession_ref": welder.pk,
        },
    )

    assert response.status_code == 302
    member = draft.members.get()
    assert (member.profession_kk, member.profession_ref) == ("Бас дәнекерлеуші", welder)


@pytest.mark.parametrize("query", ["дәнекер", "данекер", "СВАРЩ", "7212"])
def test_search_without_javascript_picks_the_only_match_and_asks_to_save_again(client, draft, query):
    welder = profession("7212-01")
    form = {"full_name": "Ерлан Сейітов", "generation": "1", "profession_search": query}

    first = client.post(members_url(draft), form)

    body = first.content.decode()
    assert first.status_code == 200 and not draft.members.exists()
    assert first.context["form"].errors == {
        "profession_search": [
            kk("Found: %(name)s. It is chosen below: save again to keep it.") % {"name": "Дәнекерлеуші"}
        ]
    }
    assert option_values(body) == {str(welder.pk)} and selected_option(body) == str(welder.pk)
    assert 'value="Ерлан Сейітов"' in body  # what was typed is kept

    second = client.post(members_url(draft), {**form, "profession_ref": str(welder.pk)})

    assert second.status_code == 302
    assert draft.members.get().profession_ref == welder


def test_search_in_russian_on_the_russian_page_narrows_to_several(client, draft):
    response = client.post(
        f"/ru/dynasties/{draft.pk}/edit/members/",
        {"full_name": "Анна", "generation": "1", "profession_search": "инженер"},
    )

    engineers = {
        p
        for p in Profession.objects.all()
        if "инженер" in p.name_ru.lower() or "инженер" in p.name_kk.lower()
    }
    assert len(engineers) == 7
    body = response.content.decode()
    assert option_values(body) == {str(p.pk) for p in engineers}
    assert selected_option(body) is None
    with translation.override("ru"):
        expected = translation.ngettext(
            "%(count)d profession matches «%(query)s»: choose it in the list below and save again.",
            "%(count)d professions match «%(query)s»: choose one in the list below and save again.",
            7,
        ) % {"count": 7, "query": "инженер"}
    assert response.context["form"].errors == {"profession_search": [expected]}
    assert not draft.members.exists()


def test_search_that_matches_nothing_says_so_and_shows_the_whole_list(client, draft):
    response = client.post(
        members_url(draft), {"full_name": "Анна", "generation": "1", "profession_search": "ғарышкер"}
    )

    assert list(response.context["form"].errors) == ["profession_search"]
    assert len(option_values(response.content.decode())) == 80
    assert not draft.members.exists()


def test_search_is_ignored_once_a_profession_is_chosen(client, draft):
    cook = profession("5120-01")

    response = client.post(
        members_url(draft),
        {"full_name": "Анна", "generation": "1", "profession_search": "свар", "profession_ref": cook.pk},
    )

    assert response.status_code == 302
    assert draft.members.get().profession_ref == cook


def test_edit_page_shows_the_chosen_profession_and_can_clear_it(client, draft):
    member = MemberFactory(dynasty=draft, profession_ref=profession("8311-01"))
    url = f"/kk/dynasties/{draft.pk}/edit/members/{member.pk}/"

    assert selected_option(client.get(url).content.decode()) == str(member.profession_ref_id)

    client.post(
        url,
        {
            "full_name": member.full_name,
            "generation": "1",
            "profession_kk": "Болат балқытушы",
            "profession_ref": "",
        },
    )
    member.refresh_from_db()
    assert member.profession_ref is None and member.profession_kk == "Болат балқытушы"


def test_a_retired_profession_stays_with_its_member_but_is_not_offered_to_others(client, draft):
    retired = ProfessionFactory(is_active=False, name_kk="Телеграфшы", name_ru="Телеграфист")
    member = MemberFactory(dynasty=draft, profession_ref=retired)

    kept = client.post(
        f"/kk/dynasties/{draft.pk}/edit/members/{member.pk}/",
        {"full_name": member.full_name, "generation": "1", "profession_ref": retired.pk},
    )
    assert kept.status_code == 302
    assert str(retired.pk) not in option_values(client.get(members_url(draft)).content.decode())

    refused = client.post(
        members_url(draft), {"full_name": "Жаңа", "generation": "2", "profession_ref": retired.pk}
    )
    assert list(refused.context["form"].errors) == ["profession_ref"]


def test_service_refuses_a_retired_profession_for_a_new_member(citizen, draft):
    retired = ProfessionFactory(is_active=False)

    with pytest.raises(Exception) as error:
        services.member_save(
            dynasty=draft, user=citizen, full_name="Жаңа", generation=1, profession_ref=retired
        )

    assert "profession_ref" in error.value.message_dict


def test_pages_show_the_classifier_name_when_no_title_was_written(client, citizen):
    dynasty = DynastyFactory(slug="railway-family")
    MemberFactory(
        dynasty=dynasty,
        profession_kk="",
        profession_ru="",
        profession="",
        profession_ref=profession("8311-01"),
    )

    kk_page = client.get("/kk/dynasties/railway-family/").content.decode()
    ru_page = client.get("/ru/dynasties/railway-family/").content.decode()

    assert "<dd>Локомотив машинисі</dd>" in kk_page
    assert "<dd>Машинист локомотива</dd>" in ru_page


def test_members_page_query_count_is_the_same_for_1_and_12_members_with_professions(client, draft):
    codes = list(Profession.objects.values_list("code", flat=True)[:12])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(members_url(draft))
        assert response.status_code == 200
        return len(captured)

    MemberFactory(
        dynasty=draft, profession="", profession_kk="", profession_ru="", profession_ref=profession(codes[0])
    )
    one = queries()
    for code in codes[1:]:
        MemberFactory(
            dynasty=draft, profession="", profession_kk="", profession_ru="", profession_ref=profession(code)
        )

    assert queries() == one
