"""Controlled vocabularies shared by every layer (docs/contracts.md)."""

from __future__ import annotations

DOC_TYPES: tuple[str, ...] = (
    "chi_thi",
    "quyet_dinh",
    "quy_che",
    "ke_hoach",
    "bao_cao",
    "ket_luan_thanh_tra",
    "thong_bao",
    "bien_ban",
    "cong_van",
    "nghi_quyet",
    "huong_dan",
    "to_trinh",
    "don_khieu_nai",
    "don_to_cao",
    "don_kien_nghi",
    "don_phan_anh",
    "other",
)

#: Confidentiality levels, lowest first; a user sees a level when their clearance is >= it.
CONFIDENTIALITY: tuple[str, ...] = ("thuong", "mat", "toi_mat", "tuyet_mat")

URGENCY: tuple[str, ...] = ("khan", "thuong_khan", "hoa_toc")


def clearance_rank(level: str) -> int:
    """Position of a confidentiality/clearance level; unknown levels rank highest (deny)."""
    try:
        return CONFIDENTIALITY.index(level)
    except ValueError:
        return len(CONFIDENTIALITY)


def levels_up_to(clearance: str) -> list[str]:
    """The confidentiality levels a holder of ``clearance`` may read."""
    return list(CONFIDENTIALITY[: clearance_rank(clearance) + 1])


#: The local administrator, whom ``hoso`` commands act as unless told ``--as USER``.
ADMIN_USERNAME = "admin"

#: ``archivist`` (cán bộ lưu trữ) keeps the retention schedule, legal holds and disposal lists.
ROLES: tuple[str, ...] = (
    "administrator",
    "leader",
    "officer",
    "clerk",
    "auditor",
    "viewer",
    "archivist",
)

#: received -> processing -> parsed (text and metadata saved) -> indexed; or failed.
DOCUMENT_STATUSES: tuple[str, ...] = (
    "received",
    "processing",
    "parsed",
    "indexed",
    "failed",
    "disposed",
)
