#!/usr/bin/env bash
# Local ActiveMQ Artemis broker for Visage.
#
#   scripts/broker.sh ensure|start|stop|status
#
# Variables (environment or $ROOT/.env), all optional:
#   VISAGE_ARTEMIS_VERSION          Artemis version from Maven Central (default 2.44.0)
#   VISAGE_BROKER_USER/_PASSWORD    broker login (default visage/visage)
#   VISAGE_BROKER_HOST              acceptor host (default 127.0.0.1)
#   VISAGE_BROKER_PORT              acceptor port, CORE+AMQP+OPENWIRE (default 61616)
#   VISAGE_BROKER_STOMP_PORT        STOMP acceptor port (default 61613)
#   VISAGE_BROKER_HTTP_PORT         web console + Jolokia on localhost (default 8161)
#   VISAGE_BROKER_HEAP              broker JVM -Xmx (default 512m)
#   VISAGE_MAX_DELIVERY_ATTEMPTS    deliveries before visage.DLQ (default 5)
#   VISAGE_BATCH_MAX_ATTEMPTS       deliveries of a batch image before Visage parks it on visage.DLQ (default 3)
#   VISAGE_REDELIVERY_DELAY_MS      first redelivery delay (default 1000, doubles each time)
#   VISAGE_MAX_REDELIVERY_DELAY_MS  redelivery delay cap (default 60000)
#   VISAGE_BROKER_MAX_DISK_USAGE    disk usage percent that blocks producers (default 95)
#   VISAGE_BROKER_ROLE              single (default), or primary/backup of a replicated pair
#                                   (./visage up --cluster, scripts/cluster.sh)
#   VISAGE_BROKER_PEER_HOST/_PORT   primary/backup only: the other broker's acceptor
#   VISAGE_BROKER_CLUSTER_PASSWORD  primary/backup only: replication login (default: the broker password)
# Layout under $WORK: downloads/ (zip), artemis/apache-artemis-<ver>/ (home), broker/ (instance),
# logs/broker.log, run/broker.pid; a primary or backup uses broker-<role>/, broker-<role>.log and
# broker-<role>.pid. broker/broker.xml in the repo is rendered into the instance, with
# broker/ha-<role>.xml in place of its VISAGE_BROKER_HA placeholder (nothing for a single broker).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ARTEMIS_VERSION="${VISAGE_ARTEMIS_VERSION:-2.44.0}"
BROKER_USER="${VISAGE_BROKER_USER:-visage}"
BROKER_PASSWORD="${VISAGE_BROKER_PASSWORD:-visage}"
BROKER_HOST="${VISAGE_BROKER_HOST:-127.0.0.1}"
BROKER_PORT="${VISAGE_BROKER_PORT:-61616}"
STOMP_PORT="${VISAGE_BROKER_STOMP_PORT:-61613}"
HTTP_PORT="${VISAGE_BROKER_HTTP_PORT:-8161}"
BROKER_HEAP="${VISAGE_BROKER_HEAP:-512m}"
START_TIMEOUT=60
STOP_TIMEOUT=20
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

ROLE="${VISAGE_BROKER_ROLE:-single}"
case "$ROLE" in
  single) SUFFIX="" ;;
  primary|backup) SUFFIX="-$ROLE" ;;
  *) die "VISAGE_BROKER_ROLE must be single, primary or backup (got '$ROLE')" ;;
esac

ARTEMIS_HOME="$WORK/artemis/apache-artemis-$ARTEMIS_VERSION"
INSTANCE="$WORK/broker$SUFFIX"
ZIP="$DOWNLOAD_DIR/apache-artemis-$ARTEMIS_VERSION-bin.zip"
PID_FILE="$RUN_DIR/broker$SUFFIX.pid"
BROKER_LOG="$LOG_DIR/broker$SUFFIX.log"
TEMPLATE="$ROOT/broker/broker.xml"
HA_TEMPLATE="$ROOT/broker/ha-$ROLE.xml"

