"""Every public page kind at 390 px (a phone): no page scrolls sideways, and every metadata value (the 公开目录 table
of a document, the cells of every table, the values of every definition list) lies inside the screen."""

import pytest

from tests.e2e.pages import PHONE_WIDTH, public_page_kinds, seed_demo_county, set_mode, set_viewport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Elements wider than the screen, or cells outside it; hidden ones (the column headings a phone reads from each
# cell's label, screen-reader-only text) do not count.
OVERFLOW = """
const width = window.innerWidth;
const visible = (el) => {
  const box = el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return false;
  for (let node = el; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden' || style.clip === 'rect(0px, 0px, 0px, 0px)') return false;
  }
  return true;
};
const out = [];
for (const el of document.querySelectorAll('main td, main th, main dd, main dt, main .doc-meta *')) {
  if (!visible(el)) continue;
  const box = el.getBoundingClientRect();
  if (box.left < -1 || box.right > width + 1) out.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${Math.round(box.left)}-${Math.round(box.right)}`);
}
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, outside: out.slice(0, 5)};
"""


def test_every_public_page_kind_fits_a_phone_and_shows_its_metadata(browser, live_server, settings):
    seed_demo_county(settings)
    urls = public_page_kinds()
    set_viewport(browser, PHONE_WIDTH)
    problems = []
    for mode in ("normal", "large"):
        set_mode(browser, live_server.url, mode)
        for url in urls:
            browser.get(live_server.url + url)
            found = browser.execute_script(OVERFLOW)
            assert found["innerWidth"] == PHONE_WIDTH
            if found["scrollWidth"] > found["innerWidth"] or found["outside"]:
                problems.append((mode, url, found))
    assert not problems, problems
    _assert_catalogue_values_shown(browser, live_server)


def _assert_catalogue_values_shown(browser, live_server) -> None:
    """The document page's 公开目录 table: its right-hand values (成文日期, 发布日期, 体裁...) were cut off."""
    from disclosure.models import Document

    document = next(d for d in Document.objects.public().order_by("pk") if d.index_number and d.doc_number)
    browser.get(live_server.url + document.get_absolute_url())

    cells = browser.execute_script(
        "return [...document.querySelectorAll('.doc-meta td')].map(td => {"
        " const box = td.getBoundingClientRect();"
        " return [td.textContent.trim(), box.left, box.right, box.width]; });"
    )
    texts = [text for text, *_ in cells]
    assert document.index_number in texts and document.doc_number in texts and document.title in texts
    for text, left, right, width in cells:
        assert width > 0 and left >= 0 and right <= PHONE_WIDTH, (text, left, right)
