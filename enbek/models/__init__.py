from .organizations import Organization
from .proverbs import Proverb
from .regions import Region
from .users import User

__all__ = ["Organization", "Proverb", "Region", "User"]
