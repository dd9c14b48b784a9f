"""The interest quiz in the demo: the days' completion counts the indicators read, and the demo citizen's
saved result (so that «My result» has something to show).

Counts rise at the start of the school year and in spring (career-guidance season), dip at weekends.
Keyed on the day and the user: a second run with the same seed adds nothing.
"""

import datetime

from django.db.models import Sum

from enbek.models import QuizCompletionDay, QuizResult, User
from enbek.selectors import quiz_statements, quiz_types_of
from enbek.services import quiz_result_save

from .context import DemoContext

DAYS = {"small": 120, "large": 3 * 365}
# The saved result of the demo citizen: drawn to practical and social work (R and S high).
CITIZEN = "citizen@enbek.local"
CITIZEN_ANSWERS = {"R": 5, "I": 3, "A": 2, "S": 4, "E": 3, "C": 2}


def _daily(rng, day: datetime.date) -> int:
    season = 1.6 if day.month in (9, 10, 3, 4) else (0.6 if day.month in (7, 8) else 1.0)
    weekday = 0.5 if day.weekday() >= 5 else 1.0
    return max(0, round(rng.gauss(40, 12) * season * weekday))


def seed(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("quiz")
    days = [ctx.today - datetime.timedelta(days=n) for n in range(1, DAYS[ctx.size] + 1)]
    counts = [QuizCompletionDay(day=day, count=_daily(rng, day)) for day in days]
    existing = set(QuizCompletionDay.objects.filter(day__in=days).values_list("day", flat=True))
    new = [row for row in counts if row.day not in existing and row.count]
    QuizCompletionDay.objects.bulk_create(new, batch_size=1000)
    ctx.count_added("quiz completion days", len(new))

    citizen = ctx.users.get(CITIZEN) or User.objects.filter(email=CITIZEN).first()
    if citizen is not None and not QuizResult.objects.filter(user=citizen).exists():
        statements = list(quiz_statements())
        types_of = quiz_types_of(statements)
        answers = {key: CITIZEN_ANSWERS[holland] for key, holland in types_of.items()}
        quiz_result_save(user=citizen, answers=answers, types_of=types_of)
        ctx.count_added("saved quiz results", 1)
    return {
        "quiz completions": QuizCompletionDay.objects.aggregate(total=Sum("count"))["total"] or 0,
        "saved quiz results": QuizResult.objects.count(),
    }
