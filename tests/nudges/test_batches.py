"""Batches: every active proverb × sizes into a ZIP by a Celery task, progress on the page."""

import datetime
import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from enbek.celery import app
from enbek.models import Proverb
from nudges.enums import BatchStatus
from nudges.models import BannerBatch
from nudges.services import batch_build, batch_create
from nudges.tasks import build_batch
from tests.factories.nudges import proverb

pytestmark = pytest.mark.usefixtures("source_language")


def _only(count: int) -> list[int]:
    keep = list(Proverb.objects.order_by("id").values_list("pk", flat=True)[:count])
    Proverb.objects.exclude(pk__in=keep).update(is_active=False)
    return keep


def _names(batch: BannerBatch) -> list[str]:
    with batch.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        return sorted(archive.namelist())


def test_task_is_registered_under_its_stable_name():
    assert build_batch.name == "enbek.nudges.build_batch"
    assert app.tasks["enbek.nudges.build_batch"].run is build_batch.run
    assert build_batch.time_limit * 2 < settings.CELERY_BROKER_VISIBILITY_TIMEOUT


def test_batch_is_built_after_commit_into_a_zip(
    coordinator, eager_celery, django_capture_on_commit_callbacks
):
    keep = _only(2)
    with django_capture_on_commit_callbacks(execute=True):
        batch = batch_create(
            user=coordinator, design="bold", language="ru", sizes=["square", "story"], file_format="png"
        )

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total, batch.percent) == (BatchStatus.DONE, 4, 4, 100)
    assert batch.finished_at is not None
    assert _names(batch) == sorted(
        f"enbek-proverb-{pk}-{size}-ru-bold.png" for pk in keep for size in ("square", "story")
    )


def test_build_is_idempotent_by_status(coordinator):
    _only(1)
    batch = BannerBatch.objects.create(
        requested_by=coordinator, design="steppe", language="kk", sizes=["square"], file_format="png", total=1
    )
    assert batch_build(batch_id=batch.pk) is True
    archive = BannerBatch.objects.get(pk=batch.pk).archive.name
    assert batch_build(batch_id=batch.pk) is False  # redelivered: already done
    assert BannerBatch.objects.get(pk=batch.pk).archive.name == archive


def test_a_batch_whose_worker_died_is_claimed_again(coordinator):
    _only(1)
    batch = BannerBatch.objects.create(
        requested_by=coordinator, design="steppe", language="kk", sizes=["square"], file_format="png", total=1
    )
    BannerBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING, started_at=timezone.now())
    assert batch_build(batch_id=batch.pk) is False  # another worker is on it
    BannerBatch.objects.filter(pk=batch.pk).update(started_at=timezone.now() - datetime.timedelta(hours=1))
    assert batch_build(batch_id=batch.pk) is True
    assert BannerBatch.objects.get(pk=batch.pk).status == BatchStatus.DONE


def test_pdf_of_social_sizes_is_refused_next_to_the_sizes(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/kk/banners/batches/",
        {"design": "steppe", "language": "kk", "sizes": ["a4", "story"], "file_format": "pdf"},
    )
    assert response.status_code == 400
    assert BannerBatch.objects.count() == 0
    assert 'value="a4"' in response.content.decode() and "checked" in response.content.decode()


def test_batch_page_shows_progress_and_refreshes_without_javascript(client, coordinator):
    batch = BannerBatch.objects.create(
        requested_by=coordinator,
        design="steppe",
        language="kk",
        sizes=["a4"],
        file_format="pdf",
        status=BatchStatus.RUNNING,
        total=30,
        done=12,
    )
    client.force_login(coordinator)
    html = client.get(f"/kk/banners/batches/{batch.pk}/").content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert '<progress max="100" value="40">' in html
    assert client.get(f"/kk/banners/batches/{batch.pk}/status/").json() == {
        "status": "running",
        "status_label": "Жасалып жатыр",
        "done": 12,
        "total": 30,
        "percent": 40,
    }
    assert client.get(f"/kk/banners/batches/{batch.pk}/download/").status_code == 404


def test_someone_elses_batch_is_404_and_citizens_get_403(client, coordinator, other_coordinator, citizen):
    batch = BannerBatch.objects.create(
        requested_by=coordinator, design="steppe", language="kk", sizes=["a4"], file_format="pdf"
    )
    client.force_login(other_coordinator)
    assert client.get(f"/kk/banners/batches/{batch.pk}/").status_code == 404
    assert client.get(f"/kk/banners/batches/{batch.pk}/status/").status_code == 404
    client.force_login(citizen)
    assert client.get("/kk/banners/batches/").status_code == 403


def test_finished_batch_is_downloaded_as_a_zip(client, coordinator):
    _only(1)
    batch = BannerBatch.objects.create(
        requested_by=coordinator, design="classic", language="kk", sizes=["a4"], file_format="pdf"
    )
    batch_build(batch_id=batch.pk)
    client.force_login(coordinator)
    html = client.get(f"/kk/banners/batches/{batch.pk}/").content.decode()
    assert "refresh" not in html
    response = client.get(f"/kk/banners/batches/{batch.pk}/download/")
    assert response["Content-Disposition"] == f'attachment; filename="enbek-banners-{batch.pk}.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"enbek-proverb-{proverb(0).pk}-a4-kk-classic.pdf"]
    assert archive.read(archive.namelist()[0]).startswith(b"%PDF-")


# --- A real worker process ------------------------------------------------------------------------
@pytest.mark.celery_worker
def test_batch_on_a_real_worker(
    worker_prerequisites,
    empty_before_serialized_rollback,
    celery_worker_process,
    django_db_serialized_rollback,
    coordinator,
):
    queue = celery_worker_process
    keep = _only(3)
    batch = BannerBatch.objects.create(
        requested_by=coordinator,
        design="steppe",
        language="both",
        sizes=["square"],
        file_format="png",
        total=3,
    )

    first = build_batch.apply_async(args=[batch.pk], queue=queue)
    assert first.get(timeout=120) is True
    again = build_batch.apply_async(args=[batch.pk], queue=queue)
    assert again.get(timeout=60) is False

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (BatchStatus.DONE, 3, 3)
    assert default_storage.exists(batch.archive.name)
    assert _names(batch) == sorted(f"enbek-proverb-{pk}-square-both-steppe.png" for pk in keep)
