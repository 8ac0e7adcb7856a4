"""Every write to the cadre record. One function per action: keyword-only arguments, the
acting `Actor`, one transaction, one audit entry per change (with ``cadre_id``), derived
columns refreshed when their inputs change.

Validation errors raise `ValidationError` with Chinese messages; inconsistent but possible
data raises `NeedsConfirmation` (a ValidationError) unless the call passes
``confirmed=True``. Appointments, ranks and grades live in `cadre.posts.services`."""

from cadre.people.services.assessments import (
    assessment_create,
    assessment_delete,
    assessment_update,
)
from cadre.people.services.cadres import cadre_create, cadre_update
from cadre.people.services.common import NeedsConfirmation
from cadre.people.services.corrections import (
    correction_approve,
    correction_reject,
    correction_submit,
)
from cadre.people.services.education import (
    education_create,
    education_delete,
    education_move,
    education_update,
)
from cadre.people.services.family import (
    family_member_create,
    family_member_delete,
    family_member_move,
    family_member_update,
)
from cadre.people.services.photo import photo_delete, photo_set
from cadre.people.services.resume import (
    resume_entry_create,
    resume_entry_delete,
    resume_entry_move,
    resume_entry_update,
)
from cadre.people.services.rewards import reward_create, reward_delete, reward_update
from cadre.people.services.sanctions import sanction_create, sanction_delete, sanction_update

__all__ = [
    "NeedsConfirmation",
    "assessment_create",
    "assessment_delete",
    "assessment_update",
    "cadre_create",
    "cadre_update",
    "correction_approve",
    "correction_reject",
    "correction_submit",
    "education_create",
    "education_delete",
    "education_move",
    "education_update",
    "family_member_create",
    "family_member_delete",
    "family_member_move",
    "family_member_update",
    "photo_delete",
    "photo_set",
    "resume_entry_create",
    "resume_entry_delete",
    "resume_entry_move",
    "resume_entry_update",
    "reward_create",
    "reward_delete",
    "reward_update",
    "sanction_create",
    "sanction_delete",
    "sanction_update",
]
