#!/usr/bin/env bash
# Throughput benchmark against a running Visage (./visage up): ./visage bench runs this.
#   scripts/bench-throughput.sh [--passes N] [--only a,b,c,d,e] [--requests N] [--out FILE] ...  (--help: all options)
# Uses the same environment as ./visage (VISAGE_HTTP_PORT, VISAGE_ADMIN_KEY or .work/admin-key,
# VISAGE_DIGEST_ROOTS, VISAGE_WORK_DIR). Prints one Markdown table (docs/BENCHMARKS.md "Throughput").
# The program is visage-bench/throughput/bench_throughput.py (Python 3, standard library only).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

command -v python3 >/dev/null 2>&1 || apt_install python3
port="${VISAGE_HTTP_PORT:-9080}"
if [[ -z "${VISAGE_ADMIN_KEY:-}" ]]; then
  [[ -s "$WORK/admin-key" ]] || die "no admin key: set VISAGE_ADMIN_KEY or start Visage with ./visage up"
  VISAGE_ADMIN_KEY="$(cat "$WORK/admin-key")"
fi
# Liberty's java process (CPU seconds and the settings it runs with): the JVM the supervisor of
# ./visage up runs (scripts/liberty.sh), else Liberty's own pid file under its output folder, else the
# Liberty JVM serving this port (the broker inherits the same environment, so match Liberty's agent).
wlp_out="${WLP_OUTPUT_DIR:-$WORK/liberty}"
pid="$(pid_from_file "$RUN_DIR/liberty.pid" 2>/dev/null || pid_from_file "$wlp_out/.pid/visage.pid" 2>/dev/null || true)"
if [[ -z "$pid" ]]; then
  for p in $(pgrep -f 'ws-javaagent' 2>/dev/null || true); do
    if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "VISAGE_HTTP_PORT=$port"; then pid="$p"; break; fi
  done
fi
digest_root="${VISAGE_DIGEST_ROOTS:-$WORK/digest}"
export VISAGE_BENCH_URL="${VISAGE_BENCH_URL:-http://127.0.0.1:$port}" VISAGE_ADMIN_KEY
export VISAGE_BENCH_PID="${pid}" VISAGE_BENCH_DIGEST_ROOT="${digest_root%%,*}" VISAGE_BENCH_ROOT="$ROOT"
exec python3 "$ROOT/visage-bench/throughput/bench_throughput.py" "$@"
