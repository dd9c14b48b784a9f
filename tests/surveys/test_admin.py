import pytest
from django.urls import reverse

from surveys.models import Survey
from tests.factories.surveys import wave


@pytest.fixture
def admin_client_ministry(client, ministry_admin):
    ministry_admin.is_staff = True  # as user_set_roles sets it for ministry staff
    ministry_admin.save(update_fields=["is_staff"])
    client.force_login(ministry_admin)
    return client


def test_admin_clone_last_years_survey_action(admin_client_ministry, db):
    last = wave(year=2025)
    response = admin_client_ministry.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "clone_for_next_year", "_selected_action": [last.pk]},
    )
    assert response.status_code == 302
    clone = Survey.objects.get(year=2026)
    assert sorted(clone.questions.values_list("code", flat=True)) == sorted(
        last.questions.values_list("code", flat=True)
    )


def test_admin_pages_in_kazakh_and_russian(admin_client_ministry, db):
    survey = wave(year=2025)
    for language in ("kk", "ru"):
        page = admin_client_ministry.get(f"/{language}/admin/surveys/survey/{survey.pk}/change/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'name="title_kk"' in html and 'name="title_ru"' in html


def test_admin_population_csv_import(admin_client_ministry, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from surveys.models import PopulationCell

    data = b"year,region_code,sex,age_group,population\n2026,75,m,18-24,1000\n"
    response = admin_client_ministry.post(
        reverse("admin:surveys_populationcell_import"),
        {
            "file": SimpleUploadedFile("pop.csv", data, content_type="text/csv"),
            "source": "Stat",
            "is_demo": "on",
        },
    )
    assert response.status_code == 302
    assert PopulationCell.objects.get().is_demo is True
    bad = admin_client_ministry.post(
        reverse("admin:surveys_populationcell_import"),
        {"file": SimpleUploadedFile("pop.csv", b"year,foo\n1,2\n", content_type="text/csv")},
    )
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()


def test_admin_invitation_batch_creates_codes(admin_client_ministry, db):
    survey = wave(year=2026)
    response = admin_client_ministry.post(
        reverse("admin:surveys_invitationbatch_add"), {"survey": survey.pk, "label": "Field 1", "size": 5}
    )
    assert response.status_code == 302
    assert survey.invitation_batches.get().codes.count() == 5
