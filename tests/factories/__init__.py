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
from .events import EventFactory, RegistrationFactory

__all__ = [
    "ChallengeEntryFactory",
    "DynastyFactory",
    "EventFactory",
    "MemberFactory",
    "OrganizationFactory",
    "PhotoFactory",
    "ProfessionFactory",
    "RegistrationFactory",
    "TrainingProgrammeFactory",
    "UserFactory",
    "make_bin",
    "make_iin",
    "profession",
    "region",
    "sphere",
]
