#!/usr/bin/env bash
# Load harness for POST /api/v1/faces/analyze: N requests of one photo, C at a time,
# against a running Visage (./visage up). Prints requests/s and faces/s.
#   scripts/bench-analyze.sh PHOTO [REQUESTS=40] [CONCURRENCY=2]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
photo="${1:?photo path}"; n="${2:-40}"; c="${3:-2}"
port="${VISAGE_HTTP_PORT:-9080}"
key="${VISAGE_ADMIN_KEY:-$(cat "$WORK/admin-key")}"
url="http://127.0.0.1:$port/api/v1/faces/analyze"
faces=$(curl -fsS -H "X-API-Key: $key" -F "file=@$photo" "$url" | grep -o '"bbox"' | wc -l)
for _ in 1 2 3; do curl -fsS -o /dev/null -H "X-API-Key: $key" -F "file=@$photo" "$url"; done   # warm-up
start=$(date +%s.%N)
seq "$n" | xargs -P "$c" -I{} curl -fsS -o /dev/null -H "X-API-Key: $key" -F "file=@$photo" "$url"
end=$(date +%s.%N)
awk -v n="$n" -v f="$faces" -v s="$start" -v e="$end" -v c="$c" -v p="$(basename "$photo")" \
  'BEGIN { t=e-s; printf "%s: %d faces/photo, %d requests, concurrency %d: %.2f s, %.2f req/s, %.2f faces/s\n", p, f, n, c, t, n/t, n*f/t }'
