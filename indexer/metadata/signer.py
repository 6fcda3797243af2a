"""The signature block: authority prefix (TM./KT./TL./TUQ./Q.), office, and the signer's name.

A block is an authority line ("KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ") or an office line in
capitals ("VIỆN TRƯỞNG", "NGƯỜI KHIẾU NẠI"), followed within a few lines by a personal
name; web copies also print "Tố Hữu" / "(Đã ký)" or "Đã ký: Vũ Đức Khiển".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata.text import afold, collapse, is_caps

_AUTHORITY = re.compile(
    r"(?<![^\W\d_])(?P<a>T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TUQ\.|TM\.|KT\.|TL\.|Q\.)"
    r"\s*(?P<of>[^\W\d_]+)"
)
_CANONICAL = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}
# Office words of a signer (folded).
_OFFICE = re.compile(
    r"\b(?:chu\s+tich|(?:vien|bo|cuc|vu|thu|hieu|so|to|doi)\s+truong"
    r"|truong\s+(?:ban|phong|doan|khoa|tram)|bi\s+thu|giam\s+doc|chanh\s+\w+|chu\s+nhiem"
    r"|thu\s+tuong|tong\s+thanh\s+tra|thu\s+ky|chu\s+toa|dai\s+dien|uy\s+vien|tham\s+phan"
    r"|kiem\s+sat\s+vien|thanh\s+tra\s+vien|dieu\s+tra\s+vien|nguoi\s+\w+(?:\s+\w+)?)\b"
)
# Stamps and instructions printed around the name (on folded text).
_SIGNED = re.compile(r"^\(?\s*(?:da\s+ky|ky\s+ten|ky,?\s+ghi\s+ro|chu\s+ky|ky\s+va)")
_SIGNED_PREFIX = re.compile(r"^\(?\s*da\s+ky\s*\)?\s*:?\s*")
_SIGNED_ONLY = re.compile(r"^\(?\s*da\s+ky\s*\)?$")
# Police and army ranks printed before the name ("Đại tá Nguyễn Văn A").
_RANK = re.compile(r"^(?:dai|thuong|trung|thieu)\s+(?:tuong|ta|uy)\s+")
_LOOKAHEAD = 8


@dataclass(frozen=True)
class Signature:
    signer: str | None
    authority: str | None
    repaired: bool = False  # the name was read through OCR noise (see ``_repaired_name``)


def is_person_name(text: str) -> bool:
    """2-5 capitalised words of letters only ("Lê Minh Trí", "Bùi Thị Mẫu Đơn")."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    return all(w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)


def _name_in(line: str) -> str | None:
    """The name on a signature line, without "Đã ký:", a rank or a trailing "(đã ký)"."""
    prefix = _SIGNED_PREFIX.match(afold(line))
    text = line[prefix.end() :] if prefix else line
    text = collapse(re.sub(r"\([^)]*\)|\[[^]]*\]", " ", text)).strip(" .,;")
    rank = _RANK.match(afold(text))
    if rank:
        text = text[rank.end() :]
    return text if is_person_name(text) else None


# OCR debris around a name: bars, underscores, stray dots and quotes, a lone figure.
_DEBRIS = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def _unglue(text: str) -> str:
    """A space between a lower-case letter and a capital that starts a word ("LêMinh")."""
    out = []
    for index, char in enumerate(text):
        if index and char.isupper() and text[index - 1].islower():
            out.append(" ")
        out.append(char)
    return "".join(out)


def _repaired_name(line: str) -> str | None:
    """A name that OCR garbled in ways that do not change it: debris at either end
    ("| Lê Minh Trí .", "Lê Minh Trí_"), a stamp's text glued to it, words glued
    ("LêMinh Trí")."""
    text = collapse(_DEBRIS.sub("", collapse(re.sub(r"\([^)]*\)?", " ", line))))
    if not text or len(text) > 40:
        return None
    text = _unglue(text)
    return text if is_person_name(text) else None


