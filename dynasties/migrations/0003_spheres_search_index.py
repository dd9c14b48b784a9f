"""The classifier of spheres of labour, and on PostgreSQL the GIN index of the search vector."""

from django.db import migrations

SPHERES = [
    ("metallurgy", "Металлургия", "Металлургия"),
    ("mining", "Тау-кен өндірісі", "Горнодобывающая промышленность"),
    ("oil-and-gas", "Мұнай-газ саласы", "Нефтегазовая отрасль"),
    ("agriculture", "Ауыл шаруашылығы", "Сельское хозяйство"),
    ("railway", "Темір жол көлігі", "Железнодорожный транспорт"),
    ("construction", "Құрылыс", "Строительство"),
    ("energy", "Энергетика", "Энергетика"),
    ("machine-building", "Машина жасау", "Машиностроение"),
    ("education", "Білім беру", "Образование"),
    ("healthcare", "Денсаулық сақтау", "Здравоохранение"),
    ("culture", "Мәдениет және өнер", "Культура и искусство"),
    ("transport", "Көлік және логистика", "Транспорт и логистика"),
    ("public-service", "Мемлекеттік қызмет", "Государственная служба"),
    ("trade-and-services", "Сауда және қызмет көрсету", "Торговля и услуги"),
    ("science", "Ғылым", "Наука"),
    ("communications", "Байланыс", "Связь"),
    ("light-industry", "Жеңіл өнеркәсіп", "Лёгкая промышленность"),
]


def load(apps, schema_editor):
    Sphere = apps.get_model("dynasties", "Sphere")
    for position, (slug, name_kk, name_ru) in enumerate(SPHERES, start=1):
        Sphere.objects.update_or_create(
            slug=slug, defaults={"name": name_kk, "name_kk": name_kk, "name_ru": name_ru, "position": position}
        )


def unload(apps, schema_editor):
    apps.get_model("dynasties", "Sphere").objects.filter(slug__in=[s[0] for s in SPHERES]).delete()


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS dynasty_search_vector_gin ON dynasties_dynasty USING gin (search_vector)"
    )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS dynasty_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("dynasties", "0002_initial")]

    operations = [
        migrations.RunPython(load, unload),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
