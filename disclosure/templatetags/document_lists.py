"""Rows of the public document lists, written in Python: a column page lists twenty documents, and the template
language spends some 70 µs on each row (a dozen lookups, filters and a URL), about a third of the page."""

from __future__ import annotations

import html
from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

VALID = "有效"


def escaped(value) -> str:
    """``conditional_escape`` for the plain strings, numbers and safe strings of a row (its lazy-string check cost
    more than the escaping, once per value of every row)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def rows_html(pattern: str, rows, separator: str = "") -> SafeString:
    """``format_html_join(separator, pattern, rows)``, escaping each value the same way, in under a third of the time."""
    return mark_safe(separator.join(pattern.format(*map(escaped, row)) for row in rows))  # noqa: S308 - escaped


def ymd(value: date | datetime | None, empty: str = "") -> str:
    """A date (or a moment, on the county's calendar) as 2026-12-03."""
    if value is None:
        return empty
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d")
    return value.isoformat()


def _validity_badge(document) -> SafeString | str:
    if document.validity == VALID:
        return ""
    return format_html(' <span class="badge badge-red">{}</span>', document.validity)


@register.simple_tag
def catalogue_rows(documents) -> SafeString:
    """The rows of a catalogue table: 索引号, 名称 (with its validity when not 有效), 发布机构, 文号, 成文日期, 发布日期."""
    return rows_html(
        '<tr><td class="nowrap">{}</td><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td>'
        '<td class="nowrap">{}</td><td class="nowrap">{}</td></tr>',
        (
            (
                d.index_number,
                d.get_absolute_url(),
                d.title,
                _validity_badge(d),
                d.organization.display_name,
                d.doc_number or "—",
                ymd(d.written_date, "—"),
                ymd(d.published_at),
            )
            for d in documents
        ),
        "\n",
    )


@register.simple_tag
def link_items(documents, with_unit: bool = True) -> SafeString:
    """The items of a link list: the title, then (the unit and) the publishing date."""
    if with_unit:
        rows = (
            (d.get_absolute_url(), d.title, f"{d.organization.display_name} {ymd(d.published_at)}") for d in documents
        )
    else:
        rows = ((d.get_absolute_url(), d.title, ymd(d.published_at)) for d in documents)
    return rows_html('<li><a href="{}">{}</a> <span class="date">{}</span></li>', rows)
