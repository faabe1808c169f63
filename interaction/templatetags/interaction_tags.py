"""Template filters for public pages: personal data masked before it is shown (DESIGN §8)."""

from django import template
from django.utils.html import linebreaks

from portal import masking

register = template.Library()


@register.filter
def masked(text: str) -> str:
    """Free text with every ID number, mobile number and e-mail address masked (still escaped by autoescape)."""
    return masking.mask_text(text or "")


@register.filter
def masked_paragraphs(text: str):
    """Masked free text as escaped paragraphs: user HTML is shown as text, never rendered."""
    return linebreaks(masking.mask_text(text or ""), autoescape=True)


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
