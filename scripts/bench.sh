#!/usr/bin/env bash
# Read-path benchmark (docs/benchmarks.md): loads an already running application with GETs of
# /actuator/health/liveness (the trivial reference), /api/v1/home, /api/v1/products/{id} and /api/v1/search,
# and prints requests/s, p50/p99 latency and the ratios to the trivial endpoint.
#   shell 1: scripts/run.sh --mall.demo-data.enabled=true
#   shell 2: scripts/bench.sh [--clients=32] [--warmup=PT5S] [--duration=PT20S] [--query=trail runner]
#                             [--product-id=demo-trail-runner] [--base-url=http://localhost:8080]
# Flash-sale spike instead (a sale of --quantity units hammered by --clients buyers of their own):
#   scripts/bench.sh flash-sale [--clients=64] [--quantity=50] [--duration=PT15S] [--base-url=...]
# Order pipeline (POST /orders beside the trivial endpoint and pgbench, and how fast orders reach AWAITING_PAYMENT):
#   scripts/bench.sh orders [--customers=300] [--products=20] [--connections=64] [--duration=PT20S]
#                           [--jdbc-url=jdbc:postgresql://127.0.0.1:5432/mall] [--base-url=...]
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MALL_ROOT"

benchmark=io.eventmall.benchmarks.ReadBenchmark
if [ "${1:-}" = flash-sale ]; then
  benchmark=io.eventmall.benchmarks.FlashSaleBenchmark
  shift
elif [ "${1:-}" = orders ]; then
  benchmark=io.eventmall.benchmarks.OrdersBenchmark
  shift
fi
base_url=http://localhost:8080
for arg in "$@"; do
  case $arg in --base-url=*) base_url=${arg#--base-url=} ;; esac
done
curl -fsS -m 3 "$base_url/actuator/health/liveness" >/dev/null 2>&1 \
  || die "nothing answers $base_url/actuator/health/liveness: start the application first (scripts/run.sh --mall.demo-data.enabled=true)."

log "building the benchmark harness (mvn -B -q -pl benchmarks package)"
mvn -B -q -pl benchmarks package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  || die "the benchmark harness did not build."

exec java -cp "benchmarks/target/classes:$(<benchmarks/target/classpath.txt)" "$benchmark" "$@"
