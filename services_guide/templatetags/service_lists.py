"""The rows of the /services/ list, written in Python (twenty rows of five cells took the template language about
as long as the rest of the page)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from portal.markup import rows_html

register = template.Library()

_ONLINE = {"fully": mark_safe('<span class="badge">全程网办</span>'), "partly": "网上预约、预审"}


@register.simple_tag
def service_rows(versions) -> SafeString:
    """事项名称 (a link to its 办事指南), 实施主体, 事项类型, 承诺时限 (即办 for none), 网上办理."""
    return rows_html(
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td class="nowrap">{}</td><td>{}</td></tr>',
        (
            (
                v.item.get_absolute_url(),
                v.name,
                v.item.organization.display_name,
                v.get_kind_display(),
                "即办" if v.promised_days == 0 else f"{v.promised_days}个工作日",
                _ONLINE.get(v.online, "—"),
            )
            for v in versions
        ),
        "\n",
    )
