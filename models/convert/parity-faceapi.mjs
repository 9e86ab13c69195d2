// Parity fixtures for faceapi-recognition.onnx: runs the ORIGINAL network with face-api's own code
// (@vladmandic/face-api, dist/face-api.node-wasm.js = the Node build on pure-JS @tensorflow/tfjs; we select the
// pure-JS 'cpu' backend; the wasm backend package is only there because that build requires it) on 2 real aligned
// face crops, writes the fixtures, adds/replaces the "faceapi-recognition" entry of
// visage-server/src/test/resources/parity/manifest.json (other entries are kept), then checks the ONNX model with
// onnxruntime-node (max abs error, cosine, batch-2 consistency).
//
//   CONVERT_WORK=<dir with node_modules> node models/convert/parity-faceapi.mjs      (normally called by convert.sh)
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, WORK, DATASET, requireDep, decodeImage, letterbox, anchors, decodeBlazeFace, alignFace, toFloat, cosine, sha256,
} from './lib.mjs';

const OUT = path.join(REPO, 'visage-server', 'src', 'test', 'resources', 'parity');
const IMAGES = path.join(DATASET, 'images');
const FACEAPI_MODEL_DIR = path.join(WORK, 'node_modules', '@vladmandic', 'face-api', 'model');
const NAME = 'faceapi-recognition';
const SIZE = 150;
const FACE_IMAGES = ['img1.jpg', 'img2.jpg'];
const TOLERANCE = { atol: 1e-4, rtol: 1e-4, minCosine: 0.99999 };   // measured max abs ~3e-7 (values up to ~0.3)

const faceapi = requireDep('@vladmandic/face-api/dist/face-api.node-wasm.js');
const ort = requireDep('onnxruntime-node');
const { tf } = faceapi;

function writeF32(file, data) {
  const buf = Buffer.alloc(data.length * 4);
  for (let i = 0; i < data.length; i++) buf.writeFloatLE(data[i], i * 4);
  fs.writeFileSync(file, buf);
}

