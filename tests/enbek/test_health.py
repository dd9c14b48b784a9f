import pytest
from django.db import connection
from django.db.utils import OperationalError


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_healthz_names_the_broker_when_it_is_down(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from enbek.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "error", "failed": ["broker"]}


def test_healthz_names_the_database_when_it_is_down(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    # Django's own connection object is replaced, not our code: the view must turn the failure into 503.
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert response.json()["failed"] == ["database"]


@pytest.mark.celery_worker
def test_ping_task_round_trip_through_a_real_worker(celery_worker_process):
    from enbek.tasks import ping

    result = ping.apply_async(queue=celery_worker_process)
    assert result.get(timeout=30) == "pong"
