from .organizations import Organization
from .professions import Profession, Sphere, TrainingProgramme
from .proverbs import Proverb, ProverbTheme
from .regions import Region
from .users import User

__all__ = [
    "Organization",
    "Profession",
    "Proverb",
    "ProverbTheme",
    "Region",
    "Sphere",
    "TrainingProgramme",
    "User",
]
