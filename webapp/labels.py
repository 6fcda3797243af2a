"""Names people read for the codes of ``records.codes``, in their language."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

DOC_TYPES = {
    "chi_thi": _l("Chỉ thị"),
    "quyet_dinh": _l("Quyết định"),
    "quy_che": _l("Quy chế"),
    "ke_hoach": _l("Kế hoạch"),
    "bao_cao": _l("Báo cáo"),
    "ket_luan_thanh_tra": _l("Kết luận thanh tra"),
    "thong_bao": _l("Thông báo"),
    "bien_ban": _l("Biên bản"),
    "cong_van": _l("Công văn"),
    "nghi_quyet": _l("Nghị quyết"),
    "huong_dan": _l("Hướng dẫn"),
    "to_trinh": _l("Tờ trình"),
    "don_khieu_nai": _l("Đơn khiếu nại"),
    "don_to_cao": _l("Đơn tố cáo"),
    "don_kien_nghi": _l("Đơn kiến nghị"),
    "don_phan_anh": _l("Đơn phản ánh"),
    "other": _l("Khác"),
}

CONFIDENTIALITY = {
    "thuong": _l("Thường"),
    "mat": _l("Mật"),
    "toi_mat": _l("Tối mật"),
    "tuyet_mat": _l("Tuyệt mật"),
}

URGENCY = {
    "khan": _l("Khẩn"),
    "thuong_khan": _l("Thượng khẩn"),
    "hoa_toc": _l("Hỏa tốc"),
}

#: Processing states of a document, plus "duplicate" for an upload of a file already held.
STATUSES = {
    "received": _l("Đã nhận"),
    "processing": _l("Đang xử lý"),
    "parsed": _l("Đã đọc nội dung"),
    "indexed": _l("Đã sẵn sàng tìm kiếm"),
    "failed": _l("Lỗi"),
    "duplicate": _l("Trùng tệp đã có"),
}


def label(table: dict[str, object], code: str | None) -> str:
    """The name of ``code`` in ``table``; the code itself when unknown, "" for None."""
    if code is None:
        return ""
    return str(table.get(code, code))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        doc_type_label=lambda code: label(DOC_TYPES, code),
        confidentiality_label=lambda code: label(CONFIDENTIALITY, code),
        urgency_label=lambda code: label(URGENCY, code),
        status_label=lambda code: label(STATUSES, code),
    )