function readF32(file) {
  const buf = fs.readFileSync(file);
  const out = new Float32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  if (tf.getBackend() !== 'cpu') throw new Error(`expected the cpu backend, got ${tf.getBackend()}`);
  const net = faceapi.nets.faceRecognitionNet;
  await net.loadFromDisk(FACEAPI_MODEL_DIR);
  fs.mkdirSync(path.join(OUT, NAME), { recursive: true });

  // ---- aligned 150x150 crops: converted BlazeFace (parity-checked) -> 4-point alignment onto the dlib chip template
  const det = await ort.InferenceSession.create(path.join(REPO, 'models', 'blazeface-back.onnx'));
  const anc = anchors(256, [16, 32], [2, 6]);
  const entry = {
    name: NAME,
    model: `models/${NAME}.onnx`,
    modelSha256: sha256(path.join(REPO, 'models', `${NAME}.onnx`)),
    input: { name: 'input', shape: [-1, SIZE, SIZE, 3], layout: 'NHWC', channels: 'RGB', dtype: 'float32', scale: 1, offset: 0 },
    outputs: [{ name: 'embedding', shape: [-1, 128], checkCosine: true }],
    tolerance: TOLERANCE,
    cases: [],
  };
  for (const [ci, f] of FACE_IMAGES.entries()) {
    const img = decodeImage(path.join(IMAGES, f));
    const lb = letterbox(img, 256);
    const r = await det.run({ input: new ort.Tensor('float32', toFloat(lb.image.data, 1 / 127.5, -1), [1, 256, 256, 3]) });
    const dets = decodeBlazeFace(r.regressors.data, r.classificators.data, anc, 256);
    if (!dets.length) throw new Error(`no face in ${f}`);
    const side = Math.max(img.width, img.height);
    const face = alignFace(img, dets[0].kps.map(([x, y]) => [x * side, y * side]), SIZE, 1, 'dlib');
    const inFile = `${NAME}/case${ci}.input.u8`;
    fs.writeFileSync(path.join(OUT, inFile), Buffer.from(face.data));
    // reference: face-api's own FaceRecognitionNet.computeFaceDescriptor on a [150,150,3] tensor (no resize happens)
    const x = tf.tensor3d(toFloat(face.data, 1, 0), [SIZE, SIZE, 3]);
    const desc = await net.computeFaceDescriptor(x);
    x.dispose();
    const outFile = `${NAME}/case${ci}.embedding.f32`;
    writeF32(path.join(OUT, outFile), desc);
    entry.cases.push({
      source: `${path.basename(DATASET)}/images/${f} (face aligned with 4-point similarity transform onto the dlib 150x150 chip template)`,
      input: { file: inFile, dtype: 'uint8', shape: [1, SIZE, SIZE, 3] },
      outputs: { embedding: { file: outFile, dtype: 'float32', shape: [1, 128] } },
    });
  }

  // ---- verify ONNX on the fixture files, singly and as one batch of 2
  const sess = await ort.InferenceSession.create(path.join(REPO, entry.model));
  const inputs = entry.cases.map((c) => toFloat(new Uint8Array(fs.readFileSync(path.join(OUT, c.input.file))), 1, 0));
  const m = { maxAbs: 0, minCosine: 1, worstRatio: 0 };
  const singles = [];
  for (const [ci, c] of entry.cases.entries()) {
    const got = (await sess.run({ input: new ort.Tensor('float32', inputs[ci], c.input.shape) })).embedding.data;
    singles.push(got);
    const ref = readF32(path.join(OUT, c.outputs.embedding.file));
    if (got.length !== ref.length) throw new Error(`size ${got.length} != ${ref.length}`);
    for (let i = 0; i < ref.length; i++) {
      const d = Math.abs(got[i] - ref[i]);
      m.maxAbs = Math.max(m.maxAbs, d);
      m.worstRatio = Math.max(m.worstRatio, d / (TOLERANCE.atol + TOLERANCE.rtol * Math.abs(ref[i])));
    }
    m.minCosine = Math.min(m.minCosine, cosine(got, ref));
  }
  const both = new Float32Array(inputs[0].length * 2);
  both.set(inputs[0], 0); both.set(inputs[1], inputs[0].length);
  const rb = (await sess.run({ input: new ort.Tensor('float32', both, [2, SIZE, SIZE, 3]) })).embedding.data;
  let batchDiff = 0;
  singles.forEach((s, ci) => { for (let i = 0; i < s.length; i++) batchDiff = Math.max(batchDiff, Math.abs(rb[ci * s.length + i] - s[i])); });
  entry.measured = { embedding: { maxAbs: Number(m.maxAbs.toExponential(3)), minCosine: Number(m.minCosine.toFixed(9)) } };
  entry.measuredBatch2MaxAbs = Number(batchDiff.toExponential(3));

  // ---- merge into manifest.json (replace an existing entry of the same name, keep everything else)
  const manifestFile = path.join(OUT, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const idx = manifest.models.findIndex((e) => e.name === NAME);
  if (idx >= 0) manifest.models[idx] = entry; else manifest.models.push(entry);
  const json = JSON.stringify(manifest, null, 2).replace(/\[\s+([-\d.e,\s]+?)\s+\]/g, (s, g) => `[${g.trim().split(/\s*,\s*/).join(', ')}]`);
  fs.writeFileSync(manifestFile, `${json}\n`);

  const ok = m.worstRatio <= 1 && m.minCosine >= TOLERANCE.minCosine && batchDiff <= TOLERANCE.atol;
  console.log(NAME, ok ? 'OK' : 'FAIL', JSON.stringify(entry.measured), 'batch2', batchDiff.toExponential(2),
    `face-api ${faceapi.version} tfjs ${tf.version_core} backend ${tf.getBackend()}`);
  if (!ok) process.exitCode = 1;
}

main().catch((e) => { console.error(e); process.exit(1); });
