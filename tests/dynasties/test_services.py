"""The draft → submit → publish/return flow, its permissions, the decision e-mail and the challenge wall."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from dynasties import selectors, services
from dynasties.enums import ChallengeStatus, DynastyStatus, Platform
from dynasties.models import ChallengeEntry, Dynasty, Member
from tests.factories import DynastyFactory, MemberFactory, UserFactory, region, sphere

from .conftest import build_family

pytestmark = pytest.mark.usefixtures("source_language")

# No module-level django_db mark: every test gets the database through its fixtures, so the race test
# can skip on SQLite before a transactional database is set up (and flushed).

NOT_OWNER = "You can only change your own dynasty."
LOCKED = "This dynasty has been submitted and can no longer be changed."
NOT_MODERATOR = "You do not moderate this region."
NEEDS_GENERATIONS = "A labour dynasty needs members of at least two generations."
NEEDS_STORY = "Tell the family's story in at least one language."

# Who may publish or return a dynasty of region 75, and review a post of region 75.
MODERATION_MATRIX = [
    ("citizen", False),  # the owner of the dynasty
    ("other_citizen", False),
    ("coordinator", True),  # region 75
    ("other_coordinator", False),  # region 71
    ("ministry_admin", True),
    ("ministry_analyst", False),
]


def _create(owner, family_name_kk="Жұмабековтер", family_name_ru="Жумабековы", region_code="75") -> Dynasty:
    return services.dynasty_create(
        submitted_by=owner,
        family_name_kk=family_name_kk,
        family_name_ru=family_name_ru,
        sphere=sphere("metallurgy"),
        region=region(region_code),
    )


def _member(dynasty, owner, **fields) -> Member:
    values = {"full_name": "Мұрат Жұмабеков", "generation": 1, "birth_year": 1950, "start_year": 1970}
    values.update(fields)
    return services.member_save(dynasty=dynasty, user=owner, **values)


# --- dynasty_create -------------------------------------------------------------------------------
def test_dynasty_create_draft_owned_by_citizen(citizen):
    dynasty = _create(citizen, family_name_kk="  Жұмабековтер ", family_name_ru=" Жумабековы ")

    dynasty.refresh_from_db()
    assert dynasty.status == DynastyStatus.DRAFT
    assert dynasty.submitted_by == citizen
    assert dynasty.family_name_kk == "Жұмабековтер"
    assert dynasty.family_name_ru == "Жумабековы"
    assert dynasty.region.code == "75"
    assert dynasty.published_at is None
    assert dynasty.search_text == "жұмабековтер жумабековы jumabekovter zhumabekovter jumabekovy zhumabekovy"


def test_dynasty_create_slug_transliterated_from_kazakh(citizen):
    assert _create(citizen, family_name_kk="Жұмабековтер").slug == "zhumabekovter"
    assert _create(citizen, family_name_kk="Әлімқұлов-Ғалиевтер").slug == "alimqulov-galievter"
    assert _create(citizen, family_name_kk="Щукиндер Үйі").slug == "schukinder-uii"


def test_dynasty_create_slug_unique_on_collision(citizen, other_citizen):
    first = _create(citizen, family_name_kk="Жұмабековтер")
    second = _create(other_citizen, family_name_kk="Жұмабековтер")
    third = _create(other_citizen, family_name_kk="ЖҰМАБЕКОВТЕР")

    assert first.slug == "zhumabekovter"
    assert second.slug.startswith("zhumabekovter-") and len(second.slug) == len("zhumabekovter-") + 6
    assert third.slug.startswith("zhumabekovter-") and len(third.slug) == len("zhumabekovter-") + 6
    assert len({first.slug, second.slug, third.slug}) == 3


def test_dynasty_create_slug_fallback_when_name_has_no_letters(citizen):
    assert _create(citizen, family_name_kk="«1-буын»", family_name_ru="").slug == "1-buyn"
    assert _create(citizen, family_name_kk="«…»", family_name_ru="").slug == "dynasty"


@pytest.mark.parametrize("name", ["New", "Mine", "Challenge", "Moderation", "Exhibitions"])
def test_dynasty_create_slug_reserved_path_gets_suffix(citizen, name):
    dynasty = _create(citizen, family_name_kk=name, family_name_ru=name)
    assert dynasty.slug == f"{name.lower()}-dynasty"


# --- member_save validation -----------------------------------------------------------------------
def test_member_save_parent_from_another_dynasty_refused(citizen):
    dynasty = _create(citizen)
    stranger = MemberFactory(dynasty=DynastyFactory(), generation=1)

    with pytest.raises(ValidationError) as exc:
        _member(dynasty, citizen, generation=2, parent=stranger)

    assert exc.value.message_dict == {"parent": ["The parent must be a member of the same dynasty."]}
    assert not dynasty.members.exists()


@pytest.mark.parametrize("parent_generation", [2, 3])
def test_member_save_parent_not_earlier_generation_refused(citizen, parent_generation):
    dynasty = _create(citizen)
    parent = _member(dynasty, citizen, full_name="Ата", generation=parent_generation)

    with pytest.raises(ValidationError) as exc:
        _member(dynasty, citizen, full_name="Бала", generation=2, parent=parent)

    assert exc.value.message_dict == {"parent": ["The parent must belong to an earlier generation."]}
    assert dynasty.members.count() == 1


def test_member_save_parent_of_earlier_generation_accepted(citizen):
    dynasty = _create(citizen)
    founder = _member(dynasty, citizen, full_name="Ата", generation=1)

    child = _member(
        dynasty, citizen, full_name="Бала", generation=3, parent=founder, birth_year=1980, start_year=2000
    )

    assert child.parent == founder
    assert list(founder.children.all()) == [child]


def test_member_save_work_before_age_ten_refused(citizen):
    dynasty = _create(citizen)

    with pytest.raises(ValidationError) as exc:
        _member(dynasty, citizen, birth_year=1950, start_year=1959)

    assert exc.value.message_dict == {"start_year": ["Work cannot start before the age of ten."]}


def test_member_save_work_at_exactly_ten_accepted(citizen):
    dynasty = _create(citizen)

    member = _member(dynasty, citizen, birth_year=1950, start_year=1960)

    assert member.pk is not None


@pytest.mark.parametrize("field", ["birth_year", "start_year", "end_year", "death_year"])
def test_member_save_future_year_refused(citizen, field):
    next_year = timezone.localdate().year + 1
    dynasty = _create(citizen)
    values = {"birth_year": 1950, "start_year": 1970, "end_year": None, "death_year": None}
    values[field] = next_year
    if field == "birth_year":
        values["start_year"] = None

    with pytest.raises(ValidationError) as exc:
        _member(dynasty, citizen, **values)

    assert exc.value.message_dict == {field: ["The year cannot be in the future."]}
    assert not dynasty.members.exists()


def test_member_save_this_year_accepted(citizen):
    this_year = timezone.localdate().year
    dynasty = _create(citizen)

    member = _member(dynasty, citizen, birth_year=1950, start_year=1970, end_year=this_year)

    assert member.end_year == this_year


def test_member_save_end_before_start_refused(citizen):
    dynasty = _create(citizen)

    with pytest.raises(ValidationError) as exc:
        _member(dynasty, citizen, birth_year=1950, start_year=1980, end_year=1979)

    assert exc.value.message_dict == {
        "end_year": ["The year work finished cannot be before the year it started."]
    }
    assert not dynasty.members.exists()


def test_member_save_death_before_birth_refused(citizen):
    dynasty = _create(citizen)

    with pytest.raises(ValidationError) as exc:
        _member(dynasty, citizen, birth_year=1950, death_year=1949, start_year=None)

    assert exc.value.message_dict == {"death_year": ["The year of death cannot be before the year of birth."]}
    assert not dynasty.members.exists()


def test_member_save_end_equal_start_accepted(citizen):
    dynasty = _create(citizen)

    assert _member(dynasty, citizen, birth_year=1950, start_year=1980, end_year=1980).pk is not None


def test_member_save_generation_out_of_range_refused(citizen):
    dynasty = _create(citizen)

    with pytest.raises(ValidationError) as exc:
        _member(dynasty, citizen, generation=11)

    assert list(exc.value.message_dict) == ["generation"]


def test_member_save_member_of_another_dynasty_refused(citizen):
    mine = _create(citizen)
    other = _create(citizen, family_name_kk="Сейітовтер")
    theirs = _member(other, citizen)

    with pytest.raises(PermissionDenied, match=NOT_OWNER):
        services.member_save(
            dynasty=mine, user=citizen, member=theirs, full_name="Ауыстырылған", generation=1
        )

    theirs.refresh_from_db()
    assert theirs.dynasty == other
    assert theirs.full_name == "Мұрат Жұмабеков"


def test_member_save_strips_text(citizen):
    dynasty = _create(citizen)

    member = _member(
        dynasty, citizen, full_name="  Мұрат  ", profession_kk=" Болат балқытушы ", profession_ru=" Сталевар "
    )

    member.refresh_from_db()
    assert (member.full_name, member.profession_kk, member.profession_ru) == (
        "Мұрат",
        "Болат балқытушы",
        "Сталевар",
    )


# --- dynasty_submit -------------------------------------------------------------------------------
def test_dynasty_submit_empty_draft_refused_with_both_messages(citizen):
    dynasty = _create(citizen)

    with pytest.raises(ValidationError) as exc:
        services.dynasty_submit(dynasty=dynasty, user=citizen)

    assert exc.value.messages == [NEEDS_GENERATIONS, NEEDS_STORY]
    assert Dynasty.objects.get(pk=dynasty.pk).status == DynastyStatus.DRAFT


def test_dynasty_submit_one_generation_refused(citizen):
    dynasty = build_family(citizen, generations=1)
    _member(dynasty, citizen, full_name="Аға", generation=1)

    with pytest.raises(ValidationError) as exc:
        services.dynasty_submit(dynasty=dynasty, user=citizen)

    assert exc.value.messages == [NEEDS_GENERATIONS]
    assert Dynasty.objects.get(pk=dynasty.pk).status == DynastyStatus.DRAFT


def test_dynasty_submit_without_story_refused(citizen):
    dynasty = build_family(citizen, story=False)

    with pytest.raises(ValidationError) as exc:
        services.dynasty_submit(dynasty=dynasty, user=citizen)

    assert exc.value.messages == [NEEDS_STORY]


def test_dynasty_submit_story_in_one_language_is_enough(citizen):
    dynasty = build_family(citizen, story=False)
    services.dynasty_set_story(dynasty=dynasty, user=citizen, story_kk="", story_ru="Семья металлургов.")

    submitted = services.dynasty_submit(dynasty=dynasty, user=citizen)

    assert submitted.status == DynastyStatus.SUBMITTED


def test_dynasty_submit_complete_draft(draft, citizen):
    before = timezone.now()

    services.dynasty_submit(dynasty=draft, user=citizen)

    draft.refresh_from_db()
    assert draft.status == DynastyStatus.SUBMITTED
    assert draft.submitted_at >= before
    assert (draft.members_count, draft.generations) == (2, 2)
    assert draft.published_at is None


# --- owner-only edits and the lock after submit ---------------------------------------------------
OWNER_EDITS = {
    "update": lambda d, u: services.dynasty_update(dynasty=d, user=u, founded_year=1950),
    "story": lambda d, u: services.dynasty_set_story(dynasty=d, user=u, story_kk="Жаңа", story_ru="Новая"),
    "member_add": lambda d, u: services.member_save(dynasty=d, user=u, full_name="Жаңа", generation=1),
    "member_change": lambda d, u: services.member_save(
        dynasty=d, user=u, member=d.members.first(), full_name="Жаңа", generation=1
    ),
    "member_delete": lambda d, u: services.member_delete(member=d.members.first(), user=u),
    "submit": lambda d, u: services.dynasty_submit(dynasty=d, user=u),
}


@pytest.mark.parametrize("edit", list(OWNER_EDITS))
def test_owner_edits_by_another_citizen_denied(draft, other_citizen, edit):
    before = (
        Dynasty.objects.get(pk=draft.pk).updated_at,
        list(draft.members.values_list("full_name", flat=True)),
    )

    with pytest.raises(PermissionDenied, match=NOT_OWNER):
        OWNER_EDITS[edit](draft, other_citizen)

    after = (
        Dynasty.objects.get(pk=draft.pk).updated_at,
        list(draft.members.values_list("full_name", flat=True)),
    )
    assert after == before


@pytest.mark.parametrize("moderator", ["coordinator", "ministry_admin"])
def test_owner_edits_by_a_moderator_denied(draft, request, moderator):
    with pytest.raises(PermissionDenied, match=NOT_OWNER):
        services.dynasty_update(dynasty=draft, user=request.getfixturevalue(moderator), founded_year=1950)


@pytest.mark.parametrize("edit", list(OWNER_EDITS))
def test_owner_edits_locked_after_submit(submitted, citizen, edit):
    with pytest.raises(ValidationError) as exc:
        OWNER_EDITS[edit](submitted, citizen)

    assert exc.value.code == "locked"
    assert exc.value.messages == [LOCKED]
    assert Dynasty.objects.get(pk=submitted.pk).status == DynastyStatus.SUBMITTED


@pytest.mark.parametrize(
    "edit", ["update", "story", "member_add", "member_change", "member_delete", "submit"]
)
def test_owner_edits_locked_after_publish(submitted, citizen, coordinator, edit):
    services.dynasty_publish(dynasty=submitted, moderator=coordinator)

    with pytest.raises(ValidationError) as exc:
        OWNER_EDITS[edit](submitted, citizen)

    assert exc.value.code == "locked"


def test_dynasty_update_changes_allowed_fields_and_search(draft, citizen):
    updated = services.dynasty_update(
        dynasty=draft,
        user=citizen,
        family_name_kk=" Сейітовтер ",
        family_name_ru="Сеитовы",
        founded_year=1948,
        region=region("71"),
    )

    updated.refresh_from_db()
    assert (updated.family_name_kk, updated.family_name_ru, updated.founded_year) == (
        "Сейітовтер",
        "Сеитовы",
        1948,
    )
    assert updated.region.code == "71"
    assert updated.slug == "zhumabekovter"  # the address does not change with the name
    assert updated.search_text.startswith("сейітовтер сеитовы ")


def test_dynasty_update_refuses_other_fields(draft, citizen):
    with pytest.raises(ValueError, match=r"Not editable: \['status'\]"):
        services.dynasty_update(dynasty=draft, user=citizen, status=DynastyStatus.PUBLISHED)

    assert Dynasty.objects.get(pk=draft.pk).status == DynastyStatus.DRAFT


def test_returned_dynasty_editable_and_resubmittable(submitted, citizen, coordinator):
    services.dynasty_return(dynasty=submitted, moderator=coordinator, reason="Фото қосыңыз.")

    services.dynasty_set_story(dynasty=submitted, user=citizen, story_kk="Толығырақ.", story_ru="Подробнее.")
    resubmitted = services.dynasty_submit(dynasty=submitted, user=citizen)

    resubmitted.refresh_from_db()
    assert resubmitted.status == DynastyStatus.SUBMITTED
    assert resubmitted.return_reason == ""
    assert resubmitted.story_ru == "Подробнее."


# --- Moderation permissions -----------------------------------------------------------------------
@pytest.mark.parametrize(("who", "allowed"), MODERATION_MATRIX)
def test_dynasty_publish_permission_matrix(submitted, request, who, allowed):
    moderator = request.getfixturevalue(who)

    if allowed:
        published = services.dynasty_publish(dynasty=submitted, moderator=moderator)
        published.refresh_from_db()
        assert published.status == DynastyStatus.PUBLISHED
        assert published.reviewed_by == moderator
        assert published.published_at is not None
    else:
        with pytest.raises(PermissionDenied, match=NOT_MODERATOR):
            services.dynasty_publish(dynasty=submitted, moderator=moderator)
        row = Dynasty.objects.get(pk=submitted.pk)
        assert (row.status, row.reviewed_by, row.published_at) == (DynastyStatus.SUBMITTED, None, None)


@pytest.mark.parametrize(("who", "allowed"), MODERATION_MATRIX)
def test_dynasty_return_permission_matrix(submitted, request, who, allowed):
    moderator = request.getfixturevalue(who)

    if allowed:
        returned = services.dynasty_return(dynasty=submitted, moderator=moderator, reason="  Фото қосыңыз. ")
        returned.refresh_from_db()
        assert returned.status == DynastyStatus.RETURNED
        assert returned.return_reason == "Фото қосыңыз."
        assert returned.reviewed_by == moderator
        assert returned.published_at is None
    else:
        with pytest.raises(PermissionDenied, match=NOT_MODERATOR):
            services.dynasty_return(dynasty=submitted, moderator=moderator, reason="Фото қосыңыз.")
        row = Dynasty.objects.get(pk=submitted.pk)
        assert (row.status, row.return_reason) == (DynastyStatus.SUBMITTED, "")


def test_dynasty_publish_superuser_allowed(submitted):
    root = UserFactory(roles=[], is_superuser=True)

    assert services.dynasty_publish(dynasty=submitted, moderator=root).status == DynastyStatus.PUBLISHED


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_dynasty_return_without_reason_refused(submitted, coordinator, reason):
    with pytest.raises(ValidationError) as exc:
        services.dynasty_return(dynasty=submitted, moderator=coordinator, reason=reason)

    assert exc.value.message_dict == {"reason": ["Say what the family should change."]}
    assert Dynasty.objects.get(pk=submitted.pk).status == DynastyStatus.SUBMITTED


@pytest.mark.parametrize("status", [DynastyStatus.DRAFT, DynastyStatus.RETURNED, DynastyStatus.PUBLISHED])
def test_dynasty_publish_not_submitted_refused(draft, coordinator, status):
    Dynasty.objects.filter(pk=draft.pk).update(status=status)

    with pytest.raises(ValidationError) as exc:
        services.dynasty_publish(dynasty=draft, moderator=coordinator)

    assert exc.value.code == "not_submitted"
    assert exc.value.messages == ["Only a submitted dynasty can be reviewed."]
    assert Dynasty.objects.get(pk=draft.pk).status == status


def test_dynasty_return_not_submitted_refused(draft, ministry_admin):
    with pytest.raises(ValidationError) as exc:
        services.dynasty_return(dynasty=draft, moderator=ministry_admin, reason="Фото қосыңыз.")

    assert exc.value.code == "not_submitted"


def test_dynasty_publish_twice_refused(submitted, coordinator, ministry_admin):
    services.dynasty_publish(dynasty=submitted, moderator=coordinator)

    with pytest.raises(ValidationError) as exc:
        services.dynasty_publish(dynasty=submitted, moderator=ministry_admin)

    assert exc.value.code == "not_submitted"
    assert Dynasty.objects.get(pk=submitted.pk).reviewed_by == coordinator


def test_dynasty_publish_uses_locked_row_not_stale_instance(submitted, coordinator):
    stale = Dynasty.objects.get(pk=submitted.pk)
    Dynasty.objects.filter(pk=submitted.pk).update(region=region("71"))

    with pytest.raises(PermissionDenied, match=NOT_MODERATOR):
        services.dynasty_publish(dynasty=stale, moderator=coordinator)


# --- The decision e-mail --------------------------------------------------------------------------
def _expected_subject(language: str, msgid: str, name: str) -> str:
    """The subject in the user's language when a catalogue translates it, else the English source."""
    with translation.override(language):
        return gettext(msgid) % {"name": name}