def _authority(line: str) -> str | None:
    match = _AUTHORITY.search(line)
    if match is None or not match.group("of").isupper():
        return None
    return _CANONICAL[re.sub(r"[\s/.]", "", match.group("a"))]


def _is_block_start(line: str) -> bool:
    if _authority(line):
        return True
    return is_caps(line, 0.9) and len(line.split()) <= 12 and bool(_OFFICE.search(afold(line)))


def _name_below(lines: list[str]) -> tuple[str | None, bool]:
    """The name within a few lines under an office line (skipping stamps and more offices),
    and whether it had to be repaired."""
    for line in lines[:_LOOKAHEAD]:
        name = _name_in(line)
        if name:
            return name, False
        repaired = _repaired_name(line)
        if repaired and not _is_block_start(line):
            return repaired, True
        if not (is_caps(line) or _SIGNED.match(afold(line)) or _beside(line)):
            return None, False
    return None, False


def _beside(line: str) -> bool:
    """A line printed beside the signature: a stamp in brackets, or the recipients' list,
    which extraction and OCR interleave with it ("- Như trên;", "Nơi nhận:")."""
    return line.startswith(("(", "[", "-", "+", "•")) or afold(line).startswith("noi nhan")


def _office_above_name(line: str, following: list[str]) -> bool:
    """An office line not in the table ("TỔNG KIỂM TOÁN NHÀ NƯỚC") directly above a name."""
    return (
        is_caps(line, 0.9)
        and 2 <= len(line.split()) <= 8
        and bool(following)
        and _name_in(following[0]) is not None
    )


# The filing code ending the recipients' list ("Lưu: VT, NC."), not an authority ("KT.").
_ARCHIVE_CODE = re.compile(
    r"^(?!(?:TM|KT|TL|TUQ|Q)\.)[A-ZĐ]{1,6}(?:\(\d+\))?(?:,\s*[A-ZĐ]{1,6})*[.,]\s+"
)


def signature_side(line: str) -> str:
    """The signature column's part of a line OCR read across both columns of the page's
    foot: "- Như trên; KT. CHỦ TỊCH" -> "KT. CHỦ TỊCH", "- Lưu: VT. Lê Văn A" -> "Lê Văn A"."""
    if not _beside(line) or line.startswith(("(", "[")):
        return line
    tail = _ARCHIVE_CODE.sub("", re.split(r"[;:]\s+", line)[-1].strip())
    return tail if tail and (is_caps(tail) or is_person_name(tail.strip(" ."))) else line


def read_signature(lines: list[str]) -> Signature:
    """The first signature block in ``lines`` (the body, after the header)."""
    lines = [signature_side(line) for line in lines]
    for index, line in enumerate(lines):
        following = lines[index + 1 :]
        if _is_block_start(line) or _office_above_name(line, following):
            name, repaired = _name_below(following)
            if name:
                return Signature(name, _authority(line), repaired)
        name = _name_in(line)
        signed_below = bool(following) and _SIGNED_ONLY.match(afold(following[0])) is not None
        if name and (_SIGNED_PREFIX.match(afold(line)) or signed_below):
            return Signature(name, None)
    return Signature(None, None)


_PETITIONER = re.compile(
    r"^(?:ho\s+(?:va\s+)?ten(?:\s+nguoi\s+[^:]{2,20})?|toi\s+ten\s+la|ten\s+toi\s+la|toi\s+la)"
    r"\s*:?\s*"
)


def petitioner_name(lines: list[str]) -> str | None:
    """The name a petitioner gives ("Họ và tên: Nguyễn Văn A;", "Tôi tên là: ..., sinh năm")."""
    for line in lines:
        label = _PETITIONER.match(afold(line))
        if label is None:
            continue
        name = re.split(r"[;,(]|\s+-\s+|\s+sinh\s", line[label.end() :])[0]
        name = collapse(name).strip(" .")
        if is_person_name(name):
            return name
    return None
