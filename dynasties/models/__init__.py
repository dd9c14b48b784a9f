from .challenge import ChallengeEntry
from .dynasty import Dynasty, Member
from .media import MediaEpisode, Photo, PhotoExhibition

__all__ = ["ChallengeEntry", "Dynasty", "MediaEpisode", "Member", "Photo", "PhotoExhibition"]
