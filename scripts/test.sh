#!/usr/bin/env bash
# Command 2: set up, build, and run every test layer (see scripts/run-tests.mjs) with a real, throw-away
# keychain (scripts/with-keyring.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node scripts/build.mjs
exec bash scripts/with-keyring.sh node scripts/run-tests.mjs "$@"
