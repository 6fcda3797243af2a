"""The access policy: the one place that decides who may see, download, edit or share.

The rules are written for people in ``docs/access-policy.md``; this package is that table
in code, one module per kind of object. Nothing else in hoso decides access.
"""

from records.policy.accounts import (
    audit_clause,
    can_manage_token,
    can_manage_users,
    can_read_audit,
)
from records.policy.actions import Action
from records.policy.calendar import can_edit_calendar
from records.policy.cases import can_case, case_clause
from records.policy.casework import (
    can_attach,
    can_create_case,
    can_detach,
    can_record_outcome,
    can_see_transfer,
    can_transfer,
    case_work_clause,
    transfer_clause,
)
from records.policy.denouncers import (
    can_redact,
    identity_engine_filter,
    identity_level,
    identity_readers,
    may_know_denouncers,
    protecting,
)
from records.policy.documents import (
    can,
    can_register,
    document_clause,
    document_engine_filter,
    live,
    live_clause,
    may_see,
    visible_document_ids,
)
from records.policy.meetings import (
    FollowUpAction,
    MeetingAction,
    can_follow_up,
    can_meeting,
    can_schedule,
    follow_up_clause,
    meeting_clause,
)
from records.policy.objects import visible_ids
from records.policy.participation import (
    MONITORING_BODY,
    case_access_agency_ids,
    case_access_by_document,
    case_access_codes,
)
from records.policy.petitions import (
    can_petition,
    can_register_petition,
    can_transition,
    identity_clause,
    letter_confidentiality,
    may_see_identity,
    petition_clause,
)
from records.policy.plans import (
    PlanAction,
    can_plan,
    can_register_plan,
    can_resolve_overlaps,
    plan_clause,
)
from records.policy.proposals import (
    ProposalAction,
    can_proposal,
    can_propose,
    proposal_clause,
)
from records.policy.reports import (
    can_export_reports,
    can_generate_summary,
    can_see_reports,
    may_copy_subject,
)
from records.policy.requests import RequestAction, can_ask, can_request, request_clause
from records.policy.retention import (
    can_hold_case,
    can_manage_retention,
    can_retain,
    hold_clause,
    trash_clause,
)
from records.policy.saved_searches import can_saved_search, saved_search_clause
from records.policy.scorecard import scorecard_agency_ids
from records.policy.uploads import (
    can_share_new,
    classification_levels,
    may_reprocess_all,
    may_upload,
    registrable_agency_clause,
)
from records.policy.vetting import (
    VettingAction,
    can_ask_vetting,
    can_read_answer,
    can_vetting,
    vetting_clause,
    vetting_levels,
)

__all__ = [
    "MONITORING_BODY",
    "Action",
    "FollowUpAction",
    "MeetingAction",
    "PlanAction",
    "ProposalAction",
    "RequestAction",
    "VettingAction",
    "audit_clause",
    "can",
    "can_ask",
    "can_ask_vetting",
    "can_attach",
    "can_case",
    "can_create_case",
    "can_detach",
    "can_edit_calendar",
    "can_export_reports",
    "can_follow_up",
    "can_generate_summary",
    "can_hold_case",
    "can_manage_retention",
    "can_manage_token",
    "can_manage_users",
    "can_meeting",
    "can_petition",
    "can_plan",
    "can_proposal",
    "can_propose",
    "can_read_answer",
    "can_read_audit",
    "can_record_outcome",
    "can_redact",
    "can_register",
    "can_register_petition",
    "can_register_plan",
    "can_request",
    "can_resolve_overlaps",
    "can_retain",
    "can_saved_search",
    "can_schedule",
    "can_see_reports",
    "can_see_transfer",
    "can_share_new",
    "can_transfer",
    "can_transition",
    "can_vetting",
    "case_access_agency_ids",
    "case_access_by_document",
    "case_access_codes",
    "case_clause",
    "case_work_clause",
    "classification_levels",
    "document_clause",
    "document_engine_filter",
    "follow_up_clause",
    "hold_clause",
    "identity_clause",
    "identity_engine_filter",
    "identity_level",
    "identity_readers",
    "letter_confidentiality",
    "live",
    "live_clause",
    "may_copy_subject",
    "may_know_denouncers",
    "may_reprocess_all",
    "may_see",
    "may_see_identity",
    "may_upload",
    "meeting_clause",
    "petition_clause",
    "plan_clause",
    "proposal_clause",
    "protecting",
    "registrable_agency_clause",
    "request_clause",
    "saved_search_clause",
    "scorecard_agency_ids",
    "transfer_clause",
    "trash_clause",
    "vetting_clause",
    "vetting_levels",
    "visible_document_ids",
    "visible_ids",
]
