#!/usr/bin/env bash
# Private PostgreSQL 15 + pgvector cluster for Visage.
#
#   scripts/postgres.sh ensure|start|stop|status|url|pgvector-version|psql [psql args...]
#
# Variables (environment or $ROOT/.env):
#   VISAGE_DB_URL       external database (JDBC URL); start/stop do nothing, ensure only checks it
#   VISAGE_DB_PORT      port of the private cluster on 127.0.0.1 (default 55432)
#   VISAGE_DB_NAME      application database (default visage); "<name>_test" is created too
#   VISAGE_DB_USER      application role, not a superuser (default visage)
#   VISAGE_DB_PASSWORD  its password (default visage)
#   VISAGE_WORK_DIR     work folder (default $ROOT/.work): data in pgdata/, log in logs/postgres.log
#   VISAGE_DB_SHARED_BUFFERS        shared_buffers (default 2GB): the HNSW graphs of the galleries live here
#   VISAGE_DB_MAINTENANCE_WORK_MEM  maintenance_work_mem (default 2GB): an HNSW build that fits is fast
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_MAJOR=15
# The pgvector build, pinned: Debian source package version (upstream-debianrevision). The one
# place this version is decided; `postgres.sh pgvector-version` prints it, tests read it here.
# 0.8.0-1 (trixie) is the newest whose files this network serves: forky/sid list 0.8.7-1, but
# deb.debian.org answers 404 for its .dsc and tarballs (docs/operations.md).
PGVECTOR_DEB_VERSION=0.8.0-1
PGVECTOR_VERSION="${PGVECTOR_DEB_VERSION%-*}"
PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_CONFIG="$PG_BIN/pg_config"
DB_HOST=127.0.0.1
DB_PORT="${VISAGE_DB_PORT:-55432}"
DB_NAME="${VISAGE_DB_NAME:-visage}"
DB_TEST_NAME="${DB_NAME}_test"
DB_USER="${VISAGE_DB_USER:-visage}"
DB_PASSWORD="${VISAGE_DB_PASSWORD:-visage}"
PG_SUPERUSER=postgres
PG_LOG="$LOG_DIR/postgres.log"
require_number VISAGE_DB_PORT "$DB_PORT"

if is_root; then
  PG_OS_USER=postgres # initdb/pg_ctl refuse to run as root
else
  PG_OS_USER="$(id -un)"
fi

usage() {
  echo "usage: $0 ensure|start|stop|status|url|pgvector-version|psql [args...]" >&2
  exit 2
}

# Runs a command as the OS user that owns the cluster.
as_pg() {
  if is_root; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}

# ------------------------------------------------------------------ external database
external_db() { [[ -n "${VISAGE_DB_URL:-}" ]]; }

