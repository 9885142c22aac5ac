#!/usr/bin/env bash
# Start the local servers, then run the full build with tests.
#   scripts/test.sh [maven args...]   e.g. scripts/test.sh -pl app -am
# The exit code is Maven's.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MALL_ROOT"

"$MALL_ROOT/scripts/servers.sh" start
# Headless Chromium and playwright-core for the operators' screen test (OpsScreenIntegrationTest).
"$MALL_ROOT/scripts/browser-deps.sh"

log "running mvn -B verify $*"
exec mvn -B verify "$@"
