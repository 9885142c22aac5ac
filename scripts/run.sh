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
# Linux niceness by Java priority (docs/architecture.md, "Who gets the CPU first"). The JVM only maps priorities to
# nice values of 0 and above, so everything starts 3 below the top: requests and other normal threads (priority 5)
# and the JVM's own (compilers, GC, reference handling: 8 to 10) at nice 3, the flash-sale writers that every purchase
# waits for (7) above them at nice 0, background work while a sale is writing (1) at nice 13.
priorities="-XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=13 -XX:JavaPriority5_To_OSPriority=3"
priorities+=" -XX:JavaPriority7_To_OSPriority=0 -XX:JavaPriority8_To_OSPriority=3"
priorities+=" -XX:JavaPriority9_To_OSPriority=3 -XX:JavaPriority10_To_OSPriority=3"
read -ra java_opts <<<"$priorities ${JAVA_OPTS:-}"
exec java "${java_opts[@]}" -jar "$JAR" "$@"
