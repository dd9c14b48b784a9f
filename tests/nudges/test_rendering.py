"""Banner files: exact sizes, real content, a decodable QR code, Kazakh letters, valid PDFs, no cut text."""

import io
from pathlib import Path

import pytest
import zxingcpp
from django.conf import settings
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont
from pypdf import PdfReader

from nudges import rendering
from nudges.rendering import DESIGNS, FONTS, SIZES, BannerTexts, build_layout, render
from nudges.services import banner_file, banner_get_or_create, banner_texts
from tests.factories.nudges import PlacementFactory, proverb

KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
URL = "https://enbek.gov.kz/b/K7M2XQ9"
EXPECTED_PX = {
    "a4": (2480, 3508),
    "a3": (3508, 4961),
    "billboard": (3543, 1772),
    "square": (1080, 1080),
    "story": (1080, 1920),
}
EXPECTED_MM = {"a4": (210, 297), "a3": (297, 420), "billboard": (600, 300)}


def texts(
    first="Бір кісі қазған құдықтан мың кісі су ішеді.", second="", language="kk", url=URL
) -> BannerTexts:
    return BannerTexts(
        proverb=first,
        proverb_second=second,
        ministry=("Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",),
        scan=("Кодты сканерлеңіз",),
        link_label=url.split("://")[1],
        qr_url=url,
        language=language,
    )


def png(size: str, design: str = "steppe", **kwargs) -> Image.Image:
    return Image.open(io.BytesIO(render(size_key=size, design_key=design, texts=texts(**kwargs), fmt="png")))


