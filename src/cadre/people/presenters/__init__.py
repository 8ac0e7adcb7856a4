"""Presentation of a cadre record: the display values of the 干部任免审批表 (adform) and the
profile's panels, computed from a cadre and its (prefetched) parts.

Pure presentation: no request, no response, no database writes. The profile page, and later
the Word/PDF/LRMX exports, all read the same values from here so they cannot disagree.
"""

from cadre.people.presenters.adform import Adform, EducationCell, build_adform
from cadre.people.presenters.assessments import assessment_summary
from cadre.people.presenters.education import education_cell
from cadre.people.presenters.family import FamilyRow, family_rows
from cadre.people.presenters.formats import birth_text, month_text, party_text
from cadre.people.presenters.resume import resume_lines
from cadre.people.presenters.rewards import rewards_text

__all__ = [
    "Adform",
    "EducationCell",
    "FamilyRow",
    "assessment_summary",
    "birth_text",
    "build_adform",
    "education_cell",
    "family_rows",
    "month_text",
    "party_text",
    "resume_lines",
    "rewards_text",
]
