"""The core's admin: spheres, the profession classifier and the education providers' programmes."""

import pytest
from django.core.exceptions import ValidationError

from enbek.enums import OrganizationKind
from enbek.models import TrainingProgramme
from tests.factories import OrganizationFactory, TrainingProgrammeFactory, UserFactory, profession


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/kk/admin/enbek/sphere/",
        "/kk/admin/enbek/profession/",
        "/kk/admin/enbek/profession/?sphere__id__exact=1&path_college__exact=1&suits_over_50__exact=1",
        "/kk/admin/enbek/profession/?q=сварщик",
        "/kk/admin/enbek/profession/add/",
        "/kk/admin/enbek/trainingprogramme/",
        "/kk/admin/enbek/trainingprogramme/add/",
    ],
)
def test_core_admin_pages_open_for_a_superuser(superuser_client, path):
    TrainingProgrammeFactory()

    assert superuser_client.get(path).status_code == 200


def test_admin_member_inline_autocompletes_professions_in_both_languages(superuser_client):
    for term in ("Свар", "Дәнекер"):  # as written: SQLite's LIKE folds the case of Latin letters only
        response = superuser_client.get(
            "/ru/admin/autocomplete/",
            {"app_label": "dynasties", "model_name": "member", "field_name": "profession_ref", "term": term},
        )
        assert response.status_code == 200
        assert str(profession("7212-01").pk) in [row["id"] for row in response.json()["results"]], term


def test_admin_profession_search_finds_both_languages(superuser_client):
    for term in ("Сварщик", "Дәнекерлеуші", "7212"):
        body = superuser_client.get("/ru/admin/enbek/profession/", {"q": term}).content.decode()
        assert "7212-01" in body, term


def test_admin_profession_page_lists_its_programmes(superuser_client):
    programme = TrainingProgrammeFactory()
    welder = profession("7212-01")

    body = superuser_client.get(f"/kk/admin/enbek/profession/{welder.pk}/change/").content.decode()

    assert 'name="training_programmes-0-title_kk"' in body
    assert f'value="{programme.url}"' in body


def test_admin_organisation_lists_programmes_only_for_education_providers(superuser_client):
    college = OrganizationFactory(kind=OrganizationKind.COLLEGE)
    factory = OrganizationFactory(kind=OrganizationKind.ENTERPRISE)

    college_page = superuser_client.get(f"/kk/admin/enbek/organization/{college.pk}/change/").content.decode()
    factory_page = superuser_client.get(f"/kk/admin/enbek/organization/{factory.pk}/change/").content.decode()

    assert 'name="training_programmes-TOTAL_FORMS"' in college_page
    assert "training_programmes" not in factory_page


def test_admin_adds_a_programme_to_a_college(superuser_client):
    college = OrganizationFactory(kind=OrganizationKind.UNIVERSITY)
    welder = profession("7212-01")

    response = superuser_client.post(
        "/kk/admin/enbek/trainingprogramme/add/",
        {
            "organization": college.pk,
            "profession": welder.pk,
            "title_kk": "Дәнекерлеу технологиясы",
            "title_ru": "Технология сварки",
            "url": "college.example.kz/welding",
            "duration_months": "10",
            "study_form": "evening",
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()
    row = TrainingProgramme.objects.get(organization=college)
    assert (row.profession_id, row.title_ru, row.url, row.duration_months) == (
        welder.pk,
        "Технология сварки",
        "https://college.example.kz/welding",
        10,
    )


def test_programme_of_an_enterprise_is_refused(db):
    programme = TrainingProgrammeFactory.build(
        organization=OrganizationFactory(kind=OrganizationKind.ENTERPRISE), profession=profession("7212-01")
    )

    with pytest.raises(ValidationError) as error:
        programme.full_clean()

    assert "organization" in error.value.message_dict


def test_professions_cannot_be_deleted_in_the_admin(superuser_client):
    welder = profession("7212-01")

    assert superuser_client.get(f"/kk/admin/enbek/profession/{welder.pk}/delete/").status_code in {302, 403}
