#!/usr/bin/env bash
# Local servers for eventmall: PostgreSQL, Redis and Elasticsearch.
#
#   scripts/servers.sh start    PostgreSQL + Redis up (started only if not answering),
#                               databases mall and mall_test present, Elasticsearch
#                               answering on 127.0.0.1:9200 (reused if already there,
#                               otherwise installed from Maven Central and started).
#   scripts/servers.sh status   what is up; exit code 1 if something is down.
#   scripts/servers.sh stop     stops the Elasticsearch that this script started
#                               (pid file); never PostgreSQL, Redis or a foreign ES.
#
# Environment:
#   MALL_ES_HOME  Elasticsearch install, data and logs
#                 (default $HOME/.cache/eventmall/elasticsearch-8.19.7)
#   MALL_ES_PORT  HTTP port (default 9200)     MALL_ES_HEAP  heap (default 512m)
#   MALL_ES_USER  user ES runs as when this script runs as root (default elasticsearch)
#   MALL_ES_WAIT  seconds to wait for ES health (default 120)
#   ES_JAVA_HOME  JDK for ES (default: the JDK of `java` on PATH)
#   MALL_SERVERS_OPTIONAL=1  start: a server that cannot be started is reported, not fatal (scripts/test.sh sets
#                 it when the tests take their servers from Testcontainers; the fault drills still want the
#                 local binaries and the Elasticsearch install)
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ES_VERSION=8.19.7
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
ES_HOME="$(realpath -m "${MALL_ES_HOME:-$HOME/.cache/eventmall/elasticsearch-$ES_VERSION}")"
ES_PORT="${MALL_ES_PORT:-9200}"
ES_HEAP="${MALL_ES_HEAP:-512m}"
ES_USER="${MALL_ES_USER:-elasticsearch}"
ES_WAIT="${MALL_ES_WAIT:-120}"
ES_URL="http://127.0.0.1:$ES_PORT"
ES_PIDFILE="$ES_HOME/elasticsearch.pid"   # ES writes it itself (-p); its dir must be ES-writable
DATABASES=(mall mall_test)

