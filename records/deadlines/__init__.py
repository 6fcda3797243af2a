"""Legal deadlines: the rules as data (``rules``) and their computation (``compute``)."""

from records.deadlines.compute import (
    NEAR_DUE_WORKING_DAYS,
    Deadline,
    DueStatus,
    compute,
    due_status,
    near_from,
)
from records.deadlines.rules import RULES, NoRuleInForce, Rule, rule_for, rule_for_petition

__all__ = [
    "NEAR_DUE_WORKING_DAYS",
    "RULES",
    "Deadline",
    "DueStatus",
    "NoRuleInForce",
    "Rule",
    "compute",
    "due_status",
    "near_from",
    "rule_for",
    "rule_for_petition",
]
