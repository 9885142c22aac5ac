# shellcheck shell=bash
# Helpers sourced by the scripts in this directory. Not meant to be run.

# Repository root (the directory that holds scripts/).
MALL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MALL_ROOT

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\nERROR: %s\n\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# wait_for SECONDS DESCRIPTION COMMAND... : retry COMMAND once a second until
# it succeeds (returns 0) or SECONDS have passed (returns 1).
wait_for() {
  local secs=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "gave up waiting for $what after ${secs}s"
      return 1
    fi
    sleep 1
  done
}

# Where the tests take PostgreSQL, Redis and Elasticsearch from, by the rule of the test-servers module
# (io.eventmall.testservers.ServerSource): MALL_TEST_SERVERS=local|containers, or, unset or auto, containers
# exactly when a Docker engine answers (`docker info`). Prints local or containers.
test_servers_mode() {
  local requested="${MALL_TEST_SERVERS:-auto}"
  case "${requested,,}" in
    local | containers) echo "${requested,,}" ;;
    auto)
      if have docker && docker info >/dev/null 2>&1; then echo containers; else echo local; fi
      ;;
    *) die "MALL_TEST_SERVERS is '$requested'; expected local, containers or auto." ;;
  esac
}
