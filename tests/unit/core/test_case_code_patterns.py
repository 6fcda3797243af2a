"""Which case-code patterns an administrator may set, and the codes they give."""

from __future__ import annotations

from datetime import date

import pytest

from records.case_codes import DEFAULT_PATTERN, check_pattern, example
from records.errors import RuleError
from records.models import Agency


@pytest.mark.parametrize(
    "pattern", [DEFAULT_PATTERN, "{serial}/{year}/{body}", "HS.{year}.{serial}", "  {serial}  "]
)
def test_valid_patterns_are_kept_stripped(pattern: str) -> None:
    assert check_pattern(pattern) == pattern.strip()


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("{kind}-{body}-{year}", "case_code.pattern_serial"),  # no serial: every code the same
        ("{serial}-{serial}", "case_code.pattern_serial"),
        ("{kind}-{nam}-{serial}", "case_code.pattern_token"),
        ("VV {serial}", "case_code.pattern_chars"),  # a space
        ("VỤ-{serial}", "case_code.pattern_chars"),  # a diacritic
        ("-{serial}", "case_code.pattern_chars"),  # not a letter, digit or placeholder first
        ("{serial}-" + "X" * 48, "case_code.pattern_too_long"),
    ],
)
def test_a_pattern_that_cannot_number_cases_is_refused(pattern: str, code: str) -> None:
    with pytest.raises(RuleError) as refused:
        check_pattern(pattern)
    assert refused.value.code == code


def test_empty_means_the_default_and_the_example_follows_the_pattern() -> None:
    assert check_pattern("   ") == ""
    body = Agency(code="toa_an", name="Tòa án nhân dân tỉnh", abbreviation="TAND")
    assert example(body, "", date(2026, 3, 1)) == "VV-TAND-2026-001"
    assert example(body, "{serial}/{year}/{body}", date(2026, 3, 1)) == "001/2026/TAND"
