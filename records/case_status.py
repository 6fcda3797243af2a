"""The controlled lists of a case: statuses with their allowed transitions, monitoring levels.

A vụ việc (matter) is verified and, when it shows signs of a crime, recommended for
prosecution and sent to investigators; once prosecution is initiated (khởi tố) it becomes a
vụ án (criminal case) and follows the Criminal Procedure Code: investigation, indictment,
first-instance and appeal trials, enforcement (docs/domain.md §3.1).
"""

from __future__ import annotations

#: Every status, in the order a case normally passes through them.
STATUSES: tuple[str, ...] = (
    "tiep_nhan",  # received, registered
    "xac_minh",  # being verified / inspected
    "chuyen_cqdt",  # recommended for prosecution, sent to the investigation body
    "khoi_to",  # prosecution initiated: from here on the case is a vụ án
    "dieu_tra",  # investigation
    "tam_dinh_chi",  # investigation suspended
    "truy_to",  # indictment
    "xet_xu_so_tham",  # first-instance trial
    "xet_xu_phuc_tham",  # appeal trial
    "thi_hanh_an",  # enforcement of the judgment, asset recovery
    "ket_thuc",  # closed
)

#: Statuses a case of each kind may be created in or be in.
KIND_STATUSES: dict[str, tuple[str, ...]] = {
    "vu_viec": ("tiep_nhan", "xac_minh", "chuyen_cqdt", "ket_thuc"),
    "vu_an": (
        "khoi_to",
        "dieu_tra",
        "tam_dinh_chi",
        "truy_to",
        "xet_xu_so_tham",
        "xet_xu_phuc_tham",
        "thi_hanh_an",
        "ket_thuc",
    ),
}

INITIAL_STATUS: dict[str, str] = {"vu_viec": "tiep_nhan", "vu_an": "khoi_to"}

#: Allowed moves. Backward moves are the returns the procedure knows: investigators send
#: a matter back for more verification, the procuracy or the court returns a file for
#: supplementary investigation, an appeal court sends a case back for a new first trial.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "tiep_nhan": ("xac_minh", "chuyen_cqdt", "ket_thuc"),
    "xac_minh": ("chuyen_cqdt", "ket_thuc"),
    "chuyen_cqdt": ("khoi_to", "xac_minh", "ket_thuc"),
    "khoi_to": ("dieu_tra",),
    "dieu_tra": ("truy_to", "tam_dinh_chi", "ket_thuc"),
    "tam_dinh_chi": ("dieu_tra", "ket_thuc"),
    "truy_to": ("xet_xu_so_tham", "dieu_tra", "ket_thuc"),
    "xet_xu_so_tham": ("xet_xu_phuc_tham", "thi_hanh_an", "dieu_tra", "ket_thuc"),
    "xet_xu_phuc_tham": ("thi_hanh_an", "xet_xu_so_tham", "ket_thuc"),
    "thi_hanh_an": ("ket_thuc",),
    "ket_thuc": (),
}

#: Entering ``khoi_to`` turns a vụ việc into a vụ án.
BECOMES_CRIMINAL_CASE = "khoi_to"

KINDS: tuple[str, ...] = ("vu_viec", "vu_an")

#: Who monitors and directs the case, highest first (docs/domain.md §3.1).
MONITORING_LEVELS: tuple[str, ...] = ("bcd_trung_uong", "bcd_tinh", "ban_thuong_vu", "co_quan")


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())
