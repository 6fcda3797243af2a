"""Vietnamese (translatable) names of the controlled codes in ``records.codes``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Agency

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
    "other": _l("Văn bản khác"),
}
CONFIDENTIALITY = {
    "thuong": _l("Thường"),
    "mat": _l("Mật"),
    "toi_mat": _l("Tối mật"),
    "tuyet_mat": _l("Tuyệt mật"),
}
URGENCY = {"khan": _l("Khẩn"), "thuong_khan": _l("Thượng khẩn"), "hoa_toc": _l("Hỏa tốc")}
STATUSES = {
    "received": _l("Đã nhận"),
    "processing": _l("Đang xử lý"),
    "parsed": _l("Đã phân tích"),
    "indexed": _l("Đã lập chỉ mục"),
    "failed": _l("Lỗi xử lý"),
}


def label(table: dict[str, object], code: str | None) -> str:
    """The name of ``code`` in ``table``, or the code itself when it is not listed."""
    if not code:
        return ""
    return str(table.get(code, code))


def agency_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Agency.code, Agency.name)).all())
