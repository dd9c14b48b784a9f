"""Placements: recorded by a coordinator for their own region, photo proof hardened, lists scoped."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image

from enbek.worklist import work_items_for
from nudges import services
from nudges.models import Banner, Placement
from tests.factories import region
from tests.factories.nudges import PlacementFactory, VisitFactory, proverb

pytestmark = pytest.mark.usefixtures("source_language")
RU_NOT_A_PHOTO = "Этот файл не подходит как фотография."


def _create(user, region_code="75", **overrides) -> Placement:
    data = {
        "user": user,
        "proverb": proverb(0),
        "design": "steppe",
        "language": "kk",
        "region": region(region_code),
        "place_type": "bus_stop",
        "address": "  Абай даңғылы, 10  ",
        "starts_on": datetime.date(2026, 5, 1),
    }
    data.update(overrides)
    return services.placement_create(**data)


def _form(**overrides) -> dict:
    data = {
        "proverb": proverb(0).pk,
        "design": "bold",
        "language": "ru",
        "region": region("75").pk,
        "place_type": "school",
        "address": "Школа-гимназия №12",
        "starts_on": "2026-05-01",
        "ends_on": "",
        "landing": "dynasties:list",
    }
    data.update(overrides)
    return data


def _photo(fmt="JPEG", exif=True) -> SimpleUploadedFile:
    image = Image.new("RGB", (800, 600), (200, 120, 40))
    buffer = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x8825] = {1: "N", 2: (43.0, 15.0, 0.0)}  # GPS
        data[0x010F] = "PhoneMaker"
        image.save(buffer, format=fmt, exif=data)
    else:
        image.save(buffer, format=fmt)
    return SimpleUploadedFile("proof.jpg", buffer.getvalue(), content_type="image/jpeg")


# --- Services -----------------------------------------------------------------------------------------
def test_coordinator_records_a_placement_in_own_region_with_its_own_short_link(coordinator):
    placement = _create(coordinator)

    assert placement.region == region("75")
    assert placement.address == "Абай даңғылы, 10"
    assert placement.created_by == coordinator
    assert len(placement.code) == 7 and placement.code != placement.banner.code
    assert (placement.banner.proverb, placement.banner.design, placement.banner.language) == (
        proverb(0),
        "steppe",
        "kk",
    )


def test_coordinator_cannot_place_in_another_region(coordinator):
    with pytest.raises(PermissionDenied):
        _create(coordinator, region_code="71")
    assert Placement.objects.count() == 0


def test_ministry_places_anywhere_citizens_and_analysts_nowhere(ministry_admin, ministry_analyst, citizen):
    assert _create(ministry_admin, region_code="71").region.code == "71"
    for user in (ministry_analyst, citizen):
        with pytest.raises(PermissionDenied):
            _create(user)


def test_removal_before_placement_is_refused_next_to_the_date(coordinator):
    with pytest.raises(ValidationError) as error:
        _create(coordinator, ends_on=datetime.date(2026, 4, 30))
    assert error.value.message_dict == {"ends_on": ["The banner cannot be removed before it was placed."]}


def test_same_banner_is_reused_by_placements(coordinator):
    first, second = _create(coordinator), _create(coordinator, address="Төле би, 5")
    assert first.banner_id == second.banner_id
    assert Banner.objects.count() == 1


def test_update_keeps_the_short_link_and_refuses_a_new_banner_once_visited(coordinator):
    placement = _create(coordinator)
    code = placement.code
    fields = {
        "proverb": proverb(1),
        "design": "classic",
        "language": "ru",
        "region": region("75"),
        "place_type": "school",
        "address": "Школа №3",
        "starts_on": datetime.date(2026, 5, 2),
    }
    updated = services.placement_update(placement=placement, user=coordinator, **fields)
    assert (updated.code, updated.banner.design, updated.address) == (code, "classic", "Школа №3")

    VisitFactory(placement=updated)
    with pytest.raises(ValidationError) as error:
        services.placement_update(placement=updated, user=coordinator, **(fields | {"design": "bold"}))
    assert list(error.value.message_dict) == ["design"]


def test_photo_proof_is_reencoded_without_exif_under_a_random_name(coordinator):
    placement = _create(coordinator)
    services.placement_set_photo(placement=placement, user=coordinator, upload=_photo())

    placement.refresh_from_db()
    assert placement.photo.name.startswith("nudges/placements/") and "proof" not in placement.photo.name
    with placement.photo.open("rb") as handle:
        stored = Image.open(handle)
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
    assert placement.photo_thumbnail.name.startswith("nudges/placements/thumbs/")
    assert placement.photo_uploaded_at is not None


def test_a_file_that_is_not_a_photo_is_refused_next_to_the_field(coordinator):
    placement = _create(coordinator)
    upload = SimpleUploadedFile("proof.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.placement_set_photo(placement=placement, user=coordinator, upload=upload)
    assert error.value.message_dict == {
        "photo": ["This file is not a photo we can accept. Upload a JPEG, PNG or WebP image."]
    }


# --- Pages --------------------------------------------------------------------------------------------
def test_coordinator_records_a_placement_through_the_form(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/ru/banners/placements/new/").status_code == 200
    response = client.post("/ru/banners/placements/new/", _form())

    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ru/banners/placements/{placement.pk}/"
    assert (placement.place_type, placement.landing, placement.banner.language) == (
        "school",
        "dynasties:list",
        "ru",
    )
    html = client.get(response["Location"]).content.decode()
    assert f"/b/{placement.code}" in html


def test_form_offers_only_the_coordinators_region_and_refuses_another(client, coordinator):
    client.force_login(coordinator)
    form = client.get("/ru/banners/placements/new/").context["form"]
    assert list(form.fields["region"].queryset) == [region("75")]
    assert form["region"].value() == region("75").pk

    response = client.post("/ru/banners/placements/new/", _form(region=region("71").pk, address="Астана, 1"))
    assert response.status_code == 200
    assert Placement.objects.count() == 0
    html = response.content.decode()
    assert 'id="id_region_error"' in html
    assert 'value="Астана, 1"' in html  # what was typed is kept


def test_form_errors_keep_what_was_typed(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/kk/banners/placements/new/", _form(ends_on="2026-04-01"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_ends_on_error"' in html
    assert 'value="Школа-гимназия №12"' in html


def test_other_regions_placement_is_404_for_a_coordinator(client, coordinator, other_coordinator):
    placement = PlacementFactory(region=region("71"))
    client.force_login(coordinator)
    assert client.get(f"/kk/banners/placements/{placement.pk}/").status_code == 404
    assert client.get(f"/kk/banners/placements/{placement.pk}/edit/").status_code == 404
    assert (
        client.post(f"/kk/banners/placements/{placement.pk}/photo/", {"photo": _photo()}).status_code == 404
    )
    assert client.get(f"/kk/banners/placements/{placement.pk}/banner/").status_code == 404
    client.force_login(other_coordinator)
    assert client.get(f"/kk/banners/placements/{placement.pk}/").status_code == 200


def test_citizens_get_403_and_anonymous_users_the_login(client, citizen):
    assert client.get("/kk/banners/placements/")["Location"].startswith("/kk/accounts/login/")
    client.force_login(citizen)
    assert client.get("/kk/banners/placements/").status_code == 403
    assert client.get("/kk/banners/placements/new/").status_code == 403
    assert client.get("/kk/banners/ab/").status_code == 403


def test_list_shows_only_the_coordinators_region_with_visit_totals(client, coordinator):
    own = PlacementFactory(region=region("75"), address="Өз өңірі")
    PlacementFactory(region=region("71"), address="Басқа өңір")
    VisitFactory(placement=own, day=datetime.date(2026, 5, 1), count=3)
    VisitFactory(placement=own, day=datetime.date(2026, 5, 2), count=4)
    client.force_login(coordinator)

    response = client.get("/kk/banners/placements/")

    assert [(p.address, p.visits_total) for p in response.context["placements"]] == [("Өз өңірі", 7)]


def test_analyst_reads_every_region_but_records_nothing(client, ministry_analyst):
    PlacementFactory(region=region("75"))
    PlacementFactory(region=region("71"))
    client.force_login(ministry_analyst)
    response = client.get("/kk/banners/placements/")
    assert response.context["page"].paginator.count == 2
    assert response.context["can_add"] is False
    assert client.get("/kk/banners/placements/new/").status_code == 403


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_placement_list_queries_do_not_grow_with_placements(client, ministry_admin):
    PlacementFactory()
    client.force_login(ministry_admin)
    one = _queries(client, "/kk/banners/placements/")
    for index in range(12):
        placement = PlacementFactory(
            region=region("71"), banner__design=["steppe", "bold", "classic"][index % 3]
        )
        VisitFactory(placement=placement)
    assert _queries(client, "/kk/banners/placements/") == one


def test_photo_upload_page_shows_the_error_and_the_form_again(client, coordinator):
    placement = PlacementFactory()
    client.force_login(coordinator)
    bad = SimpleUploadedFile("x.jpg", b"GIF89a not really", content_type="image/gif")
    response = client.post(f"/ru/banners/placements/{placement.pk}/photo/", {"photo": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_photo_error"' in html
    assert RU_NOT_A_PHOTO in html
    response = client.post(f"/ru/banners/placements/{placement.pk}/photo/", {"photo": _photo()})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.photo


def test_placement_banner_download_has_the_placements_qr(client, coordinator, site_url):
    import zxingcpp

    placement = PlacementFactory(code="PQR2345")
    client.force_login(coordinator)
    response = client.get(
        f"/kk/banners/placements/{placement.pk}/banner/", {"size": "square", "file_format": "png"}
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="enbek-proverb-{placement.banner.proverb_id}-square-kk-steppe-PQR2345.png"'
    )
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == ["https://enbek.gov.kz/b/PQR2345"]
    svg = client.get(f"/kk/banners/placements/{placement.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_worklist_counts_placements_without_a_photo_in_the_coordinators_region(coordinator, ministry_analyst):
    PlacementFactory.create_batch(2, region=region("75"))
    PlacementFactory(region=region("75"), photo="nudges/placements/x.jpg")
    PlacementFactory(region=region("71"))
    with translation.override("kk"):
        items = {item.key: item for item in work_items_for(coordinator)}
    assert items["nudges.placements"].count == 2
    assert items["nudges.placements"].url == "/kk/banners/placements/"
    assert "nudges.placements" not in {item.key for item in work_items_for(ministry_analyst)}
