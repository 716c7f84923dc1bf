"""The domain's models. Each module holds one concern; import from here."""

from .campaigns import Authority, AwardType, Campaign, NomineeKind
from .certificates import (
    Ceremony,
    Certificate,
    CertificateState,
    DocumentKind,
    DocumentTemplate,
    PrintPack,
    RegistryCounter,
    RenderBatch,
)
from .decisions import Decision, DecisionState
from .nominations import Attachment, AttachmentKind, Gender, Nomination, NominationState
from .notifications import Notification, NotificationKind
from .organisation import Unit, UnitKind, UserProfile

__all__ = [
    "Attachment",
    "AttachmentKind",
    "Authority",
    "AwardType",
    "Campaign",
    "Ceremony",
    "Certificate",
    "CertificateState",
    "Decision",
    "DecisionState",
    "DocumentKind",
    "DocumentTemplate",
    "Gender",
    "Nomination",
    "NominationState",
    "NomineeKind",
    "Notification",
    "NotificationKind",
    "PrintPack",
    "RegistryCounter",
    "RenderBatch",
    "Unit",
    "UnitKind",
    "UserProfile",
]
