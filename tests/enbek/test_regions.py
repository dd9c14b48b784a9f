from enbek.models import Region


def test_regions_twenty_rows_loaded_by_migration(db):
    assert Region.objects.count() == 20


def test_regions_codes_unique_and_match_kato(db):
    rows = list(Region.objects.values_list("code", "kato", "iso"))
    assert len({code for code, _, _ in rows}) == 20
    assert len({iso for _, _, iso in rows}) == 20
    for code, kato, iso in rows:
        assert kato == code + "0000000"
        assert iso == "KZ-" + code


def test_regions_have_both_names_and_centres(db):
    for region in Region.objects.all():
        assert region.name_kk and region.name_ru and region.center_kk and region.center_ru


def test_region_almaty_city_names(db):
    almaty = Region.objects.get(code="75")
    assert (almaty.name_kk, almaty.name_ru, almaty.kind) == ("Алматы қаласы", "город Алматы", "city")
    assert Region.objects.get(code="10").name_ru == "область Абай"


def test_regions_kinds_seventeen_oblasts_three_cities(db):
    assert Region.objects.filter(kind="oblast").count() == 17
    assert sorted(Region.objects.filter(kind="city").values_list("code", flat=True)) == ["71", "75", "79"]
