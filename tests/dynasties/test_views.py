"""The public pages of the dynasties section and the citizen's guided submission, through the test client."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image

from dynasties import services
from dynasties.enums import ChallengeStatus, DynastyStatus, MediaKind
from dynasties.models import Dynasty, MediaEpisode, Member, Photo, PhotoExhibition
from tests.factories import (
    ChallengeEntryFactory,
    DynastyFactory,
    MemberFactory,
    PhotoFactory,
    UserFactory,
    profession,
    region,
    sphere,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/kk/dynasties/"


def jpeg_upload(name: str = "family.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_dynasty(*, generations: int = 2, years_each: int = 10, **fields) -> Dynasty:
    """A published dynasty with one member per generation, figures and search text refreshed."""
    dynasty = DynastyFactory(**fields)
    parent = None
    for generation in range(1, generations + 1):
        parent = MemberFactory(
            dynasty=dynasty,
            generation=generation,
            parent=parent,
            birth_year=1930 + 25 * generation,
            start_year=1950 + 25 * generation,
            end_year=1950 + 25 * generation + years_each,
        )
    services.dynasty_refresh_figures(dynasty_ids=[dynasty.pk])
    services.dynasty_refresh_search(dynasty=dynasty)
    dynasty.refresh_from_db()
    return dynasty


def kk(message: str) -> str:
    """A message as a page under /kk/ shows it (the catalogue may already translate it)."""
    with translation.override("kk"):
        return gettext(message)


def names(response) -> list[str]:
    return [dynasty.family_name_kk for dynasty in response.context["dynasties"]]


# --- The list --------------------------------------------------------------------------------------
def test_list_filter_region_keeps_only_that_region(client):
    make_dynasty(family_name_kk="Алматылықтар", region=region("75"))
    make_dynasty(family_name_kk="Астаналықтар", region=region("71"))

    response = client.get(LIST_URL, {"region": "71"})

    assert response.status_code == 200
    assert names(response) == ["Астаналықтар"]


def test_list_filter_sphere_keeps_only_that_sphere(client):
    make_dynasty(family_name_kk="Металлургтер", sphere=sphere("metallurgy"))
    make_dynasty(family_name_kk="Теміржолшылар", sphere=sphere("railway"))

    response = client.get(LIST_URL, {"sphere": "railway"})

    assert names(response) == ["Теміржолшылар"]


def test_list_filter_min_generations_keeps_deep_families(client):
    make_dynasty(family_name_kk="Екі буын", generations=2)
    make_dynasty(family_name_kk="Төрт буын", generations=4)

    response = client.get(LIST_URL, {"min_generations": "3"})

    assert names(response) == ["Төрт буын"]


def test_list_filter_min_years_keeps_long_service(client):
    make_dynasty(family_name_kk="Жиырма жыл", generations=2, years_each=10)  # 20 years
    make_dynasty(family_name_kk="Сексен жыл", generations=2, years_each=40)  # 80 years

    response = client.get(LIST_URL, {"min_years": "50"})

    assert names(response) == ["Сексен жыл"]


def test_list_search_finds_a_kazakh_family_name(client):
    make_dynasty(family_name_kk="Сейітқазиновтар", family_name_ru="Сеитказиновы")
    make_dynasty(family_name_kk="Омаровтар", family_name_ru="Омаровы")

    response = client.get(LIST_URL, {"q": "Сейітқазиновтар"})

    assert names(response) == ["Сейітқазиновтар"]


def test_list_search_finds_a_russian_family_name(client):
    make_dynasty(family_name_kk="Сейітқазиновтар", family_name_ru="Сеитказиновы")
    make_dynasty(family_name_kk="Омаровтар", family_name_ru="Омаровы")

    response = client.get(LIST_URL, {"q": "Омаровы"})

    assert names(response) == ["Омаровтар"]


def test_list_search_finds_a_word_of_the_russian_story(client):
    make_dynasty(family_name_kk="Шахтерлер", story_ru="Три поколения шахтёров Караганды.")
    make_dynasty(family_name_kk="Мұғалімдер", story_ru="Учителя сельской школы.")

    response = client.get("/ru/dynasties/", {"q": "Караганды"})

    assert names(response) == ["Шахтерлер"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("generations", ["Бес буын", "Үш буын", "Екі буын"]),
        ("years", ["Екі буын", "Бес буын", "Үш буын"]),
        ("newest", ["Бес буын", "Екі буын", "Үш буын"]),
    ],
)
def test_list_sort_orders_the_results(client, sort, expected):
    now = timezone.now()
    make_dynasty(family_name_kk="Үш буын", generations=3, years_each=5, published_at=now - timedelta(days=3))
    make_dynasty(
        family_name_kk="Екі буын", generations=2, years_each=40, published_at=now - timedelta(days=2)
    )
    make_dynasty(
        family_name_kk="Бес буын", generations=5, years_each=10, published_at=now - timedelta(days=1)
    )

    response = client.get(LIST_URL, {"sort": sort})

    assert names(response) == expected


def test_list_pagination_shows_twelve_and_keeps_the_filters(client):
    now = timezone.now()
    for number in range(13):
        DynastyFactory(family_name_kk=f"Әулет {number:02d}", published_at=now - timedelta(minutes=number))
    DynastyFactory(family_name_kk="Басқа аймақ", region=region("71"))

    first = client.get(LIST_URL, {"region": "75"})
    second = client.get(LIST_URL, {"region": "75", "page": "2"})

    assert len(names(first)) == 12
    assert names(second) == ["Әулет 12"]
    assert first.context["page"].paginator.count == 13
    assert 'href="?region=75&amp;page=2"' in first.content.decode()


def test_list_out_of_range_page_shows_the_last_page(client):
    DynastyFactory(family_name_kk="Жалғыз")

    response = client.get(LIST_URL, {"page": "99"})

    assert response.status_code == 200
    assert names(response) == ["Жалғыз"]


def test_list_bad_filter_values_give_field_errors_not_500(client):
    make_dynasty(family_name_kk="Бар әулет")

    response = client.get(
        LIST_URL,
        {"region": "zz", "sphere": "no-such", "min_generations": "many", "min_years": "-4", "sort": "x"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert sorted(form.errors) == ["min_generations", "min_years", "region", "sort", "sphere"]
    assert names(response) == ["Бар әулет"]
    assert 'id="id_region_error"' in response.content.decode()


def test_list_shows_only_published_dynasties(client):
    DynastyFactory(family_name_kk="Жарияланған")
    DynastyFactory(family_name_kk="Жоба", status=DynastyStatus.DRAFT, published_at=None)
    DynastyFactory(family_name_kk="Тексеруде", status=DynastyStatus.SUBMITTED, published_at=None)

    response = client.get(LIST_URL)

    assert names(response) == ["Жарияланған"]


def test_list_links_to_the_submission_challenge_and_exhibitions(client):
    body = client.get(LIST_URL).content.decode()

    assert 'href="/kk/dynasties/new/"' in body
    assert 'href="/kk/dynasties/challenge/"' in body
    assert 'href="/kk/dynasties/exhibitions/"' in body


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL, {"region": "75", "sphere": "metallurgy", "sort": "years"})
    assert response.status_code == 200
    return len(captured)


def test_list_query_count_is_the_same_for_1_and_30_dynasties(client):
    PhotoFactory(dynasty=DynastyFactory(), caption_kk="Мұқаба")
    Dynasty.objects.update(cover=Photo.objects.first())
    one = _list_queries(client)
    for _number in range(29):
        dynasty = DynastyFactory()
        photo = PhotoFactory(dynasty=dynasty)
        Dynasty.objects.filter(pk=dynasty.pk).update(cover=photo)
    thirty = _list_queries(client)

    assert one == thirty


# --- The detail page -------------------------------------------------------------------------------
def test_detail_published_shows_story_tree_members_and_share_links(client):
    dynasty = make_dynasty(family_name_kk="Жұмабековтер", generations=2, slug="zhumabekovter")
    founder, child = list(dynasty.members.order_by("generation"))

    response = client.get("/kk/dynasties/zhumabekovter/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Жұмабековтер" in body
    assert [row["generation"] for row in response.context["tree"]] == [1, 2]
    assert response.context["members"][1].parent.full_name == founder.full_name
    assert f'href="#member-{founder.pk}">{founder.full_name}</a>' in body
    assert "Үш буын металлург." in body
    assert "https://wa.me/?text=" in body
    assert "https://t.me/share/url?url=http%3A%2F%2Ftestserver%2Fkk%2Fdynasties%2Fzhumabekovter%2F" in body
    assert 'value="http://testserver/kk/dynasties/zhumabekovter/"' in body
    assert child.full_name in body


def test_detail_shows_years_of_service_from_the_annotation(client):
    dynasty = DynastyFactory(slug="years")
    MemberFactory(dynasty=dynasty, generation=1, start_year=1960, end_year=1995)

    response = client.get("/kk/dynasties/years/")

    assert response.context["members"][0].years == 35
    assert '<dd class="member-years">35</dd>' in response.content.decode()


@pytest.mark.parametrize("status", [DynastyStatus.DRAFT, DynastyStatus.SUBMITTED, DynastyStatus.RETURNED])
def test_detail_not_published_is_404(client, status):
    DynastyFactory(slug="hidden", status=status, published_at=None)

    response = client.get("/kk/dynasties/hidden/")

    assert response.status_code == 404


def test_detail_story_script_is_not_rendered(client):
    DynastyFactory(
        slug="xss",
        story_kk='Жақсы отбасы.<script>alert("x")</script><img src=x onerror="alert(1)"> **мықты**',
    )

    body = client.get("/kk/dynasties/xss/").content.decode()

    assert "<script>alert" not in body
    assert 'alert("x")' not in body
    assert "onerror" not in body
    assert "<strong>мықты</strong>" in body


def test_detail_media_links_open_with_noopener(client):
    dynasty = DynastyFactory(slug="media")
    MediaEpisode.objects.create(
        dynasty=dynasty,
        title_kk="Еңбек адамы",
        kind=MediaKind.TV,
        outlet="Qazaqstan",
        url="https://example.kz/tv/1",
    )

    body = client.get("/kk/dynasties/media/").content.decode()

    assert 'href="https://example.kz/tv/1" rel="noopener noreferrer" target="_blank">Еңбек адамы' in body


def _detail_queries(client, slug: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/kk/dynasties/{slug}/")
    assert response.status_code == 200
    return len(captured)


def _fill(dynasty: Dynasty, count: int) -> None:
    parent = None
    codes = ["8121-01", "7212-01", "8311-01", "3221-01", "2512-01"]
    for number in range(count):
        # Every other member has only the classifier's profession: the page shows its name.
        untitled = {"profession": "", "profession_kk": "", "profession_ru": ""} if number % 2 else {}
        parent = MemberFactory(
            dynasty=dynasty,
            generation=min(number + 1, 10),
            parent=parent,
            profession_ref=profession(codes[number % len(codes)]),
            **untitled,
        )
        PhotoFactory(dynasty=dynasty)
        MediaEpisode.objects.create(
            dynasty=dynasty,
            title_kk=f"Хабар {number}",
            kind=MediaKind.PODCAST,
            url=f"https://example.kz/{number}",
        )
        ChallengeEntryFactory(dynasty=dynasty, status=ChallengeStatus.APPROVED)
        exhibition = PhotoExhibition.objects.create(
            title_kk=f"Көрме {number}", place_kk="Алаң", region=region("75"), starts_on=date(2025, 5, 1)
        )
        exhibition.dynasties.add(dynasty)
    Dynasty.objects.filter(pk=dynasty.pk).update(cover=dynasty.photos.first())
    services.dynasty_refresh_figures(dynasty_ids=[dynasty.pk])


def test_detail_query_count_is_the_same_for_1_and_30_of_everything(client):
    small = DynastyFactory(slug="small")
    large = DynastyFactory(slug="large")
    _fill(small, 1)
    _fill(large, 30)

    assert _detail_queries(client, "small") == _detail_queries(client, "large")


# --- Exhibitions -----------------------------------------------------------------------------------
def test_exhibitions_list_shows_place_dates_and_published_dynasties_only(client):
    shown = DynastyFactory(family_name_kk="Көрмедегі әулет")
    draft = DynastyFactory(family_name_kk="Жоба әулет", status=DynastyStatus.DRAFT, published_at=None)
    exhibition = PhotoExhibition.objects.create(
        title_kk="Еңбек әулеттері", place_kk="Ұлттық музей", region=region("71"), starts_on=date(2025, 5, 1)
    )
    exhibition.dynasties.add(shown, draft)

    response = client.get("/kk/dynasties/exhibitions/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Ұлттық музей" in body
    assert "Көрмедегі әулет" in body
    assert "Жоба әулет" not in body


def test_exhibitions_query_count_is_the_same_for_1_and_12(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/kk/dynasties/exhibitions/")
        return len(captured)

    def add(number: int) -> None:
        exhibition = PhotoExhibition.objects.create(
            title_kk=f"Көрме {number}",
            place_kk="Алаң",
            region=region("75"),
            starts_on=date(2025, 5, number + 1),
        )
        exhibition.dynasties.add(DynastyFactory(), DynastyFactory())

    add(0)
    one = queries()
    for number in range(1, 12):
        add(number)

    assert queries() == one


# --- The guided submission --------------------------------------------------------------------------
def test_create_anonymous_is_redirected_to_login(client):
    response = client.get("/kk/dynasties/new/")

    assert response.status_code == 302
    assert response["Location"] == "/kk/accounts/login/?next=/kk/dynasties/new/"


def test_submission_flow_creates_and_submits_a_dynasty(client, citizen):
    client.force_login(citizen)

    created = client.post(
        "/kk/dynasties/new/",
        {
            "family_name_kk": "Серікбаевтар",
            "family_name_ru": "Серикбаевы",
            "sphere": sphere("railway").pk,
            "region": region("75").pk,
            "founded_year": "1956",
        },
    )
    dynasty = Dynasty.objects.get(submitted_by=citizen)
    assert created.status_code == 302
    assert created["Location"] == f"/kk/dynasties/{dynasty.pk}/edit/members/"
    assert dynasty.status == DynastyStatus.DRAFT

    members_url = f"/kk/dynasties/{dynasty.pk}/edit/members/"
    founder = client.post(
        members_url,
        {
            "full_name": "Серікбай Ахметов",
            "generation": "1",
            "birth_year": "1930",
            "start_year": "1950",
            "end_year": "1990",
            "profession_kk": "Машинист",
            "profession_ru": "Машинист",
        },
    )
    assert founder.status_code == 302
    founder_member = Member.objects.get(dynasty=dynasty, generation=1)
    son = client.post(
        members_url,
        {
            "full_name": "Болат Серікбаев",
            "generation": "2",
            "parent": str(founder_member.pk),
            "birth_year": "1960",
            "start_year": "1980",
            "profession_kk": "Диспетчер",
        },
    )
    assert son.status_code == 302

    story = client.post(
        f"/kk/dynasties/{dynasty.pk}/edit/story/",
        {"story_kk": "Екі буын темір жолда.", "story_ru": "Два поколения на железной дороге."},
    )
    assert story["Location"] == f"/kk/dynasties/{dynasty.pk}/edit/photos/"

    photo = client.post(
        f"/kk/dynasties/{dynasty.pk}/edit/photos/",
        {"image": jpeg_upload(), "caption_kk": "Депода", "caption_ru": "В депо"},
    )
    assert photo.status_code == 302

    review = client.get(f"/kk/dynasties/{dynasty.pk}/edit/review/")
    assert review.status_code == 200
    submitted = client.post(f"/kk/dynasties/{dynasty.pk}/edit/review/")

    dynasty.refresh_from_db()
    assert submitted.status_code == 302
    assert submitted["Location"] == "/kk/dynasties/mine/"
    assert dynasty.status == DynastyStatus.SUBMITTED
    assert (dynasty.members_count, dynasty.generations) == (2, 2)
    assert Member.objects.get(full_name="Болат Серікбаев").parent_id == founder_member.pk
    assert dynasty.story_ru == "Два поколения на железной дороге."
    cover = Photo.objects.get(dynasty=dynasty)
    assert (dynasty.cover_id, cover.caption_kk, cover.caption_ru) == (cover.pk, "Депода", "В депо")


def test_create_invalid_form_keeps_what_was_typed(client, citizen):
    client.force_login(citizen)

    response = client.post("/kk/dynasties/new/", {"family_name_kk": "Әбілов", "founded_year": "1700"})

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["founded_year", "region", "sphere"]
    assert 'value="Әбілов"' in response.content.decode()
    assert not Dynasty.objects.exists()


def test_create_without_any_family_name_is_an_error(client, citizen):
    client.force_login(citizen)

    response = client.post(
        "/kk/dynasties/new/",
        {"sphere": sphere("mining").pk, "region": region("75").pk, "family_name_ru": "  "},
    )

    assert list(response.context["form"].errors) == ["family_name_kk"]


def test_members_parent_of_a_later_generation_is_an_error(client, citizen):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)
    grandchild = MemberFactory(dynasty=dynasty, generation=3)
    client.force_login(citizen)

    response = client.post(
        f"/kk/dynasties/{dynasty.pk}/edit/members/",
        {"full_name": "Ата", "generation": "1", "parent": str(grandchild.pk)},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["parent"] == [
        kk("The parent must belong to an earlier generation.")
    ]
    assert dynasty.members.count() == 1


def test_members_end_before_start_is_an_error_next_to_the_field(client, citizen):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)
    client.force_login(citizen)

    response = client.post(
        f"/kk/dynasties/{dynasty.pk}/edit/members/",
        {"full_name": "Сәкен Омаров", "generation": "1", "start_year": "1980", "end_year": "1975"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "end_year": [kk("The year work finished cannot be before the year it started.")]
    }
    assert 'value="Сәкен Омаров"' in response.content.decode()
    assert dynasty.members.count() == 0


def test_members_parent_from_another_dynasty_is_refused(client, citizen):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)
    stranger = MemberFactory(generation=1)
    client.force_login(citizen)

    response = client.post(
        f"/kk/dynasties/{dynasty.pk}/edit/members/",
        {"full_name": "Бала", "generation": "2", "parent": str(stranger.pk)},
    )

    assert list(response.context["form"].errors) == ["parent"]
    assert dynasty.members.count() == 0


def test_members_edit_and_delete(client, citizen):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)
    member = MemberFactory(dynasty=dynasty, generation=1, full_name="Ескі ат")
    client.force_login(citizen)

    edited = client.post(
        f"/kk/dynasties/{dynasty.pk}/edit/members/{member.pk}/",
        {"full_name": "Жаңа ат", "generation": "1", "start_year": "1970"},
    )
    member.refresh_from_db()
    assert edited.status_code == 302
    assert (member.full_name, member.start_year, member.end_year) == ("Жаңа ат", 1970, None)

    deleted = client.post(f"/kk/dynasties/{dynasty.pk}/edit/members/{member.pk}/delete/")

    assert deleted.status_code == 302
    assert dynasty.members.count() == 0


def test_photo_upload_invalid_image_keeps_the_caption(client, citizen):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)
    client.force_login(citizen)
    fake = SimpleUploadedFile("photo.jpg", b"<html>not a photo</html>", content_type="image/jpeg")

    response = client.post(
        f"/kk/dynasties/{dynasty.pk}/edit/photos/",
        {"image": fake, "caption_kk": "Атамның суреті", "caption_ru": "Фото деда"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["image"] == [
        kk("This file is not a photo we can accept. Upload a JPEG, PNG or WebP image.")
    ]
    assert 'value="Атамның суреті"' in body
    assert 'value="Фото деда"' in body
    assert 'id="id_image_error"' in body
    assert not Photo.objects.exists()


def test_photo_set_cover_and_delete(client, citizen):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)
    first, second = PhotoFactory(dynasty=dynasty), PhotoFactory(dynasty=dynasty)
    Dynasty.objects.filter(pk=dynasty.pk).update(cover=first)
    client.force_login(citizen)

    client.post(f"/kk/dynasties/{dynasty.pk}/edit/photos/{second.pk}/cover/")
    dynasty.refresh_from_db()
    assert dynasty.cover_id == second.pk

    client.post(f"/kk/dynasties/{dynasty.pk}/edit/photos/{second.pk}/delete/")
    dynasty.refresh_from_db()
    assert dynasty.cover_id == first.pk
    assert list(dynasty.photos.values_list("pk", flat=True)) == [first.pk]


def test_review_incomplete_dynasty_shows_the_service_errors(client, citizen):
    dynasty = DynastyFactory(
        submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None, story_kk="", story_ru=""
    )
    MemberFactory(dynasty=dynasty, generation=1)
    client.force_login(citizen)

    response = client.post(f"/kk/dynasties/{dynasty.pk}/edit/review/")

    dynasty.refresh_from_db()
    assert response.status_code == 200
    assert response.context["problems"] == [
        kk("A labour dynasty needs members of at least two generations."),
        kk("Tell the family's story in at least one language."),
    ]
    assert dynasty.status == DynastyStatus.DRAFT


@pytest.mark.parametrize(
    "path",
    ["edit/family/", "edit/members/", "edit/story/", "edit/photos/", "edit/review/"],
)
def test_edit_pages_of_another_citizens_draft_are_404(client, citizen, other_citizen, path):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)
    client.force_login(other_citizen)

    assert client.get(f"/kk/dynasties/{dynasty.pk}/{path}").status_code == 404
    assert client.post(f"/kk/dynasties/{dynasty.pk}/{path}", {"full_name": "X"}).status_code == 404


def test_member_delete_of_another_citizens_draft_is_404(client, citizen, other_citizen):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.DRAFT, published_at=None)
    member = MemberFactory(dynasty=dynasty)
    client.force_login(other_citizen)

    response = client.post(f"/kk/dynasties/{dynasty.pk}/edit/members/{member.pk}/delete/")

    assert response.status_code == 404
    assert Member.objects.filter(pk=member.pk).exists()


def test_edit_submitted_dynasty_shows_the_locked_message(client, citizen):
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.SUBMITTED, published_at=None)
    client.force_login(citizen)

    page = client.get(f"/kk/dynasties/{dynasty.pk}/edit/story/")
    post = client.post(f"/kk/dynasties/{dynasty.pk}/edit/story/", {"story_kk": "Жаңа", "story_ru": ""})

    dynasty.refresh_from_db()
    assert page.status_code == 200
    assert [t.name for t in page.templates][0] == "dynasties/edit/locked.html"
    assert 'name="story_kk"' not in page.content.decode()
    assert post.status_code == 409
    assert dynasty.story_kk == "Үш буын металлург."


def test_mine_lists_own_dynasties_with_status_and_return_reason(client, citizen, other_citizen):
    DynastyFactory(
        submitted_by=citizen,
        family_name_kk="Қайтарылған",
        status=DynastyStatus.RETURNED,
        return_reason="Туған жылдарын тексеріңіз.",
        published_at=None,
    )
    DynastyFactory(submitted_by=other_citizen, family_name_kk="Бөтен")
    client.force_login(citizen)

    response = client.get("/kk/dynasties/mine/")

    body = response.content.decode()
    assert [d.family_name_kk for d in response.context["dynasties"]] == ["Қайтарылған"]
    assert "Туған жылдарын тексеріңіз." in body
    assert 'class="badge badge-returned"' in body
    assert "Бөтен" not in body


def test_mine_anonymous_is_redirected_to_login(client):
    response = client.get("/kk/dynasties/mine/")

    assert response.status_code == 302
    assert response["Location"].startswith("/kk/accounts/login/")


# --- Challenge wall (public part) ------------------------------------------------------------------
def test_challenge_wall_shows_approved_posts_and_the_hashtag(client, settings):
    settings.ENBEK_CHALLENGE_HASHTAG = "#ЕңбекДинастиясы"
    dynasty = DynastyFactory(family_name_kk="Челлендж әулеті")
    ChallengeEntryFactory(
        post_url="https://www.instagram.com/p/ok/",
        status=ChallengeStatus.APPROVED,
        author_name="Айгүл",
        dynasty=dynasty,
    )
    ChallengeEntryFactory(post_url="https://www.instagram.com/p/wait/", status=ChallengeStatus.PENDING)

    response = client.get("/kk/dynasties/challenge/")

    body = response.content.decode()
    assert [entry.post_url for entry in response.context["entries"]] == ["https://www.instagram.com/p/ok/"]
    assert "#ЕңбекДинастиясы" in body
    assert "Челлендж әулеті" in body
    assert "https://www.instagram.com/p/wait/" not in body
    assert response.context["form"] is None


def test_challenge_submit_creates_a_pending_entry(client, citizen):
    dynasty = DynastyFactory(slug="challenge-family", region=region("71"))
    client.force_login(citizen)

    response = client.post(
        "/kk/dynasties/challenge/",
        {
            "post_url": "https://www.tiktok.com/@family/video/1",
            "author_name": "Дана",
            "dynasty": "http://testserver/kk/dynasties/challenge-family/",
            "comment": "Атам туралы",
        },
    )

    entry = citizen.challenge_entries.get()
    assert response.status_code == 302
    assert (entry.platform, entry.status, entry.dynasty_id, entry.region.code) == (
        "tiktok",
        "pending",
        dynasty.pk,
        "71",
    )


def test_challenge_submit_unknown_dynasty_is_a_field_error(client, citizen):
    client.force_login(citizen)

    response = client.post(
        "/kk/dynasties/challenge/", {"post_url": "https://vk.com/wall1_2", "dynasty": "no-such-family"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["dynasty"] == [kk("No published dynasty was found at this link.")]


def test_challenge_submit_anonymous_is_redirected_to_login(client):
    response = client.post("/kk/dynasties/challenge/", {"post_url": "https://vk.com/wall1_2"})

    assert response.status_code == 302
    assert response["Location"].startswith("/kk/accounts/login/")


def test_challenge_wall_query_count_is_the_same_for_1_and_24(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/kk/dynasties/challenge/")
        return len(captured)

    ChallengeEntryFactory(status=ChallengeStatus.APPROVED, dynasty=DynastyFactory())
    one = queries()
    for _number in range(23):
        ChallengeEntryFactory(status=ChallengeStatus.APPROVED, dynasty=DynastyFactory())

    assert queries() == one


def test_pages_in_russian_use_the_russian_family_name(client):
    DynastyFactory(family_name_kk="Жұмабековтер", family_name_ru="Жумабековы", slug="ru-name")

    listed = client.get("/ru/dynasties/").content.decode()
    detail = client.get("/ru/dynasties/ru-name/").content.decode()

    assert "Жумабековы" in listed
    assert '<h1 id="dynasty-title">Жумабековы</h1>' in detail


# --- Admin -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/kk/admin/dynasties/dynasty/",
        "/kk/admin/dynasties/dynasty/?status__exact=published&q=%D0%96",
        "/kk/admin/dynasties/challengeentry/",
        "/kk/admin/dynasties/photoexhibition/add/",
        "/kk/admin/dynasties/mediaepisode/add/",
    ],
)
def test_admin_pages_open_for_a_superuser(client, path):
    DynastyFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert client.get(path).status_code == 200


def test_admin_dynasty_change_page_shows_the_inlines(client):
    dynasty = DynastyFactory()
    MemberFactory(dynasty=dynasty)
    PhotoFactory(dynasty=dynasty)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(f"/kk/admin/dynasties/dynasty/{dynasty.pk}/change/")

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="members-0-full_name"' in body
    assert 'name="photos-0-caption_kk"' in body
    assert 'name="media-TOTAL_FORMS"' in body