# Values substituted into broker/broker.xml (${NAME} placeholders); each has a default.
# The application dead-letters a failing message itself (with its reason) after
# VISAGE_MAX_DELIVERY_ATTEMPTS; the broker's own limit is a backstop two deliveries later, so that
# deliveries cut short by a crash (they count as attempts) never dead-letter a healthy message.
APP_ATTEMPTS="${VISAGE_MAX_DELIVERY_ATTEMPTS:-5}"
[[ "$APP_ATTEMPTS" =~ ^[0-9]+$ ]] || die "VISAGE_MAX_DELIVERY_ATTEMPTS must be a number, not '$APP_ATTEMPTS'"
BATCH_ATTEMPTS="${VISAGE_BATCH_MAX_ATTEMPTS:-3}"
[[ "$BATCH_ATTEMPTS" =~ ^[0-9]+$ ]] || die "VISAGE_BATCH_MAX_ATTEMPTS must be a number, not '$BATCH_ATTEMPTS'"

declare -A TEMPLATE_VARS=(
  [VISAGE_BROKER_HOST]="$BROKER_HOST"
  [VISAGE_BROKER_PORT]="$BROKER_PORT"
  [VISAGE_BROKER_STOMP_PORT]="$STOMP_PORT"
  [VISAGE_BROKER_MAX_DELIVERY_ATTEMPTS]="$((APP_ATTEMPTS + 2))"
  [VISAGE_BROKER_BATCH_MAX_DELIVERY_ATTEMPTS]="$((BATCH_ATTEMPTS + 2))"
  [VISAGE_REDELIVERY_DELAY_MS]="${VISAGE_REDELIVERY_DELAY_MS:-1000}"
  [VISAGE_MAX_REDELIVERY_DELAY_MS]="${VISAGE_MAX_REDELIVERY_DELAY_MS:-60000}"
  [VISAGE_BROKER_MAX_DISK_USAGE]="${VISAGE_BROKER_MAX_DISK_USAGE:-95}"
)
if [[ "$ROLE" != single ]]; then
  TEMPLATE_VARS[VISAGE_BROKER_PEER_HOST]="${VISAGE_BROKER_PEER_HOST:-$BROKER_HOST}"
  TEMPLATE_VARS[VISAGE_BROKER_PEER_PORT]="${VISAGE_BROKER_PEER_PORT:-}"
  TEMPLATE_VARS[VISAGE_BROKER_CLUSTER_PASSWORD]="${VISAGE_BROKER_CLUSTER_PASSWORD:-$BROKER_PASSWORD}"
fi

validate_settings() {
  local v
  for v in VISAGE_BROKER_PORT VISAGE_BROKER_STOMP_PORT VISAGE_BROKER_MAX_DELIVERY_ATTEMPTS VISAGE_BROKER_BATCH_MAX_DELIVERY_ATTEMPTS VISAGE_REDELIVERY_DELAY_MS \
    VISAGE_MAX_REDELIVERY_DELAY_MS VISAGE_BROKER_MAX_DISK_USAGE; do
    require_number "$v" "${TEMPLATE_VARS[$v]}"
  done
  require_number VISAGE_BROKER_HTTP_PORT "$HTTP_PORT"
  if [[ "$ROLE" != single ]]; then
    [[ -n "${TEMPLATE_VARS[VISAGE_BROKER_PEER_PORT]}" ]] || die "VISAGE_BROKER_ROLE=$ROLE needs VISAGE_BROKER_PEER_PORT (the other broker's port)"
    require_number VISAGE_BROKER_PEER_PORT "${TEMPLATE_VARS[VISAGE_BROKER_PEER_PORT]}"
    [[ "${TEMPLATE_VARS[VISAGE_BROKER_PEER_HOST]}" =~ ^[A-Za-z0-9.:-]+$ ]] \
      || die "VISAGE_BROKER_PEER_HOST is not a valid host: '${TEMPLATE_VARS[VISAGE_BROKER_PEER_HOST]}'"
    [[ "${TEMPLATE_VARS[VISAGE_BROKER_CLUSTER_PASSWORD]}" =~ ^[^\<\>\&]+$ ]] \
      || die "VISAGE_BROKER_CLUSTER_PASSWORD must not be empty nor contain < > &"
  fi
  [[ "$BROKER_HOST" =~ ^[A-Za-z0-9.:-]+$ ]] || die "VISAGE_BROKER_HOST is not a valid host: '$BROKER_HOST'"
  [[ "$BROKER_HEAP" =~ ^[0-9]+[kKmMgG]$ ]] || die "VISAGE_BROKER_HEAP must look like 512m or 1g (got '$BROKER_HEAP')"
  [[ "$ARTEMIS_VERSION" =~ ^[0-9][A-Za-z0-9.-]*$ ]] || die "invalid VISAGE_ARTEMIS_VERSION '$ARTEMIS_VERSION'"
  [[ "$BROKER_USER" =~ ^[A-Za-z0-9._@-]+$ ]] || die "VISAGE_BROKER_USER may only contain letters, digits and . _ @ -"
  [[ -n "$BROKER_PASSWORD" ]] || die "VISAGE_BROKER_PASSWORD must not be empty"
}

