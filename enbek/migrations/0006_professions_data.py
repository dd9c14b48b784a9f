"""The classifier's data from the project's files (enbek/data/): spheres of labour and professions.

Idempotent (update_or_create by slug and by code), so tests/conftest.py's `reference_data` re-runs
`load` after a flush, and a later migration can call it again when the files grow.
"""

import csv
from pathlib import Path

from django.db import migrations

from enbek.validators import validate_holland_code, validate_profession_code

DATA = Path(__file__).resolve().parent.parent / "data"
PATHS = ("college", "university", "on_the_job", "retraining")
AUDIENCES = ("pupils", "students", "career_changers", "over_50")


def _read(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as handle:
        return [{key: value.strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def _flags(value: str, allowed: tuple[str, ...], prefix: str, code: str) -> dict[str, bool]:
    chosen = {item for item in value.split(";") if item}
    unknown = chosen - set(allowed)
    if unknown:
        raise ValueError(f"{code}: unknown {prefix} {sorted(unknown)}")
    return {f"{prefix}_{item}": item in chosen for item in allowed}


def load(apps, schema_editor):
    Sphere = apps.get_model("enbek", "Sphere")
    Profession = apps.get_model("enbek", "Profession")
    spheres = {}
    for position, row in enumerate(_read("spheres.csv"), start=1):
        spheres[row["slug"]], _ = Sphere.objects.update_or_create(
            slug=row["slug"],
            defaults={"name": row["name_kk"], "name_kk": row["name_kk"], "name_ru": row["name_ru"], "position": position},
        )
    for row in _read("professions.csv"):
        validate_profession_code(row["code"])
        validate_holland_code(row["interest_code"])
        if not all(row[f] for f in ("name_kk", "name_ru", "description_kk", "description_ru")):
            raise ValueError(f"{row['code']}: a name or description is missing in one language")
        Profession.objects.update_or_create(
            code=row["code"],
            defaults={
                "sphere": spheres[row["sphere"]],
                "name": row["name_kk"],
                "name_kk": row["name_kk"],
                "name_ru": row["name_ru"],
                "description": row["description_kk"],
                "description_kk": row["description_kk"],
                "description_ru": row["description_ru"],
                "interest_code": row["interest_code"],
                "is_active": True,
                **_flags(row["paths"], PATHS, "path", row["code"]),
                **_flags(row["audiences"], AUDIENCES, "suits", row["code"]),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("enbek", "0005_professions")]

    # Backwards: nothing to undo here; 0005 drops the table of professions, the spheres predate it.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
