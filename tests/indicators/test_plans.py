"""Action plans: import from XLSX/CSV (row errors, nothing half-imported), export, item updates, scoping."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from indicators import services
from indicators.enums import ItemStatus
from indicators.exports import xlsx_bytes
from indicators.importing import PLAN_COLUMNS, ImportFailed, RowError
from indicators.models import ActionPlan, ActionPlanItem
from tests.factories import region
from tests.factories.indicators import ActionPlanFactory, ActionPlanItemFactory

from .conftest import TODAY

D = datetime.date
MECHANISMS = "dynasties, ya_profi, career_guidance, nudge, survey, media"
pytestmark = pytest.mark.usefixtures("source_language")

GOOD_ROWS = [
    ["1.1", "Ашық есік күндері", "Дни открытых дверей", "career_guidance", "Әкімдік", "Акимат",
     datetime.datetime(2025, 3, 31), "Есеп", "Отчёт", "done", "https://akimat.kz/report/1"],
    ["1.2", "Телебағдарлама", "Телепрограмма", "Медиа және ақпарат", "Ішкі саясат басқармасы", "",
     "15.05.2025", "", "", "", ""],
    ["1.3", "Баннерлер", "Баннеры", "nudge", "Әкімдік", "Акимат", "2025-09-01", "", "", "В работе", ""],
]  # fmt: skip


def xlsx(rows, *, header=PLAN_COLUMNS, name="plan.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(header, rows), content_type="application/octet-stream")


def test_import_xlsx_creates_items_with_statuses_by_the_calendar(ministry_admin):
    plan, result = services.plan_import(
        user=ministry_admin, region=region("75"), year=2025, upload=xlsx(GOOD_ROWS), today=TODAY
    )

    assert (result.created, result.updated) == (3, 0)
    items = list(plan.items.order_by("position"))
    assert [(i.number, i.mechanism, i.deadline, i.status) for i in items] == [
        ("1.1", "career_guidance", D(2025, 3, 31), ItemStatus.DONE),
        ("1.2", "media", D(2025, 5, 15), ItemStatus.OVERDUE),  # planned, deadline passed
        ("1.3", "nudge", D(2025, 9, 1), ItemStatus.IN_PROGRESS),  # «В работе», the Russian name
    ]
    assert items[0].completed_on == TODAY
    assert (items[0].title_ru, items[0].responsible_kk, items[0].evidence_url) == (
        "Дни открытых дверей", "Әкімдік", "https://akimat.kz/report/1",
    )  # fmt: skip
    assert plan.title_ru == "город Алматы: план мероприятий проекта «Еңбек – елдің мұраты» на 2025 год"


def test_reimport_updates_by_number_and_keeps_other_items(ministry_admin):
    plan, _ = services.plan_import(
        user=ministry_admin, region=None, year=2025, upload=xlsx(GOOD_ROWS), today=TODAY
    )
    changed = [
        ["1.2", "Телебағдарламалар циклі", "", "media", "Әкімдік", "", "2025-12-01", "", "", "planned", ""]
    ]
    _plan, result = services.plan_import(
        user=ministry_admin, region=None, year=2025, upload=xlsx(changed), today=TODAY
    )
    assert (result.created, result.updated) == (0, 1)
    assert plan.items.count() == 3
    item = plan.items.get(number="1.2")
    assert (item.title_kk, item.deadline, item.status) == (
        "Телебағдарламалар циклі",
        D(2025, 12, 1),
        "planned",
    )


def test_malformed_xlsx_lists_row_errors_and_writes_nothing(ministry_admin):
    rows = [
        GOOD_ROWS[0],
        ["1.2", "", "", "television", "Әкімдік", "", "31/13/2025", "", "", "", "ftp://x"],
        ["1.1", "Қайталау", "", "media", "Әкімдік", "", "2025-04-01", "", "", "finished", ""],
    ]
    with pytest.raises(ImportFailed) as failure:
        services.plan_import(
            user=ministry_admin, region=region("75"), year=2025, upload=xlsx(rows), today=TODAY
        )

    assert failure.value.errors == [
        RowError(3, "title_kk", "This field is required."),
        RowError(3, "mechanism", f"Unknown mechanism: use one of {MECHANISMS}."),
        RowError(3, "deadline", "Enter the deadline as 2026-03-31 or 31.03.2026."),
        RowError(3, "evidence_url", "Enter a valid URL."),
        RowError(3, "evidence_url", "Only http:// and https:// links are accepted."),
        RowError(4, "status", "Unknown status: use one of planned, in_progress, done, overdue."),
    ]  # fmt: skip
    assert not ActionPlan.objects.exists()
    assert not ActionPlanItem.objects.exists()


def test_duplicate_numbers_and_missing_columns(ministry_admin):
    with pytest.raises(ImportFailed) as duplicate:
        services.plan_import(
            user=ministry_admin, region=None, year=2025, upload=xlsx([GOOD_ROWS[0], GOOD_ROWS[0]])
        )
    assert duplicate.value.errors == [RowError(3, "number", "Number 1.1 is already in row 2.")]
    with pytest.raises(ImportFailed) as missing:
        services.plan_import(
            user=ministry_admin, region=None, year=2025, upload=xlsx([["1"]], header=["number", "title_kk"])
        )
    assert missing.value.errors == [RowError(1, "", "Missing columns: deadline, mechanism, responsible_kk.")]
    assert not ActionPlan.objects.exists()


def test_a_file_that_is_not_a_workbook(ministry_admin):
    upload = SimpleUploadedFile("plan.xlsx", b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFailed) as failure:
        services.plan_import(user=ministry_admin, region=None, year=2025, upload=upload)
    assert failure.value.errors == [RowError(0, "", "The file is not a readable XLSX workbook.")]
    with pytest.raises(ImportFailed) as other:
        services.plan_import(
            user=ministry_admin, region=None, year=2025, upload=SimpleUploadedFile("plan.pdf", b"%PDF")
        )
    assert other.value.errors == [RowError(0, "", "Upload an .xlsx or .csv file.")]


def test_import_csv_with_semicolons_in_windows_1251(ministry_admin):
    text = ";".join(PLAN_COLUMNS) + "\n1;Кездесу;Встреча;dynasties;Әкімдік;Акимат;01.10.2025;;;;\n"
    upload = SimpleUploadedFile("plan.csv", text.encode("utf-8-sig"))
    plan, result = services.plan_import(
        user=ministry_admin, region=region("71"), year=2025, upload=upload, today=TODAY
    )
    assert result.created == 1
    assert plan.items.get().deadline == D(2025, 10, 1)
    russian = ";".join(PLAN_COLUMNS) + "\n2;Встреча;Встреча;dynasties;Акимат;Акимат;01.10.2025;;;;\n"
    _plan, again = services.plan_import(
        user=ministry_admin,
        region=region("71"),
        year=2025,
        upload=SimpleUploadedFile("p.csv", russian.encode("cp1251")),
    )
    assert again.created == 1


def test_coordinator_imports_only_into_own_region(coordinator):
    with pytest.raises(PermissionDenied):
        services.plan_import(user=coordinator, region=region("71"), year=2025, upload=xlsx(GOOD_ROWS))
    plan, result = services.plan_import(
        user=coordinator, region=region("75"), year=2025, upload=xlsx(GOOD_ROWS)
    )
    assert result.created == 3


def test_analyst_cannot_import(ministry_analyst):
    with pytest.raises(PermissionDenied):
        services.plan_import(user=ministry_analyst, region=None, year=2025, upload=xlsx(GOOD_ROWS))


def test_export_round_trips(client, ministry_admin):
    plan, _ = services.plan_import(
        user=ministry_admin, region=region("75"), year=2025, upload=xlsx(GOOD_ROWS), today=TODAY
    )
    client.force_login(ministry_admin)
    response = client.get(f"/ru/indicators/plans/{plan.pk}/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == PLAN_COLUMNS
    assert rows[1][:4] == ("1.1", "Ашық есік күндері", "Дни открытых дверей", "career_guidance")
    before = list(plan.items.values_list("number", "title_kk", "deadline", "status"))
    reimport = SimpleUploadedFile("again.xlsx", response.content)
    _plan, result = services.plan_import(
        user=ministry_admin, region=region("75"), year=2025, upload=reimport, today=TODAY
    )
    assert (result.created, result.updated) == (0, 3)
    assert list(plan.items.values_list("number", "title_kk", "deadline", "status")) == before


def test_import_page_shows_every_error_and_keeps_the_choices(client, coordinator):
    client.force_login(coordinator)
    bad = xlsx([["1.1", "", "", "x", "", "", "", "", "", "", ""]])
    response = client.post(
        "/ru/indicators/plans/import/", {"region": region("75").pk, "year": 2025, "file": bad}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("<tr><td>2</td>") == 4
    assert 'value="2025"' in html
    assert not ActionPlan.objects.exists()


def test_import_page_redirects_to_the_plan(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/ru/indicators/plans/import/", {"region": region("75").pk, "year": 2025, "file": xlsx(GOOD_ROWS)}
    )
    plan = ActionPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ru/indicators/plans/{plan.pk}/"


def test_template_is_an_importable_workbook(client, ministry_admin):
    client.force_login(ministry_admin)
    content = client.get("/ru/indicators/plans/template.xlsx").content
    _plan, result = services.plan_import(
        user=ministry_admin, region=None, year=2025, upload=SimpleUploadedFile("t.xlsx", content)
    )
    assert result.created == 1


def test_plans_of_other_regions_are_404_for_a_coordinator(client, coordinator):
    own = ActionPlanFactory(region=region("75"))
    other = ActionPlanFactory(region=region("71"))
    item = ActionPlanItemFactory(plan=other)
    client.force_login(coordinator)
    assert client.get(f"/ru/indicators/plans/{own.pk}/").status_code == 200
    assert client.get(f"/ru/indicators/plans/{other.pk}/").status_code == 404
    assert client.get(f"/ru/indicators/plans/{other.pk}/export.csv").status_code == 404
    assert client.get(f"/ru/indicators/plans/items/{item.pk}/").status_code == 404
    listed = client.get("/ru/indicators/plans/").content.decode()
    assert f"/ru/indicators/plans/{own.pk}/" in listed and f"/ru/indicators/plans/{other.pk}/" not in listed


def test_item_update_sets_completion_and_overdue_follows_the_deadline(coordinator):
    item = ActionPlanItemFactory(plan=ActionPlanFactory(region=region("75")), deadline=D(2025, 6, 1))
    services.plan_item_update(item=item, user=coordinator, status=ItemStatus.IN_PROGRESS, today=TODAY)
    assert (item.status, item.completed_on) == (ItemStatus.OVERDUE, None)
    services.plan_item_update(
        item=item, user=coordinator, status=ItemStatus.DONE, evidence_url="https://a.kz/r", today=TODAY
    )
    item.refresh_from_db()
    assert (item.status, item.completed_on, item.evidence_url) == (ItemStatus.DONE, TODAY, "https://a.kz/r")


def test_item_update_refused_for_another_region(coordinator):
    item = ActionPlanItemFactory(plan=ActionPlanFactory(region=region("71")))
    with pytest.raises(PermissionDenied):
        services.plan_item_update(item=item, user=coordinator, status=ItemStatus.DONE)


def test_plan_list_queries_do_not_grow(client, ministry_analyst, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ActionPlanItemFactory(plan=ActionPlanFactory(region=region("75")))
    client.force_login(ministry_analyst)
    client.get("/ru/indicators/plans/")
    with CaptureQueriesContext(connection) as one:
        client.get("/ru/indicators/plans/")
    for code in ("71", "79", "10", "11"):
        ActionPlanItemFactory.create_batch(2, plan=ActionPlanFactory(region=region(code)))
    with CaptureQueriesContext(connection) as many:
        html = client.get("/ru/indicators/plans/").content.decode()
    assert html.count("/ru/indicators/plans/") >= 5
    assert len(many.captured_queries) == len(one.captured_queries)


def test_workbook_helper_reads_what_it_writes():
    workbook = Workbook()
    assert workbook.active is not None
