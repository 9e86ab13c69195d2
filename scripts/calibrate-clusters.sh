#!/usr/bin/env bash
# Clustering calibration on the deepface photos: every stored face (as the ingest pipeline keeps them) per
# recogniser, exact k-nearest neighbours, the density-based clustering over a grid of min similarities and
# min faces; purity and cluster count against the identities of the Yes-pairs (pairs.csv + pairs-balanced.csv).
#   scripts/calibrate-clusters.sh [images-dir] [out-dir=docs/calibration]
# Writes <out-dir>/clusters-<model>.txt (faces are cached in target/deepface-faces-<model>.tsv).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${1:-testdata/deepface-pairs/images}
OUT=${2:-docs/calibration}
CP="$(scripts/bench-classpath.sh)"
mkdir -p "$OUT"
run() { # model from to step
  java -cp "$CP" dev.visage.gallery.tools.ClusterCalibrate \
    "$IMAGES" "$1" 32 "$2" "$3" "$4" 2>/dev/null | grep -v ': [0-9]* faces$' > "$OUT/clusters-$1.txt"
  echo "wrote $OUT/clusters-$1.txt"
}
run faceapi 0.88 0.96 0.005
run faceres 0.55 0.80 0.01
run mobileface 0.30 0.60 0.01
