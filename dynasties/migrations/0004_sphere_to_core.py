"""Sphere moves from dynasties into the core, step 2 of 3: Dynasty.sphere points at enbek.Sphere.

State only for the schema (the foreign key column and its constraint already reference the same
table). The content type of the model moves with it, so that its permissions (held by the role
groups) and the admin's history keep pointing at the spheres.
"""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="dynasties", target="enbek"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label=target, model="sphere").exists():
        return
    ContentType.objects.using(db).filter(app_label=source, model="sphere").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="enbek", target="dynasties")


class Migration(migrations.Migration):
    dependencies = [
        ("dynasties", "0003_spheres_search_index"),
        ("enbek", "0003_sphere_from_dynasties"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="dynasty",
                    name="sphere",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="dynasties",
                        to="enbek.sphere",
                        verbose_name="sphere",
                    ),
                ),
                migrations.DeleteModel(name="Sphere"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