@pytest.mark.parametrize(("language", "family_name"), [("kk", "Жұмабековтер"), ("ru", "Жумабековы")])
def test_dynasty_publish_emails_submitter_in_their_language(
    submitted, citizen, coordinator, eager_celery, django_capture_on_commit_callbacks, language, family_name
):
    citizen.preferred_language = language
    citizen.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.dynasty_publish(dynasty=submitted, moderator=coordinator)
    assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    callbacks[0]()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == _expected_subject(language, "The %(name)s dynasty is published", family_name)
    with translation.override(language):
        url = settings.SITE_URL + reverse("dynasties:detail", kwargs={"slug": submitted.slug})
    assert url.endswith(f"/{language}/dynasties/zhumabekovter/")
    assert url in message.body
    assert family_name in message.body


def test_dynasty_return_emails_reason_to_submitter(
    submitted, citizen, ministry_admin, eager_celery, django_capture_on_commit_callbacks
):
    citizen.preferred_language = "ru"
    citizen.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        services.dynasty_return(
            dynasty=submitted, moderator=ministry_admin, reason="Добавьте фотографии семьи."
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.email]
    assert message.subject == _expected_subject("ru", "The %(name)s dynasty needs changes", "Жумабековы")
    assert "Добавьте фотографии семьи." in message.body
    assert settings.SITE_URL + "/ru/dynasties/mine/" in message.body


