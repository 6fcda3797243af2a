"""What ``extract_metadata`` returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from indexer.metadata.numbers import number_keys
from indexer.metadata.references import Reference

CONFIDENCE_FIELDS = ("doc_type", "number", "issued_date", "issuer", "subject", "signer")


@dataclass
class DocumentMetadata:
    """Metadata of one document; strings are as printed (NFC), codes as in docs/contracts.md."""

    doc_type: str = "other"
    number: str | None = None  # "Số" value as printed, None when not printed or left blank
    number_key: str | None = None  # see indexer.metadata.numbers
    issued_date: dt.date | None = None  # first day of the month/year when less is printed
    date_precision: str | None = None  # "day" | "month" | "year" | None
    place: str | None = None
    issuer: str | None = None  # header lines of the issuing body; the petitioner for petitions
    subject: str | None = None
    signer: str | None = None
    sign_authority: str | None = None  # "TM." | "KT." | "TL." | "TUQ." | "Q." (T/M -> TM.)
    confidentiality: str = "thuong"  # thuong | mat | toi_mat | tuyet_mat
    urgency: str | None = None  # None | khan | thuong_khan | hoa_toc
    is_draft: bool = False
    title_mark: str | None = None  # "BỔ SUNG", "SỬA ĐỔI, BỔ SUNG" printed beside the title
    is_excerpt: bool = False  # an excerpt: the fields are those of the document it quotes
    recipients: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    # How sure each extracted field is (0..1), for the fields in CONFIDENCE_FIELDS.
    confidence: dict[str, float] = field(default_factory=dict)

    @property
    def number_keys(self) -> list[str]:
        """Keys to index for the number: the key and its ASCII (Đ→D) variant."""
        return number_keys(self.number) if self.number else []
