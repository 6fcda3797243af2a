"""Bar charts drawn on the server: the geometry of an SVG that the template
``reports/_chart.html`` writes out (autoescaped, no script, no inline style — colours come
from hoso.css by series class; the legend is an HTML list). Each chart mirrors a table
printed next to it, which is its text equivalent."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_decimal

from webapp.reporting.tables import Table

WIDTH = 720
#: Horizontal bars: one line for the category name, then one bar per series.
LABEL_LINE, BAR, GAP = 18, 16, 10
#: Columns over time.
COLUMN_HEIGHT, AXIS = 200, 36


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str  # "category — series: value", shown on hover and read by screen readers


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"
    kind: str = "label"  # label | value | legend


@dataclass
class Chart:
    id: str
    title: str
    #: The table that holds the same figures as text.
    table: str
    height: float = 0
    width: float = WIDTH
    bars: list[Bar] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    legend: list[tuple[int, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(bar.width > 0 and bar.height > 0 for bar in self.bars)


def _number(value: float) -> str:
    return format_decimal(value, format="#,##0.#")


def horizontal(table: Table, value_columns: list[int], chart_id: str) -> Chart:
    """One group of bars per row of ``table`` (total rows left out), one bar per column in
    ``value_columns``; the category name is written above its bars."""
    chart = Chart(chart_id, table.title, table.name)
    rows = [row for row in table.rows if not row.total]
    values = [[_value(row.cells[c]) for c in value_columns] for row in rows]
    top = max((v for group in values for v in group), default=0) or 1
    scale = (WIDTH - 60) / top
    chart.legend = [(n, table.columns[c].header) for n, c in enumerate(value_columns)]
    y = 4.0
    for row, group in zip(rows, values, strict=True):
        name = str(row.cells[0])
        chart.texts.append(Text(0, y + 13, name))
        y += LABEL_LINE
        for series, value in enumerate(group):
            header = table.columns[value_columns[series]].header
            width = value * scale
            chart.bars.append(
                Bar(0, y, width, BAR - 2, series, f"{name} — {header}: {_number(value)}")
            )
            chart.texts.append(Text(width + 4, y + BAR - 3, _number(value), kind="value"))
            y += BAR
        y += GAP
    chart.height = y
    return chart


def columns(table: Table, value_columns: list[int], chart_id: str) -> Chart:
    """Grouped columns over time: one group per row (a month or a year)."""
    chart = Chart(chart_id, table.title, table.name)
    rows = table.rows
    values = [[_value(row.cells[c]) for c in value_columns] for row in rows]
    top = max((v for group in values for v in group), default=0) or 1
    base = 8 + COLUMN_HEIGHT
    group_width = WIDTH / max(len(rows), 1)
    bar_width = group_width * 0.8 / max(len(value_columns), 1)
    chart.legend = [(n, table.columns[c].header) for n, c in enumerate(value_columns)]
    for position, (row, group) in enumerate(zip(rows, values, strict=True)):
        left = position * group_width + group_width * 0.1
        for series, value in enumerate(group):
            height = value / top * (COLUMN_HEIGHT - 14)
            header = table.columns[value_columns[series]].header
            chart.bars.append(
                Bar(
                    left + series * bar_width,
                    base - height,
                    bar_width - 1,
                    height,
                    series,
                    f"{row.cells[0]} — {header}: {_number(value)}",
                )
            )
        chart.texts.append(
            Text(position * group_width + group_width / 2, base + 16, str(row.cells[0]), "middle")
        )
    chart.height = base + AXIS
    return chart


def _value(cell: object) -> float:
    return float(cell) if isinstance(cell, int | float) else 0.0


def dashboard_charts(tables: dict[str, Table]) -> dict[str, Chart]:
    """The charts of the dashboard, each keyed by the table it draws."""
    return {
        "by_period": columns(tables["by_period"], [1, 2, 4], "chart-by-period"),
        "petitions_by_kind": horizontal(tables["petitions_by_kind"], [1, 2, 4], "chart-kinds"),
        "handling_time": horizontal(tables["handling_time"], [2], "chart-time"),
        "cases_by_status": horizontal(tables["cases_by_status"], [3], "chart-status"),
        "transfers_by_outcome": horizontal(tables["transfers_by_outcome"], [1], "chart-outcomes"),
        "requests_by_agency": horizontal(tables["requests_by_agency"], [1, 3, 6], "chart-requests"),
    }
