"""All tables; import from here so Alembic and the app see the same metadata."""

from records.models.agency import Agency
from records.models.audit import AuditEvent
from records.models.base import Base
from records.models.calendar import CalendarDay
from records.models.case import Case, CaseDocument, CaseEvent, CaseParty, case_agencies
from records.models.document import (
    AgencyMention,
    Document,
    DocumentPage,
    DocumentReference,
    Upload,
    document_shares,
)
from records.models.mail import MailAttachment, MailboxState, MailMessage
from records.models.meeting import FollowUp, Meeting, MeetingBody
from records.models.notification import Notification
from records.models.petition import (
    Petition,
    PetitionDocument,
    Petitioner,
    PetitionEvent,
    PetitionLink,
)
from records.models.plan import PlanItem, PlanOverlap
from records.models.proposal import Proposal
from records.models.redaction import DocumentRedaction
from records.models.request import InfoRequest, InfoRequestDocument
from records.models.retention import (
    DisposalItem,
    DisposalList,
    LegalHold,
    RetentionOverride,
    RetentionRule,
    RetentionStart,
)
from records.models.saved_search import SavedSearch, SavedSearchDocument
from records.models.sign_in import SignInSession
from records.models.token import ApiToken
from records.models.transfer import Transfer, TransferDocument
from records.models.user import User
from records.models.version import DocumentVersion, PageCorrection
from records.models.vetting import VettingAnswer, VettingMatch, VettingRequest

__all__ = [
    "Agency",
    "AgencyMention",
    "ApiToken",
    "AuditEvent",
    "Base",
    "CalendarDay",
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseParty",
    "DisposalItem",
    "DisposalList",
    "Document",
    "DocumentPage",
    "DocumentRedaction",
    "DocumentReference",
    "DocumentVersion",
    "FollowUp",
    "InfoRequest",
    "InfoRequestDocument",
    "LegalHold",
    "MailAttachment",
    "MailMessage",
    "MailboxState",
    "Meeting",
    "MeetingBody",
    "Notification",
    "PageCorrection",
    "Petition",
    "PetitionDocument",
    "PetitionEvent",
    "PetitionLink",
    "Petitioner",
    "PlanItem",
    "PlanOverlap",
    "Proposal",
    "RetentionOverride",
    "RetentionRule",
    "RetentionStart",
    "SavedSearch",
    "SavedSearchDocument",
    "SignInSession",
    "Transfer",
    "TransferDocument",
    "Upload",
    "User",
    "VettingAnswer",
    "VettingMatch",
    "VettingRequest",
    "case_agencies",
    "document_shares",
]
