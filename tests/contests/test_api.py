"""The contests API: list and detail, applying (201/400/409/403), my applications masked, results."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from contests.models import Application, StageEntry
from tests.factories import make_iin
from tests.factories.contests import ApplicationFactory, ContestFactory, NominationFactory, next_iin

pytestmark = pytest.mark.usefixtures("source_language")


def kk(message: str) -> str:
    """The API answers in the request's language, Kazakh by default."""
    with translation.override("kk"):
        return gettext(message)


def _payload(nomination, **overrides):
    data = {
        "iin": next_iin(),
        "nomination": nomination.pk,
        "full_name": "Асқар Дәнекеров",
        "phone": "+7 701 123 45 67",
        "region": "75",
        "employer_name": "«ҚазМұнай» ЖШС",
        "experience_years": 6,
        "education": "vocational",
        "story": "Он жыл бойы дәнекерлеуші болып жұмыс істеймін.",
        "story_language": "kk",
        "consent": True,
    }
    data.update(overrides)
    return data


def _post(client, contest, data):
    return client.post(f"/api/v1/contests/{contest.pk}/applications/", data, content_type="application/json")


def test_contest_list_and_detail(client, contest, nomination, stages):
    ContestFactory(status="draft")
    listing = client.get("/api/v1/contests/").json()
    assert [c["id"] for c in listing["results"]] == [contest.pk]
    assert listing["results"][0]["is_open"] is True
    detail = client.get(f"/api/v1/contests/{contest.pk}/").json()
    assert [n["profession"] for n in detail["nominations"]] == ["7212-01"]
    assert [s["order"] for s in detail["stages"]] == [1, 2]


def test_contest_list_constant_queries(client, db):
    ContestFactory()
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/contests/").status_code == 200
    for _ in range(4):
        NominationFactory(contest=ContestFactory())
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/v1/contests/").status_code == 200
    assert len(one) == len(many)


def test_apply_created(client, citizen, contest, nomination):
    client.force_login(citizen)
    data = _payload(nomination)
    response = _post(client, contest, data)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted"
    assert body["iin"] == "********" + data["iin"][-4:]
    assert data["iin"] not in response.content.decode()


def test_apply_anonymous_refused(client, contest, nomination):
    assert _post(client, contest, _payload(nomination)).status_code == 403


def test_apply_invalid_iin_reason(client, citizen, contest, nomination):
    client.force_login(citizen)
    response = _post(client, contest, _payload(nomination, iin="12345"))
    assert response.status_code == 400
    assert response.json() == {"iin": [kk("Enter exactly 12 digits.")]}


def test_apply_ineligible_age(client, citizen, contest, nomination):
    client.force_login(citizen)
    too_young = make_iin((timezone.localdate() - datetime.timedelta(days=365 * 10)).strftime("%y%m%d") + "5")
    response = _post(client, contest, _payload(nomination, iin=too_young))
    assert response.status_code == 400
    assert list(response.json()) == ["iin"]
    assert "18" in response.json()["iin"][0] and "63" in response.json()["iin"][0]


def test_apply_closed_window(client, citizen, nomination):
    contest = nomination.contest
    contest.applications_close = timezone.localdate() - datetime.timedelta(days=1)
    contest.save()
    client.force_login(citizen)
    response = _post(client, contest, _payload(nomination))
    assert response.status_code == 400
    assert response.json() == {
        "contest": [kk("Applications to this contest are not accepted now: the window is closed.")]
    }


def test_apply_missing_consent(client, citizen, contest, nomination):
    client.force_login(citizen)
    response = _post(client, contest, _payload(nomination, consent=False))
    assert response.status_code == 400
    assert response.json() == {
        "consent": [kk("Agree to the processing of your personal data to submit the application.")]
    }


def test_apply_same_iin_twice_conflict(client, citizen, other_citizen, contest, nomination):
    iin = next_iin()
    client.force_login(citizen)
    assert _post(client, contest, _payload(nomination, iin=iin)).status_code == 201
    client.force_login(other_citizen)
    response = _post(client, contest, _payload(nomination, iin=iin))
    assert response.status_code == 409
    assert response.json()["detail"] == kk(
        "An application with this IIN has already been made to this contest: one per person."
    )
    assert Application.objects.count() == 1


def test_my_applications_own_only_masked(client, citizen, other_citizen, contest, nomination):
    mine = ApplicationFactory(contest=contest, nomination=nomination, user=citizen, iin="900101300017")
    ApplicationFactory(contest=ContestFactory(), user=other_citizen)
    client.force_login(citizen)
    body = client.get("/api/v1/me/applications/").json()
    assert [a["id"] for a in body["results"]] == [mine.pk]
    assert body["results"][0]["iin"] == "********0017"


def test_my_applications_constant_queries(client, citizen):
    ApplicationFactory(user=citizen)
    client.force_login(citizen)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/me/applications/")
    for _ in range(4):
        ApplicationFactory(user=citizen)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/me/applications/")
    assert response.json()["count"] == 5
    assert len(one) == len(many)


def test_results_404_before_publication_then_public(client, contest, nomination, stages):
    regional, final = stages
    assert client.get(f"/api/v1/contests/{contest.pk}/results/").status_code == 404
    application = ApplicationFactory(contest=contest, nomination=nomination, status="winner", place=1)
    StageEntry.objects.create(stage=final, application=application, score=25, rank=1)
    contest.results_published_at = timezone.now()
    contest.save()
    body = client.get(f"/api/v1/contests/{contest.pk}/results/").json()
    assert body["results"][0]["application"] == application.pk
    assert body["results"][0]["place"] == 1
    assert "iin" not in body["results"][0]


def test_results_constant_queries(client, contest, nomination, stages):
    _regional, final = stages
    contest.results_published_at = timezone.now()
    contest.save()

    def add(rank):
        application = ApplicationFactory(contest=contest, nomination=nomination)
        StageEntry.objects.create(stage=final, application=application, score=20 - rank, rank=rank)

    add(1)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/api/v1/contests/{contest.pk}/results/")
    for rank in range(2, 6):
        add(rank)
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"/api/v1/contests/{contest.pk}/results/")
    assert response.json()["count"] == 5
    assert len(one) == len(many)
