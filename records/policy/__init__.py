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
from records.policy.cases import can_case, case_clause
from records.policy.documents import (
    can,
    can_register,
    document_clause,
    document_engine_filter,
    may_see,
    visible_document_ids,
)
from records.policy.participation import (
    MONITORING_BODY,
    case_access_agency_ids,
    case_access_codes,
)

__all__ = [
    "MONITORING_BODY",
    "Action",
    "audit_clause",
    "can",
    "can_case",
    "can_manage_token",
    "can_manage_users",
    "can_read_audit",
    "can_register",
    "case_access_agency_ids",
    "case_access_codes",
    "case_clause",
    "document_clause",
    "document_engine_filter",
    "may_see",
    "visible_document_ids",
]
