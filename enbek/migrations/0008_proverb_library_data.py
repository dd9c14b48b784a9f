"""The proverb library from enbek/data/proverbs.csv: the theme tags, and the texts that were missing.

The ministry's list had 9 proverbs without a Kazakh text and 10 without a Russian one. They are
filled here with an equivalent proverb of the other language where one exists (marked
"equivalent": not a literal translation), else with a translation. A text an editor has already
typed in the admin is never overwritten; the loader is idempotent (tests re-run it).
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"

THEMES = [
    ("labour", "Еңбек", "Труд"),
    ("diligence", "Ынта мен төзім", "Усердие и терпение"),
    ("mastery", "Шеберлік пен кәсіп", "Мастерство и ремесло"),
    ("prosperity", "Береке мен байлық", "Достаток и благополучие"),
    ("unity", "Бірлік", "Единство"),
    ("land", "Жер мен нан", "Земля и хлеб"),
    ("laziness", "Жалқаулық туралы", "О лени"),
]


def load(apps, schema_editor):
    Proverb = apps.get_model("enbek", "Proverb")
    ProverbTheme = apps.get_model("enbek", "ProverbTheme")
    themes = {}
    for position, (slug, name_kk, name_ru) in enumerate(THEMES):
        themes[slug], _created = ProverbTheme.objects.update_or_create(
            slug=slug, defaults={"name": name_kk, "name_kk": name_kk, "name_ru": name_ru, "position": position}
        )
    with open(DATA / "proverbs.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            original = row["original_lang"]
            other = "ru" if original == "kk" else "kk"
            proverb = Proverb.objects.filter(
                original_language=original, **{f"text_{original}": row[original].strip()}
            ).first()
            if proverb is None:
                proverb = Proverb.objects.create(
                    original_language=original,
                    text=row[original].strip(),
                    text_kk=row["kk"].strip(),
                    text_ru=row["ru"].strip(),
                    source=row["source"].strip(),
                    is_active=True,
                )
            changed = []
            if not (getattr(proverb, f"text_{other}") or "").strip() and row[other].strip():
                setattr(proverb, f"text_{other}", row[other].strip())
                changed.append(f"text_{other}")
                proverb.translation_kind = row["translation"]
                changed.append("translation_kind")
            elif not proverb.translation_kind and (getattr(proverb, f"text_{other}") or "").strip():
                proverb.translation_kind = row["translation"]
                changed.append("translation_kind")
            if changed:
                proverb.save(update_fields=changed)
            if not proverb.themes.exists():
                proverb.themes.set([themes[slug] for slug in row["themes"].split(";") if slug])


def unload(apps, schema_editor):
    apps.get_model("enbek", "ProverbTheme").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("enbek", "0007_proverb_library")]

    operations = [migrations.RunPython(load, unload)]
