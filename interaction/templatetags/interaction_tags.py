"""Template filters for public pages: personal data masked before it is shown (a public page never shows a phone number, e-mail or ID in full)."""

from django import template
from django.template.defaultfilters import linebreaks_filter

from portal import masking

from ..privacy import mask_public

register = template.Library()


@register.filter
def masked(text: str, owner=None) -> str:
    """Free text with every ID number, phone number and e-mail address masked (still escaped by autoescape); pass
    the message (``text|masked:message``) to mask its writer's own phone and e-mail in any spelling too."""
    return mask_public(text, owner)


@register.filter
def masked_paragraphs(text: str, owner=None):
    """Masked free text (stored as plain text) as paragraphs: escaped here once and marked safe, so that autoescape
    does not escape the <p> tags and the entities a second time; user HTML is shown as text, never rendered."""
    return linebreaks_filter(mask_public(text, owner), autoescape=True)


@register.filter
def masked_name(value: str) -> str:
    return masking.mask_name(value or "")


@register.filter
def masked_phone(value: str) -> str:
    return masking.mask_phone(value or "")


@register.filter
def masked_email(value: str) -> str:
    return masking.mask_email(value or "")


@register.filter
def http_link(value: str) -> str:
    """The address when it is an http(s) URL or a site path; empty otherwise (no javascript: links)."""
    value = (value or "").strip()
    return value if value.startswith(("http://", "https://", "/")) and not value.startswith("//") else ""
