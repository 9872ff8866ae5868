from .base import ArchivableModel, VersionedModel
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
from .family import FamilyMember, IdentityDocument
from .safety import DisclosureRestriction
from .violence import CrimeSuffered, ViolenceIncident, ViolenceIncidentType, ViolenceNarrative

__all__ = [
    "ArchivableModel",
    "Client",
    "ClientAssignment",
    "ClientCodeAllocation",
    "ClientNationality",
    "ClientNeed",
    "ClientPhone",
    "ClientUrgentFlag",
    "Consent",
    "CrimeSuffered",
    "DisclosureRestriction",
    "DuplicateDecision",
    "FamilyMember",
    "IdentityDocument",
    "Language",
    "PrivacyNotice",
    "VersionedModel",
    "ViolenceIncident",
    "ViolenceIncidentType",
    "ViolenceNarrative",
]
