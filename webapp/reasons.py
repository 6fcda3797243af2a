"""Why a file failed, told in the user's language.

The pipeline keeps a code and its parameters next to an English message
(``Document.error_code``/``error_params``); this module holds the sentences people read.
An unknown code falls back to the English message. (Refusals of a user's action, a refused
upload or correction, are rule errors, told by ``webapp.labels.message``.)
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from indexer.extract.formats import LABELS
from records.models import Document

_FAILURES = {
    "empty_file": _l("Tệp rỗng (0 byte)."),
    "unknown_format": _l("Không nhận ra định dạng tệp (không phải PDF, Word, văn bản hay ảnh)."),
    "image_format": _l("Định dạng ảnh này không được hỗ trợ; hãy dùng JPEG, PNG hoặc TIFF."),
    "archive": _l("Không nhận tệp nén (ZIP, RAR, 7z…); hãy giải nén rồi tải lên từng tệp."),
    "zip_damaged": _l("Tệp bị hỏng hoặc không đầy đủ (cấu trúc ZIP không hợp lệ)."),
    "zip_not_document": _l("Tệp ZIP không phải văn bản Word (DOCX) hay OpenDocument (ODT)."),
    "office_not_word": _l("Tệp Office cũ này không phải văn bản Word."),
    "spreadsheet": _l("Không nhận tệp bảng tính."),
    "presentation": _l("Không nhận tệp trình chiếu."),
    "unreadable": _l("Không đọc được tệp: %(detail)s"),
    "file_missing": _l("Không tìm thấy tệp đã lưu trên máy chủ; hãy báo quản trị hệ thống."),
    "file_corrupt": _l("Tệp đã lưu bị hỏng (sai mã kiểm tra sha256); hãy báo quản trị hệ thống."),
    "truncated": _l("Tệp bị cắt cụt (không đầy đủ)."),
    "too_deep": _l("Tệp %(kind)s bị hỏng: cấu trúc lồng nhau quá sâu."),
    "image_too_large": _l("Ảnh quá lớn."),
    "image_damaged": _l("Ảnh bị hỏng hoặc thuộc biến thể không được hỗ trợ."),
    "damaged": _l("Tệp %(kind)s bị hỏng: %(detail)s"),
    "no_pages": _l("Tệp PDF không có trang nào."),
    "pdf_password": _l("Tệp PDF được bảo vệ bằng mật khẩu."),
    "pdf_encrypted": _l("Tệp PDF được mã hóa theo cách không hỗ trợ."),
    "too_many_pages": _l("Tệp có quá nhiều trang (giới hạn %(limit)s trang)."),
    "page_image_too_large": _l("Ảnh trang quá lớn: %(width)s×%(height)s điểm ảnh."),
    "ocr_missing": _l("Trang quét cần nhận dạng chữ (Tesseract) nhưng máy chủ chưa cài đặt."),
    "ocr_timeout": _l("Nhận dạng chữ một trang mất quá %(seconds)s giây."),
    "ocr_failed": _l("Nhận dạng chữ (OCR) thất bại: %(detail)s"),
    "office_missing": _l("Tệp %(kind)s cần LibreOffice để đọc nhưng máy chủ chưa cài đặt."),
    "office_unreadable": _l("LibreOffice không đọc được tệp %(kind)s này."),
    "office_timeout": _l("Chuyển đổi tệp %(kind)s mất quá %(seconds)s giây."),
    "zip_members": _l("Tệp có quá nhiều thành phần (%(parts)s, giới hạn %(limit)s)."),
    "zip_size": _l("Tệp giải nén ra %(mb)s MB, vượt giới hạn %(limit)s MB (nghi là tệp bom nén)."),
    "zip_ratio": _l(
        "Thành phần %(part)s nén với tỉ lệ %(ratio)s:1, vượt giới hạn %(limit)s:1 "
        "(nghi là tệp bom nén)."
    ),
    "timeout": _l("Đọc tệp mất quá %(seconds)s giây."),
    "memory": _l("Đọc tệp cần hơn %(mb)s MB bộ nhớ."),
    "cpu": _l("Đọc tệp dùng quá %(seconds)s giây xử lý."),
    "crashed": _l("Trình đọc tệp bị dừng đột ngột (%(signal)s)."),
    "no_result": _l("Trình đọc tệp dừng mà không có kết quả (mã %(status)s)."),
    "index_refused": _l("Máy tìm kiếm từ chối lập chỉ mục văn bản này: %(detail)s"),
}

#: The name of each file kind, from the format registry (its msgids, translated here).
_KINDS = {kind: _l(label) for kind, label in LABELS.items()}


def _format(template: object, params: Mapping[str, object], fallback: str) -> str:
    values = {key: _param(key, value) for key, value in params.items()}
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return fallback


def _param(key: str, value: object) -> object:
    if key == "kind" and isinstance(value, str):
        return str(_KINDS.get(value, value.upper()))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def failure_reason(document: Document) -> str:
    """Why ``document`` failed, for a clerk; "" when it has not failed."""
    if document.status != "failed":
        return ""
    fallback = document.error or _("Không đọc được tệp.")
    template = _FAILURES.get(document.error_code or "")
    if template is None:
        return fallback
    return _format(template, document.error_params or {}, fallback)


def cannot_read(detail: str) -> str:
    return _format(_FAILURES["unreadable"], {"detail": detail}, detail)


def too_large(limit_mb: int) -> str:
    return _("Tệp lớn hơn giới hạn %(mb)s MB; tệp này không được lưu.", mb=limit_mb)


def store_unavailable() -> str:
    return _("Kho lưu tệp tạm thời không truy cập được; tệp này chưa được lưu, hãy thử lại sau.")


def held_elsewhere() -> str:
    return _(
        "Tệp này đã có trong kho của cơ quan khác; tải lên không cho quyền xem tài liệu đó. "
        "Đề nghị cơ quan sở hữu chia sẻ nếu cần."
    )
