"""The captcha of the public forms (django-simple-captcha), made usable: the label points at the answer box, the
picture says what it is, and a 换一张 button fetches a new picture through the package's refresh view."""

from __future__ import annotations

from captcha.fields import CaptchaField, CaptchaTextInput
from django.template import loader
from django.utils.safestring import mark_safe

LABEL = "验证码"
INVALID = "验证码不正确，请重新输入。"
REQUIRED = "请输入图中的验证码。"


class CaptchaInput(CaptchaTextInput):
    template_name = "portal/widgets/captcha.html"
    # One answer box with one <label>, not a fieldset of a hidden key and the box.
    use_fieldset = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["refresh_url"] = self.refresh_url()
        context["answer_id"] = self.id_for_label((attrs or {}).get("id"))
        context["invalid"] = (attrs or {}).get("aria-invalid") == "true"
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's templates folder, not the form renderer's (which reads only Django's and the apps' own).
        return mark_safe(loader.render_to_string(template_name, context))  # noqa: S308 - a rendered template


def captcha_field(label: str = LABEL) -> CaptchaField:
    return CaptchaField(
        label=label,
        widget=CaptchaInput(),
        error_messages={"invalid": INVALID, "required": REQUIRED, "incomplete": REQUIRED},
    )
