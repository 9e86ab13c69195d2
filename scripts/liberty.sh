#!/usr/bin/env bash
# Supervised Liberty server for ./visage run|up|down|status.
#
#   scripts/liberty.sh supervise|start|stop|status
#
#   supervise  runs `server run visage` in the foreground and starts it again, after
#              RESTART_DELAY seconds, whenever the JVM dies without being asked to stop
#              (OutOfMemoryError, crash, kill -9); ./visage run uses it
#   start      the same supervisor in the background (own session, output in logs/liberty.log)
#   stop       stops the supervisor first (so that it restarts nothing), then Liberty
#   status     running/stopped, pids and the number of restarts
#
# Layout under $WORK: run/liberty-supervisor.pid, run/liberty.pid (the JVM),
# run/liberty.restarts (count since the supervisor started), logs/liberty-restarts.log
# (one line per restart: time, exit status, cause), logs/liberty.log (console of `start`).
# Liberty's own logs stay in $WLP_OUTPUT_DIR/visage/logs.
#
# VISAGE_LIBERTY_INSTANCE=N (cluster mode, scripts/cluster.sh): the Nth of several instances of
# the same server on one machine. Every file above gets "-N" (run/liberty-N.pid, logs/liberty-N.log
# ...), Liberty's output (logs, workarea, transaction log) goes to $WORK/liberty-N/visage, and its
# user folder is $WORK/liberty-N/usr, whose server links to the build's configuration and WAR: the
# instances share those files and nothing else (Liberty expands the WAR into the server's own
# folder, and an instance whose expanded application another one rewrites restarts it).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SERVER=visage
INSTANCE="${VISAGE_LIBERTY_INSTANCE:-}"
SUFFIX=""
if [[ -n "$INSTANCE" ]]; then
  [[ "$INSTANCE" =~ ^[1-9][0-9]?$ ]] || die "VISAGE_LIBERTY_INSTANCE must be a number from 1 to 99 (got '$INSTANCE')"
  SUFFIX="-$INSTANCE"
  export WLP_OUTPUT_DIR="$WORK/liberty$SUFFIX"
  export WLP_USER_DIR="$WORK/liberty$SUFFIX/usr"
fi

# The instance's user folder: links to the build's shared resources and server files, its own
# apps/ (the expanded WAR) and resources/ (the generated keystore).
link_instance_files() {
  local source="$WLP/usr/servers/$SERVER" target="$WLP_USER_DIR/servers/$SERVER" f
  [[ -d "$source" ]] || die "Liberty is not built ($source missing; run ./visage build)"
  mkdir -p "$target"
  ln -sfn "$WLP/usr/shared" "$WLP_USER_DIR/shared"
  for f in server.xml jvm.options bootstrap.properties server.env dropins; do
    if [[ -e "$source/$f" ]]; then
      ln -sfn "$source/$f" "$target/$f"
    fi
  done
}
SUPERVISOR_PID_FILE="$RUN_DIR/liberty$SUFFIX-supervisor.pid"
LIBERTY_PID_FILE="$RUN_DIR/liberty$SUFFIX.pid"
RESTARTS_FILE="$RUN_DIR/liberty$SUFFIX.restarts"
RESTART_LOG="$LOG_DIR/liberty$SUFFIX-restarts.log"
CONSOLE_LOG="$LOG_DIR/liberty$SUFFIX.log"
# The first restart after a death comes 2 s later (the promise is 10 s). A server that dies
# again within QUICK_DEATH_S of starting waits twice as long each time, up to MAX_DELAY_S,
# so a server that cannot start (port taken, bad configuration) does not spin.
RESTART_DELAY=2
QUICK_DEATH_S=60
MAX_DELAY_S=60
STOP_TIMEOUT=120

# Why a JVM ended, from its exit status (128+N: killed by signal N).
exit_cause() {
  case "$1" in
    3) echo "OutOfMemoryError (-XX:+ExitOnOutOfMemoryError)" ;;
    134) echo "SIGABRT (JVM crash; see hs_err_pid*.log)" ;;
    137) echo "SIGKILL (kill -9 or the kernel's OOM killer)" ;;
    139) echo "SIGSEGV (JVM crash; see hs_err_pid*.log)" ;;
    143) echo "SIGTERM" ;;
    *) if (($1 > 128)); then echo "signal $(($1 - 128))"; else echo "exit status $1"; fi ;;
  esac
}

