from .challenge import ChallengeEntry
from .digest import CoordinatorDigest
from .dynasty import Dynasty, Member
from .media import MediaEpisode, Photo, PhotoExhibition

__all__ = [
    "ChallengeEntry",
    "CoordinatorDigest",
    "Dynasty",
    "MediaEpisode",
    "Member",
    "Photo",
    "PhotoExhibition",
]
