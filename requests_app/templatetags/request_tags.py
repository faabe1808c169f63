"""The terms of 依申请公开 as configured (reply and extension periods, 补正, third parties, fees), for every page
that states them: the 依申请公开 guide and form, and each unit's 政府信息公开指南."""

from django import template

from requests_app import conf

register = template.Library()


@register.inclusion_tag("requests_app/_terms.html")
def request_terms() -> dict:
    return {
        "reply_days": conf.reply_workdays(),
        "extension_days": conf.extension_workdays(),
        "correction_window": conf.correction_request_window(),
        "third_party_days": conf.third_party_workdays(),
    }
