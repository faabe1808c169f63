"""Charts drawn on the server as SVG geometry (no JavaScript, no chart library): the templates turn these numbers
into ``<rect>``, ``<line>`` and ``<text>`` with presentation attributes (``fill=``), never a ``style`` attribute, so
the same markup passes the site's Content-Security-Policy and prints in the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field

BAR = "#1d5fa0"
BAR_LOW = "#b8323a"


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    while magnitude > value:
        magnitude /= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


@dataclass
class Chart:
    width: int
    height: int
    title: str
    bars: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)
    axis: dict = field(default_factory=dict)


def ranking(rows: list[tuple[str, float, bool]], *, title: str, maximum: float = 100, width: int = 720) -> Chart:
    """Horizontal bars, one per unit in the given order: (label, value, highlighted). Highlighted bars (the units
    below the line the office watches) take the warning colour."""
    left, right, top, row_h = 170, 60, 24, 22
    plot_w = width - left - right
    chart = Chart(width, top + row_h * len(rows) + 24, title)
    for i, (label, value, low) in enumerate(rows):
        y = top + i * row_h
        w = round(plot_w * max(value, 0) / maximum, 1) if maximum else 0
        chart.bars.append({"x": left, "y": y + 4, "w": w, "h": row_h - 8, "fill": BAR_LOW if low else BAR,
                           "title": f"{label} {value:g}"})  # fmt: skip
        chart.labels.append({"x": left - 6, "y": y + row_h / 2 + 4, "text": label[:12], "anchor": "end"})
        chart.labels.append({"x": left + w + 4, "y": y + row_h / 2 + 4, "text": f"{value:g}", "anchor": "start"})
    bottom = top + row_h * len(rows)
    for k in range(5):
        x = round(left + plot_w * k / 4, 1)
        chart.ticks.append({"x1": x, "y1": top, "x2": x, "y2": bottom, "label": f"{maximum * k / 4:g}",
                            "lx": x, "ly": top - 8})  # fmt: skip
    return chart


def columns(rows: list[tuple[str, float]], *, title: str, width: int = 720, height: int = 260) -> Chart:
    """Vertical bars over time (a month's days, a year's months), with a rounded left axis."""
    left, right, top, bottom = 48, 12, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    maximum = nice_max(max([value for _, value in rows] + [0]))
    chart = Chart(width, height, title, axis={"x1": left, "x2": width - right, "y": top + plot_h})
    slot = plot_w / max(len(rows), 1)
    every = max(1, round(len(rows) / 12))  # at most about twelve labels under the axis
    for i, (label, value) in enumerate(rows):
        h = round(plot_h * value / maximum, 1)
        x = round(left + i * slot + slot * 0.15, 1)
        chart.bars.append({"x": x, "y": round(top + plot_h - h, 1), "w": round(slot * 0.7, 1), "h": h, "fill": BAR,
                           "title": f"{label} {value:g}"})  # fmt: skip
        if i % every == 0:
            chart.labels.append({"x": round(x + slot * 0.35, 1), "y": top + plot_h + 16, "text": label,
                                 "anchor": "middle"})  # fmt: skip
    for k in range(5):
        y = round(top + plot_h * (1 - k / 4), 1)
        chart.ticks.append({"x1": left, "y1": y, "x2": width - right, "y2": y, "label": f"{maximum * k / 4:g}",
                            "lx": left - 6, "ly": y + 4})  # fmt: skip
    return chart
