"""Services of the contest: IIN and eligibility, drafts, screening, jury, ranking, advancing, publishing."""

import datetime
import logging
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from contests import services
from contests.enums import ApplicationStatus, RankingRule
from contests.models import Application, ScoreSheet, StageEntry
from tests.factories import OrganizationFactory, make_iin, region
from tests.factories.contests import ApplicationFactory, JuryAssignmentFactory, next_iin

from .conftest import accepted, score

pytestmark = pytest.mark.usefixtures("source_language")


def _fields(nomination, **overrides):
    fields = {
        "nomination": nomination,
        "full_name": "Асқар Дәнекеров",
        "phone": "8 701 123 45 67",
        "region": region("75"),
        "employer_name": "«ҚазМұнай» ЖШС",
        "experience_years": 5,
        "education": "vocational",
        "story": "Он жыл бойы дәнекерлеуші болып жұмыс істеймін.",
    }
    fields.update(overrides)
    return fields


def _iin_born(day: datetime.date) -> str:
    century = "3" if day.year < 2000 else "5"
    return make_iin(day.strftime("%y%m%d") + century)


# --- IIN and eligibility ---------------------------------------------------------------------------
def test_apply_age_on_the_boundary_birthday_is_eligible(contest, nomination, citizen):
    contest.max_age = 63
    contest.min_age = 18
    contest.save()
    close = contest.applications_close
    # 18 exactly on the closing day: born on that day 18 years earlier.
    birth = close.replace(year=close.year - 18)
    application = services.application_apply(
        contest=contest, user=citizen, iin=_iin_born(birth), consent=True, **_fields(nomination)
    )
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.birth_date == birth
    assert services.age_on(birth, close) == 18


def test_apply_one_day_too_young_is_refused_with_the_age(contest, nomination, citizen):
    close = contest.applications_close
    birth = close.replace(year=close.year - 18) + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.application_apply(
            contest=contest, user=citizen, iin=_iin_born(birth), consent=True, **_fields(nomination)
        )
    assert list(error.value.message_dict) == ["iin"]
    assert "you will be 17" in error.value.message_dict["iin"][0]
    assert not Application.objects.exists()


def test_apply_invalid_iin_gives_the_specific_reason(contest, nomination, citizen):
    iin = make_iin("9001013")
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        services.application_apply(
            contest=contest, user=citizen, iin=wrong, consent=True, **_fields(nomination)
        )
    assert error.value.message_dict["iin"] == ["The check digit is wrong: please recheck the number."]


def test_apply_without_consent_refused(contest, nomination, citizen):
    with pytest.raises(ValidationError) as error:
        services.application_apply(
            contest=contest, user=citizen, iin=next_iin(), consent=False, **_fields(nomination)
        )
    assert error.value.message_dict == {
        "consent": ["Agree to the processing of your personal data to submit the application."]
    }


def test_apply_keeps_only_hash_and_last_four(contest, nomination, citizen, caplog):
    iin = next_iin()
    with caplog.at_level(logging.DEBUG):
        application = services.application_apply(
            contest=contest, user=citizen, iin=iin, consent=True, **_fields(nomination)
        )
    application.refresh_from_db()
    assert application.iin_last4 == iin[-4:]
    assert application.iin_masked == "********" + iin[-4:]
    assert application.iin_hash == services.iin_digest(iin)
    assert iin not in application.iin_hash
    assert application.consent_at is not None
    assert application.phone == "+77011234567"
    row = Application.objects.filter(pk=application.pk).values().get()
    assert iin not in {str(v) for v in row.values()}
    assert iin not in caplog.text
    assert [h.status for h in application.history.all()] == ["draft", "submitted"]


def test_apply_second_application_same_iin_is_a_duplicate(contest, nomination, citizen, other_citizen):
    iin = next_iin()
    services.application_apply(contest=contest, user=citizen, iin=iin, consent=True, **_fields(nomination))
    with pytest.raises(services.DuplicateApplication) as duplicate:
        services.application_apply(
            contest=contest, user=other_citizen, iin=iin, consent=True, **_fields(nomination)
        )
    assert str(duplicate.value.message) == (
        "An application with this IIN has already been made to this contest: one per person."
    )
    assert Application.objects.count() == 1


