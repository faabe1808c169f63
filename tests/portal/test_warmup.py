"""The warm-up done when the application is loaded (portal/warmup.py, in the gunicorn master before the fork)."""

import logging

from django.template import engines

from portal import warmup


def test_every_page_template_is_compiled_before_the_first_request(caplog):
    names = warmup.template_names()
    assert "base.html" in names and "disclosure/document.html" in names
    assert not [n for n in names if n.startswith("pdf/") or "/pdf/" in n]
    with caplog.at_level(logging.INFO, logger="portal.warmup"):
        warmup.warm()
    assert "does not compile" not in caplog.text and "warmed up" in caplog.text
    loader = engines["django"].engine.template_loaders[0]
    assert any(key.startswith("disclosure/document.html") for key in loader.get_template_cache)
