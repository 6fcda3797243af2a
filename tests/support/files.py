"""Many small, distinct documents, made quickly (for load and fault tests)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx

AGENCIES = ("Thanh tra tỉnh", "Công an tỉnh", "Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh")


def letter_text(n: int) -> str:
    """The text of the ``n``-th letter: a unique number and a unique token ``mau<n>``."""
    agency = AGENCIES[n % len(AGENCIES)]
    return (
        "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH\n"
        f"Số: {n}/UBND-NC\n"
        f"Thái Bình, ngày {n % 28 + 1:02d} tháng {n % 12 + 1:02d} năm 2024\n"
        f"V/v phối hợp xác minh đơn tố cáo mau{n}\n"
        f"Kính gửi: {agency}\n"
        f"Đề nghị {agency} phối hợp xác minh nội dung đơn số {n} (mã mau{n}).\n"
    )


def make_letters(folder: Path, count: int, *, start: int = 0, docx_every: int = 5) -> list[Path]:
    """``count`` distinct letters: mostly .txt, every ``docx_every``-th one a .docx."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        text = letter_text(n)
        if docx_every and n % docx_every == 0:
            path = folder / f"cong-van-{n}.docx"
            document = docx.Document()
            for line in text.splitlines():
                document.add_paragraph(line)
            document.save(str(path))
        else:
            path = folder / f"cong-van-{n}.txt"
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
