"""PDF rendering with WeasyPrint and a Chinese font (see STACK.md: name the font and say lang="zh-CN", or a
generic font picks Japanese glyph shapes). Templates extend ``pdf/base.html``."""

from __future__ import annotations

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is slow and most requests never need it

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url or ".").write_pdf()


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF (pdftotext from poppler-utils); used by tests and the confidentiality scan."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        result = subprocess.run(  # noqa: S603 - fixed argv, our own temporary file
            ["pdftotext", "-layout", "-enc", "UTF-8", tmp.name, "-"],  # noqa: S607
            capture_output=True,
            check=True,
            timeout=60,
        )
    return result.stdout.decode("utf-8")
