"""Sphere moved from dynasties into the core (enbek 0003–0004, dynasties 0004): nothing is lost.

Migrates the test database back to before the move, writes dynasties there with the old models,
then forward again: every dynasty keeps its sphere, ids and slugs stay, the content type (and so the
role groups' permissions) follows the model.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from enbek.models import Sphere as CurrentSphere

BEFORE = [("enbek", "0002_reference_data"), ("dynasties", "0003_spheres_search_index")]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.usefixtures("reference_data")
def test_sphere_move_keeps_every_dynasty_sphere(transactional_db):
    ContentType.objects.clear_cache()
    sphere_type = ContentType.objects.get_for_model(CurrentSphere)
    try:
        old = _migrate(BEFORE)
        OldSphere = old.get_model("dynasties", "Sphere")
        OldDynasty = old.get_model("dynasties", "Dynasty")
        Region = old.get_model("enbek", "Region")
        region = Region.objects.get(code="75")
        custom = OldSphere.objects.create(
            slug="beekeeping",
            name="Ара шаруашылығы",
            name_kk="Ара шаруашылығы",
            name_ru="Пчеловодство",
            position=99,
        )
        before = {}
        for n, sphere in enumerate(OldSphere.objects.order_by("id")):
            for k in range(2):
                dynasty = OldDynasty.objects.create(
                    family_name=f"Әулет {n}-{k}", slug=f"move-{n}-{k}", sphere=sphere, region=region
                )
                before[dynasty.slug] = (sphere.id, sphere.slug)
        spheres_before = list(
            OldSphere.objects.order_by("id").values_list("id", "slug", "name_kk", "name_ru")
        )
        assert (
            len(before) == 2 * 18
            and ContentType.objects.filter(pk=sphere_type.pk, app_label="dynasties").exists()
        )
    finally:
        new = _migrate()

    Sphere = new.get_model("enbek", "Sphere")
    Dynasty = new.get_model("dynasties", "Dynasty")
    after = {d.slug: (d.sphere_id, d.sphere.slug) for d in Dynasty.objects.select_related("sphere")}
    assert after == before
    assert (
        list(Sphere.objects.order_by("id").values_list("id", "slug", "name_kk", "name_ru")) == spheres_before
    )
    assert Sphere.objects.get(pk=custom.pk).slug == "beekeeping"
    # The rows live in the core's table now, and new spheres continue the same id sequence.
    tables = connection.introspection.table_names()
    assert "enbek_sphere" in tables and "dynasties_sphere" not in tables
    assert Sphere.objects.create(slug="new-one", name="Жаңа", name_kk="Жаңа", name_ru="Новая").pk > custom.pk
    moved = ContentType.objects.get(pk=sphere_type.pk)
    assert (moved.app_label, moved.model) == ("enbek", "sphere")
