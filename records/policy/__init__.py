"""The access policy: the one place that decides who may see, download, edit or share.

The rules are written for people in ``docs/access-policy.md``; this package is that table
in code, one module per kind of object. Nothing else in hoso decides access.
"""

from records.policy.actions import Action
from records.policy.cases import can_case, case_clause
from records.policy.documents import can, document_clause, document_engine_filter, may_see
from records.policy.uploads import (
    classification_levels,
    may_classify,
    may_register_for,
    may_reprocess_all,
    may_rerun,
    may_share_new,
    may_upload,
    registrable_agency_clause,
)

__all__ = [
    "Action",
    "can",
    "can_case",
    "case_clause",
    "classification_levels",
    "document_clause",
    "document_engine_filter",
    "may_classify",
    "may_register_for",
    "may_reprocess_all",
    "may_rerun",
    "may_see",
    "may_share_new",
    "may_upload",
    "registrable_agency_clause",
]
