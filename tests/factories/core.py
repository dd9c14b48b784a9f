import factory
from django.contrib.auth.models import Group

from enbek.enums import OrganizationKind, Role
from enbek.models import Organization, Profession, Region, Sphere, TrainingProgramme, User
from enbek.validators import check_digit


def region(code: str = "75") -> Region:
    """Regions are reference data loaded by migration: look one up by its 2-digit KATO code."""
    return Region.objects.get(code=code)


def sphere(slug: str = "metallurgy") -> Sphere:
    """Spheres are a classifier loaded by migration."""
    return Sphere.objects.get(slug=slug)


def profession(code: str = "7212-01") -> Profession:
    """Professions are a classifier loaded by migration (enbek/data/professions.csv)."""
    return Profession.objects.get(code=code)


def make_iin(prefix: str = "900101300") -> str:
    """A valid IIN starting with these digits (YYMMDD, century digit, serial), the serial bumped if needed."""
    if len(prefix) >= 11 and check_digit(prefix[:11]) is None:
        # No serial digit left to bump: looping would never end.
        raise ValueError(f"no valid IIN starts with {prefix[:11]}")
    serial = 0
    while True:
        body = (prefix + f"{serial:0{11 - len(prefix)}d}")[:11]
        digit = check_digit(body)
        if digit is not None:
            return body + str(digit)
        serial += 1


def make_bin(prefix: str = "0101400") -> str:
    if len(prefix) >= 11 and check_digit(prefix[:11]) is None:
        # No serial digit left to bump: looping would never end.
        raise ValueError(f"no valid IIN starts with {prefix[:11]}")
    serial = 0
    while True:
        body = (prefix + f"{serial:0{11 - len(prefix)}d}")[:11]
        digit = check_digit(body)
        if digit is not None:
            return body + str(digit)
        serial += 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kz")
    username = factory.LazyAttribute(lambda o: o.email)
    full_name = factory.Sequence(lambda n: f"Азамат Тестов {n}")
    region = factory.LazyFunction(lambda: region("75"))
    password = factory.django.Password("Qwerty!2345")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        roles = extracted if extracted is not None else [Role.CITIZEN]
        if create:
            self.groups.set([Group.objects.get(name=Role(r).value) for r in roles])
            if Role.REGIONAL_COORDINATOR in roles and self.coordinator_region_id is None:
                self.coordinator_region = self.region
                self.save(update_fields=["coordinator_region"])


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_kk = factory.Sequence(lambda n: f"«Еңбек-{n}» АҚ")
    name_ru = factory.Sequence(lambda n: f"АО «Енбек-{n}»")
    name = factory.LazyAttribute(lambda o: o.name_kk)
    bin = factory.Sequence(lambda n: make_bin(f"01014{n % 10000:04d}"))
    region = factory.LazyFunction(lambda: region("75"))


class ProfessionFactory(factory.django.DjangoModelFactory):
    """An extra profession (the classifier's own are loaded by migration): codes 0110-00, 0110-01…"""

    class Meta:
        model = Profession

    # ISCO-08 group 01xx (armed forces) holds none of the classifier's civilian professions.
    code = factory.Sequence(lambda n: f"01{10 + n // 100:02d}-{n % 100:02d}")
    name_kk = factory.Sequence(lambda n: f"Сынақ мамандығы {n}")
    name_ru = factory.Sequence(lambda n: f"Тестовая профессия {n}")
    name = factory.LazyAttribute(lambda o: o.name_kk)
    sphere = factory.LazyFunction(lambda: sphere("metallurgy"))
    description_kk = "Жұмыстың сипаттамасы."
    description_ru = "Описание работы."
    description = factory.LazyAttribute(lambda o: o.description_kk)
    interest_code = "RI"
    path_college = True
    suits_pupils = True


class TrainingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProgramme

    organization = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.COLLEGE)
    profession = factory.LazyFunction(lambda: profession("7212-01"))
    title_kk = "Дәнекерлеу ісі"
    title_ru = "Сварочное дело"
    title = factory.LazyAttribute(lambda o: o.title_kk)
    url = factory.Sequence(lambda n: f"https://college.example.kz/programmes/{n}")
    duration_months = 22
