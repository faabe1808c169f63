"""Template tags of the site shell: gov <meta> tags filled from template blocks, and home-page blocks."""

import functools
import html
import logging
import threading
from datetime import date
from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.loader_tags import BlockNode
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from portal import workdays
from portal.fasturls import url_of
from portal.markup import html_format

register = template.Library()
logger = logging.getLogger(__name__)


class _NamedBlockNode(template.Node):
    """A tag with one quoted name around template content: ``{% tag "name" %}…{% endtag %}``."""

    # Blocks nested in the tag stay overridable: ExtendsNode finds BlockNodes through child_nodelists.
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist: template.NodeList):
        self.name = name
        self.nodelist = nodelist

    @classmethod
    def parse(cls, parser, token, example: str):
        bits = token.split_contents()
        if len(bits) != 2 or bits[1][0] not in "\"'":
            raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name: {example}")
        nodelist = parser.parse((f"end{bits[0]}",))
        parser.delete_first_token()
        return cls(bits[1][1:-1], nodelist)


def meta_tag(name: str, content: str) -> str:
    """A gov <meta> tag, or nothing when ``content`` is empty. The content may be rendered markup: the template's
    escaping is undone and any tags dropped, then it is escaped once for the attribute, so a title holding "&" or a
    quote comes out right whether or not it was marked safe."""
    if "<" in content:
        content = strip_tags(content)
    content = " ".join(html.unescape(content).split())
    if not content:
        return ""
    return html_format('<meta name="{}" content="{}">', name, content)


class MetaTagNode(_NamedBlockNode):
    def render(self, context) -> str:
        return meta_tag(self.name, self.nodelist.render(context))


@register.tag
def metatag(parser, token):
    """``{% metatag "ArticleTitle" %}{% block article_title %}{% endblock %}{% endmetatag %}``: the <meta> tag is
    written only when its content is not empty (REFERENCE §5: article tags belong on article pages only)."""
    return MetaTagNode.parse(parser, token, '{% metatag "PubDate" %}')


@register.simple_tag(takes_context=True)
def render_block(context, block) -> str:
    """Render a block of the home page or a 机构 page (portal.home.Block): its template sees the provider's context
    as top-level variables, plus everything the page has (request, site, user ...). A failing block is logged and
    left out so that one app cannot take the page down; with DEBUG on it raises."""
    try:
        tmpl = context.template.engine.get_template(block.template)
        with context.push(block.context):
            return tmpl.render(context)
    except Exception:
        if settings.DEBUG:
            raise
        logger.exception("home page block %s failed to render", block.template)
        return ""


def absolute_url(request) -> str:
    """``request.build_absolute_uri()``, worked out once per request: a page shows it up to three times (本页网址, the
    footer's links, the QR code), and each costs 10-15 µs (the host checked, the path encoded)."""
    found = request.__dict__.get("portal_absolute_url")
    if found is None:
        found = request.portal_absolute_url = request.build_absolute_uri()
    return found


@register.simple_tag(takes_context=True)
def query_value(context, name: str) -> str:
    """The query parameter ``name`` of this page's address ("" when absent): ``request.GET.name|default:''`` without
    the template language's failed look-ups (a dictionary, an attribute and a list index tried in turn, each raising,
    some 20 µs)."""
    request = context.get("request")
    return request.GET.get(name, "") if request is not None else ""


@register.simple_tag(takes_context=True)
def page_url(context, quoted: bool = False) -> str:
    """This page's full address (``{% page_url %}``), percent-encoded for a query parameter with ``quoted=True``
    (as ``|urlencode`` would); empty where the page is rendered without a request."""
    request = context.get("request")
    if request is None:
        return ""
    url = absolute_url(request)
    return quote(url, safe="/") if quoted else url


@register.simple_tag(takes_context=True)
def page_qr(context, print_button: bool = True) -> str:
    """A QR code of the current page for content pages (``{% block page_qr %}{% page_qr %}{% endblock %}``), with
    a 打印本页 button that static/js/site.js shows (none where the page has its own print link)."""
    request = context["request"]
    button = '<p class="page-tools"><button class="button-secondary" data-print hidden>打印本页</button></p>'
    return html_format(
        '<div class="page-tools-qr">\n  <figure class="page-qr">\n    <img src="{}?path={}" alt="本页二维码：{}" '
        'width="132" height="132" loading="lazy">\n    <figcaption>手机扫码阅读本页</figcaption>\n  </figure>\n  {}\n</div>',
        url_of("portal:page_qr"),
        quote(request.path),
        absolute_url(request),
        mark_safe(button) if print_button else "",
    )


