"""Receiving one uploaded file from a web form or the API: stored, committed, then queued.

Each file is a unit of work of its own: it is committed as soon as it is stored, so a later
file's failure loses nothing, and the answer says whether the broker took it
(:func:`indexer.unit_of_work.delivered`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user

from indexer import unit_of_work
from records.intake import UploadTarget, clean_filename, receive
from records.storage import FileTooLarge, StorageError
from webapp.db_session import db_session
from webapp.features.denouncers import shown_document
from webapp.reasons import held_elsewhere, store_unavailable, too_large
from webapp.services import services


@dataclass(frozen=True)
class UploadResult:
    """What became of one file: ``status`` is received, duplicate or failed; a failure's
    ``problem`` is ``too_large``, ``store_unavailable`` (the file store did not answer;
    nothing was kept) or ``held_elsewhere`` (the file is held already in a document the
    uploader may not see); ``queued`` is False when the broker could not take
    it (it waits for the queue, and is queued as soon as the broker answers)."""

    filename: str
    status: str
    id: int | None = None
    error: str = ""
    problem: str = ""
    queued: bool = True

    @property
    def too_large(self) -> bool:
        return self.problem == "too_large"

    @property
    def held_elsewhere(self) -> bool:
        return self.problem == "held_elsewhere"

    @property
    def store_unavailable(self) -> bool:
        return self.problem == "store_unavailable"

    def as_json(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "id": self.id,
            "status": self.status,
            "duplicate": self.status == "duplicate",
            "error": self.error or None,
            "queued": self.queued,
            "message": None if self.queued else waiting_for_queue(),
        }


def accept(stream: IO[bytes], filename: str, target: UploadTarget, channel: str) -> UploadResult:
    """Store one file for ``target`` and commit; the commit queues its parsing (or, for a
    file already held and now attached to a case, the re-indexing of its document)."""
    session = db_session()
    limit_mb = services().settings.max_upload_mb
    try:
        received = receive(
            session,
            services().store,
            stream,
            filename,
            user=current_user,
            agency=target.owner,
            channel=channel,
            max_bytes=limit_mb * 1024 * 1024,
            confidentiality=target.confidentiality,
            shared_all=target.shared_all,
            shared_with=target.shared_with,
            case=target.case,
            ip=request.remote_addr or "",
        )
        session.commit()  # the file on its own: a later file's failure loses nothing
    except FileTooLarge:
        session.rollback()
        return UploadResult(
            filename=filename, status="failed", error=too_large(limit_mb), problem="too_large"
        )
    except StorageError as err:
        session.rollback()
        current_app.logger.error("upload of %s not stored: %s", filename, err)
        return UploadResult(
            filename=filename,
            status="failed",
            error=store_unavailable(),
            problem="store_unavailable",
        )
    if received.withheld:
        return UploadResult(
            filename=clean_filename(filename),
            status="failed",
            error=held_elsewhere(),
            problem="held_elsewhere",
        )
    document = received.document
    # A duplicate names the document held already, which may be a denunciation's.
    shown, _protection = shown_document(session, current_user, document)
    if received.duplicate:
        return UploadResult(filename=shown.filename, status="duplicate", id=document.id)
    return UploadResult(
        filename=shown.filename,
        status="received",
        id=document.id,
        queued=unit_of_work.delivered(session, document.id),
    )


def waiting_for_queue() -> str:
    """What an uploader reads when the file is stored but could not be queued yet."""
    return _(
        "Đã nhận, chờ xếp hàng: hàng đợi xử lý tạm thời không liên lạc được; tài liệu "
        "đã được lưu an toàn và sẽ được xử lý ngay khi hàng đợi hoạt động trở lại."
    )
