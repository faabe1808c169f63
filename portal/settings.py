"""Settings for the county portal, configured from the environment (django-environ).

Defaults run on a fresh machine with nothing else installed: SQLite, eager Celery, local-memory cache and a Whoosh
folder under ``var/``. Production sets DATABASE_URL, REDIS_URL, SEARCH_URL, SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

import importlib
import importlib.util
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)
DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 - development default only
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        # Production must be explicit: refusing to start beats signing sessions with a key from the repository.
        raise ImproperlyConfigured(
            "DEBUG is off but SECRET_KEY is not set. Set SECRET_KEY in the environment "
            "(for example: export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))'))."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

PRODUCT_APPS = [
    "disclosure", "requests_app", "interaction", "newmedia", "services_guide", "engagement", "inspection", "evaluation",
    "reports", "ops", "search",
]  # fmt: skip
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "captcha",
    "ckeditor",
    "haystack",
    "portal.apps.PortalConfig",
    # Operations' third-party parts (two-factor login, model-change audit); the ops app itself is a product app.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    # The product apps: each declares its URLs, navigation, schedule, workbench sections and demo content
    # (portal/apps.py ProductAppConfig), so adding one is this one line.
    *PRODUCT_APPS,
]

MIDDLEWARE = [
    # Counts public page views once the answer is known. ORDER RULE: it stays first, above (outside) any page cache
    # for anonymous readers, so that pages answered from that cache are counted like rendered ones.
    "evaluation.middleware.VisitCounterMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.NoStorePersonalPagesMiddleware",
    "portal.middleware.StripControlCharactersMiddleware",
    # Whole public pages for anonymous readers (portal/pagecache.py): below the visit counter and the header
    # middleware above, above the session, authentication and CSRF middleware that a cached page does not need.
    "portal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ops.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout, the second login step and the password expiry, for every signed-in user.
    "ops.middleware.StaffSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'portal.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Django's backend with prepared statements and a health check skipped for a connection that has just answered
    # (portal/postgresql).
    DATABASES["default"]["ENGINE"] = "portal.postgresql"
    # Persistent connections (a new PostgreSQL connection costs a few milliseconds per request), checked before
    # reuse so a restarted database costs one failed check, not an error page.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The staff password policy (ops/passwords.py): length, character classes, not the username, not one of the last 5.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "ops.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ops.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "ops.passwords.NotUsernameValidator"},
    {"NAME": "ops.passwords.PasswordHistoryValidator", "OPTIONS": {"history": 5}},
]
LOGIN_URL = "portal:staff_login"
LOGIN_REDIRECT_URL = "portal:workbench"
LOGOUT_REDIRECT_URL = "portal:home"

# One language: no LocaleMiddleware (it would pick the reader's language among one, at some 45 µs a request, and
# split caches by Accept-Language).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Hashed names in production (portal/staticfiles.py; nginx serves them with a year's expiry, deploy/nginx/).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "portal.staticfiles.ManifestStorage"
    },
}
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
# Private uploads (identity proofs, letters, message attachments, unpublished files): outside MEDIA_ROOT, no URL,
# served only by views that check the user or the tracking session (portal/private_files.py). With nginx in front,
# set PRIVATE_FILES_X_ACCEL_PREFIX=/_private/ and let nginx send them from an `internal` location (README).
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(DATA_DIR / "private")))
PRIVATE_FILES_X_ACCEL_PREFIX = env.str("PRIVATE_FILES_X_ACCEL_PREFIX", default="")

# --- Redis: Celery broker and result backend, and the cache. Unset = eager tasks and local memory.
REDIS_URL = env.str("REDIS_URL", default="")
# "pages": whole public pages for anonymous readers (portal/pagecache.py). PAGE_CACHE_URL may name a Redis of its
# own with maxmemory and allkeys-lru (the broker's Redis must never evict); by default it shares REDIS_URL, and
# entries expire after PAGE_CACHE_SECONDS.
PAGE_CACHE_URL = env.str("PAGE_CACHE_URL", default=REDIS_URL)
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "portal.redis_cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}
if PAGE_CACHE_URL:
    CACHES["pages"] = {"BACKEND": "portal.redis_cache.RedisCache", "LOCATION": PAGE_CACHE_URL,
                       "KEY_PREFIX": "pages"}  # fmt: skip
else:  # each process keeps its own few hundred pages (about 30 KB each)
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
                       "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_CACHE_MAX_ENTRIES", default=300)}}  # fmt: skip
PAGE_CACHE_ALIAS = "pages"
# How long a page is kept (seconds; 0 turns the page cache off); pages with a query string (search, page numbers)
# for less time, as their number has no bound.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_QUERY_SECONDS = env.int("PAGE_CACHE_QUERY_SECONDS", default=60)
# A page is stored at its second rendering in a web process (1: at the first) and looked up there once stored: a
# crawler reading every page once costs no cache round trip, fills no cache and pays no store on each page.
PAGE_CACHE_ADMIT_AFTER = env.int("PAGE_CACHE_ADMIT_AFTER", default=2)
# Without a shared cache the content generation lives in a file, so that every process on the machine (web workers,
# commands) sees one value.
PAGE_CACHE_GENERATION_FILE = "" if PAGE_CACHE_URL else str(DATA_DIR / "content-generation")
# Browsers revalidate every public page (ETag / Last-Modified, answered 304 when unchanged): a withdrawn document
# leaves every screen on the next view, and an officer who signs in never reuses the anonymous copy.
PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate"
# nginx's micro-cache (deploy/nginx/portal.conf) keeps a page the page cache keeps for this many seconds.
PAGE_CACHE_PROXY_SECONDS = 1
# Apps whose saved rows public pages show: any save or delete bumps the content generation ...
PAGE_CACHE_CONTENT_APPS = [
    "portal", "disclosure", "interaction", "newmedia", "services_guide", "evaluation", "engagement",
]  # fmt: skip
# ... except these models, which no public page shows (or which change on every visit or login).
PAGE_CACHE_IGNORED_MODELS = [
    "portal.User", "portal.HistoryRecord", "portal.WorkdayOverride", "evaluation.DailyVisits",
    "evaluation.PathVisits", "disclosure.IndexCounter", "disclosure.SensitiveWord", "disclosure.DocumentHistory",
]  # fmt: skip
# Never answered from the page cache (besides NO_STORE_PATH_PREFIXES and static files): health, counters, captcha
# images, files and QR codes (not HTML anyway), and the search page, which keeps its own result pages keyed by the
# index's generation (the index is written after the content's commit, by a task).
PAGE_CACHE_EXCLUDED_PREFIXES = ("/healthz", "/visits/", "/captcha/", "/media/", "/qr/", "/display-mode/", "/search/")

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs: each app keeps its own in `<app>/schedule.py` (BEAT_SCHEDULE, no Django imports there).
CELERY_BEAT_SCHEDULE: dict = {}
for _app in ("portal", *PRODUCT_APPS):
    if importlib.util.find_spec(f"{_app}.schedule"):
        CELERY_BEAT_SCHEDULE.update(importlib.import_module(f"{_app}.schedule").BEAT_SCHEDULE)

# --- Search (django-haystack). SEARCH_URL: whoosh:///path (default) or an Elasticsearch URL; see README.
SEARCH_URL = env.str("SEARCH_URL", default=f"whoosh://{DATA_DIR / 'whoosh_index'}")
if SEARCH_URL.startswith("whoosh://"):
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "search.backend.PortalWhooshEngine",
            "PATH": SEARCH_URL.removeprefix("whoosh://"),
        }
    }
elif SEARCH_URL.startswith(("elasticsearch://", "elasticsearch7://", "http://", "https://")):
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine",
            "URL": SEARCH_URL.replace("elasticsearch7://", "http://").replace("elasticsearch://", "http://"),
            "INDEX_NAME": env.str("SEARCH_INDEX_NAME", default="portal"),
        }
    }
else:
    raise ImproperlyConfigured(f"SEARCH_URL must start with whoosh:// or elasticsearch://, got {SEARCH_URL!r}.")
# Memory per web thread for the postings of recently searched words (search/conf.py; benchmarks/README.md).
SEARCH_TERM_CACHE_MB = env.int("SEARCH_TERM_CACHE_MB", default=256)
# jieba and the pinyin tables (about 100 MB) are loaded at a process's first search; SEARCH_PRELOAD=1 loads them at
# start-up instead (before a pre-forking server forks, so its workers share them).
SEARCH_PRELOAD = env.bool("SEARCH_PRELOAD", default=False)
# haystack's signal processor stays the no-op base: each app's services queue search.tasks.index_object after
# commit, and the nightly search.reconcile repairs what a lost task left undone (no index write inside a request).
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# --- E-mail
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")

# --- Staff login lockout (django-axes): 5 failures lock that username from that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Tries during the lock do not restart it: the lock ends 15 minutes after the fifth failure, as the page says.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
# The lockout page says when the lock lifts (the template alone only knows the 15 minutes).
AXES_LOCKOUT_CALLABLE = "portal.staff_views.locked_out"
# The same client address as the public rate limits: REMOTE_ADDR, or CLIENT_IP_HEADER when nginx sets it. Without
# this, behind a proxy every client shares one address and a lockout would be per username only.
AXES_CLIENT_IP_CALLABLE = "portal.staff_views.axes_client_ip"
AXES_VERBOSE = False
# Besides that per-account lock: at most this many failed logins from one address across all accounts per window
# (password spraying), through portal.ratelimit.
LOGIN_ADDRESS_LIMIT = env.int("LOGIN_ADDRESS_LIMIT", default=20)
LOGIN_ADDRESS_WINDOW = env.int("LOGIN_ADDRESS_WINDOW", default=900)

# --- Rich text (django-ckeditor). Everything saved is sanitised with nh3 by portal.sanitize.
CKEDITOR_BASEPATH = "/static/ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline"],
            ["NumberedList", "BulletedList", "Outdent", "Indent"],
            ["JustifyLeft", "JustifyCenter", "JustifyRight"],
            ["Link", "Unlink", "Table", "HorizontalRule"],
            ["RemoveFormat", "Source"],
        ],
        "height": 360,
        "width": "100%",
        "language": "zh-cn",
    }
}
# CKEditor 4.22 is past its free support (ckeditor.W001); the owners asked to keep it. Every saved field is
# sanitised with nh3, and the widget is swappable, so the warning is silenced rather than printed on every command.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# --- Captcha (django-simple-captcha): plain characters, readable for older users.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.random_char_challenge"
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 10
CAPTCHA_TEST_MODE = env.bool("CAPTCHA_TEST_MODE", default=False)

# --- Uploads
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=5 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Public forms: per-IP rate limit (submissions per window) and the address header to trust behind a proxy.
PUBLIC_FORM_RATE_LIMIT = env.int("PUBLIC_FORM_RATE_LIMIT", default=5)
PUBLIC_FORM_RATE_WINDOW = env.int("PUBLIC_FORM_RATE_WINDOW", default=3600)
TRACKING_GUESS_LIMIT = env.int("TRACKING_GUESS_LIMIT", default=10)
TRACKING_GUESS_WINDOW = env.int("TRACKING_GUESS_WINDOW", default=900)
# Set to "HTTP_X_REAL_IP" (or similar) only when nginx sets that header; otherwise REMOTE_ADDR is used.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")

# --- Deadlines, in working days (DESIGN §5). The 2019 regulation's 20 + 20 is a settings change.
REQUEST_REPLY_WORKDAYS = env.int("REQUEST_REPLY_WORKDAYS", default=15)
REQUEST_EXTENSION_WORKDAYS = env.int("REQUEST_EXTENSION_WORKDAYS", default=15)
MESSAGE_REPLY_WORKDAYS = env.int("MESSAGE_REPLY_WORKDAYS", default=3)
PROACTIVE_DISCLOSURE_WORKDAYS = 20
CONFIDENTIALITY_REVIEW_WORKDAYS = 10
# A clock is "due soon" when at most this many working days remain.
CLOCK_DUE_SOON_WORKDAYS = 3
# The system check warns when the calendar knows fewer days ahead than this.
WORKDAY_CALENDAR_MIN_DAYS_AHEAD = 60

# --- The site's nightly self-inspection (inspection/): warnings ahead of a failing mark, and the link check's manners.
INSPECTION_WARN_WORKDAYS = env.int("INSPECTION_WARN_WORKDAYS", default=3)
LINK_CHECK_CONCURRENCY = env.int("LINK_CHECK_CONCURRENCY", default=8)
LINK_CHECK_PER_HOST = env.int("LINK_CHECK_PER_HOST", default=2)
LINK_CHECK_TIMEOUT = env.float("LINK_CHECK_TIMEOUT", default=10.0)
# An outbound proxy for external links, when the server reaches the internet only through one (empty: direct).
LINK_CHECK_PROXY = env.str("LINK_CHECK_PROXY", default="")

# --- 通报、考核与网站工作年度报表 (evaluation/).
# The four 考核 grades, "name:minimum score", highest first. The county's 考核制度 (art. 5) names 优秀、合格、基本合格、
# 不合格 and then describes 优秀、良好、合格、不合格; set e.g. EVALUATION_GRADES=优秀:90,合格:75,基本合格:60,不合格:0.
EVALUATION_GRADES = env.list("EVALUATION_GRADES", default=["优秀:90", "良好:80", "合格:60", "不合格:0"])
# Page views are buffered in each web process and written to the counters (Redis, or local memory) this often.
VISIT_FLUSH_SECONDS = env.float("VISIT_FLUSH_SECONDS", default=2.0)

# --- 政府信息公开工作年度报告 (reports/): 条例 arts. 49-50, departments and townships publish last year's report by
# 31 January, the county government by 31 March ((month, day) of the next year; the office may set earlier ones).
REPORTS_UNIT_DUE_MONTH_DAY = (1, 31)
REPORTS_COUNTY_DUE_MONTH_DAY = (3, 31)
# 信息处理费 (国办函〔2020〕109号): the applicant has this many working days to pay a fee notice.
REQUEST_FEE_PAYMENT_WORKDAYS = env.int("REQUEST_FEE_PAYMENT_WORKDAYS", default=20)

# --- Security (production). `manage.py check --deploy` is clean when DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Everything the site loads is its own (portal.middleware.ContentSecurityPolicyMiddleware): no inline script or style
# anywhere; CKEditor's pages (staff only) add 'unsafe-inline' for script and style, which CKEditor 4 needs.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
CONTENT_SECURITY_POLICY_EDITOR = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'; style-src 'self'", "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'"
)
# Pages and files that show personal data are never stored by a browser or a proxy (Cache-Control: no-store).
NO_STORE_PATH_PREFIXES = (
    "/staff/", "/admin/", "/requests/submitted/", "/requests/track/", "/messages/new/done/", "/messages/track/",
    "/corrections/new/done/", "/corrections/track/",
)  # fmt: skip
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# --- Operations (ops/): audit log, two-factor login, password expiry, idle timeout, backups, health.
# Every audit row (logins, exports, permission and admin changes) is kept this long; the floor is six months, the
# minimum the Cybersecurity Law (Art. 21) sets for network logs, and the database refuses to delete younger rows.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=365)
AUDITLOG_LOGENTRY_MODEL = "ops.AuditEntry"
# django-auditlog's own migrations would create its LogEntry table even though ops.AuditEntry replaces it.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_MASK_CALLABLE = "ops.audit.mask_value"
# TOTP for 政务公开办 and 系统管理员: on in production, off while DEBUG is on so the README's demo logins work.
STAFF_2FA_REQUIRED = env.bool("STAFF_2FA_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="政府门户网站工作台")
OTP_LOGIN_URL = "ops:verify"
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=90)
STAFF_IDLE_TIMEOUT_MINUTES = env.int("STAFF_IDLE_TIMEOUT_MINUTES", default=30)
# Nightly archives of the database and the uploaded files (manage.py backup / restore; README, production).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(DATA_DIR / "backups")))
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_WEEKLY = env.int("BACKUP_KEEP_WEEKLY", default=4)
BACKUP_KEEP_MONTHLY = env.int("BACKUP_KEEP_MONTHLY", default=12)
# /healthz: unhealthy below this share of free disk, or when beat's heartbeat is older than this.
HEALTH_MIN_FREE_DISK_PERCENT = env.float("HEALTH_MIN_FREE_DISK_PERCENT", default=10.0)
HEALTH_BEAT_MAX_AGE_MINUTES = env.int("HEALTH_BEAT_MAX_AGE_MINUTES", default=15)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Run eagerly (no Redis), every task would log a "succeeded" line inside the request or command.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
        # WeasyPrint and fontTools narrate every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
