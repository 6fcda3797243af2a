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


def needles(people: Iterable[Petitioner], fold: Fold) -> list[str]:
    """What identifies the people, folded, longest first: names, addresses, ID numbers
    and phones (words separated by single spaces)."""
    found: list[str] = []
    for person in people:
        found += [name_key(person.name, fold), address_key(person.address, fold)]
        found += [person.id_number.strip(), person.phone.strip()]
    return sorted({n for n in found if len(n) >= 3}, key=len, reverse=True)


def redact(text: str, people: Iterable[Petitioner], fold: Fold) -> str:
    """``text`` with every mention of the people's names, numbers and addresses replaced.

    Matching ignores case and diacritics ("Nguyễn Văn An" also hides "NGUYEN VAN AN").
    """
    found = needles(people, fold)
    if not found or not text:
        return text
    folded, origin = _fold_with_positions(text, fold)
    pattern = re.compile(
        "|".join(r"(?<!\w)" + r"\W+".join(map(re.escape, n.split())) + r"(?!\w)" for n in found)
    )
    pieces, last = [], 0
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        pieces += [text[last:start], REDACTED]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _fold_with_positions(text: str, fold: Fold) -> tuple[str, list[int]]:
    """Fold ``text`` character by character, remembering where each folded one came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char) or char
        folded.append(piece)
        origin += [index] * len(piece)
    return "".join(folded), origin
