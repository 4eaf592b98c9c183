#!/usr/bin/env bash
# Installs everything Switchboard needs on a Debian/Ubuntu machine that has Node.js 20+ and npm:
# pnpm 10, Chromium (for the WhatsApp Web engine and the browser tests) and the workspace's dependencies.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Puppeteer must not download its own browser (it cannot offline); Switchboard uses the system Chromium.
export PUPPETEER_SKIP_DOWNLOAD=true
# better-sqlite3 compiles from source when no prebuilt binary can be fetched; use the local Node headers.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

if ! command -v pnpm >/dev/null 2>&1 || ! pnpm --version | grep -q '^10\.'; then
  echo "Installing pnpm 10…"
  npm install -g pnpm@10 --silent
fi

if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
  && ! command -v google-chrome >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium was not found. Install it (e.g. 'sudo apt-get install chromium') or set CHROME_PATH." >&2
    echo "The sandbox engine works without it; the WhatsApp Web engine and the browser tests do not." >&2
  fi
fi

pnpm install --frozen-lockfile

# The webhook dispatcher thread, bundled to plain JavaScript so it starts without compiling TypeScript
# (pnpm start does this too; without it the thread runs from the sources).
node scripts/build-worker.mjs
