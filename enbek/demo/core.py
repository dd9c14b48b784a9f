"""Demo accounts of every role and organisations with valid BINs in every region."""

from dataclasses import dataclass

from enbek.enums import Role
from enbek.models import Organization, Region, User
from enbek.services import organization_create, user_create, user_set_roles
from enbek.validators import check_digit

from .content import ORGANIZATION_TEMPLATES, STREETS

# Printed by seed_demo; DEBUG demo installs only (the command refuses to run otherwise).
DEMO_PASSWORD = "demo-password-2026"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    region: str
    coordinates: str | None = None
    language: str = "kk"


DEMO_USERS = [
    DemoUser("citizen@enbek.local", "Айгүл Серікқызы Омарова", Role.CITIZEN, "75"),
    DemoUser(
        "coordinator.almaty@enbek.local", "Ерлан Асқарұлы Қасымов", Role.REGIONAL_COORDINATOR, "75", "75"
    ),
    DemoUser(
        "coordinator.astana@enbek.local", "Дина Маратқызы Ахметова", Role.REGIONAL_COORDINATOR, "71", "71"
    ),
    DemoUser("analyst@enbek.local", "Руслан Викторович Ким", Role.MINISTRY_ANALYST, "71", language="ru"),
    DemoUser("ministry@enbek.local", "Гүлнар Серікқызы Сәрсенбаева", Role.MINISTRY_ADMINISTRATOR, "71"),
    DemoUser("hr@enbek.local", "Асқар Болатұлы Төлегенов", Role.ENTERPRISE_REPRESENTATIVE, "75"),
    DemoUser("jury@enbek.local", "Мария Петровна Иванова", Role.JURY_MEMBER, "35", language="ru"),
]

ORGANIZATIONS_PER_REGION = 3


def ensure_users() -> dict[str, User]:
    """The demo accounts by e-mail, with their roles and the known password (reset if changed)."""
    regions = {region.code: region for region in Region.objects.all()}
    users: dict[str, User] = {}
    for spec in DEMO_USERS:
        user = User.objects.filter(email__iexact=spec.email).first()
        if user is None:
            # Roles are set just below, where a coordinator can be given the region too.
            user = user_create(
                email=spec.email,
                password=DEMO_PASSWORD,
                full_name=spec.full_name,
                region=regions[spec.region],
                preferred_language=spec.language,
                roles=(),
            )
        elif not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user_set_roles(
            user=user,
            roles=(spec.role,),
            coordinator_region=regions[spec.coordinates] if spec.coordinates else None,
        )
        users[spec.email] = user
    return users


def valid_bin(index: int) -> str:
    """A valid BIN of a resident legal entity, different for every index, the same for the same one."""
    year = 1996 + (index * 7) % 28
    month = 1 + (index * 5) % 12
    serial = 10000 + index * 37
    for sixth in "0123456789":
        body = f"{year % 100:02d}{month:02d}4{sixth}{serial:05d}"
        digit = check_digit(body)
        if digit is not None:
            return body + str(digit)
    raise AssertionError("no check digit for any sixth digit")  # pragma: no cover - never for 10 tries


@dataclass(frozen=True)
class OrganizationSpec:
    index: int
    bin: str
    region_code: str
    sphere_slug: str
    name_kk: str
    name_ru: str
    kind: str
    address_kk: str
    address_ru: str
    phone: str


def organization_specs(regions: list[Region], sphere_slugs: list[str]) -> list[OrganizationSpec]:
    """Three organisations in each region; taken in turn, the spheres are all covered."""
    specs = []
    for region_index, region in enumerate(sorted(regions, key=lambda r: r.code)):
        for k in range(ORGANIZATIONS_PER_REGION):
            index = region_index * ORGANIZATIONS_PER_REGION + k
            slug = sphere_slugs[index % len(sphere_slugs)]
            name_kk, name_ru, kind = ORGANIZATION_TEMPLATES[slug]
            number = 1 + (index * 7) % 40
            street_kk, street_ru = STREETS[index % len(STREETS)]
            house = 1 + (index * 13) % 120
            specs.append(
                OrganizationSpec(
                    index=index,
                    bin=valid_bin(index),
                    region_code=region.code,
                    sphere_slug=slug,
                    name_kk=name_kk.format(c_kk=region.center_kk, c_ru=region.center_ru, n=number),
                    name_ru=name_ru.format(c_kk=region.center_kk, c_ru=region.center_ru, n=number),
                    kind=kind,
                    address_kk=f"{region.center_kk} қ., {street_kk}, {house}",
                    address_ru=f"г. {region.center_ru}, {street_ru}, {house}",
                    phone=f"+77{(100_000_000 + index * 7_919_113) % 1_000_000_000:09d}",
                )
            )
    return specs


def ensure_organizations(
    *, sphere_slugs: list[str], representative: User
) -> list[tuple[OrganizationSpec, Organization]]:
    """The organisations with what they were made from; the first one of Almaty (75) employs the HR user."""
    regions = list(Region.objects.all())
    by_code = {region.code: region for region in regions}
    specs = organization_specs(regions, sphere_slugs)
    existing = {
        org.bin: org
        for org in Organization.objects.select_related("region").filter(bin__in=[s.bin for s in specs])
    }
    employer_bin = next(s.bin for s in specs if s.region_code == "75")
    organizations = []
    for spec in specs:
        organization = existing.get(spec.bin)
        if organization is None:
            organization = organization_create(
                name_kk=spec.name_kk,
                name_ru=spec.name_ru,
                bin=spec.bin,
                region=by_code[spec.region_code],
                kind=spec.kind,
                address_kk=spec.address_kk,
                address_ru=spec.address_ru,
                phone=spec.phone,
                website=f"https://example.com/org/{spec.bin}" if spec.bin == employer_bin else "",
                representatives=(representative,) if spec.bin == employer_bin else (),
                is_verified=spec.index % 5 != 4,
            )
        elif spec.bin == employer_bin:
            organization.representatives.add(representative)
        organizations.append((spec, organization))
    return organizations