def test_decision_email_plain_text_not_html_escaped(
    citizen, ministry_admin, eager_celery, django_capture_on_commit_callbacks
):
    dynasty = build_family(citizen, family_name_kk="O'Brien & Co")
    services.dynasty_submit(dynasty=dynasty, user=citizen)

    with django_capture_on_commit_callbacks(execute=True):
        services.dynasty_return(dynasty=dynasty, moderator=ministry_admin, reason='Add "photos" & <names>')

    message = mail.outbox[0]
    assert "O'Brien & Co" in message.subject
    assert 'Add "photos" & <names>' in message.body


def test_dynasty_publish_refused_sends_nothing(
    submitted, other_coordinator, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(PermissionDenied):
        services.dynasty_publish(dynasty=submitted, moderator=other_coordinator)

    assert callbacks == []
    assert mail.outbox == []


def test_decision_email_not_sent_without_submitter_email(submitted, citizen):
    Dynasty.objects.filter(pk=submitted.pk).update(status=DynastyStatus.PUBLISHED)
    citizen.email = ""
    citizen.save(update_fields=["email", "username"])

    assert (
        services.dynasty_send_decision_email(dynasty_id=submitted.pk, status=DynastyStatus.PUBLISHED) is False
    )
    assert mail.outbox == []


def test_decision_email_not_sent_when_status_changed(submitted):
    assert (
        services.dynasty_send_decision_email(dynasty_id=submitted.pk, status=DynastyStatus.PUBLISHED) is False
    )
    assert services.dynasty_send_decision_email(dynasty_id=0, status=DynastyStatus.PUBLISHED) is False
    assert mail.outbox == []


# --- Race between two moderators (PostgreSQL: row locks) ------------------------------------------
def _submitted_committed(owner) -> Dynasty:
    dynasty = build_family(owner)
    return services.dynasty_submit(dynasty=dynasty, user=owner)


@pytest.mark.parametrize(
    ("first", "second"), [("publish", "publish"), ("publish", "return"), ("return", "return")]
)
def test_dynasty_moderation_race_exactly_one_wins(
    postgres_only,
    empty_before_serialized_rollback,
    transactional_db,
    django_db_serialized_rollback,
    eager_celery,
    citizen,
    coordinator,
    ministry_admin,
    first,
    second,
):
    dynasty = _submitted_committed(citizen)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def act(name: str, action: str, moderator) -> None:
        try:
            barrier.wait(timeout=10)
            if action == "publish":
                services.dynasty_publish(dynasty=dynasty, moderator=moderator)
            else:
                services.dynasty_return(dynasty=dynasty, moderator=moderator, reason=f"Түзетіңіз ({name}).")
            outcomes[name] = action
        except Exception as error:  # recorded and checked below
            outcomes[name] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=("coordinator", first, coordinator)),
        threading.Thread(target=act, args=("ministry_admin", second, ministry_admin)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["coordinator", "ministry_admin"]
    winners = {name: action for name, action in outcomes.items() if isinstance(action, str)}
    losers = [error for error in outcomes.values() if not isinstance(error, str)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert isinstance(losers[0], ValidationError) and losers[0].code == "not_submitted"
    ((winner, action),) = winners.items()
    row = Dynasty.objects.select_related("reviewed_by").get(pk=dynasty.pk)
    assert row.status == (DynastyStatus.PUBLISHED if action == "publish" else DynastyStatus.RETURNED)
    assert row.reviewed_by == (coordinator if winner == "coordinator" else ministry_admin)
    assert len(mail.outbox) == 1  # one decision, one e-mail


# --- Selectors ------------------------------------------------------------------------------------
@pytest.fixture
def queue_data(db):
    now = timezone.now()
    almaty_late = DynastyFactory(
        status=DynastyStatus.SUBMITTED, published_at=None, region=region("75"), submitted_at=now
    )
    almaty_early = DynastyFactory(
        status=DynastyStatus.SUBMITTED,
        published_at=None,
        region=region("75"),
        submitted_at=now - timedelta(days=2),
    )
    astana = DynastyFactory(
        status=DynastyStatus.SUBMITTED,
        published_at=None,
        region=region("71"),
        submitted_at=now - timedelta(days=1),
    )
    DynastyFactory(status=DynastyStatus.DRAFT, published_at=None, region=region("75"))
    DynastyFactory(status=DynastyStatus.PUBLISHED, region=region("75"))
    DynastyFactory(status=DynastyStatus.RETURNED, published_at=None, region=region("75"))
    return {"almaty_late": almaty_late, "almaty_early": almaty_early, "astana": astana}


def test_dynasty_moderation_queue_coordinator_sees_own_region(queue_data, coordinator):
    queue = list(selectors.dynasty_moderation_queue(user=coordinator))

    assert queue == [queue_data["almaty_early"], queue_data["almaty_late"]]


def test_dynasty_moderation_queue_other_coordinator_sees_own_region(queue_data, other_coordinator):
    assert list(selectors.dynasty_moderation_queue(user=other_coordinator)) == [queue_data["astana"]]


def test_dynasty_moderation_queue_ministry_admin_sees_all_regions(queue_data, ministry_admin):
    queue = list(selectors.dynasty_moderation_queue(user=ministry_admin))

    assert queue == [queue_data["almaty_early"], queue_data["astana"], queue_data["almaty_late"]]


def test_dynasty_moderation_queue_citizen_sees_nothing(queue_data, citizen):
    assert list(selectors.dynasty_moderation_queue(user=citizen)) == []


def test_dynasty_moderation_queue_ministry_analyst_sees_nothing(queue_data, ministry_analyst):
    # Analysts read every region's figures but do not publish: no queue, no challenge queue.
    assert list(selectors.dynasty_moderation_queue(user=ministry_analyst)) == []
    assert list(selectors.challenge_moderation_queue(user=ministry_analyst)) == []


def test_dynasty_moderation_queue_returned_status(queue_data, coordinator):
    queue = selectors.dynasty_moderation_queue(user=coordinator, status=DynastyStatus.RETURNED)

    assert [d.status for d in queue] == [DynastyStatus.RETURNED]


def test_dynasty_owned_returns_own_dynasty_in_any_status(draft, citizen):
    assert selectors.dynasty_owned(user=citizen, pk=draft.pk) == draft
    services.dynasty_submit(dynasty=draft, user=citizen)
    assert selectors.dynasty_owned(user=citizen, pk=draft.pk).status == DynastyStatus.SUBMITTED


def test_dynasty_owned_another_users_dynasty_does_not_exist(draft, other_citizen):
    with pytest.raises(Dynasty.DoesNotExist):
        selectors.dynasty_owned(user=other_citizen, pk=draft.pk)


def test_dynasty_owned_list_only_own(draft, citizen, other_citizen):
    build_family(other_citizen, family_name_kk="Сейітовтер")

    assert list(selectors.dynasty_owned_list(user=citizen)) == [draft]


def test_dynasty_for_moderation_hides_drafts_and_other_regions(
    draft, citizen, coordinator, other_coordinator
):
    with pytest.raises(Dynasty.DoesNotExist):
        selectors.dynasty_for_moderation(user=coordinator, pk=draft.pk)
    services.dynasty_submit(dynasty=draft, user=citizen)

    assert selectors.dynasty_for_moderation(user=coordinator, pk=draft.pk) == draft
    with pytest.raises(Dynasty.DoesNotExist):
        selectors.dynasty_for_moderation(user=other_coordinator, pk=draft.pk)


def test_dynasty_public_detail_only_published(submitted, coordinator):
    with pytest.raises(Dynasty.DoesNotExist):
        selectors.dynasty_public_detail(slug=submitted.slug)
    services.dynasty_publish(dynasty=submitted, moderator=coordinator)

    assert selectors.dynasty_public_detail(slug=submitted.slug) == submitted


# --- Challenge wall -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://www.instagram.com/p/C0abc123/", Platform.INSTAGRAM),
        ("https://instagram.com/reel/C0abc123/", Platform.INSTAGRAM),
        ("https://www.tiktok.com/@aigul/video/7300000000000000000", Platform.TIKTOK),
        ("https://vm.tiktok.com/ZMabc/", Platform.TIKTOK),
        ("https://youtu.be/dQw4w9WgXcQ", Platform.YOUTUBE),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", Platform.YOUTUBE),
        ("https://t.me/enbek_kz/123", Platform.TELEGRAM),
        ("https://m.facebook.com/story.php?id=1", Platform.FACEBOOK),
        ("https://x.com/enbek/status/1", Platform.X),
        ("https://WWW.INSTAGRAM.COM/p/UPPER/", Platform.INSTAGRAM),
        ("https://example.kz/post/1", Platform.OTHER),
        ("https://notinstagram.com/p/1", Platform.OTHER),
        ("https://instagram.com.evil.kz/p/1", Platform.OTHER),
    ],
)
def test_challenge_entry_create_detects_platform(citizen, url, platform):
    entry = services.challenge_entry_create(author=citizen, post_url=url)

    assert entry.platform == platform


