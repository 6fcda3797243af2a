"""Importing a petition register (sổ tiếp nhận đơn) from an XLSX or CSV file.

The first row holds the column headers, in Vietnamese (``COLUMNS``; case and diacritics
do not matter, and the usual variants are recognised). Every row is checked; the report
gives each rejected row with its reasons. Nothing is imported when any row is rejected,
unless the caller asks to skip invalid rows explicitly; the rows are registered in the
caller's transaction, so a failure half-way leaves nothing behind either.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.codes import CONFIDENTIALITY
from records.errors import RuleError
from records.models import Agency, User
from records.petitions.codes import Channel, Kind, Level
from records.petitions.context import Context
from records.petitions.fields import parse_date
from records.petitions.identity import PetitionerData
from records.petitions.register import Registration, register, validate

Fold = Callable[[str], str]
MAX_ROWS = 20_000
EXCEL_EPOCH = date(1899, 12, 30)
_SPLIT = re.compile(r"\s*[;\n]\s*")


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the documented header
    required: bool = False
    aliases: tuple[str, ...] = ()  # other headers seen in registers (folded)


COLUMNS = (
    Column("register_no", "Số vào sổ", True, ("so", "so don", "so vao so", "so thu tu", "stt don")),
    Column("received_on", "Ngày nhận", True, ("ngay nhan don", "ngay tiep nhan", "ngay vao so")),
    Column("kind", "Loại đơn", True, ("phan loai", "phan loai don", "loai")),
    Column(
        "summary", "Nội dung", True, ("tom tat", "tom tat noi dung", "noi dung don", "trich yeu")
    ),
    Column("channel", "Nguồn đơn", False, ("nguon", "hinh thuc nhan", "hinh thuc tiep nhan")),
    Column(
        "forwarded_by",
        "Cơ quan chuyển đến",
        False,
        ("noi chuyen", "co quan chuyen", "don vi chuyen"),
    ),
    Column(
        "petitioners",
        "Người gửi đơn",
        False,
        ("nguoi gui", "ho ten", "ho va ten", "nguoi viet don"),
    ),
    Column("address", "Địa chỉ", False, ("dia chi nguoi gui",)),
    Column("id_number", "Số CCCD", False, ("cccd", "so can cuoc", "so cmnd", "so dinh danh")),
    Column("phone", "Điện thoại", False, ("so dien thoai", "dt")),
    Column("signatory_count", "Số người ký", False, ("so nguoi", "so nguoi ky don")),
    Column("anonymous", "Nặc danh", False, ("don nac danh",)),
    Column(
        "respondent",
        "Người bị khiếu nại, tố cáo",
        False,
        ("doi tuong", "nguoi bi to cao", "nguoi bi khieu nai", "co quan bi khieu nai"),
    ),
    Column("owner", "Cơ quan tiếp nhận", False, ("co quan nhan", "don vi tiep nhan")),
    Column("confidentiality", "Độ mật", False, ("do mat", "muc do mat")),
    Column("addressed_level", "Cấp nhận đơn", False, ("gui den cap",)),
)

KIND_WORDS = {
    "khieu nai": Kind.COMPLAINT,
    "to cao": Kind.DENUNCIATION,
    "kien nghi": Kind.PROPOSAL,
    "phan anh": Kind.FEEDBACK,
    "kien nghi phan anh": Kind.PROPOSAL,
}
CHANNEL_WORDS = {
    "truc tiep": Channel.IN_PERSON,
    "tiep cong dan": Channel.IN_PERSON,
    "buu chinh": Channel.POST,
    "buu dien": Channel.POST,
    "qua buu dien": Channel.POST,
    "hop thu": Channel.MAILBOX,
    "hop thu gop y": Channel.MAILBOX,
    "thu dien tu": Channel.ONLINE,
    "email": Channel.ONLINE,
    "cong thong tin": Channel.ONLINE,
    "dien tu": Channel.ONLINE,
    "chuyen den": Channel.AUTHORITY,
    "co quan chuyen den": Channel.AUTHORITY,
    "bao chi": Channel.PRESS,
    "bao chi chuyen den": Channel.PRESS,
    "dai bieu": Channel.DEPUTY,
    "dai bieu quoc hoi": Channel.DEPUTY,
    "ban tiep cong dan": Channel.DEPUTY,
}
LEVEL_WORDS = {
    "xa": Level.COMMUNE,
    "cap xa": Level.COMMUNE,
    "tinh": Level.PROVINCE,
    "cap tinh": Level.PROVINCE,
    "trung uong": Level.CENTRAL,
}
YES_WORDS = {"co", "x", "1", "yes", "true", "nac danh"}
NO_WORDS = {"", "khong", "0", "no", "false"}


@dataclass
class RowResult:
    row: int  # the row number in the spreadsheet (the header is row 1)
    errors: list[str] = field(default_factory=list)
    registration: Registration | None = None
    petition_id: int | None = None
    register_no: str = ""


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    skip_invalid: bool = False

    @property
    def rejected(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def imported(self) -> list[RowResult]:
        return [row for row in self.rows if row.petition_id is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": len(self.rows),
            "valid": len(self.rows) - len(self.rejected),
            "imported": len(self.imported),
            "dry_run": self.dry_run,
            "skip_invalid": self.skip_invalid,
            "ignored_columns": self.ignored_columns,
            "rejected": [{"row": r.row, "errors": r.errors} for r in self.rejected],
            "petitions": [
                {"row": r.row, "id": r.petition_id, "register_no": r.register_no}
                for r in self.imported
            ],
        }


# -- reading the file -------------------------------------------------------------------------
def read_table(path: Path) -> list[list[Any]]:
    """The cells of the first sheet (XLSX) or of the CSV file, row by row."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path.read_bytes())
    raise RuleError("import.file_type", name=path.name)


