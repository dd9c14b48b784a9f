"""Render the stories already written into the stored, sanitised story_html_kk/ru.

From now on dynasties.services.dynasty_render_story does it whenever a story is saved; pages never
render per request, so rows written before this migration need their HTML once.
"""

from django.db import migrations


def render_existing(apps, schema_editor):
    from enbek.richtext import render_markdown

    Dynasty = apps.get_model("dynasties", "Dynasty")
    rows = Dynasty.objects.exclude(story_kk="", story_ru="").values_list("pk", "story_kk", "story_ru")
    batch = []
    for pk, story_kk, story_ru in rows.iterator(chunk_size=500):
        batch.append(
            Dynasty(
                pk=pk,
                story_html_kk=str(render_markdown(story_kk or "")),
                story_html_ru=str(render_markdown(story_ru or "")),
            )
        )
        if len(batch) >= 500:
            Dynasty.objects.bulk_update(batch, ["story_html_kk", "story_html_ru"])
            batch = []
    if batch:
        Dynasty.objects.bulk_update(batch, ["story_html_kk", "story_html_ru"])


class Migration(migrations.Migration):
    dependencies = [("dynasties", "0010_story_html_and_text_limits")]

    operations = [migrations.RunPython(render_existing, migrations.RunPython.noop)]
