"""Which indicator of the catalogue is computed from which sections' measures.

One line per indicator; adding a section's indicator is adding its lines here (see registry.py for
total/ratio and the measure contract). An indicator of the catalogue that is not here is shown as
"no data source yet", never as zero. additive=True (counts and sums) lets a run query months only and
roll them up; leave it out for distinct counts, averages and yearly-only measures.
"""

from dataclasses import replace

from .registry import YEARLY, Source, ratio, total

SOURCES: dict[str, Source] = {
    # Action plans (this app)
    "plan.items": total(
        "indicators.selectors:plan_items",
        breakdown="indicators.selectors:plan_items_by_status",
        additive=True,
    ),
    "plan.items_done": total("indicators.selectors:plan_items_done", additive=True),
    "plan.items_overdue": total("indicators.selectors:plan_items_overdue", additive=True),
    "plan.completion_rate": ratio(
        "indicators.selectors:plan_items_due_done", "indicators.selectors:plan_items", additive=True
    ),
    "plan.regions_coverage": ratio(
        "indicators.selectors:plan_regions_with_items", "indicators.selectors:plan_regions", periods=YEARLY
    ),
    # Media and outreach: entered activities plus the dynasties' media episodes and exhibitions
    "outreach.activities": total(
        "indicators.selectors:outreach_activities",
        "dynasties.selectors:dynasty_media_episodes",
        "dynasties.selectors:dynasty_exhibitions",
        breakdown="indicators.selectors:outreach_by_kind",
        additive=True,
    ),
    "outreach.broadcasts": total(
        "indicators.selectors:outreach_broadcasts",
        "dynasties.selectors:dynasty_media_broadcasts",
        additive=True,
    ),
    "outreach.publications": total(
        "indicators.selectors:outreach_publications",
        "dynasties.selectors:dynasty_media_publications",
        additive=True,
    ),
    # Billboards entered as outreach, plus the nudge banners placed in public places (not entered twice).
    "outreach.billboards": total(
        "indicators.selectors:outreach_billboards", "nudges.selectors:banners_placed", additive=True
    ),
    "outreach.reach": total("indicators.selectors:outreach_reach", additive=True),
    # Labour dynasties
    "dynasties.published": total("dynasties.selectors:dynasties_published", additive=True),
    "dynasties.submitted": total("dynasties.selectors:dynasties_submitted", additive=True),
    "dynasties.members": total("dynasties.selectors:dynasty_members", additive=True),
    "dynasties.challenge_entries": total("dynasties.selectors:challenge_entries", additive=True),
    # Career-guidance events
    "events.held": total("events.selectors:events_held", additive=True),
    "events.registrations": total("events.selectors:event_registrations", additive=True),
    "events.attendance_rate": ratio(
        "events.selectors:event_attended", "events.selectors:event_checkin_eligible", additive=True
    ),
    "events.enterprises": total("events.selectors:event_hosts"),
    # «Я-профи» contest
    "contests.applications": total("contests.selectors:contest_applications", additive=True),
    "contests.winners": total("contests.selectors:contest_winners", additive=True),
    # Values survey (respondents by the day they answered; the index of a wave is its year's value)
    "survey.respondents": total("surveys.selectors:survey_respondents", additive=True),
    # An index of a region without (enough) respondents is unknown, not zero.
    "survey.labour_values_index": replace(
        total("surveys.selectors:labour_values_index", periods=YEARLY), fills_zero=False
    ),
    # Nudge banners
    "nudge.banners_placed": total("nudges.selectors:banners_placed", additive=True),
    "nudge.qr_visits": total("nudges.selectors:banner_visits", additive=True),
    # The interest quiz: anonymous daily counts, for the republic only
    "quiz.completions": total("enbek.selectors:quiz_completions", additive=True),
}
