#!/usr/bin/env bash
# Installs what the app and its tests need on a fresh Debian machine: system packages (once) and the
# npm dependencies (when package-lock.json changed). Safe to run again; does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium libsecret-1-dev gnome-keyring dbus-x11 xvfb lnav ripgrep libevtx-utils)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Electron's binary and Playwright's browsers cannot be downloaded here (and are not needed by the tests).
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp=node_modules/.sdh-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci (native modules build from source; about two minutes the first time)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
