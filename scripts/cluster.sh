#!/usr/bin/env bash
# The brokers and Liberty instances of ./visage up --cluster, on one machine:
#
#   scripts/cluster.sh start|stop|status
#
#   start   an Artemis primary/backup pair with replication (scripts/broker.sh with
#           VISAGE_BROKER_ROLE=primary|backup) and VISAGE_CLUSTER_INSTANCES supervised Liberty
#           instances (scripts/liberty.sh with VISAGE_LIBERTY_INSTANCE=N) whose resource adapter
#           knows both brokers; already running parts are left as they are, stopped ones started
#           (so a second start brings back a killed instance or broker)
#   stop    the Liberty instances first (so that none restarts), then both brokers
#   status  one line per process: role, state and pid
#
# PostgreSQL is ./visage's business (scripts/postgres.sh or VISAGE_DB_URL). Variables:
#   VISAGE_CLUSTER_INSTANCES         Liberty instances (default 2)
#   VISAGE_HTTP_PORT/_HTTPS_PORT     instance 1's ports (default 9080/9443); instance N adds 2*(N-1)
#   VISAGE_BROKER_PORT               the primary's acceptor (default 61616)
#   VISAGE_BROKER_BACKUP_PORT        the backup's acceptor (default: the primary's + 1)
#   VISAGE_BROKER_HTTP_PORT, VISAGE_BROKER_BACKUP_HTTP_PORT, VISAGE_BROKER_STOMP_PORT,
#   VISAGE_BROKER_BACKUP_STOMP_PORT  web consoles and STOMP acceptors (backup's: the primary's + 1)
# start records the ports in run/cluster.env, so that stop and status find the same processes.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CLUSTER_ENV="$RUN_DIR/cluster.env"
NETTY=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory

# The settings of this cluster. start takes them from the environment; stop and status take those
# start recorded, so that they address what runs whatever the caller's environment says.
load_settings() {
  if [[ "$1" != start && -f "$CLUSTER_ENV" ]]; then
    set -a
    # shellcheck source=/dev/null
    source "$CLUSTER_ENV"
    set +a
  fi
  INSTANCES="${VISAGE_CLUSTER_INSTANCES:-2}"
  HTTP_BASE="${VISAGE_HTTP_PORT:-9080}"
  HTTPS_BASE="${VISAGE_HTTPS_PORT:-9443}"
  BROKER_HOST="${VISAGE_BROKER_HOST:-127.0.0.1}"
  PRIMARY_PORT="${VISAGE_BROKER_PORT:-61616}"
  require_number VISAGE_BROKER_PORT "$PRIMARY_PORT"
  BACKUP_PORT="${VISAGE_BROKER_BACKUP_PORT:-$((PRIMARY_PORT + 1))}"
  PRIMARY_HTTP="${VISAGE_BROKER_HTTP_PORT:-8161}"
  require_number VISAGE_BROKER_HTTP_PORT "$PRIMARY_HTTP"
  BACKUP_HTTP="${VISAGE_BROKER_BACKUP_HTTP_PORT:-$((PRIMARY_HTTP + 1))}"
  PRIMARY_STOMP="${VISAGE_BROKER_STOMP_PORT:-61613}"
  require_number VISAGE_BROKER_STOMP_PORT "$PRIMARY_STOMP"
  BACKUP_STOMP="${VISAGE_BROKER_BACKUP_STOMP_PORT:-$((PRIMARY_STOMP + 1))}"
  local v
  for v in INSTANCES HTTP_BASE HTTPS_BASE BACKUP_PORT BACKUP_HTTP BACKUP_STOMP; do
    require_number "$v" "${!v}"
  done
  ((INSTANCES >= 1 && INSTANCES <= 9)) || die "VISAGE_CLUSTER_INSTANCES must be 1 to 9 (got $INSTANCES)"
}

save_settings() {
  ensure_work_dirs
  cat >"$CLUSTER_ENV" <<EOF
# Written by scripts/cluster.sh start: the ports of the cluster running from this work folder.
VISAGE_CLUSTER_INSTANCES=$INSTANCES
VISAGE_HTTP_PORT=$HTTP_BASE
VISAGE_HTTPS_PORT=$HTTPS_BASE
VISAGE_BROKER_HOST=$BROKER_HOST
VISAGE_BROKER_PORT=$PRIMARY_PORT
VISAGE_BROKER_BACKUP_PORT=$BACKUP_PORT
VISAGE_BROKER_HTTP_PORT=$PRIMARY_HTTP
VISAGE_BROKER_BACKUP_HTTP_PORT=$BACKUP_HTTP
VISAGE_BROKER_STOMP_PORT=$PRIMARY_STOMP
VISAGE_BROKER_BACKUP_STOMP_PORT=$BACKUP_STOMP
EOF
}

