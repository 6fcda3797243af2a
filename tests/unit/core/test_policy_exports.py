"""``records.policy`` offers its names lazily (PEP 562): each resolves to the object its
submodule defines, and none of the names the package offered when it imported every
submodule is dropped."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import records.policy as policy

#: What ``records.policy`` exported when its ``__init__`` imported every submodule (its
#: ``__all__`` before the imports became lazy). A name may be added to the table, never lost.
EXPORTED_BEFORE = frozenset((
    "MONITORING_BODY", "Action", "FollowUpAction", "MeetingAction", "PlanAction",
    "ProposalAction", "RequestAction", "VettingAction", "audit_clause", "can", "can_ask",
    "can_ask_vetting", "can_assign_handler", "can_attach", "can_case", "can_change_level",
    "can_create_case", "can_create_token", "can_detach", "can_edit_calendar",
    "can_export_reports", "can_follow_up", "can_generate_summary", "can_hold_case",
    "can_link_document", "can_manage_retention", "can_manage_token", "can_manage_users",
    "can_meeting", "can_petition", "can_plan", "can_proposal", "can_propose", "can_read_answer",
    "can_read_audit", "can_record_outcome", "can_redact", "can_register", "can_register_petition",
    "can_register_plan", "can_request", "can_resolve_overlaps", "can_retain", "can_saved_search",
    "can_schedule", "can_see_reports", "can_see_transfer", "can_share_new", "can_transfer",
    "can_transition", "can_vetting", "can_widen_case", "case_access_agency_ids",
    "case_access_by_document", "case_access_codes", "case_clause", "case_work_clause",
    "classification_levels", "document_clause", "document_engine_filter", "follow_up_clause",
    "hold_clause", "identity_clause", "identity_engine_filter", "identity_level",
    "identity_readers", "letter_confidentiality", "live", "live_clause", "may_copy_subject",
    "may_know_denouncers", "may_reprocess_all", "may_see", "may_see_duplicate",
    "may_see_identity", "may_upload", "may_use_tokens", "meeting_clause", "needs_second_factor",
    "petition_clause", "plan_clause", "proposal_clause", "protecting",
    "registrable_agency_clause", "request_clause", "saved_search_clause", "scorecard_agency_ids",
    "transfer_clause", "trash_clause", "vetting_clause", "vetting_levels", "visible_document_ids",
    "visible_ids",
))  # fmt: skip


def test_no_name_is_dropped() -> None:
    assert set(policy._SUBMODULE_OF) >= EXPORTED_BEFORE
    assert policy.__all__ == sorted(policy._SUBMODULE_OF)


def test_each_name_is_listed_once() -> None:
    names = [name for names in policy._EXPORTS.values() for name in names]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", sorted(policy._SUBMODULE_OF))
def test_name_resolves_to_its_submodules_object(name: str) -> None:
    module = importlib.import_module(f"records.policy.{policy._SUBMODULE_OF[name]}")
    assert getattr(policy, name) is getattr(module, name)
    assert name in dir(policy)


def test_star_import_and_unknown_names() -> None:
    namespace: dict[str, object] = {}
    exec("from records.policy import *", namespace)
    assert set(policy.__all__) <= set(namespace)
    with pytest.raises(AttributeError, match="no_such_rule"):
        _ = policy.no_such_rule
    with pytest.raises(ImportError):
        exec("from records.policy import no_such_rule", {})


def test_models_free_modules_load_no_models() -> None:
    """The policy's models-free modules, its Core-row form among them, are imported without
    the models or the ORM."""
    script = (
        "import sys\n"
        "import records.policy.actions, records.policy.plain, records.policy.roles\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = set(done.stdout.split())
    assert {"records.policy", "records.policy.plain", "records.policy.roles"} <= loaded
    assert not loaded & {"records.models", "sqlalchemy.orm", "records.policy.documents"}
