"""Tables written to files: CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese
correctly) and XLSX (openpyxl; real dates and numbers, one sheet per table).

Layout of an XLSX sheet: row 1 the table's title, row 2 the scope (period, body, date of
the export), row 3 the column headers, data from row 4. A CSV holds the headers and the
rows only. A row about an object whose subject the user may not copy (``redact``) carries
the object's level in place of the subject.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from webapp.reporting.tables import Cell, Table

#: Decides, for a row's level, whether its subject may be copied.
MayCopy = Callable[[str], bool]
SHEET_TITLE_MAX = 31
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def redacted(table: Table, may_copy: MayCopy, mark: Callable[[str], str]) -> list[list[Cell]]:
    """The rows of ``table`` with each subject the user may not copy replaced by ``mark``
    of the row's level (e.g. "[Mật]")."""
    rows = []
    for row in table.rows:
        cells = list(row.cells)
        if table.subject_column is not None and not may_copy(row.level):
            cells[table.subject_column] = mark(row.level)
        rows.append(cells)
    return rows


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return f"{cell:%d/%m/%Y}"
    return str(cell)


def to_csv(table: Table, rows: Iterable[list[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in table.columns])
    for cells in rows:
        writer.writerow([_text(cell) for cell in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(table: Table, used: set[str]) -> str:
    title = table.title
    for forbidden in "[]:*?/\\":
        title = title.replace(forbidden, " ")
    title = title[:SHEET_TITLE_MAX].strip()
    candidate, number = title, 2
    while candidate in used:
        suffix = f" ({number})"
        candidate = title[: SHEET_TITLE_MAX - len(suffix)] + suffix
        number += 1
    used.add(candidate)
    return candidate


def to_xlsx(sheets: list[tuple[Table, list[list[Cell]]]], scope_line: str) -> bytes:
    """A workbook with one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(table, used))
        sheet.cell(row=1, column=1, value=table.title).font = Font(bold=True, size=13)
        sheet.cell(row=2, column=1, value=scope_line).font = Font(italic=True)
        widths = []
        for number, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=3, column=number, value=column.header)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths.append(min(max(len(column.header), 10), 40))
        totals = {n for n, row in enumerate(table.rows) if row.total}
        for offset, cells in enumerate(rows):
            for number, value in enumerate(cells, start=1):
                cell = sheet.cell(row=4 + offset, column=number, value=value)
                if isinstance(value, date):
                    cell.number_format = "DD/MM/YYYY"
                if offset in totals:
                    cell.font = Font(bold=True)
                widths[number - 1] = min(max(widths[number - 1], len(_text(value)) + 2), 60)
        for number, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = width
        sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
