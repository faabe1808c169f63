"""Rows of the public document lists, written in Python: a column page lists twenty documents, and the template
language spends some 70 µs on each row (a dozen lookups, filters and a URL), about a third of the page."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from portal.markup import rows_html, ymd

register = template.Library()

VALID = "有效"


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
