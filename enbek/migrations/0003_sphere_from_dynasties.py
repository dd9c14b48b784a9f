"""Sphere moves from dynasties into the core, step 1 of 3: the core adopts the existing table.

State only: the rows stay where they are (table dynasties_sphere), with their ids and slugs, so every
dynasty keeps its sphere. dynasties 0004 then points Dynasty.sphere here and forgets its own model;
enbek 0004 renames the table to enbek_sphere. This is the one migration of the core that depends on a
section's: the spheres were created there before the classifier moved to the core.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("enbek", "0002_reference_data"),
        ("dynasties", "0003_spheres_search_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Sphere",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=120, verbose_name="name")),
                        ("name_kk", models.CharField(max_length=120, null=True, verbose_name="name")),
                        ("name_ru", models.CharField(max_length=120, null=True, verbose_name="name")),
                        ("slug", models.SlugField(max_length=60, unique=True, verbose_name="slug")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                    ],
                    options={
                        "verbose_name": "sphere",
                        "verbose_name_plural": "spheres",
                        "ordering": ["position", "slug"],
                        "db_table": "dynasties_sphere",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
