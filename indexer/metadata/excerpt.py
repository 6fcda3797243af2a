"""Excerpts: "(Trích báo cáo số 27/BC-TTr ngày 15/3/2019 của Thanh tra huyện)".

An excerpt or a republished part of a document names the document it quotes near its top;
its metadata are that document's: type, number, date and issuing body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.metadata.dates import IssueDate, find_date
from indexer.metadata.doctypes import TITLE_CODES
from indexer.metadata.numbers import CITED_NUMBER
from indexer.metadata.text import afold, collapse

_EXCERPT = re.compile(
    rf"^\(?\s*trich\s+(?:(?:tu|trong|noi\s+dung)\s+)?(?P<type>[a-z]+(?:\s+[a-z]+){{0,3}}?)"
    rf"\s+so\s*:?\s*(?P<num>{CITED_NUMBER})"
)
_ISSUER = re.compile(r"\bcua\s+(?P<issuer>[^()]+?)\s*(?:\)|$|[.;]\s)")
_SEARCH = 15  # lines from the top in which an excerpt says what it quotes


@dataclass(frozen=True)
class Excerpt:
    """The quoted document: type code, number, date and issuing body as printed."""

    code: str
    number: str
    date: IssueDate | None
    issuer: str | None


def read_excerpt(lines: list[str]) -> Excerpt | None:
    """The document an excerpt quotes, from a "(Trích <type> số ...)" line near the top."""
    for index, line in enumerate(lines[:_SEARCH]):
        if line.startswith("(") and ")" not in line:  # wrapped: "... của Thanh tra huyện" / "X)"
            line = collapse(" ".join([line, *lines[index + 1 : index + 3]]))
        folded = afold(line)
        match = _EXCERPT.match(folded)
        if match is None:
            continue
        code = TITLE_CODES.get(" ".join(match.group("type").split()))
        if code is None:
            continue
        rest = line[match.end() :]
        by = _ISSUER.search(afold(rest))
        issuer = collapse(rest[by.start("issuer") : by.end("issuer")]) if by else None
        return Excerpt(
            code=code,
            number=collapse(line[match.start("num") : match.end("num")]),
            date=find_date(rest[:60]),
            issuer=issuer,
        )
    return None
