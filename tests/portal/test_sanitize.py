"""Rich text is sanitised before it is stored: no script, no handlers, no javascript: links, no foreign images."""

import pytest

from portal.sanitize import clean_html, html_to_text

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">点我</a>',
    '<a href="JaVaScRiPt:alert(1)">点我</a>',
    '<a href="&#106;avascript:alert(1)">点我</a>',
    "<img src=http://evil.example/track.png>",
    "<img src=//evil.example/track.png>",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">文字</p>',
    '<div onmouseover="alert(1)">文字</div>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="javascript:alert(1)"><input type="submit"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]
FORBIDDEN = ["<script", "onerror", "onload", "onmouseover", "javascript:", "evil.example", "<svg", "<iframe",
             "<style", "style=", "<object", "<embed", "<form", "<meta"]  # fmt: skip


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_removed(payload):
    cleaned = clean_html(f"<p>正文</p>{payload}").lower()
    for bad in FORBIDDEN:
        assert bad not in cleaned


def test_ordinary_formatting_survives():
    html = (
        '<h2>一、总体要求</h2><p align="center"><strong>重点</strong><em>说明</em></p>'
        '<table><tr><td colspan="2">表格</td></tr></table>'
        '<a href="https://www.gov.cn/zhengce/">国务院政策</a><img src="/media/editor/a.png" alt="图">'
    )
    cleaned = clean_html(html)
    for kept in ("<h2>", '<p align="center">', "<strong>", '<td colspan="2">', 'href="https://www.gov.cn/zhengce/"',
                 'rel="noopener noreferrer"', 'src="/media/editor/a.png"'):  # fmt: skip
        assert kept in cleaned


def test_plain_text_decodes_entities_and_separates_paragraphs():
    text = html_to_text("<p>预算 &amp; 决算&nbsp;公开</p><p>第二段</p><script>alert(1)</script>")
    assert text == "预算 & 决算 公开\n第二段"
