"""Settings: the defaults run with nothing installed; production values must be explicit."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-key-that-is-long-and-random-enough-1234567890-abcdefghij",
    "ALLOWED_HOSTS": "www.qinghe.example.gov.cn",
    "DATABASE_URL": "postgres://portal:secret@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_python(code: str, tmp_path, **env_vars) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATA_DIR": str(tmp_path), **env_vars}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


SETUP = "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; django.setup(); "


def test_defaults_need_no_services(tmp_path):
    code = SETUP + (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE']); print(s.CACHES['default']['BACKEND']); "
        "print(s.CELERY_TASK_ALWAYS_EAGER); print(s.HAYSTACK_CONNECTIONS['default']['PATH']); print(s.DEBUG); "
        "print(s.LANGUAGE_CODE, s.TIME_ZONE)"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    engine, cache, eager, whoosh, debug, locale = result.stdout.splitlines()
    assert engine == "django.db.backends.sqlite3"
    assert cache == "django.core.cache.backends.locmem.LocMemCache"
    assert eager == "True"
    assert whoosh == str(tmp_path / "whoosh_index")
    assert debug == "True"
    assert locale == "zh-hans Asia/Shanghai"


def test_the_test_settings_are_fast_and_local():
    assert settings.PASSWORD_HASHERS[0].endswith("MD5PasswordHasher")
    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert settings.EMAIL_BACKEND.endswith("locmem.EmailBackend")


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = run_python(SETUP, tmp_path, DEBUG="0")
    assert result.returncode != 0
    assert "DEBUG is off but SECRET_KEY is not set" in result.stderr


def test_production_with_its_variables_starts(tmp_path):
    code = SETUP + "from django.conf import settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"
    result = run_python(code, tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False portal.postgresql"


def test_redis_url_switches_celery_and_the_cache(tmp_path):
    code = SETUP + (
        "from django.conf import settings as s; "
        "print(s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'])"
    )
    result = run_python(code, tmp_path, REDIS_URL="redis://127.0.0.1:6379/5")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["redis://127.0.0.1:6379/5", "False", "portal.redis_cache.RedisCache"]


def test_check_deploy_is_clean_under_production_variables(tmp_path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATA_DIR": str(tmp_path), **PRODUCTION}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "security", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
