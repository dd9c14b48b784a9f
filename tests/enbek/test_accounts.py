import pytest
from django.contrib.auth.models import Group
from django.core import mail

from enbek.enums import Role
from enbek.models import User
from enbek.privacy import mask_iin, mask_phone
from tests.factories import UserFactory, make_iin


def test_signup_creates_citizen_and_signs_in(client, db):
    response = client.post(
        "/kk/accounts/signup/",
        {
            "email": "Aigul@Example.kz",
            "full_name": "Айгүл Серікова",
            "region": "",
            "password1": "Tau-Zhol!2026",
            "password2": "Tau-Zhol!2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="aigul@example.kz")
    assert list(user.groups.values_list("name", flat=True)) == ["citizen"]
    assert user.preferred_language == "kk"
    assert client.get("/kk/accounts/profile/").status_code == 200


def test_signup_errors_are_next_to_fields_and_keep_input(client, db):
    UserFactory(email="taken@example.kz")
    response = client.post(
        "/ru/accounts/signup/",
        {"email": "taken@example.kz", "full_name": "Марат", "password1": "abc", "password2": "abd"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Учётная запись с этим адресом уже есть. Войдите." in html
    assert "Пароли не совпадают." in html
    assert 'value="Марат"' in html


def test_login_with_email(client, db):
    UserFactory(email="nurlan@example.kz", password="Qwerty!2345")
    response = client.post(
        "/kk/accounts/login/", {"username": "nurlan@example.kz", "password": "Qwerty!2345"}
    )
    assert response.status_code == 302


def test_failed_logins_are_rate_limited_with_a_clear_message(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="locked@example.kz", password="Qwerty!2345")
    for _ in range(2):
        response = client.post("/ru/accounts/login/", {"username": "locked@example.kz", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/ru/accounts/login/", {"username": "locked@example.kz", "password": "wrong"})
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.content.decode()
    # Even the right password is refused during the cool-off.
    response = client.post(
        "/ru/accounts/login/", {"username": "locked@example.kz", "password": "Qwerty!2345"}
    )
    assert response.status_code == 429


def test_password_reset_sends_mail(client, db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(email="reset@example.kz")
    response = client.post("/kk/accounts/password/reset/", {"email": "reset@example.kz"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/kk/accounts/password/reset/" in mail.outbox[0].body


def test_profile_saves_region_phone_and_iin(client, db):
    user = UserFactory()
    client.force_login(user)
    iin = make_iin("900101300")
    response = client.post(
        "/kk/accounts/profile/",
        {
            "full_name": "Ерлан Ахметов",
            "region": "",
            "phone": "8 701 123 45 67",
            "iin": iin,
            "preferred_language": "ru",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.phone, user.iin, user.preferred_language) == ("+77011234567", iin, "ru")


def test_profile_invalid_iin_error_next_to_field_keeps_input(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/ru/accounts/profile/",
        {"full_name": "Ерлан", "phone": "", "iin": "850115000011", "preferred_language": "kk"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "7-я цифра ИИН должна быть от 1 до 6 (век и пол)." in html
    assert 'value="Ерлан"' in html


def test_profile_requires_sign_in(client, db):
    response = client.get("/kk/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/kk/accounts/login/")


def test_masking_personal_data():
    assert mask_iin("850115300011") == "85********11"
    assert mask_phone("+77011234567") == "+7 701 *** ** 67"


@pytest.mark.parametrize("role", list(Role))
def test_every_role_is_a_group(db, role):
    assert Group.objects.filter(name=role.value).exists()


def test_roles_have_their_permissions(db):
    coordinator = Group.objects.get(name="regional_coordinator")
    codes = set(coordinator.permissions.values_list("codename", flat=True))
    assert {"coordinate_region", "moderate_dynasty"} <= codes
    assert "view_all_regions" not in codes
    analyst = set(Group.objects.get(name="ministry_analyst").permissions.values_list("codename", flat=True))
    assert "view_all_regions" in analyst and "moderate_dynasty" not in analyst


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("kk", "Азамат, Өңірлік үйлестіруші"), ("ru", "Гражданин, Региональный координатор")],
)
def test_profile_shows_translated_role_names(client, db, lang, shown):
    from tests.factories import region

    user = UserFactory(
        roles=[Role.CITIZEN, Role.REGIONAL_COORDINATOR], region=region("75"), coordinator_region=region("75")
    )
    client.force_login(user)
    html = client.get(f"/{lang}/accounts/profile/").content.decode()
    assert f"<dd>{shown}</dd>" in html
    assert "regional_coordinator" not in html and "citizen" not in html


@pytest.mark.parametrize(
    ("page", "preferred", "subject", "link"),
    [
        (
            "kk",
            "ru",
            "Установка нового пароля на портале «Еңбек – елдің мұраты»",
            "/ru/accounts/password/reset/",
        ),
        (
            "ru",
            "kk",
            "«Еңбек – елдің мұраты» порталында жаңа құпиясөз орнату",
            "/kk/accounts/password/reset/",
        ),
    ],
)
def test_password_reset_mail_is_in_the_recipient_s_language(
    client, db, settings, page, preferred, subject, link
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(email="reset@example.kz", preferred_language=preferred)
    response = client.post(f"/{page}/accounts/password/reset/", {"email": "RESET@example.kz"})
    assert response.status_code == 302
    assert response["Location"] == f"/{page}/accounts/password/reset/sent/"
    [message] = mail.outbox
    assert message.subject == subject
    assert link in message.body
    # The page itself stays in the page's language.
    assert client.get(response["Location"]).content.decode().count(f'<html lang="{page}">') == 1