def decode_qr(image: Image.Image) -> list[str]:
    # Large posters are scaled down first: a QR module is still several pixels wide.
    image = image.convert("L")
    if max(image.size) > 1600:
        factor = 1600 / max(image.size)
        image = image.resize(
            (round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS
        )
    return [result.text for result in zxingcpp.read_barcodes(image)]


# --- Sizes, content and the QR code -------------------------------------------------------------
@pytest.mark.parametrize("size", list(EXPECTED_PX))
def test_png_has_exact_pixel_size_content_and_a_qr_code_to_the_short_link(size):
    image = png(size)

    assert image.size == EXPECTED_PX[size]
    assert image.format == "PNG"
    # Not blank: background, ornament, text and the QR code's black and white all appear.
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 50
    dominant = max(colours)[0] / (image.width * image.height)
    assert dominant < 0.9
    assert decode_qr(image) == [URL]


def test_print_sizes_carry_their_dpi_and_the_billboard_its_scale():
    assert {key: (SIZES[key].width, SIZES[key].height) for key in SIZES} == EXPECTED_PX
    assert (SIZES["billboard"].scale, SIZES["billboard"].dpi) == (10, 150)
    assert png("billboard").info["dpi"] == pytest.approx((150, 150), abs=0.05)
    assert png("a4").info["dpi"] == pytest.approx((300, 300), abs=0.05)


@pytest.mark.parametrize("design", list(DESIGNS))
def test_every_design_draws_its_own_banner_with_a_readable_qr_code(design):
    image = png("square", design)

    assert image.size == (1080, 1080)
    assert image.getpixel((540, 2)) in {DESIGNS[design].background, DESIGNS[design].accent, rendering.GOLD}
    assert decode_qr(image) == [URL]


def test_designs_differ():
    images = [png("square", design).convert("RGB") for design in DESIGNS]
    assert ImageChops.difference(images[0], images[1]).getbbox() is not None
    assert ImageChops.difference(images[1], images[2]).getbbox() is not None


# --- Fonts: shipped with the project, Kazakh letters drawn -------------------------------------
def test_fonts_are_shipped_inside_the_project_with_their_licence():
    root = Path(settings.BASE_DIR)
    for path in FONTS.values():
        assert path.is_file()
        assert root in path.parents
    licence = (rendering.FONT_DIR / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


@pytest.mark.parametrize("key", list(FONTS))
def test_kazakh_letters_draw_a_glyph_unlike_the_missing_glyph_box(key):
    cmap = TTFont(str(FONTS[key])).getBestCmap()
    assert [letter for letter in KAZAKH_LETTERS if ord(letter) not in cmap] == []
    missing = "\ue000"  # a private-use code point no Noto font maps: drawn as the .notdef box
    assert ord(missing) not in cmap
    face = ImageFont.truetype(str(FONTS[key]), 96)

    def glyph(char: str) -> Image.Image:
        image = Image.new("L", (140, 160), 0)
        ImageDraw.Draw(image).text((20, 20), char, font=face, fill=255)
        return image

    box = glyph(missing)
    assert box.getbbox() is not None
    for letter in KAZAKH_LETTERS:
        drawn = glyph(letter)
        assert drawn.getbbox() is not None, letter
        assert ImageChops.difference(drawn, box).getbbox() is not None, letter


def test_banner_text_uses_the_shipped_fonts():
    layout = build_layout(size_key="a4", design_key="classic", texts=texts(first=KAZAKH_LETTERS))
    assert {line.font for line in layout.lines} <= set(FONTS)
    assert "".join(line.text for line in layout.proverb_lines) == KAZAKH_LETTERS


# --- PDF ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", list(EXPECTED_MM))
def test_pdf_is_one_page_of_the_physical_size_with_the_fonts_embedded(size):
    data = render(size_key=size, design_key="steppe", texts=texts(), fmt="pdf")

    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width_mm, height_mm = (float(value) / 72 * 25.4 for value in page.mediabox[2:])
    assert (round(width_mm, 1), round(height_mm, 1)) == EXPECTED_MM[size]
    fonts = page["/Resources"]["/Font"]
    names = sorted(str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values())
    assert names == ["NotoSans", "NotoSansBold"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor  # the TrueType program itself is in the file
    text = " ".join(page.extract_text().split())
    assert "Бір кісі қазған құдықтан мың кісі су ішеді." in text
    assert "«Еңбек – елдің мұраты»" in text
    assert "enbek.gov.kz/b/K7M2XQ9" in text


def test_pdf_is_refused_for_screen_sizes():
    with pytest.raises(ValueError, match="PNG only"):
        render(size_key="story", design_key="bold", texts=texts(), fmt="pdf")


# --- Long texts wrap and shrink inside the safe margins -------------------------------------------
def _inside(layout) -> list[str]:
    left, top, right, bottom = layout.safe
    return [
        line.text
        for line in layout.lines
        if line.box[0] < left - 0.5
        or line.box[1] < top - 0.5
        or line.box[2] > right + 0.5
        or line.box[3] > bottom + 0.5
    ]


def _words(lines) -> list[str]:
    return " ".join(line.text for line in lines).split()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("design", list(DESIGNS))
def test_longest_proverb_in_both_languages_fits_inside_the_margins(db, size, design):
    longest = max(
        (p for p in proverb(0).__class__.objects.filter(is_active=True)),
        key=lambda p: len(p.text_kk) + len(p.text_ru),
    )
    layout = build_layout(
        size_key=size,
        design_key=design,
        texts=texts(first=longest.text_kk, second=longest.text_ru, language="both"),
    )

    assert _inside(layout) == []
    assert _words(layout.proverb_lines) == (longest.text_kk + " " + longest.text_ru).split()
    # Still large: a billboard or a poster is read from afar.
    assert min(line.size for line in layout.proverb_lines) >= SIZES[size].height * 0.012


@pytest.mark.parametrize("size", ["story", "billboard", "square"])
def test_a_text_of_the_maximum_length_shrinks_but_is_never_cut(size):
    first = ("Еңбегің егіз болса, байлығың сегіз болады. " * 6)[:250].strip()
    second = ("Потрудишься вдвое — разбогатеешь ввосьмеро. " * 6)[:250].strip()
    layout = build_layout(
        size_key=size, design_key="bold", texts=texts(first=first, second=second, language="both")
    )

    assert _inside(layout) == []
    assert _words(layout.proverb_lines) == (first + " " + second).split()


def test_one_very_long_word_is_shrunk_to_fit_the_width():
    word = "Қазақстанның" * 4
    layout = build_layout(size_key="square", design_key="steppe", texts=texts(first=word))
    assert _inside(layout) == []
    assert [line.text for line in layout.proverb_lines] == [word]


# --- Files in media storage are made once ---------------------------------------------------------
def test_banner_file_is_rendered_once_and_reused(db, monkeypatch, site_url):
    banner = banner_get_or_create(proverb=proverb(3), design="bold", language="ru")
    calls = []
    original = rendering.render
    monkeypatch.setattr(rendering, "render", lambda **kw: calls.append(kw) or original(**kw))

    first = banner_file(banner=banner, size="square", fmt="png")
    second = banner_file(banner=banner, size="square", fmt="png")

    assert first == second and first.startswith("nudges/banners/") and first.endswith(".png")
    assert len(calls) == 1


def test_placement_banner_has_its_own_qr_code(db, site_url):
    placement = PlacementFactory(code="Q7W8E9R")
    name = banner_file(banner=placement.banner, size="square", fmt="png", placement=placement)
    generic = banner_file(banner=placement.banner, size="square", fmt="png")

    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as handle:
        assert decode_qr(Image.open(handle)) == ["https://enbek.gov.kz/b/Q7W8E9R"]
    with default_storage.open(generic, "rb") as handle:
        assert decode_qr(Image.open(handle)) == [f"https://enbek.gov.kz/b/{placement.banner.code}"]


def test_banner_texts_in_each_language(db, site_url):
    item = proverb(0)
    kk = banner_texts(proverb=item, language="kk", code="ABC2345")
    ru = banner_texts(proverb=item, language="ru", code="ABC2345")
    both = banner_texts(proverb=item, language="both", code="ABC2345")

    assert (kk.proverb, kk.proverb_second) == (item.text_kk, "")
    assert kk.ministry == ("Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",)
    assert kk.scan == ("Кодты сканерлеңіз",)
    assert (ru.proverb, ru.ministry, ru.scan) == (
        item.text_ru,
        ("Министерство труда и социальной защиты населения Республики Казахстан",),
        ("Отсканируйте код",),
    )
    assert (both.proverb, both.proverb_second, len(both.ministry)) == (item.text_kk, item.text_ru, 2)
    assert kk.qr_url == "https://enbek.gov.kz/b/ABC2345"
    assert kk.link_label == "enbek.gov.kz/b/ABC2345"