usage() {
  echo "usage: $0 ensure|start|stop|status" >&2
  exit 2
}

# ------------------------------------------------------------------ prerequisites
java_major() {
  local v
  v="$(java -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')"
  [[ "$v" == 1.* ]] && v="${v#1.}"
  echo "${v%%[.+-]*}"
}

ensure_tools() {
  command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
  local major
  major="$(java_major)"
  [[ "$major" =~ ^[0-9]+$ && "$major" -ge 17 ]] \
    || die "Artemis $ARTEMIS_VERSION needs Java 17+, found '$(java -version 2>&1 | head -n1)' (set JAVA_HOME/PATH)"
  command -v unzip >/dev/null 2>&1 || apt_install unzip
  if [[ ! -s "$ZIP" && ! -x "$ARTEMIS_HOME/bin/artemis" ]]; then
    command -v mvn >/dev/null 2>&1 || apt_install maven
  fi
}

download_artemis() {
  [[ -x "$ARTEMIS_HOME/bin/artemis" || -s "$ZIP" ]] && return 0
  local started=$SECONDS tmp="$DOWNLOAD_DIR/.tmp-$$"
  log "downloading Apache Artemis $ARTEMIS_VERSION from Maven Central"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # Run outside the project so that mvn does not read the project's pom.xml.
  if ! (cd "$tmp" && mvn -q -B "$DEP_PLUGIN:copy" \
    "-Dartifact=org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:zip:bin" \
    "-DoutputDirectory=$tmp" </dev/null >"$LOG_DIR/artemis-download.log" 2>&1); then
    rm -rf "$tmp"
    die "downloading Artemis $ARTEMIS_VERSION failed (see $LOG_DIR/artemis-download.log)"
  fi
  mv -f "$tmp/apache-artemis-$ARTEMIS_VERSION-bin.zip" "$ZIP"
  rm -rf "$tmp"
  log "downloaded $(basename "$ZIP") in $((SECONDS - started))s"
}

unpack_artemis() {
  [[ -x "$ARTEMIS_HOME/bin/artemis" ]] && return 0
  local tmp="$WORK/artemis/.tmp-$$"
  log "unpacking $(basename "$ZIP") to $ARTEMIS_HOME"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! unzip -q "$ZIP" -d "$tmp"; then
    rm -rf "$tmp" "$ZIP"
    die "cannot unzip $ZIP (removed it; run again to download it again)"
  fi
  [[ -x "$tmp/apache-artemis-$ARTEMIS_VERSION/bin/artemis" ]] || die "unexpected layout in $ZIP"
  rm -rf "$ARTEMIS_HOME"
  mv "$tmp/apache-artemis-$ARTEMIS_VERSION" "$ARTEMIS_HOME"
  rm -rf "$tmp"
}

# ------------------------------------------------------------------ instance
CREATED_MARKER="$INSTANCE/.visage-instance"

