from .core import (
    OrganizationFactory,
    ProfessionFactory,
    TrainingProgrammeFactory,
    UserFactory,
    make_bin,
    make_iin,
    profession,
    region,
    sphere,
)
from .dynasties import ChallengeEntryFactory, DynastyFactory, MemberFactory, PhotoFactory

__all__ = [
    "ChallengeEntryFactory",
    "DynastyFactory",
    "MemberFactory",
    "OrganizationFactory",
    "PhotoFactory",
    "ProfessionFactory",
    "TrainingProgrammeFactory",
    "UserFactory",
    "make_bin",
    "make_iin",
    "profession",
    "region",
    "sphere",
]