def test_challenge_entry_create_defaults(citizen):
    entry = services.challenge_entry_create(
        author=citizen, post_url="  https://t.me/enbek_kz/1  ", comment=" Әкем "
    )

    entry.refresh_from_db()
    assert entry.post_url == "https://t.me/enbek_kz/1"
    assert entry.status == ChallengeStatus.PENDING
    assert entry.hashtag == settings.ENBEK_CHALLENGE_HASHTAG
    assert entry.author_name == citizen.full_name
    assert entry.comment == "Әкем"
    assert entry.dynasty is None
    assert entry.reviewed_by is None


def test_challenge_entry_create_duplicate_refused(citizen, other_citizen):
    services.challenge_entry_create(author=citizen, post_url="https://www.instagram.com/p/same/")

    with pytest.raises(ValidationError) as exc:
        services.challenge_entry_create(author=other_citizen, post_url=" https://www.instagram.com/p/same/ ")

    assert exc.value.message_dict == {"post_url": ["This post has already been submitted."]}
    assert ChallengeEntry.objects.count() == 1


@pytest.mark.parametrize("status", [DynastyStatus.DRAFT, DynastyStatus.SUBMITTED, DynastyStatus.RETURNED])
def test_challenge_entry_create_unpublished_dynasty_refused(citizen, status):
    dynasty = DynastyFactory(status=status, published_at=None)

    with pytest.raises(ValidationError) as exc:
        services.challenge_entry_create(author=citizen, post_url="https://t.me/enbek_kz/2", dynasty=dynasty)

    assert exc.value.message_dict == {"dynasty": ["Choose a published dynasty."]}
    assert not ChallengeEntry.objects.exists()