def test_apply_closed_window_refused(contest, nomination, citizen):
    contest.applications_open = timezone.localdate() - datetime.timedelta(days=30)
    contest.applications_close = timezone.localdate() - datetime.timedelta(days=1)
    contest.save()
    with pytest.raises(ValidationError) as error:
        services.application_apply(
            contest=contest, user=citizen, iin=next_iin(), consent=True, **_fields(nomination)
        )
    assert error.value.message_dict == {
        "contest": ["Applications to this contest are not accepted now: the window is closed."]
    }


# --- Drafts ----------------------------------------------------------------------------------------
def test_draft_keeps_valid_fields_when_another_is_wrong(contest, nomination, citizen):
    application = services.application_start(contest=contest, user=citizen)
    with pytest.raises(ValidationError) as error:
        services.application_save_draft(
            application=application, user=citizen, iin="123", full_name="Асқар", phone="12", step=2
        )
    assert set(error.value.message_dict) == {"iin", "phone"}
    application.refresh_from_db()
    assert application.full_name == "Асқар"
    assert application.step == 2
    assert application.iin_hash == ""


def test_submit_draft_needs_everything(contest, nomination, citizen):
    application = services.application_start(contest=contest, user=citizen)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, user=citizen, consent=False)
    assert {"iin", "nomination", "story", "consent", "experience_years", "education", "employer_name"} <= set(
        error.value.message_dict
    )


def test_submit_complete_draft(contest, nomination, citizen):
    application = services.application_start(contest=contest, user=citizen)
    fields = _fields(nomination)
    services.application_save_draft(application=application, user=citizen, iin=next_iin(), **fields)
    application = services.application_submit(application=application, user=citizen, consent=True)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.consent_at == application.submitted_at


def test_draft_of_another_user_refused(contest, nomination, citizen, other_citizen):
    application = services.application_start(contest=contest, user=citizen)
    with pytest.raises(PermissionDenied):
        services.application_save_draft(application=application, user=other_citizen, full_name="X")


