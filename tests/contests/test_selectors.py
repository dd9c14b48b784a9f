"""Reads used outside the section: the profession page's panel."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from contests.selectors import profession_panel
from tests.factories import profession, region
from tests.factories.contests import ApplicationFactory, ContestFactory, NominationFactory

pytestmark = pytest.mark.usefixtures("source_language")


def test_profession_panel_none_without_nominations_or_winners(db):
    assert profession_panel(profession=profession("7212-01"), language="kk") is None


def test_profession_panel_lists_open_nominations_and_winners(db, django_assert_num_queries):
    welder = profession("7212-01")
    open_contest = ContestFactory(title_ru="Я-профи 2026", title_kk="Я-профи 2026", title="Я-профи 2026")
    NominationFactory(contest=open_contest, profession=welder)
    NominationFactory(contest=ContestFactory(), profession=profession("5120-01"))  # another profession
    past = ContestFactory(
        year=2025,
        applications_open=timezone.localdate() - datetime.timedelta(days=300),
        applications_close=timezone.localdate() - datetime.timedelta(days=270),
        results_published_at=timezone.now(),
    )
    winner = ApplicationFactory(
        contest=past,
        nomination=NominationFactory(contest=past, profession=welder),
        status="winner",
        place=1,
        full_name="Серік Дәнекеров",
        region=region("71"),
    )
    ApplicationFactory(contest=past, nomination=winner.nomination, status="finalist")

    with django_assert_num_queries(3):
        panel = profession_panel(profession=welder, language="ru")

    assert panel["template"] == "contests/_profession_panel.html"
    assert [n.contest for n in panel["context"]["nominations"]] == [open_contest]
    assert panel["context"]["winners"] == [winner]
    with translation.override("ru"):
        html = render_to_string(panel["template"], panel["context"])
    assert "Серік Дәнекеров" in html and "Я-профи 2026" in html
    assert profession_panel(profession=welder, region=region("75"), language="ru")["context"]["winners"] == []
