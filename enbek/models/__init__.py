from .organizations import Organization
from .professions import Profession, Sphere, TrainingProgramme
from .proverbs import Proverb, ProverbTheme
from .quiz import QuizCompletionDay, QuizResult, QuizStatement
from .regions import Region
from .users import User

__all__ = [
    "Organization",
    "Profession",
    "Proverb",
    "ProverbTheme",
    "QuizCompletionDay",
    "QuizResult",
    "QuizStatement",
    "Region",
    "Sphere",
    "TrainingProgramme",
    "User",
]
