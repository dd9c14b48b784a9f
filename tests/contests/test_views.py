"""The contest pages: application steps, my applications, jury, screening, ministry, results, gallery."""

import csv
import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from contests.models import Application, PortfolioFile, ScoreSheet, StageEntry
from contests.selectors import contest_work_items
from tests.factories import OrganizationFactory, UserFactory, region
from tests.factories.contests import ApplicationFactory, ContestFactory, NominationFactory, next_iin

from .conftest import accepted, score

pytestmark = pytest.mark.usefixtures("source_language")


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, format="JPEG")
    return SimpleUploadedFile("work.jpg", buffer.getvalue(), content_type="image/jpeg")


def _pdf(pages: int = 2) -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("diploma.pdf", buffer.getvalue(), content_type="application/pdf")


# --- Public ----------------------------------------------------------------------------------------
def test_contest_page_shows_rules_nominations_and_stages(client, contest, nomination, stages, criteria):
    html = client.get(f"/ru/contests/{contest.pk}/").content.decode()
    assert "Правила конкурса." in html
    assert "Сварщик" in html
    assert "Региональный этап" in html
    assert "Мастерство" in html


def test_index_constant_queries(client, db):
    NominationFactory(contest=ContestFactory())
    one = _queries(client, "/kk/contests/")
    for _ in range(4):
        NominationFactory(contest=ContestFactory())
    assert _queries(client, "/kk/contests/") == one


def test_results_page_404_before_publication(client, contest, stages):
    assert client.get(f"/ru/contests/{contest.pk}/results/").status_code == 404


def test_results_page_and_gallery_after_publication(client, contest, nomination, stages):
    _regional, final = stages
    winner = ApplicationFactory(
        contest=contest,
        nomination=nomination,
        status="winner",
        place=1,
        full_name="Жанар Шеберова",
        stage=final,
    )
    StageEntry.objects.create(stage=final, application=winner, score=27, rank=1)
    contest.results_published_at = timezone.now()
    contest.save()
    assert "Жанар Шеберова" in client.get(f"/ru/contests/{contest.pk}/results/").content.decode()
    gallery = client.get("/ru/contests/winners/").content.decode()
    assert "Жанар Шеберова" in gallery
    assert winner.iin_last4 not in gallery.replace(winner.full_name, "")
    assert "/ru/contests/winners/" in client.get("/ru/").content.decode()


def test_results_and_gallery_constant_queries(client, contest, nomination, stages):
    _regional, final = stages
    contest.results_published_at = timezone.now()
    contest.save()

    def add(rank):
        application = ApplicationFactory(
            contest=contest, nomination=nomination, status="winner", place=rank, stage=final
        )
        StageEntry.objects.create(stage=final, application=application, score=30 - rank, rank=rank)

    add(1)
    results_one = _queries(client, f"/ru/contests/{contest.pk}/results/")
    gallery_one = _queries(client, "/ru/contests/winners/")
    for rank in range(2, 6):
        add(rank)
    assert _queries(client, f"/ru/contests/{contest.pk}/results/") == results_one
    assert _queries(client, "/ru/contests/winners/") == gallery_one


# --- Applying --------------------------------------------------------------------------------------
def test_application_steps_save_draft_and_submit(client, citizen, contest, nomination, stages):
    client.force_login(citizen)
    response = client.post(f"/kk/contests/{contest.pk}/apply/")
    application = Application.objects.get(user=citizen)
    assert response.url == f"/kk/contests/applications/{application.pk}/step/1/"
    iin = next_iin()
    step1 = {
        "iin": iin,
        "full_name": "Асқар Дәнекеров",
        "phone": "87011234567",
        "region": region("75").pk,
        "nomination": nomination.pk,
    }
    response = client.post(f"/kk/contests/applications/{application.pk}/step/1/", step1)
    assert response.status_code == 302
    step2 = {
        "employer_name": "«Болат» ЖШС",
        "experience_years": 4,
        "education": "vocational",
        "story": "Жолым.",
        "story_language": "kk",
    }
    client.post(f"/kk/contests/applications/{application.pk}/step/2/", step2)
    response = client.post(
        f"/kk/contests/applications/{application.pk}/step/3/", {"file": _pdf(3), "title": "Диплом"}
    )
    assert response.status_code == 302
    assert PortfolioFile.objects.get(application=application).pages == 3
    response = client.post(f"/kk/contests/applications/{application.pk}/step/4/", {"consent": "on"})
    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == "submitted"
    assert application.iin_masked == "********" + iin[-4:]


def test_failed_upload_keeps_the_draft_and_says_why(client, citizen, contest, nomination):
    client.force_login(citizen)
    client.post(f"/kk/contests/{contest.pk}/apply/")
    application = Application.objects.get(user=citizen)
    fake = SimpleUploadedFile("x.pdf", b"%PDF-1.4 not really a pdf", content_type="application/pdf")
    response = client.post(
        f"/ru/contests/applications/{application.pk}/step/3/",
        {"file": fake, "title": "Сертификат", "photo_in_gallery": "on"},
    )
    assert response.status_code == 200
    assert "Сертификат" in response.content.decode()  # what was typed is still in the form
    assert response.context["form"].errors["file"]
    application.refresh_from_db()
    assert application.photo_in_gallery is True
    assert not PortfolioFile.objects.exists()


