"""Sphere moves from dynasties into the core, step 3 of 3: its table becomes enbek_sphere.

A rename keeps every row, id and slug; PostgreSQL's foreign keys follow the table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("enbek", "0003_sphere_from_dynasties"),
        ("dynasties", "0004_sphere_to_core"),
    ]

    operations = [migrations.AlterModelTable(name="sphere", table=None)]