create_instance() {
  [[ -f "$CREATED_MARKER" && -f "$INSTANCE/etc/broker.xml" ]] && return 0
  if [[ -d "$INSTANCE" ]]; then
    [[ -d "$INSTANCE/data/journal" ]] \
      && die "$INSTANCE exists with data but was not created by this script; remove it to recreate"
    log "removing incomplete broker instance $INSTANCE"
    rm -rf "$INSTANCE"
  fi
  local started=$SECONDS
  log "creating broker instance in $INSTANCE"
  "$ARTEMIS_HOME/bin/artemis" create --silent \
    --user "$BROKER_USER" --password "$BROKER_PASSWORD" --role amq --require-login \
    --name visage --host "$BROKER_HOST" --default-port "$BROKER_PORT" \
    --http-host localhost --http-port "$HTTP_PORT" --java-memory "$BROKER_HEAP" \
    --nio --no-autotune \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    "$INSTANCE" </dev/null >"$LOG_DIR/artemis-create$SUFFIX.log" 2>&1 \
    || { rm -rf "$INSTANCE"; die "artemis create failed (see $LOG_DIR/artemis-create$SUFFIX.log)"; }
  credentials_fingerprint >"$INSTANCE/etc/.visage-credentials"
  echo "$ARTEMIS_VERSION" >"$CREATED_MARKER"
  log "broker instance created in $((SECONDS - started))s"
}

credentials_fingerprint() {
  printf '%s\n%s\n' "$BROKER_USER" "$BROKER_PASSWORD" | sha256sum | cut -d' ' -f1
}

# Re-writes users/roles when VISAGE_BROKER_USER/PASSWORD changed since the instance was made.
sync_credentials() {
  local fp hash
  fp="$(credentials_fingerprint)"
  [[ "$(cat "$INSTANCE/etc/.visage-credentials" 2>/dev/null || true)" == "$fp" ]] && return 0
  log "broker credentials changed; updating users of the instance"
  hash="$("$ARTEMIS_HOME/bin/artemis" mask --hash "$BROKER_PASSWORD" </dev/null 2>/dev/null | sed -n 's/^result: //Ip' | tail -n1)"
  [[ -n "$hash" ]] || die "artemis mask failed"
  printf '# Managed by scripts/broker.sh\n%s = ENC(%s)\n' "$BROKER_USER" "$hash" >"$INSTANCE/etc/artemis-users.properties"
  printf '# Managed by scripts/broker.sh\namq = %s\n' "$BROKER_USER" >"$INSTANCE/etc/artemis-roles.properties"
  echo "$fp" >"$INSTANCE/etc/.visage-credentials"
}

# write_if_changed PATH CONTENT: returns 0 when the file was (re)written.
write_if_changed() {
  local path="$1" content="$2"
  if [[ -f "$path" && "$(cat "$path")" == "$content" ]]; then
    return 1
  fi
  printf '%s\n' "$content" >"$path.tmp"
  mv -f "$path.tmp" "$path"
}

# render_template FILE: prints FILE with every ${VISAGE_...} placeholder replaced.
render_template() {
  [[ -f "$1" ]] || die "template $1 not found"
  local content name placeholder value
  content="$(<"$1")"
  for name in "${!TEMPLATE_VARS[@]}"; do
    placeholder="\${$name}"
    value="${TEMPLATE_VARS[$name]}"
    content="${content//"$placeholder"/"$value"}"
  done
  if [[ "$content" =~ \$\{(VISAGE_[A-Za-z0-9_]+)\} ]]; then
    die "${1#"$ROOT/"} uses \${${BASH_REMATCH[1]}}, which scripts/broker.sh does not define"
  fi
  printf '%s' "$content"
}

render_broker_xml() {
  # The replication policy, connectors and cluster connection of a primary or backup; a single
  # broker gets none of it, so its configuration is what it always was.
  local ha content
  if [[ "$ROLE" == single ]]; then
    ha="<!-- single broker: no replication (VISAGE_BROKER_ROLE=single) -->"
  else
    # The subshell's die ends only the subshell: exit here too.
    ha="$(render_template "$HA_TEMPLATE")" || exit 1
  fi
  TEMPLATE_VARS[VISAGE_BROKER_HA]="$ha"
  content="$(render_template "$TEMPLATE")" || exit 1
  if write_if_changed "$INSTANCE/etc/broker.xml" "$content"; then
    log "rendered broker/broker.xml ($ROLE) into $INSTANCE/etc/broker.xml"
    return 0
  fi
  return 1
}

