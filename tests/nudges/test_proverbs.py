"""The proverb library: the shipped data, the proverb of the day in the page's language, /proverbs/."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from pypdf import PdfReader

from enbek.enums import TranslationKind
from enbek.models import Proverb, ProverbTheme
from enbek.selectors import proverb_of_the_day
from nudges.models import Banner
from tests.factories.nudges import proverb

library_data = importlib.import_module("enbek.migrations.0008_proverb_library_data")


# --- The shipped data -------------------------------------------------------------------------------
def test_every_shipped_proverb_has_both_languages_themes_and_a_translation_kind(db):
    proverbs = Proverb.objects.all()
    assert proverbs.count() == 30
    assert [p.pk for p in proverbs if not p.text_kk or not p.text_ru] == []
    assert [p.pk for p in proverbs if p.translation_kind == ""] == []
    assert Proverb.objects.filter(themes=None).count() == 0
    assert ProverbTheme.objects.count() == 7


def test_missing_texts_were_filled_with_equivalents_where_one_exists(db):
    equivalents = dict(
        Proverb.objects.filter(translation_kind=TranslationKind.EQUIVALENT).values_list("text_ru", "text_kk")
    )
    assert len(equivalents) == 8
    assert equivalents["Терпение и труд всё перетрут."] == "Сабыр түбі – сары алтын."
    assert (
        equivalents["Без труда не вытащишь и рыбку из пруда."]
        == "Еңбек етсең ерінбей, тояды қарның тіленбей."
    )
    patience = Proverb.objects.get(text_ru="Терпение и труд всё перетрут.")
    assert patience.original_language == "ru"
    assert patience.is_equivalent_in("kk") is True
    assert patience.is_equivalent_in("ru") is False
    literal = Proverb.objects.get(text_kk="Бақыт кілті — еңбекте.")
    assert (literal.text_ru, literal.translation_kind) == ("Ключ к счастью — в труде.", "translation")


def test_loader_fills_an_empty_translation_but_never_overwrites_an_editors_text(db):
    empty = Proverb.objects.get(text_kk="Шеберлікке шек жоқ.")
    Proverb.objects.filter(pk=empty.pk).update(text_ru="", translation_kind="")
    edited = Proverb.objects.get(text_ru="Хочешь разбогатеть – трудись.")
    Proverb.objects.filter(pk=edited.pk).update(text_kk="Редактор жазған мәтін.")

    library_data.load(apps, None)
    library_data.load(apps, None)

    empty.refresh_from_db()
    edited.refresh_from_db()
    assert (empty.text_ru, empty.translation_kind) == ("Мастерству нет предела.", "translation")
    assert edited.text_kk == "Редактор жазған мәтін."
    assert Proverb.objects.count() == 30


# --- The proverb of the day --------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_proverb_of_the_day_always_has_a_text_in_the_pages_language(db, language):
    other = "ru" if language == "kk" else "kk"
    # Half the proverbs lose their text in this language (an editor's new ones, say).
    for item in Proverb.objects.filter(pk__in=Proverb.objects.values("pk")[:15]):
        setattr(item, f"text_{language}", "")
        item.original_language = other
        item.save()
    for offset in range(40):
        shown = proverb_of_the_day(
            day=datetime.date(2026, 1, 1) + datetime.timedelta(days=offset), language=language
        )
        assert shown.text_in(language)


@pytest.mark.parametrize(("lang", "column"), [("kk", "text_kk"), ("ru", "text_ru")])
def test_home_page_shows_the_proverb_in_its_own_language(client, db, lang, column):
    Proverb.objects.filter(pk=proverb(0).pk).update(text_ru="")
    Proverb.objects.exclude(pk=proverb(0).pk).update(is_active=False)
    Proverb.objects.create(text="Тек орысша.", text_kk="", text_ru="Тек орысша.", original_language="ru")
    html = client.get(f"/{lang}/").content.decode()
    expected = Proverb.objects.filter(is_active=True).exclude(**{column: ""}).get()
    assert getattr(expected, column) in html
    assert "a translation is being prepared" not in html


# --- /proverbs/ ----------------------------------------------------------------------------------------
def test_library_lists_proverbs_in_the_pages_language_with_the_original(client, db):
    html = client.get("/ru/proverbs/").content.decode()
    assert "Пословицы о труде" in html
    assert "Пока силён – дерзай, пока зубаст – кусай!" in html
    # A Kazakh original is named beside its Russian translation.
    assert 'lang="kk">Күшің барда, істе, тісің барда тісте!</span>' in html
    assert "Перевод. Оригинал:" in html
    html_kk = client.get("/kk/proverbs/?page=2").content.decode()
    assert "Сабыр түбі – сары алтын." in html_kk
    assert "Балама мақал, сөзбе-сөз аударма емес. Түпнұсқасы:" in html_kk


def test_library_shows_the_original_with_a_note_when_the_translation_is_missing(client, db):
    item = proverb(0)
    Proverb.objects.filter(pk=item.pk).update(text_ru="")
    html = client.get("/ru/proverbs/").content.decode()
    assert f'<blockquote lang="kk"><p>{item.text_kk}</p></blockquote>' in html
    assert "На казахском языке: перевод готовится." in html


def test_library_filters_by_theme(client, db):
    response = client.get("/kk/proverbs/", {"theme": "laziness"})
    expected = Proverb.objects.filter(themes__slug="laziness").count()
    assert response.context["page"].paginator.count == expected == 7
    assert client.get("/kk/proverbs/", {"theme": "nope"}).context["page"].paginator.count == 30


def test_library_has_a_download_form_on_every_card(client, db):
    html = client.get("/kk/proverbs/").content.decode()
    assert html.count("data-download") == 20
    assert f'action="/kk/proverbs/{proverb(0).pk}/banner/"' in html
    assert f'id="id_{proverb(0).pk}_size"' in html


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_library_runs_the_same_number_of_queries_for_one_proverb_as_for_twenty(client, db):
    many = _queries(client, "/kk/proverbs/")
    Proverb.objects.exclude(pk=proverb(0).pk).update(is_active=False)
    # count, page, themes of the page; the theme filter's options and the theme chips.
    assert _queries(client, "/kk/proverbs/") == many == 5


# --- Downloads --------------------------------------------------------------------------------------
def test_teacher_downloads_an_a4_pdf_in_kazakh(client, db, site_url):
    item = proverb(1)
    response = client.get(
        f"/kk/proverbs/{item.pk}/banner/",
        {"design": "classic", "language": "kk", "size": "a4", "file_format": "pdf"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="enbek-proverb-{item.pk}-a4-kk-classic.pdf"'
    )
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == 1
    assert item.text_kk.split()[0] in reader.pages[0].extract_text()
    banner = Banner.objects.get(proverb=item, design="classic", language="kk")
    assert len(banner.code) == 7


def test_download_png_story_in_both_languages(client, db):
    item = proverb(2)
    response = client.get(
        f"/ru/proverbs/{item.pk}/banner/",
        {"design": "bold", "language": "both", "size": "story", "file_format": "png"},
    )
    assert response.status_code == 200
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (1080, 1920)


def test_pdf_for_a_social_size_is_refused_next_to_the_field(client, db):
    item = proverb(0)
    response = client.get(
        f"/ru/proverbs/{item.pk}/banner/",
        {"design": "bold", "language": "ru", "size": "square", "file_format": "pdf"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Размеры для соцсетей делаются только в виде изображений PNG." in html
    assert 'id="id_file_format_error"' in html
    # What was chosen is kept.
    assert '<option value="square" selected>' in html


def test_unknown_or_inactive_proverb_is_404(client, db):
    item = proverb(0)
    Proverb.objects.filter(pk=item.pk).update(is_active=False)
    assert client.get(f"/kk/proverbs/{item.pk}/").status_code == 404
    assert client.get(f"/kk/proverbs/{item.pk}/banner/").status_code == 404
    assert client.get("/kk/proverbs/99999/preview/steppe.png").status_code == 404


def test_detail_page_previews_the_three_designs(client, db):
    item = proverb(0)
    html = client.get(f"/kk/proverbs/{item.pk}/").content.decode()
    for design in ("steppe", "classic", "bold"):
        assert f'src="/kk/proverbs/{item.pk}/preview/{design}.png"' in html
    response = client.get(f"/kk/proverbs/{item.pk}/preview/bold.png")
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (1080, 1080)
    assert client.get(f"/kk/proverbs/{item.pk}/preview/nope.png").status_code == 404
