#!/usr/bin/env bash
# Build and run the eventmall app against the local servers.
#   scripts/run.sh [app args...]     e.g. scripts/run.sh --mall.demo-data.enabled=true
# JAVA_OPTS (optional) is passed to the JVM, e.g. JAVA_OPTS="-Xmx1g".
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MALL_ROOT"

"$MALL_ROOT/scripts/servers.sh" start

log "building (mvn -B -q -DskipTests package)"
mvn -B -q -DskipTests package || die "the build failed (mvn -B -DskipTests package)."

JAR=app/target/app-0.1.0-SNAPSHOT-exec.jar
[[ -f $JAR ]] || die "$JAR was not built."

PORT="${SERVER_PORT:-8080}"
cat >&2 <<MSG

  eventmall is starting on port $PORT
    API         http://localhost:$PORT/api/v1
    Swagger UI  http://localhost:$PORT/swagger-ui.html
    Health      http://localhost:$PORT/actuator/health
  Stop it with Ctrl-C (the servers keep running; scripts/servers.sh stop stops Elasticsearch).

MSG

read -ra java_opts <<<"${JAVA_OPTS:-}"
exec java "${java_opts[@]}" -jar "$JAR" "$@"
