"""``extract_metadata``: all metadata of one document from its text (pure function)."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.metadata.agencies import mentioned_agencies
from indexer.metadata.confidence import field_confidence
from indexer.metadata.dates import IssueDate, find_issue_date
from indexer.metadata.doctypes import PETITIONS, decide_type
from indexer.metadata.excerpt import read_excerpt
from indexer.metadata.header import (
    Header,
    Heading,
    header_from_columns,
    heading_text,
    merge,
    read_header,
    read_heading,
)
from indexer.metadata.layout import Layout, find_layout
from indexer.metadata.marks import read_marks
from indexer.metadata.model import DocumentMetadata
from indexer.metadata.numbers import number_key, parse_number
from indexer.metadata.recipients import read_recipients
from indexer.metadata.references import read_references
from indexer.metadata.signer import petitioner_name, read_signature
from indexer.metadata.subject import (
    TitleBlock,
    petition_subject,
    subject_after,
    title_block,
    untitled_subject,
)
from indexer.metadata.text import lines_of


@dataclass(frozen=True)
class _Subject:
    block: TitleBlock
    source: str  # "title" | "vv" | "heading" | "header_zone" | "first_line" | "none"


def _subject(lines: list[str], layout: Layout, header: Header, heading: Heading | None) -> _Subject:
    if layout.title is not None and layout.title_index is not None:
        below = lines[layout.title_index + 1 :]
        return _Subject(title_block(below, header.issuer, rest=layout.title.rest), "title")
    if header.vv:
        return _Subject(TitleBlock(header.vv), "vv")
    if heading is not None:
        return _Subject(TitleBlock(heading.subject), "heading")
    # No title line: the subject follows the last header element, inside the header zone.
    zone = lines[: layout.zone_end]
    last_header_line = "\n".join(zone)[: header.end_offset].count("\n")
    found = subject_after(zone[last_header_line + 1 :], header.issuer, under_title=False)
    if found:
        return _Subject(TitleBlock(found), "header_zone")
    if not (header.issuer or header.number_printed or header.date):
        first = untitled_subject(lines)  # a portal's page: "Lịch tiếp công dân"
        if first:
            return _Subject(TitleBlock(first), "first_line")
    return _Subject(TitleBlock(None), "none")


def _closing_date(lines: list[str]) -> IssueDate | None:
    """A "<place>, ngày ..." line written above the signature instead of in the header."""
    for line in reversed(lines):
        found = find_issue_date(line, place_required=True)
        if found is not None and found.start == 0:
            return found
    return None


def extract_metadata(
    text: str, *, header_left: str | None = None, header_right: str | None = None
) -> DocumentMetadata:
    """Metadata of a Vietnamese administrative or Party document, or a petition.

    ``header_left``/``header_right`` are the two header columns when the layout revealed
    them (``indexer.extract.base.Extracted``); they take precedence over the text.
    """
    lines = lines_of(text)
    layout = find_layout(lines)
    header = read_header("\n".join(lines[: layout.zone_end]), all_header=layout.title is not None)
    if header_left or header_right:
        header = merge(header_from_columns(header_left, header_right), header)
    heading = None
    if lines and layout.title is None and not (header.number_printed or header.date):
        heading = read_heading(heading_text(lines))
    excerpt = read_excerpt(lines) if not header.number_printed else None

    body_start = layout.title_index + 1 if layout.title_index is not None else layout.zone_end
    body = lines[body_start:]
    number = header.number or (heading.number if heading else None)
    date = header.date or (heading.date if heading else None)
    date_source = "header" if date else None
    issuer = header.issuer
    if excerpt is not None and number is None:
        number, issuer = excerpt.number, issuer or excerpt.issuer
        date, date_source = date or excerpt.date, date_source or "excerpt"
    if date is None:
        date, date_source = _closing_date(body), "closing"
    printed_number = header.number_printed or number
    subject = _subject(lines, layout, header, heading)
    decision = decide_type(
        title=layout.title,
        heading_code=(heading.code if heading else None) or (excerpt.code if excerpt else None),
        has_vv=bool(header.vv),
        parts=parse_number(printed_number) if printed_number else None,
        issuer=issuer,
        subject=subject.block.subject,
        body="\n".join(body),
    )
    signature = read_signature(body)
    subject_text, subject_source = subject.block.subject, subject.source
    if decision.code in PETITIONS:
        # A "(V/v: ...)" above the addressee was read with the header when no title showed.
        matter = petition_subject(decision.code, [header.vv, *body] if header.vv else body)
        if matter:
            subject_text, subject_source = matter, "petition"
        issuer = signature.signer or petitioner_name(body)
    marks = read_marks(lines)
    hints = "\n".join(part for part in (header_left, header_right) if part)
    metadata = DocumentMetadata(
        doc_type=decision.code,
        number=number,
        number_key=number_key(number) if number else None,
        issued_date=date.date if date else None,
        date_precision=date.precision if date else None,
        place=date.place if date else None,
        issuer=issuer,
        subject=subject_text,
        signer=signature.signer,
        sign_authority=signature.authority,
        confidentiality=marks.confidentiality,
        urgency=marks.urgency,
        is_draft=marks.is_draft or subject.block.draft,
        title_mark=subject.block.mark,
        is_excerpt=excerpt is not None and number == excerpt.number,
        recipients=read_recipients(lines),
        references=read_references("\n".join(body), own_number=number),
        agencies=mentioned_agencies(f"{hints}\n{text}"),
    )
    metadata.confidence = field_confidence(
        metadata,
        type_confidence=decision.confidence,
        subject_source=subject_source,
        date_source=date_source if date else None,
        signer_repaired=signature.repaired,
    )
    return metadata
