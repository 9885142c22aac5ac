#!/usr/bin/env bash
# Build and run the eventmall app against the local servers.
#   scripts/run.sh [app args...]     e.g. scripts/run.sh --mall.demo-data.enabled=true
# JAVA_OPTS (optional) is passed to the JVM, e.g. JAVA_OPTS="-Xmx1g", after the options that let the flash-sale writers
# run above requests and background work (event processors, process commands, snapshots) 10 below them while a sale
# is writing (docs/architecture.md, "Who gets the CPU first"); JAVA_OPTS="-XX:ThreadPriorityPolicy=0" turns that off.
# It runs the `dev` profile (development secrets, sandbox payments) unless SPRING_PROFILES_ACTIVE says otherwise;
# without `dev` the service refuses to start until the secrets of docs/security.md are set.
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
    Profiles    ${SPRING_PROFILES_ACTIVE:-dev}
  Stop it with Ctrl-C (the servers keep running; scripts/servers.sh stop stops Elasticsearch).

MSG

export SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-dev}"
# Linux niceness by Java priority (docs/architecture.md, "Who gets the CPU first"): background work while a sale is
# writing (priority 1) at nice 10; requests and everything normal (5) at nice 0, level with PostgreSQL and Redis on
# the same machine; the flash-sale writers that every purchase waits for (10) at the JVM's default for it, nice -5,
# where the process may raise priorities (root or CAP_SYS_NICE; else they stay at 0); the JVM's own threads at 8 and 9
# (compilers, finalizer, signals) at nice 0, where the policy alone would raise them above the requests.
priorities="-XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10"
priorities+=" -XX:JavaPriority8_To_OSPriority=0 -XX:JavaPriority9_To_OSPriority=0"
read -ra java_opts <<<"$priorities ${JAVA_OPTS:-}"
exec java "${java_opts[@]}" -jar "$JAR" "$@"
