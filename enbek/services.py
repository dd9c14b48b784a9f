"""Writes of the shared core: accounts, organisations and the interest quiz's counts and saved results."""

import datetime

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .enums import Role
from .models import Organization, QuizCompletionDay, QuizResult, Region, User
from .quiz import score_profile, top_types


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    full_name: str = "",
    region: Region | None = None,
    preferred_language: str = "kk",
    roles: tuple[Role, ...] = (Role.CITIZEN,),
) -> User:
    """Create an account (sign-up, demo data, admin) and put it in its role groups; citizens by default."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        region=region,
        preferred_language=preferred_language,
    )
    user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: tuple[Role, ...], coordinator_region: Region | None = None) -> User:
    """Replace the user's role groups; a regional coordinator must be given the region they act on."""
    groups = [Group.objects.get_or_create(name=Role(role).value)[0] for role in roles]
    user.groups.set(groups)
    if Role.REGIONAL_COORDINATOR in roles:
        if coordinator_region is None and user.coordinator_region_id is None:
            raise ValueError("A regional coordinator needs a coordinator_region.")
        if coordinator_region is not None:
            user.coordinator_region = coordinator_region
    else:
        user.coordinator_region = None
    user.is_staff = bool({Role.MINISTRY_ADMINISTRATOR, Role.MINISTRY_ANALYST} & set(roles))
    user.save(update_fields=["coordinator_region", "is_staff"])
    user._role_cache = None
    return user


@transaction.atomic
def user_update_profile(
    *, user: User, full_name: str, region: Region | None, phone: str, iin: str, preferred_language: str
) -> User:
    """Save what the user may change about themselves (never their roles or coordinated region)."""
    user.full_name = full_name
    user.region = region
    user.phone = phone
    user.iin = iin
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password", "username"])
    user.save(update_fields=["full_name", "region", "phone", "iin", "preferred_language"])
    return user


@transaction.atomic
def organization_create(
    *,
    name_kk: str,
    name_ru: str,
    bin: str,
    region: Region,
    kind: str = "enterprise",
    address_kk: str = "",
    address_ru: str = "",
    website: str = "",
    phone: str = "",
    representatives: tuple[User, ...] = (),
    is_verified: bool = False,
) -> Organization:
    """Register an organisation; representatives become enterprise representatives."""
    organization = Organization(
        name_kk=name_kk,
        name_ru=name_ru,
        bin=bin,
        region=region,
        kind=kind,
        address_kk=address_kk,
        address_ru=address_ru,
        website=website,
        phone=phone,
        is_verified=is_verified,
    )
    organization.full_clean()
    organization.save()
    if representatives:
        organization.representatives.set(representatives)
        group, _ = Group.objects.get_or_create(name=Role.ENTERPRISE_REPRESENTATIVE.value)
        group.user_set.add(*representatives)
    return organization


def login_attempts_prune(*, older_than_days: int = 30) -> int:
    """Forget failed-login records (they hold IP addresses) once they no longer matter for lockouts."""
    from datetime import timedelta

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone

    cutoff = timezone.now() - timedelta(days=older_than_days)
    removed = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    removed += AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    removed += AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return removed


def quiz_completion_record(*, day: datetime.date | None = None) -> None:
    """Add one finished quiz to the day's count (Almaty day): the only thing kept of an anonymous visitor.

    UPDATE … SET count = count + 1 in SQL, so that simultaneous completions are all counted; the
    day's first completion creates the row, and if another request created it in between, the unique
    day makes the insert fail and the update is done instead.
    """
    day = day or timezone.localdate()
    if QuizCompletionDay.objects.filter(day=day).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            QuizCompletionDay.objects.create(day=day, count=1)
    except IntegrityError:
        QuizCompletionDay.objects.filter(day=day).update(count=F("count") + 1)


@transaction.atomic
def quiz_result_save(*, user: User, answers: dict[str, int], types_of: dict[str, str]) -> QuizResult:
    """Keep a signed-in person's quiz result (replacing the one saved before), computed again from the
    answers here rather than taken from the form, so that a saved profile is always a real one."""
    profile = score_profile(answers, types_of)
    result, _created = QuizResult.objects.update_or_create(
        user=user, defaults={"profile": profile, "top_types": "".join(top_types(profile))}
    )
    return result


def quiz_result_delete(*, user: User) -> bool:
    """Delete the person's saved quiz result; False when there was none."""
    deleted, _detail = QuizResult.objects.filter(user=user).delete()
    return bool(deleted)
