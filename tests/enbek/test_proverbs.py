import datetime

from django.utils import translation

from enbek.models import Proverb
from enbek.selectors import proverb_of_the_day


def test_proverbs_seeded_from_domain_file(db):
    assert Proverb.objects.count() == 30
    assert Proverb.objects.filter(original_language="kk").exists()


def test_proverb_of_the_day_same_all_day(db):
    day = datetime.date(2026, 11, 25)
    assert proverb_of_the_day(day=day).pk == proverb_of_the_day(day=day).pk


def test_proverb_of_the_day_changes_next_day(db):
    day = datetime.date(2026, 11, 25)
    assert proverb_of_the_day(day=day).pk != proverb_of_the_day(day=day + datetime.timedelta(days=1)).pk


def test_proverb_of_the_day_skips_inactive(db):
    Proverb.objects.exclude(pk=Proverb.objects.order_by("id").first().pk).update(is_active=False)
    only = Proverb.objects.get(is_active=True)
    assert proverb_of_the_day(day=datetime.date(2026, 1, 1)) == only


def test_proverb_without_translation_shows_original_with_its_language(db):
    proverb = Proverb.objects.create(text_kk="Еңбек түбі – береке.", text_ru="", original_language="kk")
    with translation.override("ru"):
        assert proverb.display() == ("Еңбек түбі – береке.", "kk")
    assert proverb.display("kk") == ("Еңбек түбі – береке.", "kk")
