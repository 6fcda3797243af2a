"""Recognising repeat petitions: same kind, same petitioner, same respondent, similar content.

- **Same petitioner**: the same normalised name (case and diacritics ignored) and one more
  identifier that agrees — the ID number, the phone number, or the address (word overlap
  ≥ 0.6). Two different ID numbers mean two people, whatever the names.
- **Same respondent**: respondent texts whose words overlap ≥ 0.5 ("Chủ tịch UBND xã A"
  and "ông Nguyễn Văn B, Chủ tịch UBND xã A"), or both left empty.
- **Similar content**: Jaccard similarity of the summaries' syllable bigrams ≥ 0.25. Single
  Vietnamese syllables are too common ("của", "đất", "xã") to tell matters apart; pairs of
  syllables approximate words. On the examples in ``tests/unit/petitions/test_repeats.py``
  a re-sent letter scores 0.82, the same matter retold in other words 0.29–0.35, and other
  matters of the same person about the same body below 0.07; 0.25 keeps the retold letters
  with a wide margin above unrelated ones. A match is only a suggestion: a user confirms
  (merges) or dismisses it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Petition, Petitioner, PetitionLink
from records.petitions import identity

Fold = Callable[[str], str]
CONTENT_THRESHOLD = 0.25
RESPONDENT_THRESHOLD = 0.5
ADDRESS_THRESHOLD = 0.6
MAX_CANDIDATES = 200
_WORD = re.compile(r"\w+")


def words(text: str, fold: Fold) -> list[str]:
    return _WORD.findall(fold(text))


def bigrams(text: str, fold: Fold) -> set[str]:
    tokens = words(text, fold)
    if len(tokens) < 2:
        return set(tokens)
    return {f"{a} {b}" for a, b in itertools.pairwise(tokens)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def content_similarity(a: str, b: str, fold: Fold) -> float:
    return jaccard(bigrams(a, fold), bigrams(b, fold))


def same_respondent(a: str, b: str, fold: Fold) -> bool:
    wa, wb = set(words(a, fold)), set(words(b, fold))
    if not wa and not wb:
        return True
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= RESPONDENT_THRESHOLD


def same_person(a: Petitioner, b: Petitioner) -> bool:
    if not a.name_key or a.name_key != b.name_key:
        return False
    if a.id_key and b.id_key:
        return a.id_key == b.id_key
    if a.phone_key and a.phone_key == b.phone_key:
        return True
    return jaccard(set(a.address_key.split()), set(b.address_key.split())) >= ADDRESS_THRESHOLD


def find_repeats(session: Session, petition: Petition, fold: Fold) -> list[tuple[Petition, float]]:
    """Earlier petitions that ``petition`` repeats, best first, with their content score."""
    mine = identity.load(session, [petition.id])
    keys = {person.name_key for person in mine if person.name_key}
    if not keys:
        return []
    candidates = session.scalars(
        select(Petition)
        .where(
            Petition.id.in_(
                select(Petitioner.petition_id).where(Petitioner.name_key.in_(keys)).distinct()
            ),
            Petition.id < petition.id,
            Petition.kind == petition.kind,
        )
        .order_by(Petition.id.desc())
        .limit(MAX_CANDIDATES)
    ).all()
    # A second complaint or a further denunciation repeats its parent on purpose.
    candidates = [
        other
        for other in candidates
        if other.id != petition.parent_id and other.parent_id != petition.id
    ]
    if not candidates:
        return []
    theirs: dict[int, list[Petitioner]] = {}
    for person in identity.load(session, [other.id for other in candidates]):
        theirs.setdefault(person.petition_id, []).append(person)
    found = []
    for other in candidates:
        people = theirs.get(other.id, [])
        if not any(same_person(a, b) for a in mine for b in people):
            continue
        if not same_respondent(petition.respondent, other.respondent, fold):
            continue
        score = content_similarity(petition.summary, other.summary, fold)
        if score >= CONTENT_THRESHOLD:
            found.append((other, round(score, 3)))
    return sorted(found, key=lambda pair: pair[1], reverse=True)


def suggest(session: Session, petition: Petition, fold: Fold) -> list[PetitionLink]:
    """Record each repeat found as a suggested link (once)."""
    links = []
    for other, score in find_repeats(session, petition, fold):
        if session.get(PetitionLink, (petition.id, other.id)) is None:
            link = PetitionLink(petition_id=petition.id, other_id=other.id, score=score)
            session.add(link)
            links.append(link)
    session.flush()
    return links
