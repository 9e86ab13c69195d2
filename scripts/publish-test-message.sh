#!/usr/bin/env bash
# Publish a face-pipeline test message (the runbook's publish_test_message.py, on Artemis).
#
#   scripts/publish-test-message.sh [PHOTO] [--tenant T] [--site S] [--count N] [--rest]
#
# Default: copies PHOTO (default: the first deepface photo) into the local object store
# ($VISAGE_STORAGE_DIR/raw-images/<tenant>/test/<sha256>) and sends the JSON message to
# $REDIS_STREAM_NAME (default visage.ingest) with Artemis' own CLI (`artemis producer`).
#   --rest  upload through POST /api/v1/ingest instead (works with any storage backend)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

photo="" tenant="demo" site="local" count=1 rest=false
while (($#)); do
  case "$1" in
    --tenant) tenant="$2"; shift 2 ;;
    --site) site="$2"; shift 2 ;;
    --count) count="$2"; shift 2 ;;
    --rest) rest=true; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) photo="$1"; shift ;;
  esac
done
photo="${photo:-$ROOT/testdata/deepface-pairs/images/img1.jpg}"
[[ -f "$photo" ]] || die "no such photo: $photo"
queue="${REDIS_STREAM_NAME:-${FACE_STREAM:-visage.ingest}}"
http_port="${VISAGE_HTTP_PORT:-9080}"
key_file="$WORK/admin-key"
api_key="${VISAGE_API_KEY:-${VISAGE_ADMIN_KEY:-$( [[ -s "$key_file" ]] && cat "$key_file" || true)}}"

if [[ "$rest" == true ]]; then
  [[ -n "$api_key" ]] || die "set VISAGE_API_KEY (or VISAGE_ADMIN_KEY) for --rest"
  for ((i = 0; i < count; i++)); do
    curl -fsS -H "X-API-Key: $api_key" -H "X-Tenant-ID: $tenant" -F "file=@$photo" -F "site=$site" \
         "http://127.0.0.1:$http_port/api/v1/ingest"
    echo
  done
  exit 0
fi

sha="$(sha256sum "$photo" | cut -d' ' -f1)"
storage="${VISAGE_STORAGE_DIR:-$WORK/storage}"
key="$tenant/test/$sha"
mkdir -p "$storage/raw-images/$tenant/test"
cp "$photo" "$storage/raw-images/$key"
# image_phash is a hint only (the worker computes its own): a placeholder is allowed.
body=$(printf '{"image_sha256":"%s","bucket":"raw-images","key":"%s","tenant_id":"%s","site":"%s","url":"file://%s","image_phash":"0000000000000000","face_hints":null}' \
  "$sha" "$key" "$tenant" "$site" "$(basename "$photo")")
artemis="$(ls -d "$WORK"/artemis/apache-artemis-*/bin/artemis 2>/dev/null | head -n1)"
[[ -x "$artemis" ]] || die "no Artemis CLI under $WORK/artemis (run ./visage up first)"
"$artemis" producer --url "tcp://${VISAGE_BROKER_HOST:-127.0.0.1}:${VISAGE_BROKER_PORT:-61616}" \
  --user "${VISAGE_BROKER_USER:-visage}" --password "${VISAGE_BROKER_PASSWORD:-visage}" \
  --destination "queue://$queue" --message-count "$count" --message "$body" --verbose >/dev/null
log "published $count message(s) to queue '$queue'"
log "payload: $body"
