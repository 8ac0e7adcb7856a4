"""The cadre profile (干部信息) laid out as the 干部任免审批表, its tabs, photo and ID number."""

from cadre.people.views.profile.media import id_number, photo
from cadre.people.views.profile.pages import profile, tab

__all__ = ["id_number", "photo", "profile", "tab"]
