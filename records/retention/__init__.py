"""Document lifecycle after registration: the retention schedule, legal holds, the trash
and disposal lists. Nothing disappears without an approved disposal list, and a disposed
document keeps its record and audit trail (docs/lifecycle.md)."""
