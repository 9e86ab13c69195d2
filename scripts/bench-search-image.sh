#!/usr/bin/env bash
# Search by image end to end (docs/BENCHMARKS.md "Search"): against a running Visage (./visage up), fills tenant
# bench-search-N with N synthetic faces of the server's recogniser (the search benchmark's vectors, COPYed into the
# private cluster; the 128-d HNSW index is rebuilt around the load, ~7.5 minutes at 1M; a later run with the same
# N reuses them), then times POST /search-face and /api/v1/search-face, Q requests one at a time per case.
# A development instance only: it writes the database directly.
#   scripts/bench-search-image.sh [N=1000000] [Q=200]
# Environment: as ./visage (VISAGE_HTTP_PORT, VISAGE_ADMIN_KEY or .work/admin-key, VISAGE_DB_PORT/USER/PASSWORD),
# BENCH_HEAP (4g). Ends with one line per case: search-image n=... route=... probe=... p50_ms=... p95_ms=... matches=...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
N=${1:-1000000}
Q=${2:-200}
if [[ -z "${VISAGE_ADMIN_KEY:-}" ]]; then
  [[ -s "$WORK/admin-key" ]] || die "no admin key: set VISAGE_ADMIN_KEY or start Visage with ./visage up"
  VISAGE_ADMIN_KEY="$(cat "$WORK/admin-key")"
fi
CP="$(scripts/bench-classpath.sh)"
exec java -Xmx${BENCH_HEAP:-4g} ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.visage.gallery.bench.SearchByImage \
  "http://127.0.0.1:${VISAGE_HTTP_PORT:-9080}" "$VISAGE_ADMIN_KEY" \
  "jdbc:postgresql://127.0.0.1:${VISAGE_DB_PORT:-55432}/visage" "${VISAGE_DB_USER:-visage}" \
  "${VISAGE_DB_PASSWORD:-visage}" "$N" "$Q"
