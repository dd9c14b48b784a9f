"""Latin spellings of Kazakh and Russian names (enbek.transliteration)."""

import pytest

from enbek.transliteration import fold_latin, latin_variants


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("Өтепов", ["otepov"]),
        ("Ермеков", ["ermekov", "yermekov"]),
        ("Тестбеков", ["testbekov"]),
        ("Жұмабеков", ["jumabekov", "zhumabekov"]),
        ("Шаймерденов", ["saimerdenov", "shaimerdenov", "shaymerdenov"]),
        ("Баймұхамедов", ["baimuhamedov", "baimukhamedov", "baymukhamedov"]),
        ("Юсупова", ["iusupova", "yusupova"]),
        ("Қуанышбаева", ["quanysbaeva", "kuanyshbaeva", "kuanyshbayeva"]),
    ],
)
def test_latin_variants_common_spellings(name, spellings):
    assert latin_variants(name) == spellings


def test_latin_variants_of_several_words_and_latin_left_out():
    assert latin_variants("Өтепов Ermekov әулеті") == ["otepov", "auleti"]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Ötepov", "otepov"),
        ("OTEPOV", "otepov"),
        ("Şaimerdenov", "saimerdenov"),
        ("İlyas Ğalym Quanyşbaeva", "ilyas galym quanysbaeva"),
        ("Йошкар Ёлка Жұмабек", "йошкар ёлка жұмабек"),
    ],
)
def test_fold_latin_drops_marks_of_latin_letters_only(typed, folded):
    assert fold_latin(typed) == folded
