"""Who may see the dashboards and reports, and who may copy them out.

The figures themselves are computed only over what the user may see (the clauses of the
other modules of this package are inside every query), so seeing the dashboard reveals
nothing more than the lists it summarises. Exporting a table to a file is *copying*
(Law on State Secrets, Art. 11), granted to the roles that may download documents —
leaders, officers, clerks — and an exported row of a MẬT or higher object carries its
subject or title only for a leader (cleared for it); for anyone else the file says only
the level. The periodic summary report holds counts only, so whoever sees the dashboard
may generate it.
"""

from __future__ import annotations

from records.codes import clearance_rank
from records.models import User

READER_ROLES = ("administrator", "leader", "officer", "clerk", "viewer")
EXPORT_ROLES = ("leader", "officer", "clerk")
#: Who may copy the subject of a MẬT or higher object into an exported file.
CLASSIFIED_EXPORT_ROLES = ("leader",)


def can_see_reports(user: User) -> bool:
    return user.active and user.has_role(*READER_ROLES)


def can_export_reports(user: User) -> bool:
    return user.active and user.has_role(*EXPORT_ROLES)


def can_generate_summary(user: User) -> bool:
    return can_see_reports(user)


def may_copy_subject(user: User, level: str) -> bool:
    """Whether an exported row of an object at ``level`` may carry its subject or title."""
    if not can_export_reports(user) or clearance_rank(user.clearance) < clearance_rank(level):
        return False
    return clearance_rank(level) == 0 or user.has_role(*CLASSIFIED_EXPORT_ROLES)
