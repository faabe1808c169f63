#!/usr/bin/env bash
# Installs the Debian packages the portal needs, when missing: WeasyPrint's libraries and Chinese fonts, Chromium and
# its driver for the browser tests, poppler-utils for PDF text, nginx (the tests check deploy/nginx/portal.conf with it
# and benchmarks/pages.py runs its own on a spare port). As root it uses apt; otherwise it says what to install.
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk chromium chromium-driver poppler-utils nginx)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
