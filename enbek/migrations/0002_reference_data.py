"""Reference data copied into the project from the ministry's domain files (enbek/data/):
the 20 regions with their KATO codes, the proverbs about labour, and the role groups."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
ROLES = [
    "citizen",
    "enterprise_representative",
    "jury_member",
    "regional_coordinator",
    "ministry_analyst",
    "ministry_administrator",
]


def load(apps, schema_editor):
    Region = apps.get_model("enbek", "Region")
    Proverb = apps.get_model("enbek", "Proverb")
    Group = apps.get_model("auth", "Group")
    with open(DATA / "regions.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Region.objects.update_or_create(
                kato=row["kato"],
                defaults={
                    "code": row["kato"][:2],
                    "iso": row["iso"],
                    "kind": row["kind"],
                    "name": row["name_kk"],
                    "name_kk": row["name_kk"],
                    "name_ru": row["name_ru"],
                    "center": row["center_kk"],
                    "center_kk": row["center_kk"],
                    "center_ru": row["center_ru"],
                },
            )
    with open(DATA / "proverbs.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            original = row["original_lang"]
            Proverb.objects.get_or_create(
                original_language=original,
                **{f"text_{original}": row[original].strip()},
                defaults={
                    "text": row[original].strip(),
                    "text_kk": row["kk"].strip(),
                    "text_ru": row["ru"].strip(),
                    "source": row["source"].strip(),
                    "is_active": True,
                },
            )
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def unload(apps, schema_editor):
    apps.get_model("enbek", "Proverb").objects.all().delete()
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("enbek", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(load, unload)]
