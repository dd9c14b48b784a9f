"""The admin: editors find the proverbs still missing a translation; placements are read and corrected."""

import pytest

from enbek.models import Proverb
from tests.factories import UserFactory
from tests.factories.nudges import PlacementFactory, VisitFactory, proverb


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, roles=[])


def test_editors_filter_the_proverbs_missing_a_translation(client, superuser):
    Proverb.objects.filter(pk=proverb(3).pk).update(text_ru="")
    client.force_login(superuser)
    response = client.get("/ru/admin/enbek/proverb/", {"missing": "ru"})
    assert response.status_code == 200
    assert [p.pk for p in response.context["cl"].result_list] == [proverb(3).pk]
    assert client.get("/ru/admin/enbek/proverb/", {"missing": "kk"}).context["cl"].result_count == 0
    page = client.get(f"/ru/admin/enbek/proverb/{proverb(3).pk}/change/").content.decode()
    assert 'name="text_ru"' in page and 'name="translation_kind"' in page and 'name="themes"' in page


def test_placement_admin_lists_visits_and_is_read_only_for_codes(client, superuser):
    placement = PlacementFactory(code="ADM2345")
    VisitFactory(placement=placement, count=6)
    client.force_login(superuser)
    response = client.get("/kk/admin/nudges/placement/")
    assert response.status_code == 200
    assert response.context["cl"].result_list[0].visits_sum == 6
    page = client.get(f"/kk/admin/nudges/placement/{placement.pk}/change/").content.decode()
    assert 'name="code"' not in page and "ADM2345" in page
    assert client.get("/kk/admin/nudges/placement/add/").status_code == 403
    for url in ("/kk/admin/nudges/visit/", "/kk/admin/nudges/banner/", "/kk/admin/nudges/bannerbatch/"):
        assert client.get(url).status_code == 200
