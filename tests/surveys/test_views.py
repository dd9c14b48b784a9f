import pytest
from django.urls import reverse
from django.utils import translation

from surveys import tokens
from surveys.enums import SurveyStatus
from surveys.models import Draft, Participation, Response
from tests.factories import region
from tests.factories.surveys import respond, wave

pytestmark = pytest.mark.usefixtures("source_language")


@pytest.fixture
def open_wave(db, settings, monkeypatch):
    import datetime

    from django.utils import timezone

    survey = wave(year=2026)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 3, 1))
    return survey


def url(name, *args):
    with translation.override("kk"):
        return reverse(f"surveys:{name}", args=args)


def test_taking_the_survey_page_by_page_with_a_follow_up_and_a_reload(client, open_wave):
    start = client.get(url("start", 2026))
    assert start.status_code == 200
    assert tokens.COOKIE_NAME in start.cookies
    page1 = client.get(url("page", 2026, 1))
    assert page1.status_code == 200
    body = page1.content.decode()
    assert 'name="learning_how"' not in body  # hidden until learning = yes
    assert 'style="width: 0%"' in body
    # Answering "yes" opens the follow-up on the same page, without an error.
    opened = client.post(
        url("page", 2026, 1),
        {
            "_shown": ["work_meaning", "state_provides", "learning"],
            "work_meaning": "4",
            "state_provides": "2",
            "learning": "yes",
        },
    )
    assert opened.status_code == 200
    assert 'name="learning_how"' in opened.content.decode()
    # Left empty: an error next to it, and what was typed is still there.
    missing = client.post(
        url("page", 2026, 1),
        {
            "_shown": ["work_meaning", "state_provides", "learning", "learning_how"],
            "work_meaning": "4",
            "state_provides": "2",
            "learning": "yes",
        },
    )
    assert missing.status_code == 400
    html = missing.content.decode()
    assert "Осы сұраққа жауап беріңіз." in html
    assert 'value="4" checked' in html
    done = client.post(
        url("page", 2026, 1),
        {"_shown": ["work_meaning", "state_provides", "learning", "learning_how"], "work_meaning": "4",
         "state_provides": "2", "learning": "yes", "learning_how": ["online"]},
    )  # fmt: skip
    assert done.status_code == 302 and done.url == url("page", 2026, 2)
    # A reload of page 1 keeps the answers (server-side draft keyed by the hashed cookie token).
    assert 'value="online" checked' in client.get(url("page", 2026, 1)).content.decode()
    assert (
        client.post(
            url("page", 2026, 2), {"_shown": ["work_satisfaction", "comment"], "work_satisfaction": "7"}
        ).status_code
        == 302
    )
    about = client.post(url("page", 2026, 3), {"region": region("75").pk, "sex": "m"})
    assert about.status_code == 400
    assert about.content.decode().count('class="field-errors"') == 4  # age, education, employment, place
    sent = client.post(
        url("page", 2026, 3),
        {
            "region": region("75").pk,
            "sex": "m",
            "age_group": "35-44",
            "education": "vocational",
            "employment": "employed",
            "settlement": "rural",
        },
    )
    assert sent.status_code == 302 and sent.url == url("thanks", 2026)
    response = Response.objects.get()
    assert (response.sex, response.age_group, response.settlement) == ("m", "35-44", "rural")
    assert sorted(response.answers.values_list("question__code", flat=True)) == [
        "learning", "learning_how", "state_provides", "work_meaning", "work_satisfaction",
    ]  # fmt: skip
    assert Draft.objects.count() == 0
    # A second time with the same cookie: refused politely.
    again = client.get(url("page", 2026, 1))
    assert "Сіз биылғы сауалнамаға қатысып қойдыңыз" in again.content.decode()
    assert "Сіз биылғы сауалнамаға қатысып қойдыңыз" in client.get(url("start", 2026)).content.decode()


def test_start_with_an_invitation_code(client, open_wave):
    from surveys import services

    batch = services.invitation_batch_create(survey=open_wave, label="Field 1", size=2)
    code = batch.codes.first().code
    wrong = client.post(url("start", 2026), {"code": "ZZZZ9999"})
    assert "Бұл шақыру коды осы сауалнамаға жарамайды." in wrong.content.decode()
    ok = client.post(url("start", 2026), {"code": code})
    assert ok.status_code == 302
    assert client.get(url("page", 2026, 1)).status_code == 200


