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
from .committee import CommitteeSession, Recusal, Vote, VoteChoice
from .decisions import Decision, DecisionState
from .nominations import Attachment, AttachmentKind, Gender, Nomination, NominationState
from .notifications import Notification, NotificationKind
from .organisation import Unit, UnitKind, UserProfile
from .rules import (
    BlankLayout,
    DisciplinaryKind,
    DisciplinaryRecord,
    EligibilityConfirmation,
    HonourKind,
    HonourRecord,
    Initiative,
    NominationEvidence,
    NomineeLink,
    OverdueDigest,
    Person,
    PrinterCalibration,
    PublicHoliday,
    QuotaKind,
    Revocation,
    RuleSet,
)

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
    # rules of commendation and the nominee's history
    "DisciplinaryKind",
    "DisciplinaryRecord",
    "EligibilityConfirmation",
    "HonourKind",
    "HonourRecord",
    "Initiative",
    "NominationEvidence",
    "NomineeLink",
    "OverdueDigest",
    "Person",
    "PublicHoliday",
    "QuotaKind",
    "RuleSet",
    "BlankLayout",
    "PrinterCalibration",
    "Revocation",
    # committee sessions
    "CommitteeSession",
    "Recusal",
    "Vote",
    "VoteChoice",
]
