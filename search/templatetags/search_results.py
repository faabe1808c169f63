"""The repeated parts of the results page, written in Python: the filter links (up to a hundred), the hits and the
page numbers. In the template language they took about half of a search's time (lookups, loops and filters for
every link), more than finding the results. The search form too: its twenty lookups, filters and conditions took
0.15-0.2 ms of every search."""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.utils.safestring import SafeString, mark_safe

from portal.fasturls import url_of
from portal.markup import escaped, html_format, ymd

register = template.Library()


_ACTIVE = (' class="active"', ' aria-current="true"')


@register.simple_tag
def search_layout(outcome, search, facets: list[dict], sorts: list[dict], pages: dict, partial_rows, offset: int):
    """The answer to a query: the filters beside the summary (count and sort links), the pinyin and 您是不是要找
    notices, the hits and the page numbers. One tag, as the template's conditions and loops around the parts cost
    more than the parts."""
    text = escaped(search.query.text)
    sort_links = " | ".join(
        f"<strong>{escaped(s['label'])}</strong>"
        if s["active"]
        else f'<a href="{escaped(s["url"])}">{escaped(s["label"])}</a>'
        for s in sorts
    )
    parts = [
        '<div class="search-layout">\n    <aside class="search-facets" aria-label="筛选">\n      ',
        search_facets(facets, outcome.facets_approximate),
        '\n    </aside>\n    <div class="search-results">\n      <p class="search-summary">找到相关结果 <strong>',
        "约" if outcome.approximate else "",
        f"{outcome.total}</strong> 条\n        ",
        f'<span class="search-sort">排序：{sort_links}</span>' if sorts else "",
        "\n      </p>\n      ",
    ]
    if outcome.pinyin_words:
        words = "、".join(map(escaped, outcome.pinyin_words))
        parts.append(f'<p class="search-notice">按拼音“{text}”查找：{words}</p>')
    parts.append("\n      ")
    if outcome.suggestions:
        links = "、".join(f'<a href="?q={escaped(quote(w, safe="/"))}">{escaped(w)}</a>' for w in outcome.suggestions)
        parts.append(f'<p class="search-suggest">您是不是要找：{links}</p>')
    parts.append("\n      ")
    if not outcome.hits:
        parts.append(
            f'\n      <p class="search-empty">没有找到与“{text}”相关的结果。请检查输入是否有误，或换用更简短、更常用的词语。</p>\n      '
        )
    parts += [
        f'\n      <ol class="search-hits" start="{offset + 1}">\n        ',
        search_hits(outcome.hits, partial_rows, offset),
        "\n      </ol>\n      ",
        search_pager(pages),
        "\n    </div>\n  </div>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped; the parts are this module's markup


def search_facets(groups: list[dict], approximate: bool) -> SafeString:
    """Each facet: its title, 全部… to clear a chosen value, then its values with their counts."""
    about = "约" if approximate else ""
    sections = []
    for group in groups:
        label = escaped(group["label"])
        items = [f'<li><a href="{escaped(group["clear_url"])}">全部{label}</a></li>'] if group["chosen"] else []
        for o in group["options"]:
            item, link = _ACTIVE if o["active"] else ("", "")
            items.append(
                f'<li{item}><a href="{escaped(o["url"])}"{link}>{escaped(o["value"])}</a> '
                f'<span class="facet-count">({about}{o["count"]})</span></li>'
            )
        sections.append(f'<section class="facet"><h2>{label}</h2><ul>{"".join(items)}</ul></section>')
    return mark_safe("\n".join(sections))  # noqa: S308 - every value is escaped


def _meta(hit) -> str:
    parts = [f'<span class="hit-kind">{escaped(hit.kind)}</span>'] if hit.kind else []
    for value in (
        hit.unit,
        hit.column if hit.column != hit.kind else "",
        hit.doc_type if hit.doc_type != "其他" else "",
        hit.doc_number,
    ):
        if value:
            parts.append(f"<span>{escaped(value)}</span>")
    if hit.pub_date:
        day = ymd(hit.pub_date)
        parts.append(f'<time datetime="{day}">{day}</time>')
    return " ".join(parts)


_EXACT_BADGE = ' <span class="badge">文号/索引号匹配</span>'


def search_hits(hits, partial_rows: set[int], offset: int) -> SafeString:
    """The hits as list items; where the partial hits (not every word) begin, the list closes with a notice and
    a new list goes on with the numbering (the page's hits are numbered from ``offset`` + 1). The title and the
    snippet are highlighted markup (search.highlight escapes the text); every other value is escaped here."""
    items = []
    for n, hit in enumerate(hits):
        if n in partial_rows:
            items.append(
                '</ol><p class="search-notice">以下结果只包含部分关键词：</p>'
                f'<ol class="search-hits" start="{offset + n + 1}">'
            )
        items.append(
            f'<li class="search-hit{" exact" if hit.exact else ""}"><h3><a href="{escaped(hit.url)}">'
            f"{escaped(hit.title_html)}</a>{_EXACT_BADGE if hit.exact else ''}</h3>"
            f'<p class="snippet">{escaped(hit.snippet_html)}</p><p class="meta">{_meta(hit)}</p></li>'
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value is escaped or highlighted markup


def search_pager(pages: dict) -> SafeString | str:
    """上一页, the page numbers around the current one, 下一页 (nothing when there is one page)."""
    if not pages or pages["count"] <= 1:
        return ""
    parts = []
    if pages["previous"]:
        parts.append(html_format('<a href="{}" rel="prev">上一页</a>', pages["previous"]))
    parts += [
        html_format('<strong aria-current="page">{}</strong>', p["n"])
        if p["active"]
        else html_format('<a href="{}">{}</a>', p["url"], p["n"])
        for p in pages["numbers"]
    ]
    if pages["next"]:
        parts.append(html_format('<a href="{}" rel="next">下一页</a>', pages["next"]))
    return html_format('<nav class="pagination" aria-label="分页">{}</nav>', mark_safe("".join(parts)))


_FORM = (
    '<form class="search-form" action="{action}" method="get" role="search">\n'
    '    <div class="search-main">\n'
    '      <label for="id_q">关键词</label>\n'
    '      <input type="search" name="q" id="id_q" value="{q}" placeholder="输入关键词、文号、索引号或拼音" maxlength="1000">\n'
    '      <button type="submit">搜索</button>\n'
    "    </div>\n"
    '    <details class="search-advanced"{open}>\n'
    "      <summary>高级搜索</summary>\n"
    '      <div class="search-advanced-fields">\n'
    '        <p><input type="checkbox" name="title_only" id="id_title_only"{checked}> '
    '<label for="id_title_only">仅搜索标题</label></p>\n'
    '        <p><label for="id_doc_number">文号</label> <input type="text" name="doc_number" id="id_doc_number" '
    'value="{doc_number}" placeholder="如：西政办发〔2018〕47号"> {doc_number_errors}</p>\n'
    '        <p><label for="id_unit">发布机构</label> <input type="text" name="unit" id="id_unit" value="{unit}"> '
    "{unit_errors}</p>\n"
    '        <p><label for="id_date_from">发布日期自</label> <input type="date" name="date_from" id="id_date_from" '
    'value="{date_from}"> {date_from_errors}\n'
    '           <label for="id_date_to">至</label> <input type="date" name="date_to" id="id_date_to" '
    'value="{date_to}"> {date_to_errors}</p>\n'
    "      </div>\n"
    "    </details>\n"
    "  </form>"
)


@register.simple_tag
def search_form(form, advanced: bool) -> SafeString:
    """The search box and the 高级搜索 fields, with what was typed and each field's errors beside it; the advanced
    part is open when one of its fields was used or has an error."""
    errors, given = form.errors, form.data
    # A parameter the address does not name is shown empty, without a bound field to say so.
    values = {
        name: escaped(form[name].value() or "") if name in given else ""
        for name in ("q", "doc_number", "unit", "date_from", "date_to")
    }
    for name in ("doc_number", "unit", "date_from", "date_to"):
        values[f"{name}_errors"] = str(errors[name]) if errors.get(name) else ""
    return mark_safe(  # noqa: S308 - every value is escaped; the error lists render escaped
        _FORM.format(
            action=url_of("search:search"),
            open=" open" if advanced or errors else "",
            checked=" checked" if "title_only" in given and form["title_only"].value() else "",
            **values,
        )
    )
