"""Existing dynasties get the Latin spellings of their names in the stored search text.

New and changed dynasties get them from dynasties.services.search_text_for; this gives the rows
saved before it the same text (family names, member names by generation, stories, then the Latin
spellings), in batches of a thousand, and rebuilds the PostgreSQL tsvector in one UPDATE.
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations

from enbek.transliteration import latin_variants

BATCH = 1000


def _text(family_names, member_names, stories):
    latin = latin_variants(" ".join([*family_names, *member_names]))
    return " ".join(part for part in [*family_names, *member_names, *stories, *latin] if part).lower()


def add_latin_spellings(apps, schema_editor):
    Dynasty = apps.get_model("dynasties", "Dynasty")
    Member = apps.get_model("dynasties", "Member")
    ids = list(Dynasty.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = list(Dynasty.objects.filter(pk__in=ids[start : start + BATCH]).order_by("pk"))
        names: dict[int, list[str]] = {dynasty.pk: [] for dynasty in batch}
        members = Member.objects.filter(dynasty_id__in=names).order_by("dynasty_id", "generation", "id")
        for dynasty_id, full_name in members.values_list("dynasty_id", "full_name"):
            names[dynasty_id].append(full_name)
        for dynasty in batch:
            dynasty.search_text = _text(
                [dynasty.family_name_kk or "", dynasty.family_name_ru or ""],
                names[dynasty.pk],
                [dynasty.story_kk or "", dynasty.story_ru or ""],
            )
        Dynasty.objects.bulk_update(batch, ["search_text"])
    if schema_editor.connection.vendor == "postgresql":
        Dynasty.objects.update(
            search_vector=SearchVector("search_text", config="simple") + SearchVector("search_text", config="russian")
        )


class Migration(migrations.Migration):
    dependencies = [("dynasties", "0006_mediaepisode_outlet_translated")]

    # Backwards: the Latin words stay in the text; they harm nothing and the next save rewrites it.
    operations = [migrations.RunPython(add_latin_spellings, migrations.RunPython.noop)]