def test_closed_survey_says_so(client, open_wave):
    open_wave.status = SurveyStatus.CLOSED
    open_wave.save()
    assert "жауап қабылдамайды" in client.get(url("start", 2026)).content.decode()
    assert "жауап қабылдамайды" in client.get(url("page", 2026, 1)).content.decode()


def test_results_unpublished_hidden_from_public_shown_to_analyst(client, open_wave, ministry_analyst):
    for _ in range(12):
        respond(open_wave)
    assert client.get(url("results", 2026)).status_code == 404
    client.force_login(ministry_analyst)
    page = client.get(url("results", 2026) + "?by=sex")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-respondents="12"' in html
    assert "<svg" in html
    assert "кестелер (Excel)" in html


def test_results_public_summary_once_published(client, open_wave, citizen):
    for _ in range(12):
        respond(open_wave)
    open_wave.status = SurveyStatus.PUBLISHED
    open_wave.save()
    client.force_login(citizen)
    html = client.get(url("results", 2026)).content.decode()
    assert 'data-respondents="12"' in html
    assert "microdata" not in html
    assert client.get(url("export", 2026, "microdata.csv")).status_code == 403


def test_results_page_query_count_is_constant(client, open_wave, ministry_analyst):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ministry_analyst)
    respond(open_wave)
    with CaptureQueriesContext(connection) as one:
        client.get(url("results", 2026))
    for _ in range(15):
        respond(open_wave, region="71", sex="m")
    with CaptureQueriesContext(connection) as many:
        client.get(url("results", 2026))
    assert len(many.captured_queries) == len(one.captured_queries)
    wave(year=2025, status=SurveyStatus.CLOSED)
    with CaptureQueriesContext(connection) as two_waves:
        client.get(url("results", 2026))
    # An earlier wave's trend: its weights (3) and its tables (4), whatever its size.
    assert len(two_waves.captured_queries) == len(one.captured_queries) + 7


def test_exports_for_analysts(client, open_wave, ministry_analyst):
    for i in range(12):
        respond(open_wave, answers_=None if i else None)
    respond(open_wave, region="71")  # alone in its cell: its region is suppressed in the microdata
    client.force_login(ministry_analyst)
    micro = b"".join(client.get(url("export", 2026, "microdata.csv")).streaming_content).decode("utf-8-sig")
    lines = micro.strip().splitlines()
    assert lines[0].startswith(
        "wave,region,sex,age_group,education,employment,settlement,work_meaning,state_provides,learning,learning_how.courses"
    )
    assert len(lines) == 14
    assert sum(1 for line in lines if line.startswith("2026,suppressed,")) == 1
    assert sum(1 for line in lines if line.startswith("2026,75,")) == 12
    codebook = b"".join(client.get(url("export", 2026, "codebook.csv")).streaming_content).decode("utf-8-sig")
    assert "learning_how.online,multiple,Қалай оқыдыңыз?,Как вы учились?,1,Онлайн,Онлайн" in codebook
    tables = b"".join(client.get(url("export", 2026, "tables.csv")).streaming_content).decode("utf-8-sig")
    assert "learning_how,Қалай оқыдыңыз?,,13,job,Жұмыста,suppressed" in tables
    xlsx = client.get(url("export", 2026, "tables.xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_invitation_print_for_administrators(client, open_wave, ministry_admin, citizen):
    from surveys import services

    batch = services.invitation_batch_create(survey=open_wave, label="Field 1", size=3)
    client.force_login(citizen)
    assert client.get(url("invitation_print", batch.pk)).status_code == 403
    client.force_login(ministry_admin)
    html = client.get(url("invitation_print", batch.pk)).content.decode()
    for code in batch.codes.values_list("code", flat=True):
        assert code in html


def test_participation_is_not_the_cookie_value(client, open_wave):
    client.get(url("start", 2026))
    raw = client.cookies[tokens.COOKIE_NAME].value
    respond(open_wave)
    assert not Participation.objects.filter(token_hash__contains=raw.split(":")[0]).exists()


def test_index_page_query_count_constant(client, open_wave, ministry_analyst):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ministry_analyst)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("index")).status_code == 200
    for year in (2022, 2023, 2024, 2025):
        wave(year=year, status=SurveyStatus.PUBLISHED)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url("index")).content.decode()
    assert html.count("data-analyst") == 5
    assert len(many.captured_queries) == len(one.captured_queries)