# --- Screening -------------------------------------------------------------------------------------
def test_coordinator_screens_own_region_only(contest, nomination, stages, coordinator, other_coordinator):
    application = ApplicationFactory(contest=contest, nomination=nomination, region=region("75"))
    with pytest.raises(PermissionDenied):
        services.application_screen(application=application, actor=other_coordinator, accept=True)
    services.application_screen(application=application, actor=coordinator, accept=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert StageEntry.objects.filter(stage=stages[0], application=application).count() == 1


def test_reject_needs_reason_and_keeps_it_in_history(contest, nomination, stages, coordinator):
    application = ApplicationFactory(contest=contest, nomination=nomination)
    with pytest.raises(ValidationError):
        services.application_screen(application=application, actor=coordinator, accept=False, reason=" ")
    services.application_screen(
        application=application, actor=coordinator, accept=False, reason="Өтіл жетпейді."
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.reject_reason == "Өтіл жетпейді."
    assert application.history.get().reason == "Өтіл жетпейді."


# --- Jury ------------------------------------------------------------------------------------------
def test_conflict_same_organization_refused_with_reason(contest, nomination, stages):
    regional, _final = stages
    employer = OrganizationFactory()
    application = accepted(contest, nomination, organization=employer)
    juror = JuryAssignmentFactory(stage=regional, nomination=nomination).juror
    employer.representatives.add(juror)
    with pytest.raises(ValidationError) as error:
        services.sheet_assign(stage=regional, application=application, juror=juror)
    assert error.value.messages == ["The juror represents the applicant's employer."]


def test_conflict_same_region_when_the_stage_says_so(contest, nomination, stages):
    regional, _final = stages
    regional.exclude_same_region = True
    regional.save()
    application = accepted(contest, nomination, region=region("75"))
    juror = JuryAssignmentFactory(stage=regional, nomination=nomination, juror__region=region("75")).juror
    with pytest.raises(ValidationError) as error:
        services.sheet_assign(stage=regional, application=application, juror=juror)
    assert error.value.messages == ["At this stage a juror does not score applicants of their own region."]
    far = JuryAssignmentFactory(stage=regional, nomination=nomination, juror__region=region("71")).juror
    assert services.sheet_assign(stage=regional, application=application, juror=far).juror == far


def test_automatic_assignment_is_balanced_and_respects_conflicts(contest, nomination, stages):
    regional, _final = stages
    employer = OrganizationFactory()
    jurors = [JuryAssignmentFactory(stage=regional, nomination=nomination).juror for _ in range(4)]
    employer.representatives.add(jurors[0])
    applications = [accepted(contest, nomination) for _ in range(9)]
    conflicted = accepted(contest, nomination, organization=employer)

    created = services.jury_assign_automatically(stage=regional, jurors_per_application=2)

    assert created == 20
    loads = sorted(ScoreSheet.objects.filter(juror=j).count() for j in jurors)
    assert loads == [5, 5, 5, 5]
    for application in [*applications, conflicted]:
        assert ScoreSheet.objects.filter(application=application).count() == 2
    assert not ScoreSheet.objects.filter(application=conflicted, juror=jurors[0]).exists()
    # Running it again creates nothing: every application already has its jurors.
    assert services.jury_assign_automatically(stage=regional, jurors_per_application=2) == 0


def test_score_out_of_range_refused(contest, nomination, stages, criteria, jurors):
    regional, _final = stages
    skill, talk = criteria
    application = accepted(contest, nomination)
    with pytest.raises(ValidationError) as error:
        score(regional, application, jurors[0], {skill: 11, talk: 5})
    assert error.value.message_dict == {f"criterion_{skill.pk}": ["Points from 0 to 10."]}


def test_score_sheet_of_another_juror_refused(contest, nomination, stages, criteria, jurors):
    regional, _final = stages
    application = accepted(contest, nomination)
    sheet = ScoreSheet.objects.create(stage=regional, application=application, juror=jurors[0])
    with pytest.raises(PermissionDenied):
        services.score_sheet_submit(sheet=sheet, juror=jurors[1], scores={})


# --- Ranking ---------------------------------------------------------------------------------------
def _entry(stage, application):
    return StageEntry.objects.get(stage=stage, application=application)


def test_ranking_mean_with_weights_and_abstain(contest, nomination, stages, criteria, jurors):
    """Skill weight 2, presentation weight 1, max 10 each (full weighted maximum 30).

    X: 8·2+6 = 22, 6·2+10 = 22, skill 10 and abstain on presentation: 20 of 20 scaled to 30 → 30;
       mean (22 + 22 + 30) / 3 = 24.6667.
    Y: 9·2+4 = 22, 7·2+9 = 23, 7·2+10 = 24; mean 23.
    """
    regional, _final = stages
    skill, talk = criteria
    x = accepted(contest, nomination)
    y = accepted(contest, nomination)
    for juror, px, py in zip(jurors, [(8, 6), (6, 10), (10, None)], [(9, 4), (7, 9), (7, 10)], strict=True):
        score(regional, x, juror, {skill: px[0], talk: px[1]})
        score(regional, y, juror, {skill: py[0], talk: py[1]})

    assert services.stage_recompute_ranking(stage_id=regional.pk) == 2

    ex, ey = _entry(regional, x), _entry(regional, y)
    assert (ex.score, ex.rank, ex.jurors_scored) == (Decimal("24.6667"), 1, 3)
    assert (ey.score, ey.rank, ey.jurors_scored) == (Decimal("23.0000"), 2, 3)
    assert ex.top_criterion_score == Decimal("8.0000")


def test_ranking_median(contest, nomination, stages, criteria, jurors):
    """Same sheets as the mean example, median rule: X median(22, 22, 30) = 22, Y median(22, 23, 24) = 23."""
    contest.ranking_rule = RankingRule.MEDIAN
    contest.save()
    regional, _final = stages
    skill, talk = criteria
    x = accepted(contest, nomination)
    y = accepted(contest, nomination)
    for juror, px, py in zip(jurors, [(8, 6), (6, 10), (10, None)], [(9, 4), (7, 9), (7, 10)], strict=True):
        score(regional, x, juror, {skill: px[0], talk: px[1]})
        score(regional, y, juror, {skill: py[0], talk: py[1]})
    services.stage_recompute_ranking(stage_id=regional.pk)
    ex, ey = _entry(regional, x), _entry(regional, y)
    assert (ex.score, ex.rank) == (Decimal("22.0000"), 2)
    assert (ey.score, ey.rank) == (Decimal("23.0000"), 1)


def test_ranking_tie_broken_by_top_criterion_then_submission(contest, nomination, stages, criteria, jurors):
    """Z: 5·2+10 = 20; W: 10·2+0 = 20; V: 5·2+10 = 20 submitted after Z.

    Equal scores: W first (skill 10 > 5), then Z before V (submitted earlier).
    """
    regional, _final = stages
    skill, talk = criteria
    now = timezone.now()
    z = accepted(contest, nomination, submitted_at=now - datetime.timedelta(hours=2))
    w = accepted(contest, nomination, submitted_at=now)
    v = accepted(contest, nomination, submitted_at=now - datetime.timedelta(hours=1))
    score(regional, z, jurors[0], {skill: 5, talk: 10})
    score(regional, w, jurors[0], {skill: 10, talk: 0})
    score(regional, v, jurors[0], {skill: 5, talk: 10})
    services.stage_recompute_ranking(stage_id=regional.pk)
    assert [_entry(regional, a).rank for a in (w, z, v)] == [1, 2, 3]
    assert {_entry(regional, a).score for a in (w, z, v)} == {Decimal("20.0000")}


def test_ranking_per_region_in_a_regional_stage(contest, nomination, stages, criteria, jurors):
    regional, _final = stages
    skill, talk = criteria
    almaty = accepted(contest, nomination, region=region("75"))
    astana = accepted(contest, nomination, region=region("71"))
    score(regional, almaty, jurors[0], {skill: 9, talk: 9})
    score(regional, astana, jurors[0], {skill: 1, talk: 1})
    services.stage_recompute_ranking(stage_id=regional.pk)
    assert (_entry(regional, almaty).rank, _entry(regional, astana).rank) == (1, 1)


# --- Advancing and publishing ----------------------------------------------------------------------
def test_advance_top_n_per_region_records_who_and_when(
    contest, nomination, stages, criteria, jurors, ministry_admin
):
    regional, final = stages
    skill, talk = criteria
    apps = [accepted(contest, nomination) for _ in range(3)]
    for application, points in zip(apps, [9, 5, 7], strict=True):
        score(regional, application, jurors[0], {skill: points, talk: points})

    moved = services.stage_advance(stage=regional, actor=ministry_admin)

    assert moved == 2
    regional.refresh_from_db()
    assert regional.advanced_by == ministry_admin
    assert regional.advanced_at is not None
    advanced = set(StageEntry.objects.filter(stage=final).values_list("application_id", flat=True))
    assert advanced == {apps[0].pk, apps[2].pk}
    apps[0].refresh_from_db()
    assert apps[0].status == ApplicationStatus.FINALIST
    assert apps[0].history.last().stage == final
    assert services.stage_advance(stage=regional, actor=ministry_admin) == 0


def test_citizen_cannot_advance(contest, stages, citizen):
    with pytest.raises(PermissionDenied):
        services.stage_advance(stage=stages[0], actor=citizen)


def test_publish_results_places_winners(contest, nomination, stages, criteria, ministry_admin):
    regional, final = stages
    skill, talk = criteria
    juror = JuryAssignmentFactory(stage=final, nomination=nomination).juror
    apps = [accepted(contest, nomination) for _ in range(4)]
    for application in apps:
        StageEntry.objects.create(stage=final, application=application)
    for application, points in zip(apps, [3, 9, 6, 8], strict=True):
        score(final, application, juror, {skill: points, talk: points})

    services.results_publish(contest=contest, actor=ministry_admin)

    contest.refresh_from_db()
    assert contest.results_published
    places = dict(Application.objects.filter(status="winner").values_list("pk", "place"))
    assert places == {apps[1].pk: 1, apps[3].pk: 2, apps[2].pk: 3}


# --- Window and reminders --------------------------------------------------------------------------
def test_close_window_keeps_drafts_and_tells_owners_once(contest, nomination, citizen):
    draft = services.application_start(contest=contest, user=citizen)
    submitted = ApplicationFactory(contest=contest, nomination=nomination)
    later = timezone.now() + datetime.timedelta(days=21)

    assert services.contest_close_window(contest_id=contest.pk, now=later) == 1
    assert services.contest_close_window(contest_id=contest.pk, now=later) == 0

    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    contest.refresh_from_db()
    assert not services.contest_window_is_open(contest)


def test_close_window_not_before_the_closing_day_ends(contest, citizen):
    services.application_start(contest=contest, user=citizen)
    assert services.contest_close_window(contest_id=contest.pk) == 0
    assert mail.outbox == []


def test_remind_juror_once_a_day(contest, nomination, stages, jurors):
    regional, _final = stages
    application = accepted(contest, nomination)
    ScoreSheet.objects.create(stage=regional, application=application, juror=jurors[0])
    assert services.juror_remind(juror_id=jurors[0].pk) == 1
    assert services.juror_remind(juror_id=jurors[0].pk) == 0
    assert len(mail.outbox) == 1
    assert services.jurors_to_remind() == [jurors[0].pk]