# Applies the variables that live outside broker.xml: web port, heap, Artemis home, Jolokia CORS.
render_instance_files() {
  local f="$INSTANCE/etc/bootstrap.xml" content new
  content="$(<"$f")"
  new="$(sed -E "s#(<binding name=\"artemis\" uri=\")http://[^\"]*\"#\1http://localhost:$HTTP_PORT\"#" <<<"$content")"
  write_if_changed "$f" "$new" || true

  for f in "$INSTANCE/etc/artemis.profile" "$INSTANCE/etc/artemis-utility.profile"; do
    [[ -f "$f" ]] || continue
    content="$(<"$f")"
    new="$(sed -E "s#^ARTEMIS_HOME=.*#ARTEMIS_HOME='$ARTEMIS_HOME'#" <<<"$content")"
    if [[ "$f" == */artemis.profile ]]; then
      new="$(sed -E "/^ *JAVA_ARGS=/ { s/-Xmx[0-9]+[kKmMgG]/-Xmx$BROKER_HEAP/; s/-Xms[0-9]+[kKmMgG]/-Xms64m/ }" <<<"$new")"
    fi
    write_if_changed "$f" "$new" || true
  done

  # The Visage admin console reads queue data through Jolokia: allow localhost and 127.0.0.1
  # origins (the generated file already allows *://localhost*).
  f="$INSTANCE/etc/jolokia-access.xml"
  if [[ -f "$f" ]] && ! grep -q '127\.0\.0\.1' "$f"; then
    content="$(<"$f")"
    new="$(sed -E 's#^( *)<allow-origin>\*://localhost\*</allow-origin>#&\n\1<allow-origin>*://127.0.0.1*</allow-origin>#' <<<"$content")"
    write_if_changed "$f" "$new" || true
  fi
}

do_ensure() {
  validate_settings
  ensure_work_dirs
  ensure_tools
  download_artemis
  unpack_artemis
  create_instance
  sync_credentials
  BROKER_XML_CHANGED=0
  if render_broker_xml; then BROKER_XML_CHANGED=1; fi
  render_instance_files
}

# ------------------------------------------------------------------ process
# Prints the pid of this instance's broker JVM (found via its command line, so a stale
# pid file or a reused pid never points at another process).
broker_pid() {
  local pid cmdline
  pid="$(pid_from_file "$PID_FILE" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && broker_cmdline_matches "$pid"; then
    echo "$pid"
    return 0
  fi
  for cmdline in /proc/[0-9]*/cmdline; do
    pid="${cmdline#/proc/}"
    pid="${pid%/cmdline}"
    if broker_cmdline_matches "$pid"; then
      echo "$pid" >"$PID_FILE" 2>/dev/null || true
      echo "$pid"
      return 0
    fi
  done
  return 1
}

broker_cmdline_matches() {
  local args
  args="$({ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null || true)"
  [[ "$args" == *"-Dartemis.instance=$INSTANCE "* && "$args" == *org.apache.activemq.artemis.boot.Artemis* ]]
}