# Sets EXT_HOST, EXT_PORT, EXT_DB from VISAGE_DB_URL (jdbc:postgresql://host[:port]/db[?...]).
parse_external_url() {
  local url="${VISAGE_DB_URL#jdbc:}"
  [[ "$url" =~ ^postgres(ql)?://([^/:?]+)(:([0-9]+))?/([^?]+) ]] \
    || die "VISAGE_DB_URL must look like jdbc:postgresql://host:port/dbname (got '$VISAGE_DB_URL')"
  EXT_HOST="${BASH_REMATCH[2]}"
  EXT_PORT="${BASH_REMATCH[4]:-5432}"
  EXT_DB="${BASH_REMATCH[5]}"
}

psql_bin() {
  if [[ -x "$PG_BIN/psql" ]]; then
    echo "$PG_BIN/psql"
  elif command -v psql >/dev/null 2>&1; then
    command -v psql
  else
    die "psql not found (install postgresql-client-$PG_MAJOR or run: $0 ensure)"
  fi
}

check_external() {
  parse_external_url
  wait_for_port "$EXT_HOST" "$EXT_PORT" 10 \
    || die "external database $EXT_HOST:$EXT_PORT (VISAGE_DB_URL) is not reachable"
  if [[ -x "$PG_BIN/psql" ]] || command -v psql >/dev/null 2>&1; then
    PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=10 "$(psql_bin)" -X -q -At -h "$EXT_HOST" -p "$EXT_PORT" \
      -U "$DB_USER" -d "$EXT_DB" -c 'SELECT 1' >/dev/null \
      || die "cannot log in to external database $VISAGE_DB_URL as $DB_USER"
  fi
  log "external database $VISAGE_DB_URL is reachable"
}

# ------------------------------------------------------------------ paths
# Sets PGDATA_DIR and PG_SOCKET_DIR. When running as root the server runs as 'postgres',
# which must be able to traverse every parent of $WORK; otherwise (e.g. $WORK under /root)
# fall back to /var/tmp/visage-<hash>/ so that the choice is stable between calls.
resolve_paths() {
  ensure_work_dirs
  PGDATA_DIR="$WORK/pgdata"
  PG_SOCKET_DIR="$RUN_DIR/postgres"
  local fallback
  fallback="/var/tmp/visage-$(path_hash "$WORK")"
  if is_root && ! runuser -u "$PG_OS_USER" -- test -x "$WORK" 2>/dev/null; then
    PGDATA_DIR="$fallback/pgdata"
    PG_SOCKET_DIR="$fallback/run"
    FALLBACK_REASON="user $PG_OS_USER cannot traverse $WORK"
  elif ((${#PG_SOCKET_DIR} > 80)); then # unix socket paths are limited to ~107 bytes
    PG_SOCKET_DIR="$fallback/run"
  fi
  if [[ "$PGDATA_DIR" != "$WORK"/* || "$PG_SOCKET_DIR" != "$WORK"/* ]]; then
    mkdir -p "$fallback" && chmod 755 "$fallback"
  fi
}

pg_owned_dir() { # mkdir + owned by the cluster user + mode
  local dir="$1" mode="$2"
  mkdir -p "$dir"
  if is_root; then chown "$PG_OS_USER:$PG_OS_USER" "$dir"; fi
  chmod "$mode" "$dir"
}

# ------------------------------------------------------------------ installation
install_server() {
  if [[ -x "$PG_BIN/postgres" && -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/psql" && -x "$PG_CONFIG" ]]; then
    return 0
  fi
  log "PostgreSQL $PG_MAJOR server not found in $PG_BIN; installing postgresql-$PG_MAJOR"
  apt_install "postgresql-$PG_MAJOR"
  [[ -x "$PG_BIN/postgres" && -x "$PG_CONFIG" ]] || die "postgresql-$PG_MAJOR installed but $PG_BIN/postgres is missing"
}

# Prints the first URI of the apt source that serves the running release (e.g. bookworm).
debian_mirror() {
  local codename mirror=""
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
  if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
    mirror="$(awk -v cn="$codename" 'BEGIN { RS = ""; FS = "\n" }
      { uris = ""; suites = ""; types = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)   { uris = $i;   sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/) { suites = " " $i " " }
          if ($i ~ /^Types:/)  { types = $i }
        }
        if (types ~ /deb/ && suites ~ ("[ \t]" cn "[ \t]") && uris ~ /debian\/?$/) { split(uris, u, /[ \t]+/); print u[1]; exit }
      }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  fi
  if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
    mirror="$(awk -v cn="$codename" '$1 == "deb" && $3 == cn && $2 ~ /debian\/?$/ { print $2; exit }' /etc/apt/sources.list || true)"
  fi
  echo "${mirror:-http://deb.debian.org/debian}"
}

PGVECTOR_SRC_FILE=/etc/apt/sources.list.d/visage-pgvector-src.sources
# Written by earlier versions of this script; replaced by PGVECTOR_SRC_FILE.
OLD_TRIXIE_SRC_FILE=/etc/apt/sources.list.d/visage-trixie-src.sources

# deb-src for Debian stable (trixie), testing (forky) and unstable (sid): the pinned version is
# taken from whichever carries it, so a pin survives when one suite moves on.
add_pgvector_sources() {
  local mirror keyring=/usr/share/keyrings/debian-archive-keyring.gpg content
  mirror="$(debian_mirror)"
  content="# Added by Visage scripts/postgres.sh: source packages only (pgvector is not packaged for bookworm).
# Types is deb-src only, so no binaries can ever be installed from this entry.
Types: deb-src
URIs: $mirror
Suites: trixie forky sid
Components: main"
  [[ -f "$keyring" ]] && content+=$'\n'"Signed-By: $keyring"
  if [[ "$(cat "$PGVECTOR_SRC_FILE" 2>/dev/null || true)" != "$content" ]]; then
    log "adding deb-src entries for Debian trixie, forky and sid ($mirror) in $PGVECTOR_SRC_FILE"
    printf '%s\n' "$content" | need_root_cmd tee "$PGVECTOR_SRC_FILE" >/dev/null
    VISAGE_APT_UPDATED=0
  fi
  if [[ -f "$OLD_TRIXIE_SRC_FILE" ]]; then
    need_root_cmd rm -f "$OLD_TRIXIE_SRC_FILE"
    VISAGE_APT_UPDATED=0
  fi
}

# The version the installed control file creates (and updates to); empty when not installed.
installed_pgvector() {
  local control
  control="$("$PG_CONFIG" --sharedir)/extension/vector.control"
  [[ -f "$control" ]] || return 0
  sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$control"
}

# Builds the pinned pgvector from Debian's source package into PostgreSQL's system-wide
# extension folder. A newer library keeps serving clusters whose catalog still says an older
# 0.8.x until provision() updates them (pgvector ships the upgrade scripts of every 0.x step).
install_pgvector() {
  local installed
  installed="$(installed_pgvector)"
  [[ "$installed" == "$PGVECTOR_VERSION" ]] && return 0
  log "pgvector ${installed:-missing} in $("$PG_CONFIG" --sharedir)/extension; building the pinned $PGVECTOR_DEB_VERSION from Debian's source package"
  local started=$SECONDS build_dir="$WORK/build/pgvector" src
  apt_install "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev
  add_pgvector_sources
  [[ "$VISAGE_APT_UPDATED" -eq 1 ]] || apt_update
  rm -rf "$build_dir"
  mkdir -p "$build_dir"
  log "apt-get source pgvector=$PGVECTOR_DEB_VERSION (in $build_dir)"
  (cd "$build_dir" && apt-get source -qq "pgvector=$PGVECTOR_DEB_VERSION" >"$build_dir/apt-source.log" 2>&1) \
    || die "apt-get source pgvector=$PGVECTOR_DEB_VERSION failed (see $build_dir/apt-source.log): when Debian has moved on, pin the version 'apt-cache showsrc pgvector' lists in PGVECTOR_DEB_VERSION and read its CHANGELOG.md (docs/operations.md)"
  src="$build_dir/pgvector-$PGVECTOR_VERSION"
  [[ -f "$src/Makefile" ]] || die "pgvector sources not found in $src"
  # OPTFLAGS='' avoids -march=native (portable binary); with_llvm=no skips JIT bitcode.
  local make_args=(PG_CONFIG="$PG_CONFIG" OPTFLAGS= with_llvm=no)
  log "building $(basename "$src")"
  make -C "$src" "${make_args[@]}" >"$build_dir/build.log" 2>&1 \
    || die "pgvector build failed (see $build_dir/build.log)"
  need_root_cmd make -C "$src" "${make_args[@]}" install >>"$build_dir/build.log" 2>&1 \
    || die "pgvector install failed (see $build_dir/build.log)"
  [[ "$(installed_pgvector)" == "$PGVECTOR_VERSION" ]] || die "pgvector installed but vector.control does not say $PGVECTOR_VERSION"
  log "pgvector $PGVECTOR_VERSION installed in $((SECONDS - started))s"
}

# ------------------------------------------------------------------ cluster
init_cluster() {
  if [[ -n "${FALLBACK_REASON:-}" ]]; then
    log "data directory is $PGDATA_DIR ($FALLBACK_REASON)"
  fi
  if [[ -f "$PGDATA_DIR/PG_VERSION" ]]; then
    [[ "$(cat "$PGDATA_DIR/PG_VERSION")" == "$PG_MAJOR" ]] \
      || die "$PGDATA_DIR holds a PostgreSQL $(cat "$PGDATA_DIR/PG_VERSION") cluster, expected $PG_MAJOR (remove it)"
    if ! is_root && [[ "$(stat -c %U "$PGDATA_DIR")" != "$PG_OS_USER" ]]; then
      die "$PGDATA_DIR is owned by $(stat -c %U "$PGDATA_DIR"), not $PG_OS_USER (it was created by another user; run as that user or remove it)"
    fi
    return 0
  fi
  if [[ -d "$PGDATA_DIR" && -n "$(ls -A "$PGDATA_DIR" 2>/dev/null)" ]]; then
    die "$PGDATA_DIR exists, is not empty and is not a cluster; remove it"
  fi
  log "initialising PostgreSQL $PG_MAJOR cluster in $PGDATA_DIR"
  pg_owned_dir "$PGDATA_DIR" 700
  as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U "$PG_SUPERUSER" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 \
    || die "initdb failed (see $PG_LOG)"
}

# write_pg_file PATH: writes stdin to PATH (owned by the cluster user); returns 0 if changed.
write_pg_file() {
  local path="$1" tmp
  tmp="$(mktemp)"
  cat >"$tmp"
  if [[ -f "$path" ]] && cmp -s "$tmp" "$path"; then
    rm -f "$tmp"
    return 1
  fi
  cat "$tmp" >"$path"
  rm -f "$tmp"
  if is_root; then chown "$PG_OS_USER:$PG_OS_USER" "$path"; fi
  chmod 600 "$path"
  return 0
}

# Writes visage.conf (included from postgresql.conf), pg_hba.conf and pg_ident.conf.
# Sets CONF_CHANGED=1 when a restart is needed, HBA_CHANGED=1 when a reload is enough.
configure_cluster() {
  CONF_CHANGED=0
  HBA_CHANGED=0
  local main_conf="$PGDATA_DIR/postgresql.conf"
  if ! grep -q "^include_if_exists = 'visage.conf'" "$main_conf"; then
    printf "\n# Visage settings, managed by scripts/postgres.sh\ninclude_if_exists = 'visage.conf'\n" >>"$main_conf"
    CONF_CHANGED=1
  fi
  if write_pg_file "$PGDATA_DIR/visage.conf" <<EOF; then CONF_CHANGED=1; fi
# Managed by scripts/postgres.sh; rewritten on every ensure/start. Do not edit.
listen_addresses = '$DB_HOST'
port = $DB_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
# XA (two-phase commit) between the JMS broker and JDBC needs prepared transactions.
max_prepared_transactions = 64
password_encryption = 'scram-sha-256'
log_destination = 'stderr'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_timezone = 'UTC'
timezone = 'UTC'
# Search at a million faces (docs/BENCHMARKS.md "Search"): the HNSW graph is read at random, so it must
# stay in shared memory (PostgreSQL's default 128 MB holds a tenth of a 1M-face index); an index build
# whose graph fits maintenance_work_mem runs in memory, with a parallel worker per spare core;
# pg_prewarm's autoprewarm reloads the buffers after a restart, so the first searches are not cold.
shared_buffers = '${VISAGE_DB_SHARED_BUFFERS:-2GB}'
maintenance_work_mem = '${VISAGE_DB_MAINTENANCE_WORK_MEM:-2GB}'
max_parallel_maintenance_workers = $(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))
shared_preload_libraries = 'pg_prewarm'
EOF
  if write_pg_file "$PGDATA_DIR/pg_hba.conf" <<EOF; then HBA_CHANGED=1; fi
# Managed by scripts/postgres.sh. TYPE DATABASE USER ADDRESS METHOD
local   all   $PG_SUPERUSER                  peer map=visage
local   all   all                            scram-sha-256
host    all   all           127.0.0.1/32     scram-sha-256
EOF
  if write_pg_file "$PGDATA_DIR/pg_ident.conf" <<EOF; then HBA_CHANGED=1; fi
# Managed by scripts/postgres.sh: the OS user owning the cluster may log in as the superuser.
visage   $PG_OS_USER   $PG_SUPERUSER
EOF
}

pg_running() {
  [[ -n "${PGDATA_DIR:-}" && -f "$PGDATA_DIR/PG_VERSION" ]] || return 1
  as_pg "$PG_BIN/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1
}

start_server() {
  pg_owned_dir "$PG_SOCKET_DIR" 755
  if port_open "$DB_HOST" "$DB_PORT"; then
    die "port $DB_HOST:$DB_PORT is already in use by another process (set VISAGE_DB_PORT)"
  fi
  log "starting PostgreSQL on $DB_HOST:$DB_PORT (log: $PG_LOG)"
  # No -l: the server inherits this redirection, so the log file can stay owned by the
  # invoking user even when the server runs as 'postgres'.
  # 9>&-: the server must not inherit (and hold forever) the lock taken by with_lock.
  as_pg "$PG_BIN/pg_ctl" start -D "$PGDATA_DIR" -w -t 60 -s >>"$PG_LOG" 2>&1 </dev/null 9>&- \
    || die "PostgreSQL did not start (see $PG_LOG)"
  wait_for_port "$DB_HOST" "$DB_PORT" 15 || die "PostgreSQL started but $DB_HOST:$DB_PORT is not accepting connections (see $PG_LOG)"
}

stop_server() {
  log "stopping PostgreSQL (fast)"
  as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w -t 60 -s >>"$PG_LOG" 2>&1 \
    || die "PostgreSQL did not stop (see $PG_LOG)"
}

su_psql() {
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$DB_PORT" -U "$PG_SUPERUSER" "$@"
}

# Creates/updates the application role, both databases and the vector extension.
provision() {
  su_psql -d postgres -v role="$DB_USER" -v pw="$DB_PASSWORD" -v db="$DB_NAME" -v testdb="$DB_TEST_NAME" <<'SQL' >/dev/null \
    || die "provisioning role/databases failed"
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, :'role')
  FROM unnest(ARRAY[:'db', :'testdb']) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', d, :'role') FROM unnest(ARRAY[:'db', :'testdb']) AS d \gexec
\connect :"db"
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
\connect :"testdb"
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS vector;
SQL
  update_pgvector "$DB_NAME"
  update_pgvector "$DB_TEST_NAME"
  log "database ready: $(jdbc_url) (user $DB_USER; test database $DB_TEST_NAME)"
}

# A cluster created with an older pgvector keeps that version in its catalog until it is
# updated: bring it to the installed library's version.
update_pgvector() {
  local db="$1" from
  from="$(su_psql -d "$db" -At -c "SELECT e.extversion FROM pg_extension e JOIN pg_available_extensions a
    ON a.name = e.extname WHERE e.extname = 'vector' AND e.extversion <> a.default_version")" \
    || die "cannot read the vector extension's version in $db"
  [[ -n "$from" ]] || return 0
  log "updating the vector extension in $db from $from to $(installed_pgvector)"
  su_psql -d "$db" -c 'ALTER EXTENSION vector UPDATE' >/dev/null || die "ALTER EXTENSION vector UPDATE failed in $db"
}

jdbc_url() {
  if external_db; then
    echo "$VISAGE_DB_URL"
  else
    echo "jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME"
  fi
}

# ensure: install + init + configure; provisions the databases (starting the server
# temporarily when it is not running). Leaves the server in the state it found it.
do_ensure() {
  local keep_running="$1" # 1: leave the server running (start)
  install_server
  install_pgvector
  resolve_paths
  init_cluster
  configure_cluster
  if pg_running; then
    if [[ "$CONF_CHANGED" -eq 1 ]]; then
      log "configuration changed; restarting PostgreSQL"
      stop_server
      start_server
    elif [[ "$HBA_CHANGED" -eq 1 ]]; then
      as_pg "$PG_BIN/pg_ctl" reload -D "$PGDATA_DIR" -s >/dev/null
    fi
    provision
  else
    [[ "$keep_running" -eq 1 ]] || log "starting PostgreSQL temporarily to provision the databases"
    start_server
    provision
    if [[ "$keep_running" -ne 1 ]]; then
      stop_server
    fi
  fi
}

with_lock() {
  ensure_work_dirs
  exec 9>"$RUN_DIR/postgres.lock"
  flock -w 300 9 || die "another scripts/postgres.sh is still running (lock $RUN_DIR/postgres.lock)"
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
  ensure)
    if external_db; then check_external; exit 0; fi
    with_lock
    do_ensure 0
    ;;
  start)
    if external_db; then log "VISAGE_DB_URL is set; using the external database, nothing to start"; exit 0; fi
    with_lock
    resolve_paths
    if pg_running; then
      log "PostgreSQL is already running on $DB_HOST:$DB_PORT"
    fi
    do_ensure 1
    ;;
  stop)
    if external_db; then log "VISAGE_DB_URL is set; external database, nothing to stop"; exit 0; fi
    with_lock
    resolve_paths
    if pg_running; then
      stop_server
      log "PostgreSQL stopped"
    else
      log "PostgreSQL is not running"
    fi
    ;;
  status)
    if external_db; then
      parse_external_url
      if port_open "$EXT_HOST" "$EXT_PORT"; then echo "running (external $VISAGE_DB_URL)"; exit 0; fi
      echo "stopped (external $VISAGE_DB_URL unreachable)"
      exit 3
    fi
    resolve_paths
    if pg_running; then
      echo "running pid $(as_pg head -n 1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || echo unknown)"
      exit 0
    fi
    echo stopped
    exit 3
    ;;
  url)
    jdbc_url
    ;;
  pgvector-version)
    echo "$PGVECTOR_VERSION"
    ;;
  psql)
    if external_db; then
      parse_external_url
      host="$EXT_HOST" port="$EXT_PORT" db="$EXT_DB"
    else
      host="$DB_HOST" port="$DB_PORT" db="$DB_NAME"
      port_open "$host" "$port" || die "PostgreSQL is not running on $host:$port (run: $0 start)"
    fi
    PGPASSWORD="$DB_PASSWORD" exec "$(psql_bin)" -X -h "$host" -p "$port" -U "$DB_USER" -d "$db" "$@"
    ;;
  *)
    usage
    ;;
esac
