"""`manage.py seed_demo`: idempotent, deterministic, complete, and consistent with the selectors."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from contests.models import Contest
from contests.selectors import contest_open_list
from dynasties.demo import counts as dynasty_counts
from dynasties.demo.content import PROFESSION_CODES
from dynasties.enums import ChallengeStatus, DynastyStatus
from dynasties.models import ChallengeEntry, Dynasty, MediaEpisode, Member, Photo, PhotoExhibition
from dynasties.selectors import dynasty_public_list, dynasty_with_live_figures
from enbek.demo.core import DEMO_PASSWORD, DEMO_USERS
from enbek.demo.education import PROVIDERS
from enbek.demo.seed import core_counts, seed_demo
from enbek.enums import EDUCATION_KINDS, Role
from enbek.models import Organization, Profession, Region, Sphere, TrainingProgramme, User
from enbek.validators import validate_bin
from events.demo import SIZES as EVENT_SIZES
from events.enums import EventStatus, RegistrationStatus
from events.models import Event, Registration
from events.selectors import event_upcoming_list

EVENT_REGISTRANTS = EVENT_SIZES["small"][1]  # demo citizens who register for events (events/demo.py)


def demo_counts() -> dict[str, int]:
    return (
        core_counts()
        | dynasty_counts()
        | {"contests": Contest.objects.count(), "events": Event.objects.count()}
    )


def run(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    """What a seed is recognised by: slugs, names in both languages, members, figures."""
    rows = []
    for dynasty in Dynasty.objects.order_by("slug").prefetch_related("members"):
        rows.append(
            (
                dynasty.slug,
                dynasty.family_name_kk,
                dynasty.family_name_ru,
                dynasty.status,
                dynasty.region_id,
                dynasty.sphere_id,
                dynasty.story_ru,
                tuple((m.full_name, m.generation, m.start_year, m.end_year) for m in dynasty.members.all()),
            )
        )
    return rows


@pytest.fixture
def seeded(db):
    output = run("--size", "small", "--seed", "7")
    return output


def test_small_seed_twice_gives_identical_counts(seeded):
    first = demo_counts()
    output = run("--size", "small", "--seed", "7")
    assert demo_counts() == first
    assert "new: nothing." in output
    assert first["published dynasties"] == 60
    assert first["dynasties"] == 66
    assert first["members"] >= 60 * 3
    # The demo accounts, the events' registrants, the «Я-профи» demo's 4 more jurors and 60 + 8 contestants.
    assert first["users"] == len(DEMO_USERS) + EVENT_REGISTRANTS + 4 + 60 + 8
    assert first["organisations"] == 60 + len(PROVIDERS) == 69
    assert first["training programmes"] == sum(len(p.programmes) for p in PROVIDERS) == 32
    assert first["challenge posts"] == 18
    assert first["exhibitions"] == 3


def test_same_seed_same_rows_other_seed_other_rows(seeded):
    before = snapshot()
    assert len(before) == 66
    Dynasty.objects.all().delete()
    run("--size", "small", "--seed", "7")
    assert snapshot() == before
    some = [row[:3] for row in before[:5]]
    assert all(slug and kk.endswith("әулеті") and ru.startswith("Династия ") for slug, kk, ru in some)

    Dynasty.objects.all().delete()
    run("--size", "small", "--seed", "8")
    other = snapshot()
    assert len(other) == 66
    assert [row[0] for row in other] != [row[0] for row in before]


def test_every_region_and_sphere_has_published_dynasties(seeded):
    published = Dynasty.objects.filter(status=DynastyStatus.PUBLISHED)
    assert set(published.values_list("region__code", flat=True)) == set(
        Region.objects.values_list("code", flat=True)
    )
    assert set(published.values_list("sphere__slug", flat=True)) == set(
        Sphere.objects.values_list("slug", flat=True)
    )
    assert Region.objects.count() == 20 and Sphere.objects.count() == 17


def test_stored_figures_match_live_figures(seeded):
    rows = list(dynasty_with_live_figures())
    assert len(rows) == 66
    for dynasty in rows:
        assert (dynasty.members_count, dynasty.generations, dynasty.total_years) == (
            dynasty.live_members_count,
            dynasty.live_generations,
            dynasty.live_total_years,
        ), dynasty.slug


def test_dynasties_are_well_formed(seeded):
    published = Dynasty.objects.filter(status=DynastyStatus.PUBLISHED)
    for dynasty in published:
        assert 2 <= dynasty.generations <= 5, dynasty.slug
        assert 3 <= dynasty.members_count <= 8, dynasty.slug
        assert dynasty.published_at is not None and dynasty.cover_id is not None
        assert dynasty.story_kk.count("\n\n") in {1, 2, 3} and dynasty.story_ru.count("\n\n") in {1, 2, 3}
        assert dynasty.family_name_kk.endswith(" әулеті") and dynasty.family_name_ru.startswith("Династия ")
        assert dynasty.search_text and dynasty.family_name_ru.lower() in dynasty.search_text
    # Every member after the founders has a parent one generation up, in the same dynasty.
    children = Member.objects.filter(generation__gt=1)
    assert not children.filter(parent__isnull=True).exists()
    assert (
        children.count()
        == children.filter(parent__generation=F("generation") - 1, parent__dynasty=F("dynasty")).count()
    )
    assert not Member.objects.filter(generation=1, parent__isnull=False).exists()
    assert (
        Member.objects.exclude(profession_kk="").exclude(profession_ru="").count() == Member.objects.count()
    )
    assert (
        Member.objects.filter(awards_kk__contains="«Еңбек даңқы»").exists()
        or Member.objects.exclude(awards_kk="").exists()
    )
    # Russian-surnamed families are there too.
    assert published.filter(
        family_name_ru__regex=r"^Династия (Иванов|Смирнов|Кузнецов|Попов|Васильев|Петров|Соколов|"
        r"Михайлов|Новиков|Фёдоров|Морозов|Волков|Лебедев|Семёнов|Егоров|Павлов|Козлов|Степанов|"
        r"Николаев|Орлов|Захаров|Зайцев|Борисов|Яковлев|Григорьев|Романов|Сергеев|Шевченко|"
        r"Бондаренко|Коваленко|Ткаченко|Ким|Пак|Цой|Шмидт|Вебер|Келлер|Сафин|Хабибуллин|Валиев|"
        r"Юсупов)"
    ).exists()


def test_photos_are_real_files_and_media_and_challenge_are_there(seeded, settings):
    photo = Photo.objects.order_by("id").first()
    assert photo.width == 1200 and photo.height == 800
    assert photo.image.storage.exists(photo.image.name) and photo.thumbnail.storage.exists(
        photo.thumbnail.name
    )
    from PIL import Image

    with Image.open(photo.thumbnail.path) as thumbnail:
        assert thumbnail.size == (480, 320)
    assert MediaEpisode.objects.exists()
    assert MediaEpisode.objects.exclude(title_ru="").count() == MediaEpisode.objects.count()
    statuses = dict(ChallengeEntry.objects.order_by().values_list("status").annotate(c=Count("id")))
    assert statuses == {ChallengeStatus.APPROVED: 12, ChallengeStatus.PENDING: 6}
    assert set(
        ChallengeEntry.objects.filter(status=ChallengeStatus.PENDING).values_list("region__code", flat=True)
    ) <= {"75", "71"}
    exhibitions = PhotoExhibition.objects.annotate(n=Count("dynasties"))
    assert exhibitions.count() == 3 and all(e.n >= 1 for e in exhibitions)


def test_accounts_roles_and_passwords(seeded):
    for spec in DEMO_USERS:
        user = User.objects.get(email=spec.email)
        assert user.check_password(DEMO_PASSWORD) and user.is_active, spec.email
        assert user.has_role(spec.role)
    almaty = User.objects.get(email="coordinator.almaty@enbek.local")
    astana = User.objects.get(email="coordinator.astana@enbek.local")
    assert (almaty.coordinator_region.code, astana.coordinator_region.code) == ("75", "71")
    hr = User.objects.get(email="hr@enbek.local")
    assert hr.organizations.count() == 1 and hr.has_role(Role.ENTERPRISE_REPRESENTATIVE)
    citizen = User.objects.get(email="citizen@enbek.local")
    owned = dict(
        Dynasty.objects.filter(submitted_by=citizen).order_by().values_list("status").annotate(c=Count("id"))
    )
    assert owned == {
        DynastyStatus.PUBLISHED: 2,
        DynastyStatus.SUBMITTED: 3,
        DynastyStatus.RETURNED: 1,
        DynastyStatus.DRAFT: 2,
    }
    assert Dynasty.objects.get(submitted_by=citizen, status=DynastyStatus.RETURNED).return_reason
    # A changed password is put back by the next run.
    citizen.set_password("something-else-entirely")
    citizen.save()
    run("--size", "small", "--seed", "7")
    citizen.refresh_from_db()
    assert citizen.check_password(DEMO_PASSWORD)


def test_organisations_contests_and_events(seeded):
    organizations = Organization.objects.all()
    assert set(organizations.values_list("region__code", flat=True)) == set(
        Region.objects.values_list("code", flat=True)
    )
    for organization in organizations:
        validate_bin(organization.bin)
        organization.full_clean()
        assert organization.name_kk and organization.name_ru
    assert Contest.objects.count() == 2
    assert contest_open_list().count() == 1
    assert all(c.title_kk and c.title_ru and c.rules_kk and c.rules_ru for c in Contest.objects.all())
    assert Contest.objects.filter(results_published_at__isnull=False).count() == 1
    # Events (events/demo.py): three dozen across every region, a waiting list, past attendance, a draft.
    assert Event.objects.count() == EVENT_SIZES["small"][0] + 1
    assert set(Event.objects.values_list("region__code", flat=True)) == set(
        Region.objects.values_list("code", flat=True)
    )
    assert event_upcoming_list().count() >= 20
    assert {e.kind for e in Event.objects.all()} == {
        "open_day", "excursion", "meeting", "master_class", "online_tour"
    }  # fmt: skip
    assert {e.status for e in Event.objects.all()} == set(EventStatus.values)
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).exists()
    assert Registration.objects.filter(status=RegistrationStatus.ATTENDED).exists()
    assert Event.objects.filter(organization__representatives__email="hr@enbek.local").exists()


def test_seeded_dynasties_are_found_by_the_public_selectors(seeded):
    dynasty = Dynasty.objects.filter(status=DynastyStatus.PUBLISHED).order_by("slug").first()
    surname = dynasty.family_name_kk.split()[0]
    assert dynasty in dynasty_public_list(search=surname)
    russian = dynasty.family_name_ru.split()[-1]
    assert dynasty in dynasty_public_list(search=russian)
    assert not dynasty_public_list().exclude(status=DynastyStatus.PUBLISHED).exists()


def test_large_strategy_reuses_a_pool_of_pictures_and_reports_progress(db):
    output = run(
        "--size", "large", "--dynasties", "1100", "--events", "300", "--contest-applications", "1200",
        "--survey-responses", "3000", "--seed", "3",
    )  # fmt: skip
    assert "dynasties  1,000/1,100" in output and "dynasties  1,100/1,100" in output
    assert Dynasty.objects.filter(status=DynastyStatus.PUBLISHED).count() == 1100
    assert "contests: scores  1,000/1,200" in output
    published_photos = Photo.objects.filter(dynasty__status=DynastyStatus.PUBLISHED)
    assert published_photos.count() == 1100
    assert published_photos.values("image").distinct().count() < 200
    assert Member.objects.count() >= 1100 * 4
    stale = dynasty_with_live_figures().exclude(members_count=F("live_members_count"))
    assert not stale.exclude(total_years=F("live_total_years")).exists()


def test_refuses_outside_demo_installs(db, settings):
    settings.ENBEK_DEMO = False
    with pytest.raises(CommandError):
        run()
    assert not Dynasty.objects.exists()


def test_function_returns_a_report(db):
    report = seed_demo(size="small", seed=1, overrides={"dynasties": 20})
    assert report.added == {
        "training programmes": 32,
        "quiz completion days": 120,
        "saved quiz results": 1,
        "dynasties": 26,
        "events": 37,
        "event registrations": 242,
        "event registrants": 60,
        "survey waves": 2,
        "survey responses": 950,
    }
    assert report.counts["published dynasties"] == 20
    assert seed_demo(size="small", seed=1, overrides={"dynasties": 20}).added == {}
    assert [email for email, _password in report.accounts] == [u.email for u in DEMO_USERS]


def test_members_and_education_providers_link_to_the_classifier(seeded):
    linked = Member.objects.filter(profession_ref__isnull=False).select_related("profession_ref")
    assert linked.count() >= Member.objects.count() // 2
    for member in linked:
        assert PROFESSION_CODES[member.profession_ru] == member.profession_ref.code, member.profession_ru
    unlinked = Member.objects.filter(profession_ref__isnull=True).values_list("profession_ru", flat=True)
    assert not set(unlinked) & set(PROFESSION_CODES)
    # The stored title is what the family wrote; the classifier adds the link only.
    welder = Member.objects.filter(profession_ref__code="7212-01").first()
    assert welder is None or welder.profession_ru == "Сварщик"

    # Education providers list programmes of the classifier (one seed for both checks: seeding is slow).
    providers = Organization.objects.filter(kind__in=EDUCATION_KINDS)
    assert providers.count() == len(PROVIDERS)
    assert set(providers.values_list("kind", flat=True)) == {"college", "university", "training_centre"}
    assert not TrainingProgramme.objects.exclude(organization__kind__in=EDUCATION_KINDS).exists()
    programme = TrainingProgramme.objects.select_related("organization", "profession").get(
        organization__name_ru="Алматинский политехнический колледж", profession__code="7212-01"
    )
    assert (programme.title_kk, programme.title_ru, programme.duration_months, programme.study_form) == (
        "Дәнекерлеу ісі",
        "Сварочное дело",
        34,
        "dual",
    )
    assert programme.url == f"https://example.com/edu/{programme.organization.bin}/7212-01"
    for row in TrainingProgramme.objects.select_related("organization"):
        row.full_clean()
    # Welding is taught in Almaty twice (college and training centre): both are found by profession.
    assert Profession.objects.get(code="7212-01").training_programmes.count() == 2


def test_quiz_completions_by_day_and_the_citizens_saved_result(seeded):
    from django.db.models import Max, Min, Sum
    from django.utils import timezone

    from enbek.models import QuizCompletionDay, QuizResult

    today = timezone.localdate()
    span = QuizCompletionDay.objects.aggregate(first=Min("day"), last=Max("day"), total=Sum("count"))
    assert (span["first"], span["last"]) == (
        today - datetime.timedelta(days=120),
        today - datetime.timedelta(days=1),
    )
    assert span["total"] > 120 * 10
    result = QuizResult.objects.get(user__email="citizen@enbek.local")
    assert (result.top_types[:2], result.profile["R"]) == ("RS", 100)
