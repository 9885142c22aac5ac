#!/usr/bin/env bash
# Build and run the eventmall app against the local servers.
#   scripts/run.sh [app args...]     e.g. scripts/run.sh --mall.demo-data.enabled=true
# JAVA_OPTS (optional) is passed to the JVM, e.g. JAVA_OPTS="-Xmx1g", after the options that let background work
# (event processors, process commands, snapshots) run at nice 10 below requests (docs/architecture.md, "Who gets the
# CPU first"); JAVA_OPTS="-XX:ThreadPriorityPolicy=0" turns that off.
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
# Priority 1 (background) runs at nice 10; priority 7 (the flash-sale writers, which every purchase waits for) at
# nice -5 where the process may raise priorities (root or CAP_SYS_NICE); the JVM's own threads (compilers, GC, reference
# handling: priorities 8 to 10) stay at nice 0 as everything else, where the policy alone would raise them above the
# requests when run as root.
priorities="-XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10 -XX:JavaPriority7_To_OSPriority=-5"
priorities+=" -XX:JavaPriority8_To_OSPriority=0"
priorities+=" -XX:JavaPriority9_To_OSPriority=0 -XX:JavaPriority10_To_OSPriority=0"
read -ra java_opts <<<"$priorities ${JAVA_OPTS:-}"
exec java "${java_opts[@]}" -jar "$JAR" "$@"
