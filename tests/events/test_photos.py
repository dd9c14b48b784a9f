import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.models import EventPhoto
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (640, 480), (0, 97, 127))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(0x8825)[2] = (43.0, 14.0, 20.0)  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_photo_is_reencoded_without_exif_under_a_random_name(client, representative, enterprise):
    event = EventFactory(organization=enterprise)
    client.force_login(representative)
    upload = SimpleUploadedFile("my-factory-gps.jpg", _jpeg_with_gps(), content_type="image/jpeg")

    response = client.post(f"/ru/events/manage/{event.pk}/photos/", {"image": upload, "caption": "Цех"})

    assert response.status_code == 302
    photo = EventPhoto.objects.get(event=event)
    assert "my-factory" not in photo.image.name
    with Image.open(photo.image.path) as stored:
        assert dict(stored.getexif()) == {}
        assert stored.size == (640, 480)


def test_not_an_image_is_refused_with_a_reason(client, representative, enterprise):
    event = EventFactory(organization=enterprise)
    client.force_login(representative)
    upload = SimpleUploadedFile("x.jpg", b"<html>not a photo</html>", content_type="image/jpeg")

    response = client.post(f"/ru/events/manage/{event.pk}/photos/", {"image": upload}, follow=True)

    assert EventPhoto.objects.count() == 0
    assert "JPEG, PNG" in response.content.decode()


def test_another_enterprise_cannot_add_photos(client, other_representative):
    event = EventFactory()
    client.force_login(other_representative)
    upload = SimpleUploadedFile("a.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    assert client.post(f"/ru/events/manage/{event.pk}/photos/", {"image": upload}).status_code == 404
    assert EventPhoto.objects.count() == 0
