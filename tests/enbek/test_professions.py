"""The profession classifier: complete in both languages, valid codes, every sphere covered, filterable."""

import csv
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from enbek.enums import Audience, EntryPath
from enbek.models import Profession, Sphere
from enbek.validators import validate_holland_code, validate_profession_code

CSV = Path(__file__).resolve().parents[2] / "enbek" / "data" / "professions.csv"
LOADER = importlib.import_module("enbek.migrations.0006_professions_data")


def csv_rows() -> list[dict]:
    with open(CSV, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_classifier_has_at_least_60_professions_with_unique_codes(db):
    rows = csv_rows()
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) == 80
    assert Profession.objects.count() == 80
    assert set(Profession.objects.values_list("code", flat=True)) == set(codes)


def test_every_profession_is_complete_in_both_languages(db):
    for p in Profession.objects.all():
        assert p.name_kk.strip() and p.name_ru.strip(), p.code
        assert p.description_kk.strip() and p.description_ru.strip(), p.code
        assert p.description_kk != p.description_ru, p.code
        # What the work is, where it is done and what to learn: at least three sentences each.
        assert p.description_kk.count(".") >= 3 and p.description_ru.count(".") >= 3, p.code
        with translation.override("kk"):  # the untranslated column follows Kazakh, the default
            assert p.name == p.name_kk and p.description == p.description_kk, p.code
    # Kazakh is written with its own letters, not transliterated.
    kazakh = "".join(Profession.objects.values_list("description_kk", flat=True))
    assert all(letter in kazakh for letter in "әғқңөұүі")


def test_codes_and_interest_codes_are_valid(db):
    for p in Profession.objects.all():
        validate_profession_code(p.code)
        validate_holland_code(p.interest_code)
        p.full_clean()
        assert p.paths and p.audiences, p.code


def test_every_sphere_has_active_professions(db):
    without = Sphere.objects.exclude(professions__is_active=True).values_list("slug", flat=True)
    assert list(without) == []
    assert Sphere.objects.count() == 17


@pytest.mark.parametrize(
    ("code", "name_ru"),
    [
        ("7212-01", "Сварщик"),
        ("7411-01", "Электрик"),
        ("7223-01", "Токарь"),
        ("8311-01", "Машинист локомотива"),
        ("8111-01", "Шахтёр"),
        ("8121-01", "Сталевар"),
        ("8113-02", "Оператор по добыче нефти и газа"),
        ("8341-01", "Тракторист-машинист"),
        ("7119-01", "Строитель"),
        ("7126-01", "Сантехник"),
        ("7231-01", "Автомеханик"),
        ("5120-01", "Повар"),
        ("7512-01", "Пекарь"),
        ("7533-01", "Швея"),
        ("2132-01", "Агроном"),
        ("3221-01", "Медицинская сестра"),
        ("2341-01", "Учитель начальных классов"),
        ("3412-01", "Социальный работник"),
        ("2512-01", "Программист"),
    ],
)
def test_the_trades_named_in_the_issue_are_there(db, code, name_ru):
    assert Profession.objects.get(code=code).name_ru == name_ru


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("R", True),
        ("RIE", True),
        ("SC", True),
        ("", False),
        ("RIAS", False),
        ("RR", False),
        ("ri", False),
        ("X", False),
    ],
)
def test_holland_code_validator(value, valid):
    if valid:
        validate_holland_code(value)
    else:
        with pytest.raises(ValidationError):
            validate_holland_code(value)


@pytest.mark.parametrize(
    ("value", "valid"),
    [("7212-01", True), ("0110-99", True), ("7212", False), ("7212-1", False), ("72a2-01", False)],
)
def test_profession_code_validator(value, valid):
    if valid:
        validate_profession_code(value)
    else:
        with pytest.raises(ValidationError):
            validate_profession_code(value)


def test_filters_by_interest_path_and_audience_match_the_file(db):
    rows = csv_rows()
    for letter in "RIASEC":
        expected = {r["code"] for r in rows if letter in r["interest_code"]}
        assert set(Profession.objects.with_interest(letter).values_list("code", flat=True)) == expected, (
            letter
        )
    for path in EntryPath:
        expected = {r["code"] for r in rows if path.value in r["paths"].split(";")}
        assert set(Profession.objects.with_path(path).values_list("code", flat=True)) == expected, path
    for audience in Audience:
        expected = {r["code"] for r in rows if audience.value in r["audiences"].split(";")}
        assert set(Profession.objects.suiting(audience).values_list("code", flat=True)) == expected, audience
    both = Profession.objects.suiting(Audience.OVER_50).with_path(EntryPath.RETRAINING).with_interest("S")
    assert set(both.values_list("code", flat=True)) == {
        r["code"]
        for r in rows
        if "over_50" in r["audiences"] and "retraining" in r["paths"] and "S" in r["interest_code"]
    }


def test_profession_properties_read_the_flags(db):
    welder = Profession.objects.get(code="7212-01")
    assert welder.paths == ["college", "on_the_job", "retraining"]
    assert welder.audiences == ["pupils", "students", "career_changers"]
    assert (welder.isco_group, welder.interest_types, welder.sphere.slug) == ("7212", ["R"], "construction")


def test_loader_is_idempotent_and_restores_the_file(db):
    welder = Profession.objects.get(code="7212-01")
    Profession.objects.filter(pk=welder.pk).update(name_ru="Изменено", path_college=False)

    LOADER.load(apps, None)
    LOADER.load(apps, None)

    assert Profession.objects.count() == 80 and Sphere.objects.count() == 17
    welder.refresh_from_db()
    assert (welder.name_ru, welder.path_college) == ("Сварщик", True)
