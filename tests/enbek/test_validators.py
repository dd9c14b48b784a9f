import datetime

import pytest
from django.core.exceptions import ValidationError

from enbek.validators import check_digit, iin_info, normalize_phone, validate_bin, validate_iin


def _code(value, validator):
    with pytest.raises(ValidationError) as info:
        validator(value)
    return info.value.code


def test_iin_valid_returns_birth_date_and_sex():
    info = iin_info("850115300011")
    assert info.birth_date == datetime.date(1985, 1, 15)
    assert info.sex == "male"


def test_iin_valid_female_born_in_2000s():
    info = iin_info("050324600018")
    assert info.birth_date == datetime.date(2005, 3, 24)
    assert info.sex == "female"


def test_iin_valid_when_first_sum_gives_ten_and_second_does_not():
    # Σ dᵢ·i mod 11 is 10 for this prefix, so the check digit comes from the second weights (5).
    assert check_digit("85011530020") == 5
    validate_iin("850115300205")


def test_iin_prefix_where_both_sums_give_ten_is_invalid():
    assert check_digit("85011530028") is None
    for last in "0123456789":
        assert _code("85011530028" + last, validate_iin) == "check_digit"


@pytest.mark.parametrize("value", ["", "85011530001", "8501153000111", "85011530001a", "8501 1530001"])
def test_iin_not_twelve_digits_is_refused(value):
    assert _code(value, validate_iin) == "not_12_digits"


@pytest.mark.parametrize("value", ["851315300011", "850230300011", "850100300011", "010229500011"])
def test_iin_with_a_date_that_does_not_exist_is_refused(value):
    # 13th month, 30 February, day 0, 29 February 2001.
    assert _code(value, validate_iin) == "bad_date"


@pytest.mark.parametrize("digit", ["0", "7", "8", "9"])
def test_iin_seventh_digit_outside_one_to_six_is_refused(digit):
    assert _code("850115" + digit + "00011", validate_iin) == "century_digit"


def test_iin_wrong_check_digit_is_refused():
    assert _code("850115300012", validate_iin) == "check_digit"


def test_iin_errors_are_specific_and_translated():
    from django.utils import translation

    # The messages are lazy: they are rendered in the language active when they are read.
    with translation.override("ru"):
        with pytest.raises(ValidationError) as info:
            validate_iin("12345")
        assert info.value.messages == ["Введите ровно 12 цифр."]
    with translation.override("kk"):
        with pytest.raises(ValidationError) as info:
            validate_iin("12345")
        assert info.value.messages == ["Дәл 12 цифр енгізіңіз."]


def test_bin_valid():
    validate_bin("040540001230")


def test_bin_wrong_check_digit_is_refused():
    assert _code("040540001231", validate_bin) == "check_digit"


def test_bin_month_outside_range_is_refused():
    assert _code("041340001230", validate_bin) == "bad_month"


def test_bin_entity_kind_digit_is_checked():
    assert _code("040510001230", validate_bin) == "entity_kind"


def test_bin_not_twelve_digits_is_refused():
    assert _code("04054000123", validate_bin) == "not_12_digits"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8 701 123 45 67", "+77011234567"),
        ("+7 (727) 250-00-00", "+77272500000"),
        ("7011234567", "+77011234567"),
    ],
)
def test_phone_normalised(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "+1 202 555 0100", "+7 901 123 45 67"])
def test_phone_foreign_or_short_is_refused(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw)
