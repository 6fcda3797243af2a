"""Corrections of extracted metadata by a user: checked, kept, audited, winning over re-runs.

A correction is stored in ``Document.corrections`` (field -> JSON value) and applied after
every parse (:func:`apply_corrections`), so a re-run with better rules never undoes what a
person fixed. Only values that differ from the current ones become corrections; a field
left as extracted keeps following the extraction.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping

from sqlalchemy.orm import Session

from indexer.metadata import number_key
from indexer.metadata_review import refresh_review_flag
from records import audit, denunciation_letters, policy
from records.codes import CONFIDENTIALITY, DOC_TYPES, URGENCY, clearance_rank
from records.errors import RuleError
from records.models import Document, User
from records.sharing import recheck_after_raise

#: Metadata fields a user may correct.
CORRECTABLE = (
    "doc_type",
    "number",
    "issued_date",
    "place",
    "issuer",
    "subject",
    "signer",
    "confidentiality",
    "urgency",
)
_CHOICES = {"doc_type": DOC_TYPES, "confidentiality": CONFIDENTIALITY, "urgency": URGENCY}
_REQUIRED = ("doc_type", "confidentiality")
_MAX_LENGTH = {"number": 128, "place": 255, "issuer": 512, "signer": 255, "subject": 4000}

JSONValue = str | None


def _refuse(code: str, field: str) -> RuleError:
    """A corrected value is not acceptable: ``code`` says why, the ``field`` parameter names
    the field."""
    return RuleError(code, field=field)


def clean_value(field: str, raw: object) -> JSONValue:
    """The stored (JSON) form of a value typed for ``field``: NFC, spaces collapsed,
    an empty value is None ("not printed"); dates as ISO strings."""
    if field not in CORRECTABLE:
        raise _refuse("unknown_field", field)
    if isinstance(raw, dt.date):
        raw = raw.isoformat()
    if raw is not None and not isinstance(raw, str):
        raise _refuse("not_text", field)
    value = " ".join(unicodedata.normalize("NFC", raw or "").split())
    if not value:
        if field in _REQUIRED:
            raise _refuse("required", field)
        return None
    if field in _CHOICES and value not in _CHOICES[field]:
        raise _refuse("not_a_choice", field)
    if field == "issued_date":
        try:
            value = dt.date.fromisoformat(value).isoformat()
        except ValueError as err:
            raise _refuse("bad_date", field) from err
    if len(value) > _MAX_LENGTH.get(field, 4000):
        raise _refuse("too_long", field)
    return value


def current_value(document: Document, field: str) -> JSONValue:
    value = getattr(document, field)
    return value.isoformat() if isinstance(value, dt.date) else value


def correct(
    session: Session,
    user: User,
    document: Document,
    changes: Mapping[str, object],
    *,
    reason: str = "",
    ip: str = "",
) -> dict[str, dict[str, JSONValue]]:
    """Correct ``document``'s metadata; return ``{field: {"old", "new"}}`` of what changed.

    The caller has checked that ``user`` may edit the document; the level a user may set
    is checked here (never above their clearance; lowering it is a leader's act with a
    ``reason``, and raising it re-checks the shares). The change is audited with the old
    and new values; the caller commits and queues re-indexing.
    """
    cleaned = {field: clean_value(field, raw) for field, raw in changes.items()}
    level = cleaned.get("confidentiality")
    if level is not None and level not in policy.classification_levels(user):
        raise _refuse("level_too_high", "confidentiality")
    lowering = level is not None and clearance_rank(level) < clearance_rank(
        document.confidentiality
    )
    reason = " ".join((reason or "").split())
    if lowering:
        if not policy.can_change_level(user, document, level):
            raise _refuse("lower_forbidden", "confidentiality")
        if not reason:
            raise _refuse("reason_required", "confidentiality")
    diff = {
        field: {"old": current_value(document, field), "new": new}
        for field, new in cleaned.items()
        if _comparable(field, current_value(document, field)) != new
    }
    if not diff:
        return {}
    if (
        "doc_type" in diff
        and document.doc_type == policy.DENUNCIATION_LETTER
        and policy.unregistered_letter(document, session)
    ):
        raise _refuse("letter_unregistered", "doc_type")
    previous_level = document.confidentiality
    document.corrections = {
        **(document.corrections or {}),
        **{field: values["new"] for field, values in diff.items()},
    }
    apply_corrections(document)
    document.touch()
    extra = {"reason": reason} if lowering else {}
    audit.record(
        session,
        user,
        "document.correct",
        object_type="document",
        object_id=document.id,
        ip=ip,
        level=max(previous_level, document.confidentiality, key=clearance_rank),
        changes=diff,
        **extra,
    )
    if clearance_rank(document.confidentiality) > clearance_rank(previous_level):
        recheck_after_raise(session, user, document)
    denunciation_letters.protect(session, user, document)
    return diff


def _comparable(field: str, value: JSONValue) -> JSONValue:
    """A current value as a form would post it back unchanged (spaces collapsed; a
    document not parsed yet has type "other")."""
    if field == "doc_type" and value is None:
        return "other"
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFC", value).split()) or None


def apply_corrections(document: Document) -> None:
    """Set every corrected field (after a parse has set the extracted values)."""
    for field, value in (document.corrections or {}).items():
        if field not in CORRECTABLE:
            continue
        if field == "issued_date":
            document.issued_date = dt.date.fromisoformat(value) if value else None
            document.date_precision = "day" if value else None
        elif field == "number":
            document.number = value
            document.number_key = number_key(value) if value else None
        else:
            setattr(document, field, value)
    refresh_review_flag(document)
