"""The document's own markup (its gov <meta> tags, breadcrumbs, heading, meta line, body and 政府信息公开目录
table), written in Python: it is the busiest page of the site and, in the template language, these parts took about
half of its time (some sixty lookups, filters and block renders). Shown by the document page, its print version and
the staff's review pages."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from disclosure.models import Document
from disclosure.templatetags.document_lists import VALID
from portal.fasturls import url_of
from portal.markup import escaped, html_format, local, rows_html, ymd
from portal.templatetags.site_tags import meta_tag

register = template.Library()

_DASH = "—"


@register.simple_tag
def meta_table(document) -> SafeString:
    """The catalogue's metadata of a document (索引号, 主题分类, 发布机构 ...), as the national catalogue lists them."""
    d = document
    repealed = html_format("（{}日期：{}）", d.validity, ymd(d.repealed_on)) if d.repealed_on else ""
    interpretation = (
        html_format(
            '<tr><th scope="row">解读形式</th><td colspan="3">{}</td></tr>', d.get_interpretation_kind_display()
        )
        if d.interpretation_kind
        else ""
    )
    return html_format(
        '<table class="data-table doc-meta">\n  <caption class="sr-only">政府信息公开目录信息</caption>\n  <tbody>\n'
        '    <tr><th scope="row">索引号</th><td>{}</td><th scope="row">主题分类</th><td>{}</td></tr>\n'
        '    <tr><th scope="row">发布机构</th><td>{}</td><th scope="row">成文日期</th><td>{}</td></tr>\n'
        '    <tr><th scope="row">文　　号</th><td>{}</td><th scope="row">发布日期</th><td>{}</td></tr>\n'
        '    <tr><th scope="row">名　　称</th><td colspan="3">{}</td></tr>\n'
        '    <tr><th scope="row">关 键 词</th><td>{}</td><th scope="row">体　　裁</th><td>{}</td></tr>\n'
        '    <tr><th scope="row">有 效 性</th><td class="validity validity-{}">{}{}</td>'
        '<th scope="row">公开方式</th><td>{}</td></tr>\n'
        "    {}\n"
        '    <tr><th scope="row">内容概述</th><td colspan="3">{}</td></tr>\n'
        "  </tbody>\n</table>",
        d.index_number or _DASH,
        d.topic or _DASH,
        d.organization.name,
        ymd(d.written_date, _DASH),
        d.doc_number or _DASH,
        ymd(d.published_at, _DASH),
        d.title,
        d.keywords or _DASH,
        d.genre or _DASH,
        d.validity,
        d.validity,
        repealed,
        d.disclosure_method,
        interpretation,
        d.summary or _DASH,
    )


@register.simple_tag
def document_body(document) -> SafeString:
    """A withdrawal notice when withdrawn, the metadata table in a catalogue column, the title, the meta line, and
    the cover and body while published (the body is stored sanitised)."""
    d = document
    parts = []
    if d.status == Document.Status.WITHDRAWN:
        day = local(d.withdrawn_at) if d.withdrawn_at else None
        parts.append(
            html_format(
                '<div class="withdrawn-notice" role="alert"><strong>本信息已于{}撤回。</strong>{}</div>',
                f"{day.year}年{day.month}月{day.day}日" if day else "",
                html_format("撤回原因：{}", d.withdraw_reason) if d.withdraw_reason else "",
            )
        )
    if d.column.carries_metadata:
        parts.append(meta_table(d))
    published = local(d.published_at).strftime("%Y-%m-%d %H:%M") if d.published_at else ""
    parts.append(
        html_format(
            '<h1>{}</h1>\n<p class="article-meta">\n  {}<span>发布机构：{}</span>　<span>发布日期：{}</span>{}\n  {}\n</p>',
            d.title,
            html_format("<span>{}</span>　", d.doc_number) if d.doc_number else "",
            d.organization.name,
            published,
            html_format("　<span>来源：{}</span>", d.source) if d.source else "",
            html_format('　<span class="badge badge-red">{}</span>', d.validity) if d.validity != VALID else "",
        )
    )
    if d.status == Document.Status.PUBLISHED:
        if d.cover_image:
            parts.append(
                html_format('<figure class="doc-cover"><img src="{}" alt="{}"></figure>', d.cover_image.url, d.title)
            )
        parts.append(html_format('<div class="article-body">{}</div>', mark_safe(d.body)))  # noqa: S308 - sanitised on save
    return mark_safe("\n".join(parts))


@register.simple_tag(takes_context=True)
def document_meta_tags(context, document) -> SafeString:
    """The page's gov <meta> tags (the base template's ``meta`` block) for a document: its column and column type,
    title, publication time and source, keywords and description (REFERENCE §5)."""
    d, column = document, document.column
    published = local(d.published_at).strftime("%Y-%m-%d %H:%M") if d.published_at else ""
    return html_format(
        '\n<meta name="ColumnName" content="{}">\n<meta name="ColumnType" content="{}">\n{}\n{}\n{}\n'
        '<meta name="Keywords" content="{}">\n<meta name="Description" content="{}">\n',
        column.name,
        "信息公开目录" if column.carries_metadata else "文章",
        meta_tag("ArticleTitle", escaped(d.title)),
        meta_tag("PubDate", published),
        meta_tag("ContentSource", escaped(d.source or d.organization.name)),
        d.keywords or context["site"].keywords,
        d.summary or d.title,
    )


@register.simple_tag
def document_breadcrumbs(trail) -> SafeString:
    """首页, the document's column and its ancestors (the catalogue's root links to the platform page), 正文."""
    links = rows_html(
        '<li><a href="{}">{}</a></li>',
        ((url_of("disclosure:platform") if c.slug == "xxgk" else c.get_absolute_url(), c.name) for c in trail),
    )
    return html_format(
        '<nav class="breadcrumbs" aria-label="当前位置"><ol><li><a href="/">首页</a></li>{}'
        '<li><span aria-current="page">正文</span></li></ol></nav>',
        links,
    )