supervise() {
  [[ -x "$WLP/bin/server" ]] || die "Liberty is not built ($WLP/bin/server missing; run ./visage build)"
  ensure_work_dirs
  if [[ -n "$INSTANCE" ]]; then link_instance_files; fi
  echo $$ >"$SUPERVISOR_PID_FILE"
  echo 0 >"$RESTARTS_FILE"
  local stopping=0 child="" started rc restarts=0 delay=$RESTART_DELAY
  # TERM (./visage down) or INT: stop Liberty the orderly way and end the loop.
  trap 'stopping=1; [[ -z "$child" ]] || "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || kill -TERM "$child" 2>/dev/null || true' TERM INT
  while :; do
    started=$SECONDS
    # `server run` execs the JVM, so $! is Liberty's java pid.
    "$WLP/bin/server" run "$SERVER" 9>&- &
    child=$!
    echo "$child" >"$LIBERTY_PID_FILE"
    rc=0
    wait "$child" || rc=$?
    if ((stopping)); then
      # The trap interrupted wait; now wait for Liberty itself to finish stopping.
      wait "$child" 2>/dev/null || true
      break
    fi
    restarts=$((restarts + 1))
    if ((SECONDS - started >= QUICK_DEATH_S)); then
      delay=$RESTART_DELAY
    fi
    printf '%s restart %d: Liberty (pid %s) ended after %ds: %s; starting it again in %ds\n' \
      "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$restarts" "$child" "$((SECONDS - started))" "$(exit_cause "$rc")" "$delay" \
      | tee -a "$RESTART_LOG" >&2
    echo "$restarts" >"$RESTARTS_FILE"
    sleep "$delay" &
    wait $! || true
    ((stopping)) && break
    delay=$((delay * 2 > MAX_DELAY_S ? MAX_DELAY_S : delay * 2))
  done
  rm -f "$SUPERVISOR_PID_FILE" "$LIBERTY_PID_FILE"
}

supervisor_pid() { pid_from_file "$SUPERVISOR_PID_FILE"; }

start() {
  local pid
  if pid="$(supervisor_pid)"; then
    log "Liberty supervisor already running (pid $pid)"
    return 0
  fi
  if "$WLP/bin/server" status "$SERVER" >/dev/null 2>&1; then
    die "Liberty server '$SERVER' is running without a supervisor; stop it first (./visage down)"
  fi
  # Another process on the port would answer the readiness probe in this server's place.
  local port="${VISAGE_HTTP_PORT:-9080}"
  port_open 127.0.0.1 "$port" && die "port $port is already in use by another process (set VISAGE_HTTP_PORT)"
  # setsid: own session, so closing the caller's terminal leaves the server running.
  nohup setsid "${BASH_SOURCE[0]}" supervise >>"$CONSOLE_LOG" 2>&1 </dev/null 9>&- &
  log "Liberty supervisor started (pid $!; console $CONSOLE_LOG, restarts $RESTART_LOG)"
}

stop() {
  local pid
  if pid="$(supervisor_pid)"; then
    log "stopping the Liberty supervisor (pid $pid) and Liberty"
    kill -TERM "$pid"
    wait_for_exit "$pid" "$STOP_TIMEOUT" || die "the Liberty supervisor (pid $pid) did not stop within ${STOP_TIMEOUT}s"
  fi
  # A server left behind (started without a supervisor, or the supervisor was killed).
  if [[ -x "$WLP/bin/server" ]] && "$WLP/bin/server" status "$SERVER" >/dev/null 2>&1; then
    "$WLP/bin/server" stop "$SERVER" >/dev/null || die "Liberty did not stop"
  fi
  rm -f "$SUPERVISOR_PID_FILE" "$LIBERTY_PID_FILE"
}

status() {
  local pid liberty restarts
  if pid="$(supervisor_pid)"; then
    liberty="$(pid_from_file "$LIBERTY_PID_FILE" || echo "none (restarting)")"
    restarts="$(cat "$RESTARTS_FILE" 2>/dev/null || echo 0)"
    echo "running (supervisor pid $pid, liberty pid $liberty, restarts: $restarts)"
    if [[ "$restarts" != 0 ]]; then
      echo "last restart: $(tail -n 1 "$RESTART_LOG")"
    fi
    return 0
  fi
  if [[ -x "$WLP/bin/server" ]] && "$WLP/bin/server" status "$SERVER" >/dev/null 2>&1; then
    echo "running (unsupervised)"
    return 0
  fi
  echo stopped
  return 3
}

with_lock() {
  ensure_work_dirs
  exec 9>"$RUN_DIR/liberty$SUFFIX.lock"
  flock -w 300 9 || die "another scripts/liberty.sh is still running (lock $RUN_DIR/liberty$SUFFIX.lock)"
}

case "${1:-}" in
  supervise) supervise ;;
  start) with_lock; start ;;
  stop) with_lock; stop ;;
  status) status ;;
  *) echo "usage: $0 supervise|start|stop|status" >&2; exit 2 ;;
esac
