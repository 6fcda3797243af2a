"""Roles of the document rules that the policy's models-free forms need too.

This module imports nothing of the models, so :mod:`records.policy.plain` (the Core-row form
of the document rule) and :mod:`records.policy.documents` share one definition.
"""

from __future__ import annotations

#: Roles that may see documents at all. Auditors read the audit log, not the files; an
#: administrator sees what their body and clearance allow, nothing more (need-to-know).
READER_ROLES = ("administrator", "leader", "officer", "clerk", "viewer", "archivist")
