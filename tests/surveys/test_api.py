import datetime
import logging

import pytest
from django.utils import timezone

from surveys.enums import SurveyStatus
from surveys.models import Response
from tests.factories.surveys import answers, demographics, respond, wave

pytestmark = pytest.mark.usefixtures("source_language")


@pytest.fixture
def open_wave(db, monkeypatch):
    survey = wave(year=2026)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 3, 1))
    return survey


def post(client, survey, **body):
    payload = {"answers": answers(), "demographics": demographics(), **body}
    return client.post(f"/api/v1/surveys/{survey.pk}/responses/", payload, content_type="application/json")


def test_current_wave_structure_in_the_requested_language(client, open_wave, django_assert_num_queries):
    with django_assert_num_queries(4):  # wave, sections, questions with their show-if question, choices
        data = client.get("/api/v1/surveys/current/?lang=ru", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert data["year"] == 2026
    learning_how = data["sections"][0]["questions"][3]
    assert learning_how["show_if"] == {"question": "learning", "any_of": ["yes"]}
    assert learning_how["choices"][0] == {"code": "courses", "label": "Курсы"}
    assert (
        data["sections"][1]["questions"][0]["min"] == 0 and data["sections"][1]["questions"][0]["max"] == 10
    )


def test_current_404_when_none_is_open(client, db):
    assert client.get("/api/v1/surveys/current/").status_code == 404


def test_post_response_201_then_409_for_the_same_token(client, open_wave):
    assert post(client, open_wave, token="a" * 20).status_code == 201
    second = post(client, open_wave, token="a" * 20)
    assert second.status_code == 409
    assert Response.objects.count() == 1


def test_post_response_with_cookie_token_refused_the_second_time(client, open_wave):
    assert post(client, open_wave).status_code == 201
    assert post(client, open_wave).status_code == 409


def test_post_response_400_per_question(client, open_wave):
    bad = answers(learning="no", work_satisfaction=11, state_provides=None)
    bad["learning_how"] = ["courses"]
    response = post(client, open_wave, answers=bad)
    assert response.status_code == 400
    # In the request's language (Kazakh by default).
    assert response.json() == {
        "errors": {
            "state_provides": ["Осы сұраққа жауап беріңіз."],
            "learning_how": ["Алдыңғы жауабыңыздан кейін бұл сұрақ қойылмайды."],
            "work_satisfaction": ["0 мен 10 аралығындағы санды таңдаңыз."],
        }
    }


def test_post_response_400_when_closed(client, open_wave):
    open_wave.status = SurveyStatus.CLOSED
    open_wave.save()
    response = post(client, open_wave)
    assert response.status_code == 400
    assert response.json()["code"] == "closed"


def test_results_weighted_by_region_with_suppressed_cells_marked(client, open_wave, ministry_analyst):
    for _ in range(10):
        respond(open_wave)
    respond(open_wave, region="71")
    assert client.get(f"/api/v1/surveys/{open_wave.pk}/results/").status_code == 404
    client.force_login(ministry_analyst)
    data = client.get(f"/api/v1/surveys/{open_wave.pk}/results/?by=region").json()
    assert data["respondents"] == 11
    learning = next(t for t in data["tables"] if t["question"] == "learning")
    assert learning["rows"][0]["count"] == 11 and learning["rows"][0]["weighted_share"] == 100.0
    assert learning["rows"][1] == {
        "code": "no", "label": "Жоқ", "count": None, "share": None, "weighted_share": None, "margin": None,
        "suppressed": True,
    }  # fmt: skip
    groups = {g["key"]: g for g in learning["groups"]}
    assert sum(1 for g in groups.values() if g["suppressed"]) == 1
    assert client.get(f"/api/v1/surveys/{open_wave.pk}/results/?by=education").status_code == 400


def test_results_api_query_count_constant(client, open_wave, ministry_analyst, django_assert_num_queries):
    client.force_login(ministry_analyst)
    respond(open_wave)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(f"/api/v1/surveys/{open_wave.pk}/results/?by=sex")
    for _ in range(20):
        respond(open_wave, region="71", sex="m")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(f"/api/v1/surveys/{open_wave.pk}/results/?by=sex")


def test_survey_requests_log_no_ip_or_user_agent(client, open_wave, caplog):
    caplog.set_level(logging.DEBUG)
    agent = "Mozilla/5.0 (Linux; Android 9; SM-J260F) Test/1.0"
    post(client, open_wave, answers={"nonsense": 1}, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT=agent)
    client.get("/kk/surveys/2026/page/99/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT=agent)
    client.get("/api/v1/surveys/999/results/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT=agent)
    assert caplog.records, "the 400 and 404 are logged by django.request"
    for record in caplog.records:
        assert "203.0.113.77" not in record.getMessage()
        assert getattr(record, "request", None) is None
    assert "203.0.113.77" not in caplog.text and agent not in caplog.text


def test_gunicorn_access_log_hides_address_and_agent_of_survey_paths():
    import datetime as dt

    from gunicorn.config import Config

    from surveys.log_privacy import SurveyPrivateLogger

    cfg = Config()
    cfg.set("accesslog", "-")
    logger = SurveyPrivateLogger(cfg)
    records = []
    logger.access_log.info = lambda fmt, atoms: records.append(fmt % atoms)

    class Resp:
        status, sent, headers = "200 OK", 10, []

    class Req:
        headers = [("USER-AGENT", "Agent/1"), ("HOST", "x")]

    for path in ("/kk/surveys/2026/page/1/", "/kk/dynasties/"):
        environ = {
            "REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path, "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "198.51.100.9", "HTTP_USER_AGENT": "Agent/1", "QUERY_STRING": "",
        }  # fmt: skip
        logger.access(Resp(), Req(), environ, dt.timedelta(seconds=0))
    survey_line, other_line = records
    assert "198.51.100.9" not in survey_line and "Agent/1" not in survey_line
    assert "198.51.100.9" in other_line