def test_challenge_entry_create_region_from_dynasty(citizen):
    dynasty = DynastyFactory(region=region("71"))

    entry = services.challenge_entry_create(
        author=citizen, post_url="https://t.me/enbek_kz/3", dynasty=dynasty, author_name="Айгүл"
    )

    assert citizen.region.code == "75"
    assert entry.region.code == "71"
    assert entry.dynasty == dynasty
    assert entry.author_name == "Айгүл"


def test_challenge_entry_create_region_from_author_without_dynasty(citizen):
    entry = services.challenge_entry_create(author=citizen, post_url="https://t.me/enbek_kz/4")

    assert entry.region.code == "75"


def test_challenge_entry_create_no_region_refused(db):
    author = UserFactory(region=None)

    with pytest.raises(ValidationError) as exc:
        services.challenge_entry_create(author=author, post_url="https://t.me/enbek_kz/5")

    assert exc.value.message_dict == {
        "dynasty": ["Choose a dynasty or set your region in your profile first."]
    }


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.kz/post", "not a link"])
def test_challenge_entry_create_bad_url_refused(citizen, url):
    with pytest.raises(ValidationError) as exc:
        services.challenge_entry_create(author=citizen, post_url=url)

    assert "Only http:// and https:// links are accepted." in exc.value.message_dict["post_url"]
    assert not ChallengeEntry.objects.exists()


