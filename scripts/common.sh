#!/usr/bin/env bash
# Shared helpers for the Visage scripts. Source it, don't execute it:
#   source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# Defines ROOT, WORK, LOG_DIR, logging (log/warn/die), need_root_cmd, apt helpers,
# port helpers and pid helpers, and loads $ROOT/.env (KEY=VALUE lines) without
# overriding variables that are already set in the environment.

if [[ -n "${VISAGE_COMMON_LOADED:-}" ]]; then
  return 0
fi
VISAGE_COMMON_LOADED=1

set -euo pipefail

# ---------------------------------------------------------------- logging
log()  { printf '[visage] %s\n' "$*" >&2; }
warn() { printf '[visage] WARNING: %s\n' "$*" >&2; }
die()  { printf '[visage] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- .env
# Loads KEY=VALUE lines (optional leading "export ", optional single/double quotes,
# '#' comments and blank lines ignored). Variables already set win over the file.
load_env_file() {
  local file="$1" line key value
  [[ -f "$file" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line#export }"
    if [[ ! "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      warn "ignoring malformed line in $file: $line"
      continue
    fi
    key="${BASH_REMATCH[1]}"
    value="${BASH_REMATCH[2]}"
    if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then
      value="${BASH_REMATCH[1]}"
    fi
    if [[ -z "${!key+x}" ]]; then
      export "$key=$value"
    fi
  done <"$file"
}

# ---------------------------------------------------------------- paths
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
load_env_file "$ROOT/.env"

WORK="${VISAGE_WORK_DIR:-$ROOT/.work}"
case "$WORK" in
  /*) ;;
  *) WORK="$ROOT/$WORK" ;;
esac
LOG_DIR="$WORK/logs"
RUN_DIR="$WORK/run"
DOWNLOAD_DIR="${VISAGE_DOWNLOAD_DIR:-$WORK/downloads}"
# The Liberty installation the build assembles (servers "visage" and "visage-test*").
WLP="$ROOT/visage-server/target/liberty/wlp"

ensure_work_dirs() {
  mkdir -p "$WORK" "$LOG_DIR" "$RUN_DIR" "$DOWNLOAD_DIR" \
    || die "cannot create work folder $WORK (set VISAGE_WORK_DIR to a writable path)"
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# path_hash [PATH]: short stable hash (default: of $WORK, itself derived from the project
# root), used for fallback paths outside $WORK.
path_hash() { printf '%s' "${1:-$WORK}" | sha256sum | cut -c1-12; }

# ---------------------------------------------------------------- privileges
# need_root_cmd CMD [ARGS...]: runs CMD directly when root, otherwise via sudo.
# Without a terminal (CI, pipes) sudo runs with -n so it fails instead of hanging.
need_root_cmd() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if [[ -t 0 && "${CI:-}" != "true" ]]; then
      sudo "$@"
    else
      sudo -n "$@" || die "'$*' needs root: run as root or configure passwordless sudo"
    fi
  else
    die "'$*' needs root privileges but sudo is not installed (run as root)"
  fi
}

# ---------------------------------------------------------------- apt
VISAGE_APT_UPDATED=0

apt_update() {
  log "apt-get update"
  need_root_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    || die "apt-get update failed"
  VISAGE_APT_UPDATED=1
}

pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# apt_install PKG...: installs the packages that are missing; runs apt-get update only
# when a package has no install candidate or the first install attempt fails.
apt_install() {
  local missing=() p
  for p in "$@"; do
    pkg_installed "$p" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install manually: ${missing[*]}"
  if [[ "$VISAGE_APT_UPDATED" -eq 0 ]]; then
    for p in "${missing[@]}"; do
      if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
        apt_update
        break
      fi
    done
  fi
  log "installing packages: ${missing[*]}"
  local apt_cmd=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  if ! need_root_cmd "${apt_cmd[@]}" "${missing[@]}" >/dev/null; then
    if [[ "$VISAGE_APT_UPDATED" -eq 0 ]]; then
      apt_update
      need_root_cmd "${apt_cmd[@]}" "${missing[@]}" >/dev/null \
        || die "apt-get install failed: ${missing[*]}"
    else
      die "apt-get install failed: ${missing[*]}"
    fi
  fi
}

# ---------------------------------------------------------------- ports
# port_open HOST PORT: true if something accepts TCP connections there.
port_open() {
  local host="$1" port="$2"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# wait_for_port HOST PORT TIMEOUT_SECONDS [PID]: waits until the port accepts
# connections; fails early if PID is given and that process dies.
wait_for_port() {
  local host="$1" port="$2" timeout="$3" pid="${4:-}" waited=0
  while ! port_open "$host" "$port"; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    if ((waited >= timeout * 2)); then
      return 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
}

# wait_for_port_closed HOST PORT TIMEOUT_SECONDS
wait_for_port_closed() {
  local host="$1" port="$2" timeout="$3" waited=0
  while port_open "$host" "$port"; do
    ((waited >= timeout * 2)) && return 1
    sleep 0.5
    waited=$((waited + 1))
  done
}

# ---------------------------------------------------------------- pids
# pid_from_file FILE: prints the pid if the file exists and the process is alive.
pid_from_file() {
  local file="$1" pid
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

# wait_for_exit PID TIMEOUT_SECONDS
wait_for_exit() {
  local pid="$1" timeout="$2" waited=0
  while kill -0 "$pid" 2>/dev/null; do
    ((waited >= timeout * 2)) && return 1
    sleep 0.5
    waited=$((waited + 1))
  done
}

# require_number NAME VALUE: dies unless VALUE is a non-negative integer.
require_number() {
  [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a non-negative integer (got '$2')"
}
