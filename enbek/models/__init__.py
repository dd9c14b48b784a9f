from .organizations import Organization
from .professions import Profession, Sphere, TrainingProgramme
from .proverbs import Proverb
from .regions import Region
from .users import User

__all__ = ["Organization", "Profession", "Proverb", "Region", "Sphere", "TrainingProgramme", "User"]
