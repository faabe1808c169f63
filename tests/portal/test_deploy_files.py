"""The web tier shipped in deploy/: the nginx configuration passes `nginx -t` (when nginx is installed) and keeps
the rules the application relies on, gunicorn's configuration loads, the systemd units name the right commands, and
deploy/check.sh reports a production environment file."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def test_the_nginx_configuration_keeps_the_rules_the_application_relies_on():
    conf = (DEPLOY / "nginx/portal.conf").read_text()

    assert re.search(r"location /_private/ \{\s*internal;", conf)
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf  # CLIENT_IP_HEADER=HTTP_X_REAL_IP
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf  # SECURE_PROXY_SSL_HEADER
    assert "map $cookie_sessionid$cookie_messages$http_authorization $portal_skip_cache" in conf
    assert "proxy_cache_bypass $portal_skip_cache;" in conf and "proxy_no_cache $portal_skip_cache;" in conf
    assert "proxy_ignore_headers Cache-Control Expires;" in conf  # only X-Accel-Expires makes a page cacheable
    assert "immutable" in conf and "gzip on;" in conf and "ssl_certificate " in conf
    assert "client_max_body_size 25m;" in conf


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed")
def test_nginx_accepts_the_configuration(tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=test", "-days", "1",
                    "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"], check=True, capture_output=True)  # fmt: skip
    conf = (DEPLOY / "nginx/portal.conf").read_text()
    conf = conf.replace("/etc/ssl/portal/fullchain.pem", str(tmp_path / "cert.pem"))
    conf = conf.replace("/etc/ssl/portal/privkey.pem", str(tmp_path / "key.pem"))
    conf = conf.replace("/var/cache/nginx/portal", str(tmp_path / "cache"))
    temps = " ".join(f"{kind}_temp_path {tmp_path / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                            "scgi"))  # fmt: skip
    main = tmp_path / "nginx.conf"
    main.write_text(f"error_log {tmp_path / 'error.log'}; pid {tmp_path / 'nginx.pid'};\nevents {{}}\n"
                    f"http {{ include /etc/nginx/mime.types; access_log off; {temps}\n{conf}\n}}\n")  # fmt: skip

    result = subprocess.run([NGINX, "-t", "-c", str(main), "-p", str(tmp_path)], capture_output=True, text=True)

    assert result.returncode == 0, result.stderr


def test_the_gunicorn_configuration_loads_with_small_server_values():
    code = "import runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); print(c['workers'], c['timeout'], c['bind'])"
    env = {**os.environ, "GUNICORN_WORKERS": "2"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["2", "60", "127.0.0.1:8001"], result.stderr


def test_the_master_freezes_what_it_loaded_before_each_fork():
    code = (
        "import gc, runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); before = gc.get_freeze_count(); "
        "c['pre_fork'](None, None); print(before, gc.get_freeze_count() > 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == ["0", "True"], result.stderr


def test_search_preload_loads_jieba_and_the_pinyin_tables_at_start(tmp_path):
    code = (
        "import sys, django; django.setup(); from search import pinyin, segment; "
        "print(segment._ready, pinyin._map is not None, len(pinyin._character_readings) > 20000, "
        "'pypinyin' in sys.modules)"
    )
    env = {**os.environ, "SEARCH_PRELOAD": "1", "DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert first.stdout.split() == ["True", "True", "True", "True"], first.stderr  # it built the cached map
    # From the cached map, pypinyin (57 MB, most of it its phrase table) is not imported at all.
    again = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert again.stdout.split() == ["True", "True", "True", "False"], again.stderr


@pytest.mark.parametrize(
    ("unit", "command"),
    [
        ("portal-web", "gunicorn -c deploy/gunicorn.conf.py portal.wsgi:application"),
        ("portal-worker", "celery -A portal worker"),
        ("portal-beat", "celery -A portal beat"),
        ("portal-search", "gunicorn -c deploy/gunicorn.conf.py portal.wsgi:application"),
    ],
)
def test_the_systemd_units_run_the_processes_with_the_environment_file(unit, command):
    text = (DEPLOY / "systemd" / f"{unit}.service").read_text()
    assert "EnvironmentFile=/etc/portal.env" in text
    assert command in text
    assert "[Install]" in text and "WantedBy=multi-user.target" in text


def test_check_sh_reports_the_environment_file(tmp_path):
    env_file = tmp_path / "portal.env"
    env_file.write_text("DEBUG=1\nSECRET_KEY=short\nALLOWED_HOSTS=www.example.gov.cn\n"
                        f"DATABASE_URL=sqlite:///{tmp_path}/x.sqlite3\nPRIVATE_FILES_X_ACCEL_PREFIX=/_private/\n"
                        f"DATA_DIR={tmp_path}\n")  # fmt: skip
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    result = subprocess.run(["bash", str(DEPLOY / "check.sh"), "--env", str(env_file)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=180)  # fmt: skip

    assert result.returncode == 1
    assert "FAIL  DEBUG must be 0 in production" in result.stdout
    assert "FAIL  SECRET_KEY missing or shorter than 50 characters" in result.stdout
    assert "PASS  ALLOWED_HOSTS=www.example.gov.cn" in result.stdout
    assert "FAIL  DATABASE_URL must be postgres://..." in result.stdout
    assert "PASS  private files sent by nginx (/_private/)" in result.stdout
    assert "FAIL  CLIENT_IP_HEADER must be HTTP_X_REAL_IP" in result.stdout
