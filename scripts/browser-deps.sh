#!/usr/bin/env bash
# Installs what the browser test (OpsScreenIntegrationTest) needs, where it is missing: Debian's Chromium
# (apt-get, as root) and playwright-core from npm (app/src/test/browser, `npm ci`). Safe to run again.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MALL_ROOT"

if ! command -v chromium >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || die "chromium is missing: install Debian's package (sudo apt-get install -y chromium)."
  log "installing chromium (apt-get install -y chromium)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null 2>&1 || die "node is missing: install Debian's nodejs and npm packages."
if [ ! -f app/src/test/browser/node_modules/playwright-core/package.json ]; then
  log "installing playwright-core (npm ci in app/src/test/browser)"
  (cd app/src/test/browser && npm ci --no-audit --no-fund --silent)
fi
