#!/usr/bin/env bash
# Face verification calibration: ROC points, AUC, EER, threshold at a target FAR and the
# best-accuracy threshold (JSON per recogniser) plus a ROC plot (PNG).
#   scripts/calibrate.sh [pairs.csv] [images-dir] [out-dir] [models=faceres,mobileface] [target-far=0.01 or a list: 0.001,0.01] \
#       [fixed-thresholds, e.g. faceres=0.64,faceapi=0.921: also print the accuracy at these]
# Defaults: the deepface-pairs dataset next to the project, out-dir target/calibration.
#   scripts/calibrate.sh --degraded [variants=10] [out-dir] [models]   # degraded-pairs evaluation: thresholds at
#       FAR 1e-3 / 1e-2 fixed on the calibration split, TAR/FAR/EER/AUC on the test split (docs/recognition.md)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--degraded" ]; then
  shift
  CP="$(scripts/bench-classpath.sh)"
  exec java -cp "$CP" \
    dev.visage.inference.tools.DegradedEvaluation "${1:-10}" "${2:-target/calibration}" \
    "${3:-faceapi,faceres,mobileface,faceplugin,mfn192}"
fi
PAIRS=${1:-testdata/deepface-pairs/pairs.csv}
IMAGES=${2:-testdata/deepface-pairs/images}
OUT=${3:-target/calibration}
MODELS=${4:-faceres,mobileface}
FAR=${5:-0.01}
FIXED=${6:-}
CP="$(scripts/bench-classpath.sh)"
exec java -cp "$CP" \
  dev.visage.inference.tools.Calibrate "$PAIRS" "$IMAGES" "$OUT" "$MODELS" "$FAR" "$FIXED"
