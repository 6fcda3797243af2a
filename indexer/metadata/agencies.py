"""Which of the ten bodies a text names, at any level (matcher for ``agency_table``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata.agency_table import AGENCIES, PARTY_COMMITTEE_LINES, PARTY_CONTEXT, Name
from indexer.metadata.text import afold, repair, words_pattern

_PARTY_WINDOW = 120  # characters either side of a bare mention
# A bare list item: "gồm: Văn phòng, ban tổ chức, ..." (punctuation before, a separator after).
_ITEM_BEFORE = re.compile(r"[,;:]\s*$")
_ITEM_AFTER = re.compile(r"^\s*(?:[,;.]|va\b|hoac\b)")


def _word_start(regex: str) -> str:
    r"""``regex`` where no word character comes before it (``(?<!\w)``), written with its first
    letter ahead of the look-behind: a pattern that opens with a look-behind is tried at
    every position of the text, one that opens with a letter only where that letter is."""
    first, rest = regex[0], regex[1:]
    if not first.isalnum() or rest[:1] in ("?", "*", "+", "{"):
        return rf"(?<!\w){regex}"
    return rf"{first}(?<!\w.){rest}"


def _alternatives(phrases: tuple[str, ...]) -> str:
    return "|".join(words_pattern(p) for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class _CompiledName:
    name: Name
    pattern: re.Pattern[str]
    followed_by: re.Pattern[str] | None
    followed_by_caps: re.Pattern[str] | None
    preceded_by: re.Pattern[str] | None
    not_preceded_by: re.Pattern[str] | None
    not_followed_by: re.Pattern[str] | None

    @property
    def conditional(self) -> bool:
        name = self.name
        return bool(
            name.followed_by
            or name.preceded_by
            or name.bare_in_party_list
            or name.under_party_committee
            or name.in_issuer_list
        )


def _compile_name(name: Name) -> _CompiledName:
    def after(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
        return re.compile(rf"^\s+(?:{_alternatives(phrases)})(?!\w)") if phrases else None

    def before(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
        return re.compile(rf"(?<!\w)(?:{_alternatives(phrases)})\s+$") if phrases else None

    caps = "|".join(re.escape(c) for c in name.followed_by_caps)
    return _CompiledName(
        name=name,
        pattern=re.compile(rf"{_word_start(words_pattern(name.phrase))}(?!\w)"),
        followed_by=after(name.followed_by),
        followed_by_caps=re.compile(rf"^\s+(?:{caps})(?!\w)") if caps else None,
        preceded_by=before(name.preceded_by),
        not_preceded_by=before(name.not_preceded_by),
        not_followed_by=after(name.not_followed_by),
    )


_COMPILED = {
    code: (
        [_compile_name(name) for name in agency.names],
        [re.compile(rf"{_word_start(abbr)}(?!\w)") for abbr in agency.abbreviations],
    )
    for code, agency in AGENCIES.items()
}
_PARTY = re.compile(rf"(?<!\w)(?:{_alternatives(PARTY_CONTEXT)})(?!\w)")
# The committee line above (or before, on the same header line) a body's name.
_COMMITTEE_ABOVE = re.compile(
    rf"(?:^|\n)[ \t]*(?:{_alternatives(PARTY_COMMITTEE_LINES)})(?!\w)[^\n]*\n?[ \t*]*$"
)


def _party_list_item(folded: str, start: int, end: int) -> bool:
    """A bare item of a list that also names Party bodies ("Văn phòng, ban tổ chức, ...")."""
    if not (_ITEM_BEFORE.search(folded[:start]) and _ITEM_AFTER.match(folded[end:])):
        return False
    window = folded[max(0, start - _PARTY_WINDOW) : start] + " " + folded[end : end + _PARTY_WINDOW]
    return _PARTY.search(window) is not None


def _under_party_committee(printed: str, folded: str, start: int, end: int) -> bool:
    """A body's name in capitals below its Party committee ("TỈNH ỦY X" / "BAN TỔ CHỨC")."""
    if not printed[start:end].isupper():
        return False
    return _COMMITTEE_ABOVE.search(folded[max(0, start - 120) : start]) is not None


def _issuer_list_item(printed: str, start: int, end: int) -> bool:
    """An item of a dash-separated list of bodies in capitals ("CÔNG AN - THANH TRA - ...")."""
    if not printed[start:end].isupper():
        return False
    before = printed[:start].rstrip(" \t")
    after = printed[end:].lstrip(" \t")
    left_dash, right_dash = before.endswith("-"), after.startswith("-")
    left_ok = left_dash or not before or before.endswith("\n")
    right_ok = right_dash or not after or after.startswith("\n")
    return left_ok and right_ok and (left_dash or right_dash)


def _counts(rule: _CompiledName, printed: str, folded: str, match: re.Match[str]) -> bool:
    start, end = match.span()
    before, after = folded[:start], folded[end:]
    if rule.not_followed_by and rule.not_followed_by.match(after):
        return False
    if rule.not_preceded_by and rule.not_preceded_by.search(before):
        return False
    if not rule.conditional:
        return True
    name = rule.name
    return bool(
        (rule.followed_by and rule.followed_by.match(after))
        or (rule.followed_by_caps and rule.followed_by_caps.match(printed[end:]))
        or (rule.preceded_by and rule.preceded_by.search(before))
        or (name.bare_in_party_list and _party_list_item(folded, start, end))
        or (name.under_party_committee and _under_party_committee(printed, folded, start, end))
        or (name.in_issuer_list and _issuer_list_item(printed, start, end))
    )


def mentioned_agencies(text: str) -> list[str]:
    """Codes of the bodies named in ``text``, in the order of the agency table."""
    printed = repair(text)
    folded = afold(printed)
    found = []
    for code, (names, abbreviations) in _COMPILED.items():
        hit = any(pattern.search(printed) for pattern in abbreviations) or any(
            _counts(rule, printed, folded, match)
            for rule in names
            for match in rule.pattern.finditer(folded)
        )
        if hit:
            found.append(code)
    return found