@pytest.fixture
def pending_entry(citizen):
    return services.challenge_entry_create(author=citizen, post_url="https://www.instagram.com/p/review/")


@pytest.mark.parametrize("approve", [True, False])
@pytest.mark.parametrize(("who", "allowed"), MODERATION_MATRIX)
def test_challenge_entry_review_permission_matrix(pending_entry, request, who, allowed, approve):
    moderator = request.getfixturevalue(who)

    if allowed:
        reviewed = services.challenge_entry_review(entry=pending_entry, moderator=moderator, approve=approve)
        reviewed.refresh_from_db()
        assert reviewed.status == (ChallengeStatus.APPROVED if approve else ChallengeStatus.REJECTED)
        assert reviewed.reviewed_by == moderator
        assert reviewed.reviewed_at is not None
    else:
        with pytest.raises(PermissionDenied, match=NOT_MODERATOR):
            services.challenge_entry_review(entry=pending_entry, moderator=moderator, approve=approve)
        row = ChallengeEntry.objects.get(pk=pending_entry.pk)
        assert (row.status, row.reviewed_by, row.reviewed_at) == (ChallengeStatus.PENDING, None, None)


def test_challenge_entry_review_twice_refused(pending_entry, coordinator, ministry_admin):
    services.challenge_entry_review(entry=pending_entry, moderator=coordinator, approve=True)

    with pytest.raises(ValidationError) as exc:
        services.challenge_entry_review(entry=pending_entry, moderator=ministry_admin, approve=False)

    assert exc.value.code == "reviewed"
    assert ChallengeEntry.objects.get(pk=pending_entry.pk).status == ChallengeStatus.APPROVED


def test_challenge_wall_and_queue_follow_review(
    pending_entry, coordinator, other_coordinator, ministry_admin
):
    assert list(selectors.challenge_moderation_queue(user=coordinator)) == [pending_entry]
    assert list(selectors.challenge_moderation_queue(user=other_coordinator)) == []
    assert list(selectors.challenge_moderation_queue(user=ministry_admin)) == [pending_entry]
    assert list(selectors.challenge_wall()) == []

    services.challenge_entry_review(entry=pending_entry, moderator=coordinator, approve=True)

    assert list(selectors.challenge_moderation_queue(user=coordinator)) == []
    assert list(selectors.challenge_wall()) == [pending_entry]
