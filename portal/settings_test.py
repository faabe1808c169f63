"""Test settings: the real settings with fast hashing, eager Celery (the round-trip test turns it off), local-memory
e-mail and cache, and a temporary data folder. DATABASE_URL / REDIS_URL still come from the environment."""

import os
import tempfile

os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="portal-test-"))

from portal.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"},
}
PAGE_CACHE_GENERATION_FILE = str(DATA_DIR / "content-generation")  # noqa: F405
PAGE_CACHE_ADMIT_AFTER = 1  # a page is kept at its first view (tests/portal/test_pagecache.py tests the default)
CAPTCHA_TEST_MODE = True  # the captcha answer "PASSED" is accepted
AXES_ENABLED = True
STAFF_2FA_REQUIRED = False  # the two-factor tests turn it on (tests/ops)
LOGGING = {"version": 1, "disable_existing_loggers": False}
VISIT_FLUSH_SECONDS = 0  # page views are written to the counters at once, so a test can read them back
