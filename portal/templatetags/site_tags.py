"""Template tags of the site shell: gov <meta> tags filled from template blocks, and home-page blocks."""

import html
import logging

from django import template
from django.conf import settings
from django.utils.html import format_html, strip_tags

register = template.Library()
logger = logging.getLogger(__name__)


class MetaTagNode(template.Node):
    # Blocks nested in this tag stay overridable: ExtendsNode finds BlockNodes through child_nodelists.
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist: template.NodeList):
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        # Undo the template's escaping and drop any markup, then escape once for the attribute: a title holding
        # "&" or a quote comes out right whether or not the block marked it safe.
        content = " ".join(html.unescape(strip_tags(self.nodelist.render(context))).split())
        if not content:
            return ""
        return format_html('<meta name="{}" content="{}">', self.name, content)


@register.tag
def metatag(parser, token):
    """``{% metatag "ArticleTitle" %}{% block article_title %}{% endblock %}{% endmetatag %}``: the <meta> tag is
    written only when its content is not empty (REFERENCE §5: article tags belong on article pages only)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('metatag takes one quoted name: {% metatag "PubDate" %}')
    nodelist = parser.parse(("endmetatag",))
    parser.delete_first_token()
    return MetaTagNode(bits[1][1:-1], nodelist)


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


@register.simple_tag
def staff_nav_links(user) -> list[tuple[str, str]]:
    """The staff side navigation the product apps declare (portal/registry.py), filtered for this user."""
    from portal import registry

    return registry.staff_nav(user)


class KeptNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList, parts: list):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context) -> str:
        from portal import pagecache

        name = "fragment:" + ":".join(str(part.resolve(context)) for part in self.parts)
        return pagecache.per_generation(name, lambda: self.nodelist.render(context))


@register.tag
def kept(parser, token):
    """``{% kept "name" value ... %}…{% endkept %}``: the rendered fragment is kept until public content changes
    (portal.pagecache.per_generation), once per combination of the values. For parts of public pages that are the
    same for every reader and cost real rendering (the catalogue tree, the home blocks): what is inside must depend
    on nothing but public content and the values named, never on the request or the user."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("kept needs a name")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parts)
