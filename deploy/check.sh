#!/usr/bin/env bash
# Checks a deployment against what deploy/ and the README's production section expect.
#
#   deploy/check.sh                                  # settings only: /etc/portal.env, manage.py check --deploy
#   deploy/check.sh --env /etc/portal.env --url https://www.example.gov.cn   # and the running site through nginx
#
# Exit status 0 when everything passes, 1 otherwise; each line says PASS, WARN or FAIL and what to fix.
set -uo pipefail

ENV_FILE=/etc/portal.env
URL=""
APP_DIR="$(cd "$(dirname "$0")/.." && pwd)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --env) ENV_FILE="$2"; shift 2 ;;
    --url) URL="${2%/}"; shift 2 ;;
    *) echo "usage: $0 [--env FILE] [--url https://host]"; exit 2 ;;
  esac
done

failed=0
pass() { echo "PASS  $*"; }
warn() { echo "WARN  $*"; }
fail() { echo "FAIL  $*"; failed=1; }

# --- The environment file
if [[ -r "$ENV_FILE" ]]; then
  set -a; # shellcheck disable=SC1090
  . "$ENV_FILE"; set +a
  pass "environment read from $ENV_FILE"
else
  warn "$ENV_FILE not readable: checking the current environment instead"
fi
[[ "${DEBUG:-1}" == "0" ]] && pass "DEBUG=0" || fail "DEBUG must be 0 in production"
[[ -n "${SECRET_KEY:-}" && ${#SECRET_KEY} -ge 50 ]] && pass "SECRET_KEY set" || fail "SECRET_KEY missing or shorter than 50 characters"
[[ -n "${ALLOWED_HOSTS:-}" ]] && pass "ALLOWED_HOSTS=$ALLOWED_HOSTS" || fail "ALLOWED_HOSTS not set"
[[ "${DATABASE_URL:-}" == postgres* ]] && pass "DATABASE_URL is PostgreSQL" || fail "DATABASE_URL must be postgres://..."
[[ "${REDIS_URL:-}" == redis* ]] && pass "REDIS_URL set (broker, cache, page cache)" || fail "REDIS_URL not set"
[[ "${PRIVATE_FILES_X_ACCEL_PREFIX:-}" == "/_private/" ]] && pass "private files sent by nginx (/_private/)" \
  || fail "PRIVATE_FILES_X_ACCEL_PREFIX must be /_private/ (deploy/nginx/portal.conf)"
[[ "${CLIENT_IP_HEADER:-}" == "HTTP_X_REAL_IP" ]] && pass "CLIENT_IP_HEADER=HTTP_X_REAL_IP" \
  || fail "CLIENT_IP_HEADER must be HTTP_X_REAL_IP behind nginx (rate limits and the audit log)"

# --- Django's own checks (security, the portal's deploy checks, migrations, static files)
cd "$APP_DIR" || exit 1
PY="$APP_DIR/.venv/bin/python"
if "$PY" manage.py check --deploy --fail-level WARNING; then
  pass "manage.py check --deploy"
else
  fail "manage.py check --deploy reported problems (above)"
fi
if "$PY" manage.py migrate --check >/dev/null 2>&1; then
  pass "no unapplied migrations"
else
  fail "unapplied migrations: run manage.py migrate"
fi

# --- nginx and the running site
if command -v nginx >/dev/null; then
  if nginx -t 2>/dev/null; then pass "nginx -t"; else fail "nginx -t fails"; fi
else
  warn "nginx not installed on this machine (deploy/nginx/portal.conf)"
fi
if [[ -n "$URL" ]]; then
  header() { curl -sk -o /dev/null -D - "$@" | tr -d '\r'; }
  health=$(curl -sk -o /dev/null -w '%{http_code}' "$URL/healthz")
  [[ "$health" == "200" ]] && pass "/healthz 200" || fail "/healthz answered $health"
  home=$(header "$URL/")
  grep -qi '^content-security-policy:' <<<"$home" && pass "CSP header on /" || fail "no Content-Security-Policy on /"
  grep -qi '^strict-transport-security:' <<<"$home" && pass "HSTS on /" || fail "no Strict-Transport-Security on /"
  grep -qi '^etag:' <<<"$home" && pass "ETag on / (conditional GETs)" || fail "no ETag on /: page cache off?"
  again=$(header "$URL/")
  grep -qi '^x-micro-cache: HIT' <<<"$again" && pass "nginx micro-cache answers anonymous readers" \
    || warn "second GET of / not a micro-cache HIT (load balancer in front, or caching off)"
  bypass=$(header -H 'Cookie: sessionid=x' "$URL/")
  grep -qi '^x-micro-cache: HIT' <<<"$bypass" && fail "a request with a session cookie got the micro-cache's copy" \
    || pass "session cookie bypasses the micro-cache"
  private=$(curl -sk -o /dev/null -w '%{http_code}' "$URL/_private/")
  [[ "$private" == "404" ]] && pass "/_private/ not reachable from outside" || fail "/_private/ answered $private"
  css=$(curl -sk "$URL/" | grep -o '/static/css/site[^"]*\.css' | head -1)
  if [[ "$css" =~ site\.[0-9a-f]{12}\.css ]]; then
    grep -qi 'immutable' <<<"$(header "$URL$css")" && pass "hashed static files with a year's expiry" \
      || fail "$css served without the long expiry"
  else
    fail "stylesheet not under a hashed name: run manage.py collectstatic"
  fi
  plain=$(curl -s -o /dev/null -w '%{http_code}' "http://${URL#https://}/")
  [[ "$plain" == "301" ]] && pass "HTTP redirects to HTTPS" || warn "http:// answered $plain"
fi

exit $failed
