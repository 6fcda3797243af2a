"""The numbers a letter gives for its sender: the citizen ID (CCCD, CMND) and the phone
number written after their labels ("CCCD số 001 188 002 345", "SĐT: 0987.654.321"), read
so that the petition register's form can record them and masking then hides them."""

from __future__ import annotations

import re

from indexer.normalize import fold

_ID_LABEL = (
    r"\b(?:cccd|cmnd|cmt|can cuoc(?: cong dan)?|chung minh (?:nhan dan|thu)"
    r"|(?:so )?dinh danh(?: ca nhan)?)\b"
)
_PHONE_LABEL = r"\b(?:dien thoai(?: di dong)?|di dong|sdt|so dt|dtdd|dt)\b"
#: What stands between a label and its number: "số", ":", "là", spaces (no digit, no line).
_GAP = r"[^\d\n+]{0,16}?"
#: Digits grouped by single spaces, dots or dashes ("0987.654.321", "+84 987 654 321").
_NUMBER = r"(\+?\d(?:[ .\-]?\d){7,13})"
_ID = re.compile(_ID_LABEL + _GAP + _NUMBER)
_PHONE = re.compile(_PHONE_LABEL + _GAP + _NUMBER)
#: CMND has 9 digits, CCCD 12.
ID_DIGITS = (9, 12)


def id_number(text: str) -> str:
    """The first citizen ID written after its label, as digits; "" when there is none."""
    for match in _ID.finditer(fold(text)):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) in ID_DIGITS:
            return digits
    return ""


def phone(text: str) -> str:
    """The first phone number written after its label, in its national form (0…); ""
    when there is none."""
    for match in _PHONE.finditer(fold(text)):
        number = match.group(1)
        digits = re.sub(r"\D", "", number)
        if number.startswith("+84") or (digits.startswith("84") and len(digits) == 11):
            digits = "0" + digits[2:]
        if digits.startswith("0") and len(digits) in (10, 11):
            return digits
    return ""
