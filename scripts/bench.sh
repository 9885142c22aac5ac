#!/usr/bin/env bash
# Read-path benchmark (docs/benchmarks.md): loads an already running application with GETs of
# /actuator/health/liveness (the trivial reference), /api/v1/home, /api/v1/products/{id} and /api/v1/search,
# and prints requests/s, p50/p99 latency and the ratios to the trivial endpoint.
#   shell 1: scripts/run.sh --mall.demo-data.enabled=true
#   shell 2: scripts/bench.sh [--clients=32] [--warmup=PT5S] [--duration=PT20S] [--query=trail runner]
#                             [--product-id=demo-trail-runner] [--base-url=http://localhost:8080]
# Flash-sale spike instead (docs/benchmarks.md; the application started with --mall.flash-sale.user-rate-limit=1000000):
#   scripts/bench.sh flash-sale [--buyers=50000] [--quantity=10000] [--connections=128] [--duration=PT25S] [--base-url=...]
# The batched flash-sale writer alone, in process (starts the application itself on a database of its own):
#   scripts/bench.sh flash-sale-writer [--duration=PT15S] [--in-flight=2000] [--mall.flash-sale.batch-size=500]
# Audit verification throughput (seeds synthetic events into the application's database: use a scratch one):
#   scripts/bench.sh audit-verify [--events=200000] [--runs=3] [--jdbc-url=jdbc:postgresql://127.0.0.1:5432/mall]
# Order pipeline (POST /orders beside the trivial endpoint and pgbench, and how fast orders reach AWAITING_PAYMENT):
#   scripts/bench.sh orders [--customers=300] [--products=20] [--connections=64] [--duration=PT20S]
#                           [--jdbc-url=jdbc:postgresql://127.0.0.1:5432/mall] [--base-url=...]
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MALL_ROOT"

benchmark=io.eventmall.benchmarks.ReadBenchmark
needs_running_app=true
case "${1:-}" in
  flash-sale) benchmark=io.eventmall.benchmarks.FlashSaleBenchmark; shift ;;
  orders) benchmark=io.eventmall.benchmarks.OrdersBenchmark; shift ;;
  audit-verify) benchmark=io.eventmall.benchmarks.AuditVerifyBenchmark; shift ;;
  flash-sale-writer) benchmark=io.eventmall.benchmarks.FlashSaleWriterBenchmark; needs_running_app=false; shift ;;
esac
if [ "$benchmark" = io.eventmall.benchmarks.FlashSaleBenchmark ] && ! have wrk; then
  log "installing wrk (Debian package) for the flash-sale spike"
  apt-get install -y -q wrk >/dev/null 2>&1 || die "wrk is not installed and could not be installed (apt-get install wrk)."
fi
base_url=http://localhost:8080
for arg in "$@"; do
  case $arg in --base-url=*) base_url=${arg#--base-url=} ;; esac
done
$needs_running_app || "$MALL_ROOT/scripts/servers.sh" start
! $needs_running_app || curl -fsS -m 3 "$base_url/actuator/health/liveness" >/dev/null 2>&1 \
  || die "nothing answers $base_url/actuator/health/liveness: start the application first (scripts/run.sh --mall.demo-data.enabled=true)."

log "building the benchmark harness (mvn -B -q -pl benchmarks -am -DskipTests package)"
mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  || die "the benchmark harness did not build."

exec java -cp "benchmarks/target/classes:$(<benchmarks/target/classpath.txt)" "$benchmark" "$@"