def test_image_upload_is_reencoded(client, citizen, contest, nomination):
    client.force_login(citizen)
    client.post(f"/kk/contests/{contest.pk}/apply/")
    application = Application.objects.get(user=citizen)
    client.post(f"/kk/contests/applications/{application.pk}/step/3/", {"file": _jpeg(), "title": "Жұмыс"})
    item = PortfolioFile.objects.get()
    assert item.kind == "image"
    assert item.file.name != "contests/portfolio/work.jpg"
    assert item.thumbnail


def test_step_with_wrong_iin_keeps_other_fields(client, citizen, contest, nomination):
    client.force_login(citizen)
    client.post(f"/kk/contests/{contest.pk}/apply/")
    application = Application.objects.get(user=citizen)
    response = client.post(
        f"/kk/contests/applications/{application.pk}/step/1/",
        {"iin": "123456789012", "full_name": "Сақталады", "phone": "", "region": "", "nomination": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["iin"]
    application.refresh_from_db()
    assert application.full_name == "Сақталады"


def test_another_users_application_is_404(client, citizen, other_citizen, contest, nomination):
    theirs = ApplicationFactory(contest=contest, nomination=nomination, user=other_citizen)
    client.force_login(citizen)
    assert client.get(f"/kk/contests/applications/{theirs.pk}/").status_code == 404
    assert client.get(f"/kk/contests/applications/{theirs.pk}/step/1/").status_code == 404


def test_my_applications_history_masked_constant_queries(client, citizen):
    first = ApplicationFactory(user=citizen, iin="900101300017")
    client.force_login(citizen)
    one = _queries(client, "/ru/contests/applications/")
    html = client.get("/ru/contests/applications/").content.decode()
    assert "********0017" in html
    assert "900101300017" not in html
    for _ in range(4):
        ApplicationFactory(user=citizen)
    assert _queries(client, "/ru/contests/applications/") == one
    assert first.pk


# --- Jury ------------------------------------------------------------------------------------------
def test_jury_sheet_is_blind_and_hides_other_scores_until_submitted(
    client, contest, nomination, stages, criteria, jurors
):
    regional, _final = stages
    skill, talk = criteria
    employer = OrganizationFactory(
        name_ru="ТОО «Секретный завод»", name_kk="«Құпия зауыт» ЖШС", name="«Құпия зауыт» ЖШС"
    )
    application = accepted(
        contest, nomination, full_name="Құпия Есімов", organization=employer, iin="900101300017"
    )
    score(regional, application, jurors[1], {skill: 7, talk: 3})
    sheet = ScoreSheet.objects.create(stage=regional, application=application, juror=jurors[0])
    client.force_login(jurors[0])
    html = client.get(f"/ru/contests/jury/sheets/{sheet.pk}/").content.decode()
    for secret in ("Құпия Есімов", "Секретный завод", "Құпия зауыт", "0017", "+77011234567"):
        assert secret not in html
    assert "7 / 10" not in html
    response = client.post(
        f"/ru/contests/jury/sheets/{sheet.pk}/",
        {f"criterion_{skill.pk}": 8, f"criterion_{talk.pk}": "", f"abstain_{talk.pk}": "on"},
    )
    assert response.status_code == 302
    html = client.get(f"/ru/contests/jury/sheets/{sheet.pk}/").content.decode()
    assert "7 / 10" in html


def test_jury_sheet_of_another_juror_is_404(client, contest, nomination, stages, jurors):
    regional, _final = stages
    sheet = ScoreSheet.objects.create(
        stage=regional, application=accepted(contest, nomination), juror=jurors[0]
    )
    client.force_login(jurors[1])
    assert client.get(f"/ru/contests/jury/sheets/{sheet.pk}/").status_code == 404


def test_jury_list_constant_queries(client, contest, nomination, stages, jurors):
    regional, _final = stages
    ScoreSheet.objects.create(stage=regional, application=accepted(contest, nomination), juror=jurors[0])
    client.force_login(jurors[0])
    one = _queries(client, "/ru/contests/jury/")
    for _ in range(4):
        ScoreSheet.objects.create(stage=regional, application=accepted(contest, nomination), juror=jurors[0])
    assert _queries(client, "/ru/contests/jury/") == one


# --- Coordinators and the ministry -----------------------------------------------------------------
def test_screening_queue_own_region_masked_with_nav_count(client, coordinator, contest, nomination, stages):
    ours = ApplicationFactory(contest=contest, nomination=nomination, region=region("75"), iin="900101300017")
    ApplicationFactory(contest=contest, nomination=nomination, region=region("71"))
    items = {i.key: i.count for i in contest_work_items(coordinator)}
    assert items == {"contests.screening": 1}
    client.force_login(coordinator)
    html = client.get("/ru/contests/screening/").content.decode()
    assert ours.full_name in html
    assert "********0017" in html and "900101300017" not in html
    assert 'data-work="contests.screening"' in html


def test_screening_another_region_is_404(client, coordinator, contest, nomination):
    theirs = ApplicationFactory(contest=contest, nomination=nomination, region=region("71"))
    client.force_login(coordinator)
    assert client.get(f"/ru/contests/screening/{theirs.pk}/").status_code == 404


def test_screening_reject_with_reason(client, coordinator, contest, nomination, stages):
    application = ApplicationFactory(contest=contest, nomination=nomination, region=region("75"))
    client.force_login(coordinator)
    response = client.post(f"/ru/contests/screening/{application.pk}/", {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    client.post(f"/ru/contests/screening/{application.pk}/", {"decision": "reject", "reason": "Нет стажа."})
    application.refresh_from_db()
    assert (application.status, application.reject_reason) == ("rejected", "Нет стажа.")


def test_screening_queue_constant_queries(client, coordinator, contest, nomination):
    ApplicationFactory(contest=contest, nomination=nomination)
    client.force_login(coordinator)
    one = _queries(client, "/ru/contests/screening/")
    for _ in range(4):
        ApplicationFactory(contest=contest, nomination=nomination)
    assert _queries(client, "/ru/contests/screening/") == one


def test_exports_mask_the_iin_and_are_ministry_only(
    client, ministry_admin, citizen, contest, nomination, stages, caplog
):
    regional, _final = stages
    application = accepted(contest, nomination, iin="900101300017", full_name="Марат Экспортов")
    client.force_login(citizen)
    assert client.get(f"/ru/contests/manage/stages/{regional.pk}/export.csv").status_code == 403
    client.force_login(ministry_admin)
    with caplog.at_level(logging.DEBUG):
        response = client.get(f"/ru/contests/manage/stages/{regional.pk}/export.csv")
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[1][0] == str(application.pk)
        assert "********0017" in rows[1]
        assert "900101300017" not in text
        response = client.get(f"/ru/contests/manage/stages/{regional.pk}/export.xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [c.value for c in list(sheet.iter_rows())[1]]
        assert "********0017" in values and "Марат Экспортов" in values
    assert "900101300017" not in caplog.text


def test_overview_constant_queries_and_actions(
    client, ministry_admin, contest, nomination, stages, criteria, jurors
):
    regional, _final = stages
    accepted(contest, nomination)
    client.force_login(ministry_admin)
    one = _queries(client, f"/ru/contests/manage/stages/{regional.pk}/")
    for _ in range(4):
        accepted(contest, nomination)
    assert _queries(client, f"/ru/contests/manage/stages/{regional.pk}/") == one
    client.post(f"/ru/contests/manage/stages/{regional.pk}/action/", {"action": "assign"})
    assert ScoreSheet.objects.filter(stage=regional).count() == 10  # 5 applications × 2 jurors


def test_overview_action_refused_to_analyst(client, ministry_analyst, stages):
    client.force_login(ministry_analyst)
    response = client.post(f"/ru/contests/manage/stages/{stages[0].pk}/action/", {"action": "assign"})
    assert response.status_code == 403


def test_jury_nav_item_counts_open_sheets(contest, nomination, stages, jurors):
    regional, _final = stages
    ScoreSheet.objects.create(stage=regional, application=accepted(contest, nomination), juror=jurors[0])
    assert [(i.key, i.count) for i in contest_work_items(jurors[0])] == [("contests.jury", 1)]
    assert contest_work_items(UserFactory()) == []


def test_coordinator_advances_their_regions_top_from_the_overview(
    client, coordinator, contest, nomination, stages, criteria, jurors
):
    regional, final = stages
    skill, talk = criteria
    ours = [accepted(contest, nomination, region=region("75")) for _ in range(3)]
    theirs = accepted(contest, nomination, region=region("71"))
    for application, points in zip([*ours, theirs], [9, 5, 7, 8], strict=True):
        score(regional, application, jurors[0], {skill: points, talk: points})
    client.force_login(coordinator)

    queue = client.get("/ru/contests/screening/").content.decode()
    assert f"/ru/contests/manage/stages/{regional.pk}/" in queue
    overview = client.get(f"/ru/contests/manage/stages/{regional.pk}/").content.decode()
    assert 'value="advance"' in overview and 'value="publish"' not in overview
    # Only advancing is a coordinator's action: assigning jurors and publishing stay the ministry's.
    refused = client.post(f"/ru/contests/manage/stages/{regional.pk}/action/", {"action": "publish"})
    assert refused.status_code == 403

    client.post(f"/ru/contests/manage/stages/{regional.pk}/action/", {"action": "advance"})

    advanced = set(StageEntry.objects.filter(stage=final).values_list("application_id", flat=True))
    assert advanced == {ours[0].pk, ours[2].pk}
    regional.refresh_from_db()
    assert regional.advanced_by == coordinator
