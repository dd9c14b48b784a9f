from .core import OrganizationFactory, UserFactory, make_bin, make_iin, region
from .dynasties import ChallengeEntryFactory, DynastyFactory, MemberFactory, PhotoFactory, sphere

__all__ = [
    "ChallengeEntryFactory",
    "DynastyFactory",
    "MemberFactory",
    "OrganizationFactory",
    "PhotoFactory",
    "UserFactory",
    "make_bin",
    "make_iin",
    "region",
    "sphere",
]
