"""Petitioners' identities: storing them with matching keys, reading them only when the
policy allows, and removing them from copies given to verifiers (LTC Art. 56)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Petition, Petitioner, User
from records.policy import may_see_identity

Fold = Callable[[str], str]
REDACTED = "[…]"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PetitionerData:
    name: str
    address: str = ""
    id_number: str = ""
    phone: str = ""
    representative: bool = False

    def is_blank(self) -> bool:
        return not (self.name.strip() or self.address.strip() or self.id_number.strip())


def name_key(name: str, fold: Fold) -> str:
    return " ".join(_WORD.findall(fold(name)))


def id_key(id_number: str) -> str:
    return "".join(ch for ch in id_number if ch.isdigit())


def phone_key(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def address_key(address: str, fold: Fold) -> str:
    return " ".join(_WORD.findall(fold(address)))


def make_rows(petition: Petition, people: Iterable[PetitionerData], fold: Fold) -> list[Petitioner]:
    rows = []
    for position, person in enumerate(people):
        rows.append(
            Petitioner(
                petition_id=petition.id,
                position=position,
                name=person.name.strip(),
                address=person.address.strip(),
                id_number=person.id_number.strip(),
                phone=person.phone.strip(),
                representative=person.representative,
                name_key=name_key(person.name, fold),
                id_key=id_key(person.id_number),
                phone_key=phone_key(person.phone),
                address_key=address_key(person.address, fold),
            )
        )
    return rows


def load(session: Session, petition_ids: Sequence[int]) -> list[Petitioner]:
    """Petitioners of some petitions, for internal matching only (never shown as such)."""
    return list(
        session.scalars(
            select(Petitioner)
            .where(Petitioner.petition_id.in_(petition_ids))
            .order_by(Petitioner.petition_id, Petitioner.position)
        )
    )


def petitioners_for(session: Session, user: User, petition: Petition) -> list[Petitioner] | None:
    """The petitioners ``user`` may see, or None when the policy hides them."""
    if not may_see_identity(user, petition):
        return None
    return load(session, [petition.id])


#: Forms of address written before a name ("Ông Quyllen", "bà Ngọc"), folded.
TITLES = ("ong", "ba", "anh", "chi", "co", "chu", "bac", "cau", "di", "em", "chau", "cu", "o", "b")
#: Between two words of a name or address: spaces, punctuation, underscores (file names).
_GAP = r"[\W_]+"
#: Between the digits of a number: nothing or one separator ("001 188 002 345", "0987.654.321").
_DIGIT_GAP = r"[\s.\-_]?"
#: Not inside a longer word or number.
_START, _END = r"(?<![^\W_])", r"(?![^\W_])"


def identity_patterns(people: Iterable[Petitioner], fold: Fold) -> list[str]:
    """Regular expressions over folded text matching what identifies the people: the whole
    name, also run together ("DoVanQuyllen"); any part of it after a form of address;
    initials before the given name ("Đ.V.Quyllen", "Đ. Quyllen", "ĐVQuyllen"); the address;
    the ID number and the phone with any common separators (and a phone in its +84 form).
    The part to hide is the group ``hide``. A given name standing alone needs the case of the
    original text, which these patterns over folded text cannot see (:func:`redact` finds it).
    """
    patterns: set[str] = set()
    titles = "|".join(TITLES)
    for person in people:
        words = name_key(person.name, fold).split()
        if words:
            patterns.add(_words(words))
            runs = {
                _words(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
            }
            for run in runs:
                patterns.add(rf"{_START}(?:{titles})\.?{_GAP}(?P<hide>{run[len(_START) :]})")
        if len(words) >= 2:
            given = re.escape(words[-1])
            firsts = [re.escape(word[0]) for word in words[:-1]]
            initials = r"\.?[\W_]*".join(firsts)
            patterns.add(rf"{_START}{initials}\.[\W_]*{given}{_END}")
            # Some initials left out, each with its dot ("Đ. Quyllen", "V. Quyllen").
            dotted = "".join(rf"(?:{first}\.[\W_]*)?" for first in firsts)
            patterns.add(rf"{_START}(?=\w\.){dotted}{given}{_END}")
            # Run together, as in file names ("ĐVQuyllen", "DoVanQuyllen").
            patterns.add(rf"{_START}{''.join(firsts)}{given}{_END}")
            patterns.add(_START + "".join(map(re.escape, words)) + _END)
        address = address_key(person.address, fold).split()
        if len(" ".join(address)) >= 3:
            patterns.add(_words(address))
        number = id_key(person.id_number)
        if len(number) >= 6:
            patterns.add(r"(?<!\d)" + _DIGIT_GAP.join(number) + r"(?!\d)")
        phone = phone_key(person.phone)
        if len(phone) >= 6:
            local = phone[1:] if phone.startswith("0") else phone
            # 0…, +84…, 0084…, (84)…, and +84 (0)… ("+84 (0) 987654321").
            prefix = (
                r"(?:0|\(?(?:\+|00)?84\)?[\s.\-_]*(?:\(0\)[\s.\-_]*)?)"
                if phone.startswith("0")
                else ""
            )
            patterns.add(r"(?<!\d)" + prefix + _DIGIT_GAP.join(local) + r"(?!\d)")
    return sorted(patterns, key=len, reverse=True)


def _words(words: Sequence[str]) -> str:
    return _START + _GAP.join(map(re.escape, words)) + _END


def redact(text: str, people: Iterable[Petitioner], fold: Fold) -> str:
    """``text`` with every mention of the people's names, numbers and addresses replaced.

    Matching ignores case and diacritics ("Nguyễn Văn An" also hides "NGUYEN VAN AN"), and
    finds the forms :func:`identity_patterns` lists.
    """
    people = list(people)
    found = identity_patterns(people, fold)
    if not found or not text:
        return text
    folded, origin = _fold_with_positions(text, fold)
    spans: list[tuple[int, int]] = []
    for pattern in found:
        for match in re.finditer(pattern, folded):
            group = "hide" if "hide" in match.re.groupindex else 0
            if match.end(group) > match.start(group):
                spans.append((match.start(group), match.end(group)))
    spans += _bare_given_names(text, folded, origin, people, fold)
    pieces, last = [], 0
    for start, end in _merged(spans):
        begin, stop = origin[start], origin[end - 1] + 1
        if begin < last:
            continue
        pieces += [text[last:begin], REDACTED]
        last = stop
    pieces.append(text[last:])
    return "".join(pieces)


#: A word (letters and digits, no underscore) and the gap that joins it to the next word of
#: the same name: spaces within a line, or the underscores of file names. A line break ends
#: a name: a signature or a form line ("Người viết đơn: Quyllen") stands alone whatever the
#: next line starts with.
_SYLLABLE = r"[^\W_]+"
_NAME_GAP = r"(?:[^\S\r\n]|_)+"
_BEFORE = re.compile(rf"({_SYLLABLE}){_NAME_GAP}$")
_AFTER = re.compile(rf"^{_NAME_GAP}({_SYLLABLE})")


def _bare_given_names(
    text: str, folded: str, origin: list[int], people: Sequence[Petitioner], fold: Fold
) -> list[tuple[int, int]]:
    """Spans (in ``folded``) of a denouncer's given name written on its own ("anh Quyllen",
    "của An."): capitalised, and not directly next to another capitalised syllable, which
    would make it part of another name or a place ("Nguyễn Văn An", "An Giang")."""
    names = (name_key(person.name, fold).split() for person in people)
    spans = []
    for given in {words[-1] for words in names if words}:
        for match in re.finditer(_START + re.escape(given) + _END, folded):
            begin, stop = origin[match.start()], origin[match.end() - 1] + 1
            if _stands_alone(text, begin, stop):
                spans.append(match.span())
    return spans


def _stands_alone(text: str, begin: int, stop: int) -> bool:
    """Is ``text[begin:stop]`` capitalised with no capitalised syllable directly beside it?"""
    if not text[begin].isupper():
        return False
    before = _BEFORE.search(text[max(0, begin - 64) : begin])
    after = _AFTER.match(text[stop : stop + 64])
    return not any(near is not None and near.group(1)[0].isupper() for near in (before, after))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _fold_with_positions(text: str, fold: Fold) -> tuple[str, list[int]]:
    """Fold ``text`` character by character, remembering where each folded one came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char) or char
        folded.append(piece)
        origin += [index] * len(piece)
    return "".join(folded), origin
