"""The interest quiz "Who could I become?": its statements, the daily count of completions, saved results.

Nothing is stored about an anonymous visitor: the answers travel in the quiz's own form, and a finished
quiz only adds one to the day's count (QuizCompletionDay). A signed-in person may keep a result
(QuizResult) and delete it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import HollandType


class QuizStatement(models.Model):
    """One statement answered on a 1–5 scale ("I would like to repair machines"), of one Holland type."""

    # A stable key from enbek/data/quiz_statements.csv (R1, I3…): the loader updates by it.
    key = models.CharField(_("key"), max_length=10, unique=True)
    text = models.CharField(_("statement"), max_length=200)
    holland_type = models.CharField(_("interest type"), max_length=1, choices=HollandType.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("quiz statement")
        verbose_name_plural = _("quiz statements")

    def __str__(self) -> str:
        return self.text


class QuizCompletionDay(models.Model):
    """How many times the quiz was finished on one day (Almaty): all an anonymous visitor leaves."""

    day = models.DateField(_("day"), unique=True)
    count = models.PositiveIntegerField(_("completions"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("quiz completions of a day")
        verbose_name_plural = _("quiz completions by day")

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"


class QuizResult(models.Model):
    """A signed-in person's saved quiz result (one per person; saving again replaces it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="quiz_result", verbose_name=_("user")
    )
    # {"R": 0..100, "I": …}: the scores of the six types (enbek.quiz.score_profile).
    profile = models.JSONField(_("interest profile"))
    top_types = models.CharField(_("strongest types"), max_length=3)
    saved_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        verbose_name = _("quiz result")
        verbose_name_plural = _("quiz results")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.top_types}"
