"""The password policy, checked whenever a password is set (create, change, reset)."""

from __future__ import annotations

import itertools

from records.errors import RuleError

MIN_LENGTH = 12

#: Frequent passwords and Vietnamese patterns long enough to pass the length rule.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123456123456",
        "111111111111",
        "000000000000",
        "123123123123",
        "abc123456789",
        "abcd12345678",
        "password1234",
        "password12345",
        "passw0rd1234",
        "p@ssw0rd1234",
        "qwertyuiop12",
        "qwertyuiop123",
        "1qaz2wsx3edc",
        "1q2w3e4r5t6y",
        "qazwsxedcrfv",
        "asdfghjkl123",
        "iloveyou1234",
        "admin1234567",
        "administrator",
        "letmein12345",
        "welcome12345",
        "changeme1234",
        "matkhau12345",
        "matkhau123456",
        "matkhaumoi123",
        "vietnam12345",
        "vietnam123456",
        "hanoi1234567",
        "anhyeuem1234",
        "motthaibabon",
        "hoso12345678",
        "hosotailieu1",
        "noichinh1234",
        "tinhuy123456",
    }
)


def check_password(password: str, username: str) -> None:
    """Raise a RuleError (``password.*``) unless ``password`` satisfies the policy."""
    if len(password) < MIN_LENGTH:
        raise RuleError("password.too_short", n=MIN_LENGTH)
    lowered = password.lower()
    if username and username.lower() in lowered:
        raise RuleError("password.username")
    if lowered in COMMON_PASSWORDS or len(set(lowered)) <= 2 or _is_sequence(lowered):
        raise RuleError("password.common")


def _is_sequence(text: str) -> bool:
    """A run like 'abcdefghijkl' or '987654321098': each character one step from the last."""
    steps = {
        (ord(b) - ord(a)) % 10 if a.isdigit() else ord(b) - ord(a)
        for a, b in itertools.pairwise(text)
    }
    return len(steps) == 1 and steps <= {1, -1, 9}
