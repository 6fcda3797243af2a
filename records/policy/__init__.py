"""The access policy: the one place that decides who may see, download, edit or share.

The rules are written for people in ``docs/access-policy.md``; this package is that table
in code, one module per kind of object. Nothing else in hoso decides access.
"""

from records.policy.actions import Action
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
from records.policy.documents import can, document_clause, document_engine_filter, may_see
from records.policy.objects import visible_ids
from records.policy.requests import RequestAction, can_ask, can_request, request_clause

__all__ = [
    "Action",
    "RequestAction",
    "can",
    "can_ask",
    "can_attach",
    "can_case",
    "can_create_case",
    "can_detach",
    "can_record_outcome",
    "can_request",
    "can_see_transfer",
    "can_transfer",
    "case_clause",
    "case_work_clause",
    "document_clause",
    "document_engine_filter",
    "may_see",
    "request_clause",
    "transfer_clause",
    "visible_ids",
]