# ---------------------------------------------------------------- probes
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_up() { [[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" == PONG ]]; }
es_health() { curl -sS -m 3 "$ES_URL/_cluster/health" 2>/dev/null; }
es_health_short() { es_health | tr -s '\n\t ' ' ' | cut -c1-300; }
es_ready() { es_health | grep -Eq '"status":"(green|yellow)"'; }
es_http_code() { curl -s -m 3 -o /dev/null -w '%{http_code}' "$ES_URL/_cluster/health" 2>/dev/null || true; }
pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# Prints the pid of the Elasticsearch this script started, if it is alive
# (and really is the ES of $ES_HOME, not a recycled pid).
es_pid() {
  local pid home
  [[ -s $ES_PIDFILE ]] || return 1
  pid=$(<"$ES_PIDFILE")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  home=$(readlink -f "$ES_HOME")
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "-Des.path.home=$home" || return 1
  echo "$pid"
}

# ---------------------------------------------------------------- PostgreSQL
start_postgres() {
  local dirs ver db exists
  if pg_up; then
    log "PostgreSQL: up on 127.0.0.1:5432"
  else
    have pg_ctlcluster || die "PostgreSQL is not answering on 127.0.0.1:5432 and pg_ctlcluster is not installed."
    dirs=(/etc/postgresql/*/main)
    [[ -d ${dirs[0]} ]] || die "PostgreSQL is not answering on 127.0.0.1:5432 and no cluster is configured under /etc/postgresql."
    ver=$(printf '%s\n' "${dirs[@]}" | awk -F/ '{print $4}' | sort -V | tail -n1)
    log "PostgreSQL: not answering, starting cluster $ver/main"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start 9>&- ||
      die "pg_ctlcluster could not start PostgreSQL $ver/main (see /var/log/postgresql/)."
    wait_for 30 PostgreSQL pg_up || die "PostgreSQL $ver/main started but does not answer on 127.0.0.1:5432."
    log "PostgreSQL: up on 127.0.0.1:5432"
  fi
  for db in "${DATABASES[@]}"; do
    exists=$(psql -h 127.0.0.1 -U postgres -d postgres -XtAc "SELECT 1 FROM pg_database WHERE datname = '$db'") ||
      die "cannot connect to PostgreSQL as user postgres on 127.0.0.1:5432."
    if [[ $exists != 1 ]]; then
      psql -h 127.0.0.1 -U postgres -d postgres -Xq -c "CREATE DATABASE $db OWNER postgres" ||
        die "could not create database $db."
      log "PostgreSQL: created database $db"
    fi
  done
}

# ---------------------------------------------------------------- Redis
start_redis() {
  if redis_up; then
    log "Redis: up on 127.0.0.1:6379"
    return 0
  fi
  have redis-server || die "Redis is not answering on 127.0.0.1:6379 and redis-server is not installed."
  log "Redis: not answering, starting redis-server"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log 9>&- ||
    die "redis-server could not start (see /var/log/redis/ci.log)."
  wait_for 15 Redis redis_up || die "redis-server started but does not answer on 127.0.0.1:6379 (see /var/log/redis/ci.log)."
  log "Redis: up on 127.0.0.1:6379"
}

# ---------------------------------------------------------------- Elasticsearch
# Download (or take from ~/.m2) and unpack the distribution once.
es_install() {
  local parent tmp zip m2zip
  if [[ -x $ES_HOME/bin/elasticsearch ]]; then return 0; fi
  [[ ! -e $ES_HOME ]] || die "$ES_HOME exists but holds no Elasticsearch (no bin/elasticsearch); remove it or set MALL_ES_HOME."
  parent=$(dirname "$ES_HOME")
  mkdir -p "$parent"
  tmp=$(mktemp -d "$parent/.install.XXXXXX")
  # shellcheck disable=SC2064  # expand $tmp now
  trap "rm -rf '$tmp'" EXIT
  m2zip="$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
  if [[ -s $m2zip ]]; then
    zip=$m2zip
    log "Elasticsearch: using $zip"
  else
    have mvn || die "mvn is needed to download Elasticsearch ($ES_ARTIFACT)."
    log "Elasticsearch: downloading $ES_ARTIFACT from Maven Central (~95 MB)"
    # Run outside the repository so a broken project pom cannot get in the way.
    if ! (cd "$tmp" && mvn -B -Dstyle.color=never dependency:copy -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$tmp") >"$tmp/mvn.log" 2>&1; then
      tail -n 30 "$tmp/mvn.log" >&2
      die "could not download $ES_ARTIFACT with Maven."
    fi
    zip="$tmp/elasticsearch-$ES_VERSION.zip"
  fi
  log "Elasticsearch: unpacking into $ES_HOME"
  mkdir "$tmp/x"
  if have unzip; then
    unzip -q "$zip" -d "$tmp/x" || die "could not unpack $zip."
  else
    (cd "$tmp/x" && jar xf "$zip") || die "could not unpack $zip."
    chmod +x "$tmp/x/elasticsearch-$ES_VERSION/bin/"*
  fi
  mv "$tmp/x/elasticsearch-$ES_VERSION" "$ES_HOME"
  rm -rf "$tmp"
  trap - EXIT
}

# (Re)write our settings on every start; they live inside $ES_HOME only.
es_configure() {
  mkdir -p "$ES_HOME/data" "$ES_HOME/logs" "$ES_HOME/tmp" "$ES_HOME/config/jvm.options.d"
  cat >"$ES_HOME/config/elasticsearch.yml" <<EOF
# Written by scripts/servers.sh on every start: edits here are overwritten.
cluster.name: eventmall
node.name: eventmall-local
path.data: $ES_HOME/data
path.logs: $ES_HOME/logs
network.host: 127.0.0.1
http.port: $ES_PORT
discovery.type: single-node
xpack.security.enabled: false
# A development node: never go read-only or unassign shards because the disk is full-ish,
# and allow wildcard index deletes in test clean-ups.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"$ES_HOME/config/jvm.options.d/eventmall.options"
}

# As root: ES refuses to run as root, so it runs as a system user that owns
# $ES_HOME and can traverse its parent directories (/root is 0700).
es_user_setup() {
  local path="" part
  local -a parts
  ((EUID == 0)) || return 0
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    log "Elasticsearch: creating system user $ES_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$ES_USER" || die "could not create user $ES_USER."
  fi
  chown -R "$ES_USER:" "$ES_HOME"
  IFS=/ read -ra parts <<<"$(dirname "$(readlink -f "$ES_HOME")")"
  for part in "${parts[@]}"; do
    [[ -n $part ]] || continue
    path="$path/$part"
    if ! runuser -u "$ES_USER" -- test -x "$path"; then
      chmod o+x "$path"
      log "Elasticsearch: allowed others to traverse $path (chmod o+x) so $ES_USER can reach $ES_HOME"
    fi
  done
}

start_es() {
  local started=$SECONDS pid code java_home left
  local -a cmd
  if es_ready; then
    if pid=$(es_pid); then
      log "Elasticsearch: up at $ES_URL (pid $pid, started by this script)"
    else
      log "Elasticsearch: reusing the one already answering at $ES_URL"
    fi
    return 0
  fi
  if pid=$(es_pid); then
    log "Elasticsearch: pid $pid (ours) is not healthy yet, waiting up to ${ES_WAIT}s"
    wait_for "$ES_WAIT" "Elasticsearch health" es_ready ||
      die "Elasticsearch (pid $pid) did not become healthy: $(es_health_short). See $ES_HOME/logs/eventmall.log"
    log "Elasticsearch: up at $ES_URL"
    return 0
  fi
  code=$(es_http_code)
  if [[ $code != 000 ]]; then
    log "Elasticsearch: something answers on port $ES_PORT (HTTP $code) but is not healthy yet, waiting up to ${ES_WAIT}s"
    wait_for "$ES_WAIT" "Elasticsearch health" es_ready ||
      die "port $ES_PORT is taken by something that is not a healthy Elasticsearch (GET /_cluster/health -> HTTP $(es_http_code): $(es_health_short)). Stop it or set MALL_ES_PORT."
    log "Elasticsearch: reusing the one answering at $ES_URL"
    return 0
  fi

  have java || die "java is not on PATH; Elasticsearch needs a JDK 17+ (or set ES_JAVA_HOME)."
  have curl || die "curl is needed to check Elasticsearch."
  java_home="${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
  es_install
  es_configure
  es_user_setup
  log "Elasticsearch: starting $ES_VERSION from $ES_HOME (heap $ES_HEAP, JDK $java_home)"
  rm -f "$ES_PIDFILE"
  cmd=(env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_HOME/config" ES_TMPDIR="$ES_HOME/tmp"
    "$ES_HOME/bin/elasticsearch" -d -p "$ES_PIDFILE")
  if ((EUID == 0)); then cmd=(runuser -u "$ES_USER" -- "${cmd[@]}"); fi
  # -d returns once the node has started (or failed); its console goes to startup.log.
  if ! (cd "$ES_HOME" && timeout "$ES_WAIT" "${cmd[@]}") >"$ES_HOME/logs/startup.log" 2>&1 9>&-; then
    if pid=$(es_pid); then kill "$pid" 2>/dev/null || true; fi
    grep -E 'ERROR|Exception|exception|error' "$ES_HOME/logs/startup.log" | tail -n 15 >&2 || tail -n 30 "$ES_HOME/logs/startup.log" >&2
    die "Elasticsearch failed to start. See $ES_HOME/logs/startup.log and $ES_HOME/logs/eventmall.log"
  fi
  left=$((ES_WAIT - (SECONDS - started)))
  ((left > 5)) || left=5
  wait_for "$left" "Elasticsearch health" es_ready ||
    die "Elasticsearch started but $ES_URL/_cluster/health is not yellow/green: $(es_health_short). See $ES_HOME/logs/eventmall.log"
  log "Elasticsearch: up at $ES_URL (pid $(es_pid || echo '?'), started in $((SECONDS - started))s)"
}

stop_es() {
  local pid
  if ! pid=$(es_pid); then
    if es_ready; then
      log "Elasticsearch: the one at $ES_URL was not started by this script; leaving it alone"
    else
      log "Elasticsearch: not running"
    fi
    return 0
  fi
  log "Elasticsearch: stopping pid $pid"
  kill "$pid"
  if ! wait_for 60 "Elasticsearch to stop" pid_gone "$pid"; then
    log "Elasticsearch: still running, sending SIGKILL"
    kill -9 "$pid" 2>/dev/null || true
    wait_for 10 "Elasticsearch to die" pid_gone "$pid" || die "could not stop Elasticsearch pid $pid."
  fi
  rm -f "$ES_PIDFILE"
  log "Elasticsearch: stopped"
}

status() {
  local rc=0 pid
  if pg_up; then echo "PostgreSQL     up    127.0.0.1:5432"; else echo "PostgreSQL     DOWN  127.0.0.1:5432"; rc=1; fi
  if redis_up; then echo "Redis          up    127.0.0.1:6379"; else echo "Redis          DOWN  127.0.0.1:6379"; rc=1; fi
  if es_ready; then
    if pid=$(es_pid); then
      echo "Elasticsearch  up    $ES_URL (pid $pid, started by servers.sh from $ES_HOME)"
    else
      echo "Elasticsearch  up    $ES_URL (not started by servers.sh)"
    fi
    echo "               $(es_health)"
  else
    if pid=$(es_pid); then
      echo "Elasticsearch  DOWN  $ES_URL (pid $pid from servers.sh is running but not healthy)"
    else
      echo "Elasticsearch  DOWN  $ES_URL"
    fi
    rc=1
  fi
  return "$rc"
}

# Serialise start/stop between concurrent callers (run.sh and test.sh, say).
lock() {
  mkdir -p "$(dirname "$ES_HOME")"
  exec 9>"$(dirname "$ES_HOME")/.servers.lock"
  have flock || return 0
  flock -w 600 9 || die "another servers.sh has held the lock for 10 minutes."
}

case "${1:-}" in
  start)
    lock
    if [[ ${MALL_SERVERS_OPTIONAL:-} == 1 ]]; then
      # Each in a subshell, so that its die ends only that server's start.
      (start_postgres) || log "PostgreSQL: not started locally; the tests' containers serve instead"
      (start_redis) || log "Redis: not started locally; the tests' containers serve instead"
      (start_es) || log "Elasticsearch: not started locally; the tests' containers serve instead"
    else
      start_postgres
      start_redis
      start_es
    fi
    ;;
  stop)
    lock
    stop_es
    ;;
  status) status ;;
  *)
    echo "usage: $0 {start|stop|status}" >&2
    exit 2
    ;;
esac
