#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring whose files live in a
# throw-away folder (never the user's own keyring), and SDH_KEYRING set, so the keychain tests run for real
# (and fail, never skip, if the keychain is unusable). Used by `npm test` and `npm run test:layers`.
set -euo pipefail
missing=()
for tool in dbus-run-session gnome-keyring-daemon dbus-send; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ((${#missing[@]})); then
  echo "with-keyring: refusing to run the tests without a keychain: ${missing[*]} not found (run 'npm run setup' to install them)" >&2
  exit 1
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export SDH_KEYRING=gnome XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- bash -c 'echo -n sdh-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' with-keyring "$@"
