from .base import ArchivableModel, VersionedModel
from .casework import Case, CaseAssignment, CaseDependant, CaseEvent, CaseNote, CaseStage
from .clients import (
    Client,
    ClientAssignment,
    ClientCodeAllocation,
    ClientNationality,
    ClientNeed,
    ClientPhone,
    ClientUrgentFlag,
    DuplicateDecision,
    Language,
    PrivacyNotice,
)
from .consent import Consent
from .deadlines import (
    CalendarFeed,
    Deadline,
    DeadlineRule,
    DeclaredClosure,
    SignatureOccurrence,
    SignatureSchedule,
    StateTransferAuthorisation,
)
from .documents import (
    CaseDocument,
    ChecklistItem,
    DocumentTemplate,
    DocumentTemplateVersion,
    Letterhead,
)
from .family import FamilyMember, IdentityDocument
from .files import ClientFile
from .safety import DisclosureRestriction
from .violence import CrimeSuffered, ViolenceIncident, ViolenceIncidentType, ViolenceNarrative

__all__ = [
    "ArchivableModel",
    "CalendarFeed",
    "Case",
    "CaseAssignment",
    "CaseDependant",
    "CaseDocument",
    "CaseEvent",
    "CaseNote",
    "CaseStage",
    "ChecklistItem",
    "Client",
    "ClientAssignment",
    "ClientCodeAllocation",
    "ClientFile",
    "ClientNationality",
    "ClientNeed",
    "ClientPhone",
    "ClientUrgentFlag",
    "Consent",
    "CrimeSuffered",
    "Deadline",
    "DeadlineRule",
    "DeclaredClosure",
    "DisclosureRestriction",
    "DocumentTemplate",
    "DocumentTemplateVersion",
    "DuplicateDecision",
    "FamilyMember",
    "IdentityDocument",
    "Language",
    "Letterhead",
    "PrivacyNotice",
    "SignatureOccurrence",
    "SignatureSchedule",
    "StateTransferAuthorisation",
    "VersionedModel",
    "ViolenceIncident",
    "ViolenceIncidentType",
    "ViolenceNarrative",
]
