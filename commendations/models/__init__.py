"""The domain's models. Each module holds one concern; import from here."""

from .campaigns import Authority, AwardType, Campaign, NomineeKind
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
    "Decision",
    "DecisionState",
    "Gender",
    "Nomination",
    "NominationState",
    "NomineeKind",
    "Notification",
    "NotificationKind",
    "Unit",
    "UnitKind",
    "UserProfile",
]
