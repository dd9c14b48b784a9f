from .challenge import ChallengeEntry
from .dynasty import Dynasty, Member, Sphere
from .media import MediaEpisode, Photo, PhotoExhibition

__all__ = ["ChallengeEntry", "Dynasty", "MediaEpisode", "Member", "Photo", "PhotoExhibition", "Sphere"]
