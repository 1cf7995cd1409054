#!/usr/bin/env bash
# Command 1: set up, build, and start the app on the demo tenant. Uses Electron where its binary exists;
# otherwise serves the app to a browser on 127.0.0.1 (demo tenant only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node scripts/build.mjs
electron_bin=$(node scripts/electron-binary.mjs)
if [ -n "$electron_bin" ]; then
  exec "$electron_bin" .
fi
echo "Electron's binary is not available on this machine, so the app is served to your browser instead (demo tenant only)."
exec node --import tsx electron/services/browser-host/start.ts
