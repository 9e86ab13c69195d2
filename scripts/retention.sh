#!/usr/bin/env bash
# Retention dry-run for the face pipeline's buckets (raw-images, face-crops, face-thumbs,
# face-metadata): reports objects older than N days and objects no database row refers to.
#
#   scripts/retention.sh [--days N] [--apply]
#
# Nothing is deleted without --apply; with it, only objects that are BOTH unreferenced and
# older than N days are deleted. Works with either storage backend (it asks the server).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
days=30 apply=false
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --apply) apply=true; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
key_file="$WORK/admin-key"
api_key="${VISAGE_ADMIN_KEY:-$( [[ -s "$key_file" ]] && cat "$key_file" || true)}"
[[ -n "$api_key" ]] || die "set VISAGE_ADMIN_KEY"
curl -fsS -X POST -H "X-API-Key: $api_key" \
  "http://127.0.0.1:${VISAGE_HTTP_PORT:-9080}/api/v1/admin/retention?older_than_days=$days&apply=$apply"
echo
