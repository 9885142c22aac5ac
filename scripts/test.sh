#!/usr/bin/env bash
# Start the local servers, then run the full build with tests.
#   scripts/test.sh [maven args...]   e.g. scripts/test.sh -pl app -am
# The exit code is Maven's.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MALL_ROOT"

# PostgreSQL, Redis and Elasticsearch: containers where a Docker engine answers, the local servers otherwise
# (MALL_TEST_SERVERS=local|containers|auto; docs/operations.md, "Testcontainers"). Exported, so the tests decide
# as this script did.
MALL_TEST_SERVERS=$(test_servers_mode)
export MALL_TEST_SERVERS
if [[ $MALL_TEST_SERVERS == containers ]]; then
  log "test servers: Testcontainers (Docker answers); local servers only where they start, for the fault drills"
  MALL_SERVERS_OPTIONAL=1 "$MALL_ROOT/scripts/servers.sh" start
else
  log "test servers: the local ones"
  "$MALL_ROOT/scripts/servers.sh" start
fi
# Headless Chromium and playwright-core for the operators' screen test (OpsScreenIntegrationTest).
"$MALL_ROOT/scripts/browser-deps.sh"

log "running mvn -B verify $*"
exec mvn -B verify "$@"
