"""The access policy: the one place that decides who may see, download, edit or share.

The rules are written for people in ``docs/access-policy.md``; this package is that table
in code, one module per kind of object. Nothing else in hoso decides access.

``from records.policy import may_see`` works for every name of :data:`__all__`, but the
submodule holding it is imported only when the name is first asked for (PEP 562), so that
importing a models-free submodule (:mod:`records.policy.roles`, :mod:`records.policy.plain`,
:mod:`records.policy.actions`) does not load the models with every other rule.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: The names the package offers, by the submodule that defines them.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "accounts": (
        "audit_clause",
        "can_create_token",
        "can_manage_token",
        "can_manage_users",
        "can_read_audit",
        "may_use_tokens",
        "needs_second_factor",
    ),
    "actions": ("Action",),
    "calendar": ("can_edit_calendar",),
    "cases": ("can_case", "case_clause"),
    "casework": (
        "can_attach",
        "can_create_case",
        "can_detach",
        "can_record_outcome",
        "can_see_transfer",
        "can_transfer",
        "can_widen_case",
        "case_bodies",
        "case_work_clause",
        "transfer_clause",
    ),
    "denouncers": (
        "can_link_document",
        "can_redact",
        "can_share_copy",
        "identity_engine_filter",
        "identity_level",
        "identity_readers",
        "may_know_denouncers",
        "protecting",
    ),
    "documents": (
        "can",
        "can_change_level",
        "can_register",
        "document_clause",
        "document_engine_filter",
        "live",
        "live_clause",
        "may_see",
        "visible_document_ids",
    ),
    "letters": ("DENUNCIATION_LETTER", "kept_from", "unregistered_letter"),
    "meetings": (
        "FollowUpAction",
        "MeetingAction",
        "can_follow_up",
        "can_meeting",
        "can_schedule",
        "follow_up_clause",
        "meeting_clause",
    ),
    "objects": ("visible_ids",),
    "participation": (
        "MONITORING_BODY",
        "case_access_agency_ids",
        "case_access_by_document",
        "case_access_codes",
    ),
    "petitions": (
        "can_assign_handler",
        "can_petition",
        "can_register_petition",
        "can_transition",
        "identity_clause",
        "letter_confidentiality",
        "may_see_identity",
        "petition_clause",
    ),
    "plans": ("PlanAction", "can_plan", "can_register_plan", "can_resolve_overlaps", "plan_clause"),
    "proposals": ("ProposalAction", "can_proposal", "can_propose", "proposal_clause"),
    "reports": (
        "can_export_reports",
        "can_generate_summary",
        "can_see_reports",
        "may_copy_subject",
    ),
    "requests": ("RequestAction", "can_ask", "can_request", "request_clause"),
    "retention": (
        "can_hold_case",
        "can_manage_retention",
        "can_retain",
        "hold_clause",
        "trash_clause",
    ),
    "saved_searches": ("can_saved_search", "saved_search_clause"),
    "scorecard": ("scorecard_agency_ids",),
    "uploads": (
        "can_share_new",
        "classification_levels",
        "may_reprocess_all",
        "may_see_duplicate",
        "may_upload",
        "registrable_agency_clause",
    ),
    "vetting": (
        "VettingAction",
        "can_ask_vetting",
        "can_read_answer",
        "can_vetting",
        "vetting_clause",
        "vetting_levels",
    ),
}
#: Which submodule holds each name (tests/unit/core/test_policy_exports.py checks them all).
_SUBMODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_SUBMODULE_OF)


def __getattr__(name: str) -> Any:
    module = _SUBMODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups find it without calling this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
