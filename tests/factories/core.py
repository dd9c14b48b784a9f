import factory
from django.contrib.auth.models import Group

from enbek.enums import Role
from enbek.models import Organization, Region, User
from enbek.validators import check_digit


def region(code: str = "75") -> Region:
    """Regions are reference data loaded by migration: look one up by its 2-digit KATO code."""
    return Region.objects.get(code=code)


def make_iin(prefix: str = "900101300") -> str:
    """A valid IIN starting with these digits (YYMMDD, century digit, serial), the serial bumped if needed."""
    serial = 0
    while True:
        body = (prefix + f"{serial:0{11 - len(prefix)}d}")[:11]
        digit = check_digit(body)
        if digit is not None:
            return body + str(digit)
        serial += 1


def make_bin(prefix: str = "0101400") -> str:
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
    bin = factory.Sequence(lambda n: make_bin(f"0101400{n:03d}"[:9]))
    region = factory.LazyFunction(lambda: region("75"))
