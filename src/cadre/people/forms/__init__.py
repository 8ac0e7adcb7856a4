"""Forms of the cadre record: they parse what users type; the services validate."""

from cadre.people.forms.base import EditForm
from cadre.people.forms.cadre import CadreForm
from cadre.people.forms.corrections import CorrectionForm, DecisionForm
from cadre.people.forms.parts import (
    AssessmentForm,
    EducationForm,
    FamilyForm,
    PhotoForm,
    ResumeForm,
    RewardForm,
    SanctionForm,
)
from cadre.people.forms.posts import AppointmentForm, GradeForm, RankForm

__all__ = [
    "AppointmentForm",
    "AssessmentForm",
    "CadreForm",
    "CorrectionForm",
    "DecisionForm",
    "EditForm",
    "EducationForm",
    "FamilyForm",
    "GradeForm",
    "PhotoForm",
    "RankForm",
    "ResumeForm",
    "RewardForm",
    "SanctionForm",
]
