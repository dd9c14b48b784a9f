"""The interest quiz's statements from enbek/data/quiz_statements.csv, six per Holland type, kk and ru.

Idempotent (update_or_create by key), so tests/conftest.py's `reference_data` re-runs `load` after a
flush. The file's order (one statement of each type in turn) is the order the quiz asks them in.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
TYPES = "RIASEC"


def load(apps, schema_editor):
    QuizStatement = apps.get_model("enbek", "QuizStatement")
    with open(DATA / "quiz_statements.csv", encoding="utf-8") as handle:
        rows = [{key: value.strip() for key, value in row.items()} for row in csv.DictReader(handle)]
    for position, row in enumerate(rows, start=1):
        if row["type"] not in TYPES or not row["kk"] or not row["ru"]:
            raise ValueError(f"{row['key']}: a type of RIASEC and both texts are needed")
        QuizStatement.objects.update_or_create(
            key=row["key"],
            defaults={
                "holland_type": row["type"],
                "text": row["kk"],
                "text_kk": row["kk"],
                "text_ru": row["ru"],
                "position": position,
                "is_active": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("enbek", "0009_quiz")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
