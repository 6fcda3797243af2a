"""``extract_metadata``: all metadata of one document from its text (pure function)."""

from __future__ import annotations

from indexer.metadata.agencies import mentioned_agencies
from indexer.metadata.dates import IssueDate, find_issue_date
from indexer.metadata.doctypes import PETITIONS, decide_type
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
from indexer.metadata.subject import petition_subject, subject_after
from indexer.metadata.text import lines_of


def _subject(
    lines: list[str], layout: Layout, header: Header, heading: Heading | None
) -> str | None:
    if layout.title is not None and layout.title_index is not None:
        below = lines[layout.title_index + 1 :]
        return subject_after(below, header.issuer, rest=layout.title.rest)
    if header.vv:
        return header.vv
    if heading is not None:
        return heading.subject
    # No title line: the subject follows the last header element, inside the header zone.
    zone = lines[: layout.zone_end]
    last_header_line = "\n".join(zone)[: header.end_offset].count("\n")
    return subject_after(zone[last_header_line + 1 :], header.issuer, under_title=False)


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

    body_start = layout.title_index + 1 if layout.title_index is not None else layout.zone_end
    body = lines[body_start:]
    number = header.number or (heading.number if heading else None)
    printed_number = header.number_printed or number
    date = header.date or (heading.date if heading else None) or _closing_date(body)
    subject = _subject(lines, layout, header, heading)
    doc_type = decide_type(
        title=layout.title,
        heading_code=heading.code if heading else None,
        has_vv=bool(header.vv),
        parts=parse_number(printed_number) if printed_number else None,
        issuer=header.issuer,
        subject=subject,
        body="\n".join(body),
    )
    signature = read_signature(body)
    issuer = header.issuer
    if doc_type in PETITIONS:
        subject = petition_subject(doc_type, body) or subject
        issuer = signature.signer or petitioner_name(body)
    marks = read_marks(lines)
    hints = "\n".join(part for part in (header_left, header_right) if part)
    return DocumentMetadata(
        doc_type=doc_type,
        number=number,
        number_key=number_key(number) if number else None,
        issued_date=date.date if date else None,
        date_precision=date.precision if date else None,
        place=date.place if date else None,
        issuer=issuer,
        subject=subject,
        signer=signature.signer,
        sign_authority=signature.authority,
        confidentiality=marks.confidentiality,
        urgency=marks.urgency,
        is_draft=marks.is_draft,
        recipients=read_recipients(lines),
        references=read_references("\n".join(body), own_number=number),
        agencies=mentioned_agencies(f"{hints}\n{text}"),
    )
