"""The access policy: the one place that decides who may see, download, edit or share.

The rules are written for people in ``docs/access-policy.md``; this package is that table
in code, one module per kind of object. Nothing else in hoso decides access.
"""

from records.policy.accounts import (
    audit_clause,
    can_create_token,
    can_manage_token,
    can_manage_users,
    can_read_audit,
    may_use_tokens,
    needs_second_factor,
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
    can_widen_case,
    case_work_clause,
    transfer_clause,
)
from records.policy.denouncers import (
    can_link_document,
    can_redact,
    identity_engine_filter,
    identity_level,
    identity_readers,
    may_know_denouncers,
    protecting,
)
from records.policy.documents import (
    can,
    can_change_level,
    can_register,
    document_clause,
    document_engine_filter,
    live,
    live_clause,
    may_see,
    visible_document_ids,
)
from records.policy.objects import visible_ids
from records.policy.participation import (
    MONITORING_BODY,
    case_access_agency_ids,
    case_access_by_document,
    case_access_codes,
)
from records.policy.petitions import (
    can_assign_handler,
    can_petition,
    can_register_petition,
    can_transition,
    identity_clause,
    letter_confidentiality,
    may_see_identity,
    petition_clause,
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
from records.policy.uploads import (
    can_share_new,
    classification_levels,
    may_reprocess_all,
    may_see_duplicate,
    may_upload,
    registrable_agency_clause,
)

__all__ = [
    "MONITORING_BODY",
    "Action",
    "RequestAction",
    "audit_clause",
    "can",
    "can_ask",
    "can_assign_handler",
    "can_attach",
    "can_case",
    "can_change_level",
    "can_create_case",
    "can_create_token",
    "can_detach",
    "can_edit_calendar",
    "can_export_reports",
    "can_generate_summary",
    "can_hold_case",
    "can_link_document",
    "can_manage_retention",
    "can_manage_token",
    "can_manage_users",
    "can_petition",
    "can_read_audit",
    "can_record_outcome",
    "can_redact",
    "can_register",
    "can_register_petition",
    "can_request",
    "can_retain",
    "can_saved_search",
    "can_see_reports",
    "can_see_transfer",
    "can_share_new",
    "can_transfer",
    "can_transition",
    "can_widen_case",
    "case_access_agency_ids",
    "case_access_by_document",
    "case_access_codes",
    "case_clause",
    "case_work_clause",
    "classification_levels",
    "document_clause",
    "document_engine_filter",
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
    "may_see_duplicate",
    "may_see_identity",
    "may_upload",
    "may_use_tokens",
    "needs_second_factor",
    "petition_clause",
    "protecting",
    "registrable_agency_clause",
    "request_clause",
    "saved_search_clause",
    "transfer_clause",
    "trash_clause",
    "visible_document_ids",
    "visible_ids",
]
