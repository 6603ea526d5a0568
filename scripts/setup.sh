#!/usr/bin/env bash
# One-time set-up of a fresh machine: system packages (when we can install them)
# and the Python package with its test extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-python3}"

# Debian packages the tests and the PDF/search stages need.
SYSTEM_PACKAGES=(chromium chromium-headless-shell poppler-utils fonts-noto-core fonts-dejavu-core hyperfine time default-jre-headless zbar-tools nodejs)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages: ${missing[*]}" >&2
  fi
fi

"$PY" -m pip install --quiet --disable-pip-version-check -e ".[test]"
