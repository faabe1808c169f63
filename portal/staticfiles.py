"""Static files under hashed names in production (``site.3f2a9c1b.css``), so nginx can serve them with a year's
expiry and a new release is fetched at once; ``manage.py collectstatic`` writes them and their manifest."""

from __future__ import annotations

import logging

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage, StaticFilesStorage

logger = logging.getLogger(__name__)


class ManifestStorage(ManifestStaticFilesStorage):
    """Django's manifest storage, except that a file missing from the manifest (collectstatic not run yet, as in a
    test run or `check --deploy` on a build machine) gets its plain URL and a warning instead of an error page."""

    manifest_strict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The manifest is read once, when the process starts, so a name's URL never changes: each is worked out
        # once (a page asks for a dozen, each an urljoin, an unquote and a manifest lookup).
        self._known_urls: dict[str, str] = {}

    def url(self, name, force=False):
        known = None if force else self._known_urls.get(name)
        if known is not None:
            return known
        try:
            url = super().url(name, force)
        except ValueError:
            logger.warning("Static file %s has no hashed name: run `manage.py collectstatic`", name)
            return StaticFilesStorage.url(self, name)
        if not force:
            self._known_urls[name] = url
        return url
