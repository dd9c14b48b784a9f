from .organizations import Organization
from .proverbs import Proverb, ProverbTheme
from .regions import Region
from .users import User

__all__ = ["Organization", "Proverb", "ProverbTheme", "Region", "User"]