_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@register.simple_tag
def today() -> str:
    """Today on the county's calendar, as the top bar shows it: 2026年12月3日 星期四."""
    return _day_text(workdays.today())


@functools.lru_cache(maxsize=8)
def _day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日 {_WEEKDAYS[day.weekday()]}"


@register.simple_tag
def staff_nav_links(user) -> list[tuple[str, str]]:
    """The staff side navigation the product apps declare (portal/registry.py), filtered for this user."""
    from portal import registry

    return registry.staff_nav(user)


# The fresh parts of the kept fragment being built in this thread (portal.pagecache.per_generation builds it).
_building = threading.local()
_FRESH = "\x00fresh\x00"


class KeptNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList, parts: list):
        self.nodelist = nodelist
        self.parts = parts
        fresh = nodelist.get_nodes_by_type(FreshNode)
        self.fresh = {node.name: node for node in fresh}
        # Blocks a child template fills can only sit in fresh parts (the rest is rendered once for every page).
        self.blocks = [block for node in fresh for block in node.nodelist.get_nodes_by_type(BlockNode)]
        if len(self.blocks) != len(nodelist.get_nodes_by_type(BlockNode)):
            raise template.TemplateSyntaxError("a {% block %} in a {% kept %} fragment must sit in a {% fresh %} part")

    def get_nodes_by_type(self, nodetype):
        # A child template's {% extends %} looks for the parent's blocks on every render: only fresh parts hold any.
        if nodetype is BlockNode:
            return list(self.blocks)
        return super().get_nodes_by_type(nodetype)

    def _build(self, context) -> tuple[str, ...]:
        # Each {% fresh %} leaves a marker with its name; the kept value alternates text and fresh names.
        outer = getattr(_building, "active", False)
        _building.active = True
        try:
            rendered = self.nodelist.render(context)
        finally:
            _building.active = outer
        pieces = tuple(rendered.split(_FRESH))
        unknown = set(pieces[1::2]) - self.fresh.keys()
        if unknown:
            raise template.TemplateSyntaxError(f"fresh parts {sorted(unknown)} must sit in the kept tag's own template")
        return pieces

    def render(self, context) -> str:
        from portal import pagecache

        name = "fragment:" + ":".join(str(part.resolve(context)) for part in self.parts)
        pieces = pagecache.per_generation(name, lambda: self._build(context))
        if len(pieces) == 1:
            return pieces[0]
        filled: dict[str, str] = {}
        out = []
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                out.append(piece)
            else:
                if piece not in filled:
                    filled[piece] = self.fresh[piece].nodelist.render(context)
                out.append(filled[piece])
        return mark_safe("".join(out))


@register.tag
def kept(parser, token):
    """``{% kept "name" value ... %}…{% endkept %}``: the rendered fragment is kept until public content changes
    (portal.pagecache.per_generation), once per combination of the values. For parts of public pages that are the
    same for every reader and cost real rendering (the page shell, the catalogue tree, the home blocks): what is
    inside must depend on nothing but public content and the values named, never on the request or the user, except
    in ``{% fresh "name" %}…{% endfresh %}`` parts, which are rendered on every request (template blocks included).
    A fresh part may appear several times under one name (in a loop, say), rendered once per request: its content
    must not depend on loop variables. It must sit in the kept tag's own template (not in an included one), and a
    kept tag inside another one must sit in a fresh part of the outer."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("kept needs a name")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parts)


class FreshNode(_NamedBlockNode):
    def render(self, context) -> str:
        if getattr(_building, "active", False):
            return mark_safe(f"{_FRESH}{self.name}{_FRESH}")
        return self.nodelist.render(context)


@register.tag
def fresh(parser, token):
    """``{% fresh "name" %}…{% endfresh %}``: a part of a ``{% kept %}`` fragment rendered on every request."""
    return FreshNode.parse(parser, token, '{% fresh "title" %}')