# broker ROLE ACTION: scripts/broker.sh for one broker of the pair, told where the other one is.
broker() {
  local role="$1" action="$2"
  if [[ "$role" == primary ]]; then
    VISAGE_BROKER_ROLE=primary VISAGE_BROKER_PORT="$PRIMARY_PORT" VISAGE_BROKER_PEER_PORT="$BACKUP_PORT" \
      VISAGE_BROKER_HTTP_PORT="$PRIMARY_HTTP" VISAGE_BROKER_STOMP_PORT="$PRIMARY_STOMP" \
      "$ROOT/scripts/broker.sh" "$action"
  else
    VISAGE_BROKER_ROLE=backup VISAGE_BROKER_PORT="$BACKUP_PORT" VISAGE_BROKER_PEER_PORT="$PRIMARY_PORT" \
      VISAGE_BROKER_HTTP_PORT="$BACKUP_HTTP" VISAGE_BROKER_STOMP_PORT="$BACKUP_STOMP" \
      "$ROOT/scripts/broker.sh" "$action"
  fi
}

http_port() { echo $((HTTP_BASE + 2 * ($1 - 1))); }

# liberty N ACTION: scripts/liberty.sh for instance N, on its own ports, with both brokers.
liberty() {
  local n="$1" action="$2"
  VISAGE_LIBERTY_INSTANCE="$n" VISAGE_HTTP_PORT="$(http_port "$n")" \
    VISAGE_HTTPS_PORT=$((HTTPS_BASE + 2 * (n - 1))) \
    VISAGE_RECOGNITION_WORKER_ID="liberty-$n" \
    VISAGE_BROKER_HOST="$BROKER_HOST" VISAGE_BROKER_PORT="$PRIMARY_PORT" VISAGE_BROKER_HTTP_PORT="$PRIMARY_HTTP" \
    VISAGE_BROKER_CONNECTION_PARAMETERS="host=$BROKER_HOST;port=$PRIMARY_PORT,host=$BROKER_HOST;port=$BACKUP_PORT" \
    VISAGE_BROKER_CONNECTOR_CLASSES="$NETTY,$NETTY" VISAGE_BROKER_HA=true \
    "$ROOT/scripts/liberty.sh" "$action"
}

cmd_start() {
  load_settings start
  save_settings
  # The primary first: a backup only starts once it has a live broker to copy.
  if broker primary status >/dev/null 2>&1 || ! broker backup status >/dev/null 2>&1; then
    broker primary start
    broker backup start
  else
    # The backup took over while the primary was away: it must come back as the backup's replica
    # (check-for-active-server), then take the work back (fail-back).
    broker backup start
    broker primary start
  fi
  local n
  for ((n = 1; n <= INSTANCES; n++)); do
    liberty "$n" start
  done
}

cmd_stop() {
  load_settings stop
  local n rc=0
  for ((n = 1; n <= INSTANCES; n++)); do
    liberty "$n" stop || { warn "Liberty instance $n did not stop cleanly"; rc=1; }
  done
  # The backup first: stopped after the primary, it would take over for nothing.
  broker backup stop || { warn "the backup broker did not stop cleanly"; rc=1; }
  broker primary stop || { warn "the primary broker did not stop cleanly"; rc=1; }
  rm -f "$CLUSTER_ENV"
  return "$rc"
}

# Readiness of instance N: ready, not-ready (the endpoint answers 503) or down (no answer).
readiness() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$(http_port "$1")/health/ready" || true)"
  case "$code" in
    200) echo ready ;;
    503) echo not-ready ;;
    *) echo down ;;
  esac
}

cmd_status() {
  load_settings status
  local role line n pid rc=0
  for role in primary backup; do
    line="$(broker "$role" status 2>/dev/null)" || rc=3
    echo "broker-$role $line"
  done
  for ((n = 1; n <= INSTANCES; n++)); do
    if pid="$(pid_from_file "$RUN_DIR/liberty-$n.pid" 2>/dev/null)"; then
      echo "liberty-$n $(readiness "$n") pid $pid (http://127.0.0.1:$(http_port "$n"))"
    else
      echo "liberty-$n stopped"
      rc=3
    fi
  done
  return "$rc"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