def _read_xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # a damaged file fails in zipfile, XML or openpyxl itself
        raise RuleError("import.excel_unreadable", name=path.name, reason=str(err)) from err
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[Any]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                raise RuleError("import.too_many_rows", max=MAX_ROWS)
        return rows
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RuleError("import.csv_not_utf8") from err
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if len(rows) > MAX_ROWS + 1:
        raise RuleError("import.too_many_rows", max=MAX_ROWS)
    return rows


# -- understanding the cells ------------------------------------------------------------------
def _words(value: Any, fold: Fold) -> str:
    return " ".join(re.findall(r"\w+", fold(str(value or ""))))


def map_headers(header: list[Any], fold: Fold) -> tuple[dict[str, int], list[str]]:
    """Column index of each known key; the headers that were not recognised."""
    known: dict[str, str] = {}
    for column in COLUMNS:
        known[_words(column.header, fold)] = column.key
        for alias in column.aliases:
            known[alias] = column.key
    positions: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        words = _words(cell, fold)
        if not words:
            continue
        key = known.get(words)
        if key is None or key in positions:
            ignored.append(str(cell))
        else:
            positions[key] = index
    missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        raise RuleError(
            "import.columns_missing",
            columns=", ".join(missing),
        )
    return positions, ignored


def _date(value: Any) -> date:
    """A cell's date: a date, dd/mm/yyyy or YYYY-MM-DD text, or an Excel day number (a date
    cell that lost its format, also when saved to CSV)."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 5:
        value = int(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return EXCEL_EPOCH + timedelta(days=int(value))
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError("empty")
    return parsed


def _cell(row: list[Any], positions: dict[str, int], key: str) -> Any:
    index = positions.get(key)
    if index is None or index >= len(row):
        return None
    value = row[index]
    if isinstance(value, str):
        value = value.strip()
    return None if value == "" else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


class _Agencies:
    """Bodies by code, abbreviation, name or alias (case and diacritics ignored)."""

    def __init__(self, session: Session, fold: Fold) -> None:
        self.by_words: dict[str, Agency] = {}
        for agency in session.scalars(select(Agency)):
            for name in (agency.code, agency.abbreviation, agency.name, *agency.aliases):
                if name:
                    self.by_words.setdefault(_words(name, fold), agency)
        self.fold = fold

    def find(self, value: Any) -> Agency | None:
        return self.by_words.get(_words(value, self.fold))


def _row_registration(
    cells: list[Any],
    positions: dict[str, int],
    agencies: _Agencies,
    default_owner: Agency,
    fold: Fold,
) -> tuple[Registration | None, list[str]]:
    errors: list[str] = []

    def get(key: str) -> Any:
        return _cell(cells, positions, key)

    register_no = _text(get("register_no"))
    if not register_no:
        errors.append(RuleError("import.register_no_missing").message)
    received_raw = get("received_on")
    received: date | None = None
    if received_raw is None:
        errors.append(RuleError("import.received_on_missing").message)
    else:
        try:
            received = _date(received_raw)
        except ValueError:
            errors.append(
                RuleError(
                    "import.received_on_invalid",
                    value=_text(received_raw),
                ).message
            )
    kind_raw = _words(get("kind"), fold)
    kind = KIND_WORDS.get(kind_raw) or (
        kind_raw.replace(" ", "_") if kind_raw.replace(" ", "_") in set(Kind) else None
    )
    if kind is None:
        errors.append(
            RuleError(
                "import.kind_invalid",
                value=_text(get("kind")),
            ).message
        )
    channel_raw = _words(get("channel"), fold)
    channel = CHANNEL_WORDS.get(channel_raw, Channel.POST if not channel_raw else None)
    if channel is None:
        errors.append(RuleError("petition.channel_invalid", value=_text(get("channel"))).message)
    owner = default_owner
    if get("owner") is not None:
        found = agencies.find(get("owner"))
        if found is None:
            errors.append(RuleError("import.owner_not_found", value=_text(get("owner"))).message)
        else:
            owner = found
    level_raw = _words(get("confidentiality"), fold).replace(" ", "_") or "thuong"
    if level_raw not in CONFIDENTIALITY:
        errors.append(
            RuleError(
                "petition.confidentiality_invalid", value=_text(get("confidentiality"))
            ).message
        )
    addressed_raw = _words(get("addressed_level"), fold)
    addressed = LEVEL_WORDS.get(addressed_raw, Level.PROVINCE if not addressed_raw else None)
    if addressed is None:
        errors.append(
            RuleError("petition.level_invalid", value=_text(get("addressed_level"))).message
        )
    anonymous_raw = _words(get("anonymous"), fold)
    if anonymous_raw not in YES_WORDS | NO_WORDS:
        errors.append(RuleError("import.anonymous_invalid", value=_text(get("anonymous"))).message)
    count_raw = get("signatory_count")
    signatories: int | None = None
    if count_raw is not None:
        try:
            signatories = int(float(_text(count_raw)))
        except ValueError:
            errors.append(
                RuleError("import.signatory_count_invalid", value=_text(count_raw)).message
            )
    names = [n for n in _SPLIT.split(_text(get("petitioners"))) if n]
    addresses = _SPLIT.split(_text(get("address")))
    ids = _SPLIT.split(_text(get("id_number")))
    phones = _SPLIT.split(_text(get("phone")))

    def nth(values: list[str], index: int) -> str:
        return values[index] if index < len(values) else ""

    people = [
        PetitionerData(name, nth(addresses, i), nth(ids, i), nth(phones, i))
        for i, name in enumerate(names)
    ]
    if errors or received is None or kind is None or channel is None or addressed is None:
        return None, errors
    return (
        Registration(
            kind=kind,
            received_on=received,
            channel=channel,
            summary=_text(get("summary")),
            respondent=_text(get("respondent")),
            forwarded_by=_text(get("forwarded_by")),
            addressed_level=addressed,
            anonymous=anonymous_raw in YES_WORDS,
            signatory_count=signatories,
            petitioners=people,
            confidentiality=level_raw,
            owner=owner,
            register_no=register_no,
        ),
        errors,
    )


def _data_rows(table: list[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in enumerate(table[1:], start=2):
        if any(_text(cell) for cell in cells):
            yield number, cells


def check(
    session: Session,
    user: User,
    table: list[list[Any]],
    ctx: Context,
    *,
    owner: Agency | None = None,
) -> ImportReport:
    """Read and check every row; nothing is written."""
    if not table:
        raise RuleError("import.empty")
    positions, ignored = map_headers(table[0], ctx.fold)
    report = ImportReport(ignored_columns=ignored)
    agencies = _Agencies(session, ctx.fold)
    seen: dict[tuple[int, str], int] = {}
    for number, cells in _data_rows(table):
        result = RowResult(number)
        registration, result.errors = _row_registration(
            cells, positions, agencies, owner or user.agency, ctx.fold
        )
        if registration is not None:
            result.errors += [e.message for e in validate(session, user, registration, ctx.today)]
            key = (registration.owner.id if registration.owner else 0, registration.register_no)
            if key in seen:
                result.errors.append(
                    RuleError(
                        "import.register_no_repeated",
                        number=registration.register_no,
                        row=seen[key],
                    ).message
                )
            seen.setdefault(key, number)
            result.registration = registration
        report.rows.append(result)
    if not report.rows:
        raise RuleError("import.no_rows")
    return report


def run(
    session: Session,
    user: User,
    path: Path,
    ctx: Context,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    owner: Agency | None = None,
) -> ImportReport:
    """Check the file and, unless it is a dry run or a row is bad (without ``skip_invalid``),
    register its rows in ``session`` (the caller commits, or rolls back on an error)."""
    report = check(session, user, read_table(path), ctx, owner=owner)
    report.dry_run, report.skip_invalid = dry_run, skip_invalid
    if dry_run or (report.rejected and not skip_invalid):
        return report
    for row in report.rows:
        if row.errors or row.registration is None:
            continue
        petition = register(session, user, row.registration, ctx, source="import")
        row.petition_id, row.register_no = petition.id, petition.register_no
    return report