start_broker() {
  local pid
  if pid="$(broker_pid)"; then
    if [[ "$BROKER_XML_CHANGED" -eq 1 ]]; then
      log "broker already running (pid $pid); it reloads addresses/settings from broker.xml by itself (restart for acceptor changes)"
    else
      log "broker already running (pid $pid) on $BROKER_HOST:$BROKER_PORT"
    fi
    return 0
  fi
  rm -f "$PID_FILE"
  port_open "$BROKER_HOST" "$BROKER_PORT" \
    && die "port $BROKER_HOST:$BROKER_PORT is already in use by another process (set VISAGE_BROKER_PORT)"
  port_open 127.0.0.1 "$HTTP_PORT" \
    && die "port $HTTP_PORT (web console) is already in use by another process (set VISAGE_BROKER_HTTP_PORT)"
  port_open "$BROKER_HOST" "$STOMP_PORT" \
    && die "port $BROKER_HOST:$STOMP_PORT (STOMP) is already in use by another process (set VISAGE_BROKER_STOMP_PORT)"

  local started=$SECONDS offset
  offset=$(stat -c %s "$BROKER_LOG" 2>/dev/null || echo 0)
  log "starting Artemis $ARTEMIS_VERSION ($ROLE) on $BROKER_HOST:$BROKER_PORT, STOMP on $STOMP_PORT (console http://localhost:$HTTP_PORT/console, log: $BROKER_LOG)"
  # setsid: own session, so a Ctrl-C in the caller's terminal does not kill the broker;
  # 9>&-: do not hand the script's lock to the broker.
  ARTEMIS_INSTANCE="$INSTANCE" nohup setsid "$INSTANCE/bin/artemis" run \
    >>"$BROKER_LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  if ! wait_until_serving "$pid" "$offset"; then
    tail -n 20 "$BROKER_LOG" >&2 || true
    stop_broker >/dev/null 2>&1 || true
    die "broker ($ROLE) did not become live or a synchronized backup within ${START_TIMEOUT}s (see $BROKER_LOG)"
  fi
  # A primary that found its backup live (it was away) has just caught up as its replica; the
  # backup hands the work back (allow-failback) within seconds: wait for that, so that the pair
  # is as it was started when this returns.
  if [[ "$ROLE" == primary ]] && ! wait_for_port "$BROKER_HOST" "$BROKER_PORT" "$START_TIMEOUT" "$pid"; then
    warn "the primary caught up but the backup has not failed back yet; the primary stays backup (see $BROKER_LOG)"
  fi
  # The real JVM pid (nohup/setsid/the launcher script all exec, so normally the same).
  pid="$(broker_pid)" || die "broker port is open but the broker process was not found"
  log "broker ($(broker_state)) started (pid $pid) in $((SECONDS - started))s"
}

# A broker serves once it is live (its acceptor takes connections) or, in a replicated pair, once
# it is a backup holding a full copy of the live broker's journal (AMQ221024 in its log since
# OFFSET): a backup's acceptors stay closed until it takes over, so a port alone cannot tell.
wait_until_serving() {
  local pid="$1" offset="$2" deadline=$((SECONDS + START_TIMEOUT))
  [[ "$ROLE" == primary || "$ROLE" == backup ]] && deadline=$((SECONDS + 3 * START_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    port_open "$BROKER_HOST" "$BROKER_PORT" && return 0
    if [[ "$ROLE" != single ]] && tail -c +"$((offset + 1))" "$BROKER_LOG" 2>/dev/null | grep -q AMQ221024; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

# live: the acceptor takes connections; backup: the JVM runs with its acceptors closed (a
# replicating backup waiting for the live broker to fail); stopped.
broker_state() {
  if ! broker_pid >/dev/null; then
    echo stopped
  elif port_open "$BROKER_HOST" "$BROKER_PORT"; then
    echo live
  else
    echo backup
  fi
}

stop_broker() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    log "broker is not running"
    return 0
  fi
  log "stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for_exit "$pid" "$STOP_TIMEOUT"; then
    warn "broker did not stop within ${STOP_TIMEOUT}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for_exit "$pid" 10 || die "could not kill broker process $pid"
  fi
  rm -f "$PID_FILE"
  wait_for_port_closed "$BROKER_HOST" "$BROKER_PORT" 10 || warn "port $BROKER_PORT is still open"
  log "broker ($ROLE) stopped"
}

with_lock() {
  ensure_work_dirs
  exec 9>"$RUN_DIR/broker$SUFFIX.lock"
  flock -w 300 9 || die "another scripts/broker.sh is still running (lock $RUN_DIR/broker$SUFFIX.lock)"
}

cmd="${1:-}"
case "$cmd" in
  ensure)
    with_lock
    do_ensure
    log "broker instance ready in $INSTANCE (user $BROKER_USER, tcp://$BROKER_HOST:$BROKER_PORT)"
    ;;
  start)
    with_lock
    do_ensure
    start_broker
    ;;
  stop)
    with_lock
    stop_broker
    ;;
  status)
    if pid="$(broker_pid)"; then
      if [[ "$ROLE" == single ]]; then
        echo "running (pid $pid)"
      else
        echo "$(broker_state) pid $pid"
      fi
      exit 0
    fi
    echo stopped
    exit 3
    ;;
  *)
    usage
    ;;
esac
