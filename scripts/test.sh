#!/usr/bin/env bash
# Command 2: set up, build, and run every test layer (see scripts/run-tests.mjs). Keychain tests need a
# real Secret Service: the whole run happens inside a private D-Bus session with an unlocked
# gnome-keyring whose files live in a throw-away folder, never the user's own keyring.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node scripts/build.mjs
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export SDH_KEYRING=gnome XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- bash -c 'echo -n sdh-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node scripts/run-tests.mjs "$@"' run-tests "$@"
