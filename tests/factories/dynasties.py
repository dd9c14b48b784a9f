import factory
from django.utils import timezone

from dynasties.enums import ChallengeStatus, DynastyStatus, Platform
from dynasties.models import ChallengeEntry, Dynasty, Member, Photo
from enbek.richtext import render_markdown

from .core import UserFactory, region, sphere


class DynastyFactory(factory.django.DjangoModelFactory):
    """A dynasty row; call dynasties.services.dynasty_refresh_figures after adding members."""

    class Meta:
        model = Dynasty

    family_name_kk = factory.Sequence(lambda n: f"Жұмабековтер {n}")
    family_name_ru = factory.Sequence(lambda n: f"Жумабековы {n}")
    family_name = factory.LazyAttribute(lambda o: o.family_name_kk)
    slug = factory.Sequence(lambda n: f"dynasty-{n}")
    sphere = factory.LazyFunction(lambda: sphere("metallurgy"))
    region = factory.LazyFunction(lambda: region("75"))
    story_kk = "Үш буын металлург."
    story_ru = "Три поколения металлургов."
    story = factory.LazyAttribute(lambda o: o.story_kk)
    # As dynasties.services.dynasty_set_story stores it: rendered once, shown as stored.
    story_html_kk = factory.LazyAttribute(lambda o: str(render_markdown(o.story_kk)))
    story_html_ru = factory.LazyAttribute(lambda o: str(render_markdown(o.story_ru)))
    story_html = factory.LazyAttribute(lambda o: o.story_html_kk)
    status = DynastyStatus.PUBLISHED
    submitted_by = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    dynasty = factory.SubFactory(DynastyFactory)
    full_name = factory.Sequence(lambda n: f"Мұрат Жұмабеков {n}")
    generation = 1
    birth_year = 1950
    start_year = 1970
    end_year = 2010
    profession_kk = "Болат балқытушы"
    profession_ru = "Сталевар"
    profession = factory.LazyAttribute(lambda o: o.profession_kk)


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    dynasty = factory.SubFactory(DynastyFactory)
    image = factory.django.ImageField(width=64, height=48, format="JPEG")
    thumbnail = factory.django.ImageField(width=32, height=24, format="JPEG")
    caption_kk = "Отбасы"
    caption_ru = "Семья"


class ChallengeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeEntry

    platform = Platform.INSTAGRAM
    post_url = factory.Sequence(lambda n: f"https://www.instagram.com/p/post{n}/")
    hashtag = "#ЕңбекДинастиясы"
    author = factory.SubFactory(UserFactory)
    author_name = "Айгүл"
    region = factory.LazyFunction(lambda: region("75"))
    status = ChallengeStatus.PENDING
