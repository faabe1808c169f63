"""Warnings a reviewer reads in a review form, contributed by apps that check content without owning it (the site's
wording check reads a document at 初审 without the document's app knowing that app).

A checker takes the object under review and returns a list of ``ReviewWarning``; it only reads. An app registers
its checker in its AppConfig.ready(); the reviewing app calls ``warnings_for(obj)`` and includes
``portal/_review_warnings.html``. A checker that fails is logged and left out, so a broken check cannot stop a
review (in DEBUG it raises)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewWarning:
    label: str  # what kind of problem: 错别字, 过时机构名称, 领导职务 ...
    match: str  # the words found
    suggestion: str = ""  # what it should probably say
    source: str = ""  # where: 标题, 正文, 附件“…”
    before: str = ""  # a little of the text around the match
    after: str = ""
    serious: bool = False  # a serious error (a failing mark of the national website check once published)


Checker = Callable[[object], list[ReviewWarning]]
_checkers: dict[str, Checker] = {}


def register(name: str, checker: Checker) -> None:
    _checkers[name] = checker


def warnings_for(obj) -> list[ReviewWarning]:
    found: list[ReviewWarning] = []
    for name, checker in _checkers.items():
        try:
            found.extend(checker(obj))
        except Exception:
            if settings.DEBUG:
                raise
            logger.exception("review warning checker %s failed", name)
    return sorted(found, key=lambda w: not w.serious)
