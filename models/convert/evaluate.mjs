// Sanity evaluation of the converted ONNX models (onnxruntime-node) on the deepface pairs:
// blazeface-back detect -> 4-point similarity alignment (eyes, nose, mouth centre onto the ArcFace 112 template,
// x2 for 224, x150/112 for 150) -> faceres (1024-d), mobileface (256-d) and faceapi-recognition (128-d) embeddings
// -> cosine similarity -> accuracy at the best (oracle) threshold and ROC AUC for pairs.csv and pairs-balanced.csv,
// plus the accuracy on pairs-balanced.csv at the threshold chosen on pairs.csv ("transfer").
// faceapi-recognition is run on several crops (EVAL_FACEAPI_CROPS, default
// "arcface:0.9,arcface:1,arcface:1.15,arcface:1.3,dlib:1,dlib:1.1": template (ArcFace x150/112 or dlib 150 chip, see
// lib.mjs) shrunk about the crop centre by the factor, >1 = looser) and, for information, also scored with
// face-api's native Euclidean distance (similarity = -distance).
//
//   CONVERT_WORK=<dir with node_modules> node models/convert/evaluate.mjs   (or: convert.sh --eval)
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, DATASET, requireDep, decodeImage, letterbox, anchors, decodeBlazeFace, alignFace, toFloat, cosine,
} from './lib.mjs';

const ort = requireDep('onnxruntime-node');
const IMAGES = path.join(DATASET, 'images');

function readPairs(file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines.shift().split(',');
  const ix = header.indexOf('file_x'); const iy = header.indexOf('file_y'); const id = header.indexOf('Decision');
  return lines.map((l) => l.split(',')).map((c) => ({ x: c[ix], y: c[iy], same: c[id].trim() === 'Yes' }));
}

// accuracy at the best threshold (sweep over all midpoints); pairs with a missing face count as "different"
function bestAccuracy(scored) {
  const vals = scored.map((p) => p.sim).filter((s) => s !== null).sort((a, b) => a - b);
  const cands = [-Infinity, ...vals.map((v, i) => (i + 1 < vals.length ? (v + vals[i + 1]) / 2 : v + 1e-6))];
  let best = { acc: 0, thr: 0 };
  for (const thr of cands) {
    let ok = 0;
    for (const p of scored) {
      const pred = p.sim !== null && p.sim > thr;
      if (pred === p.same) ok++;
    }
    const acc = ok / scored.length;
    if (acc > best.acc) best = { acc, thr };
  }
  // ROC AUC (pairs with a missing face excluded)
  const pos = scored.filter((p) => p.same && p.sim !== null).map((p) => p.sim);
  const neg = scored.filter((p) => !p.same && p.sim !== null).map((p) => p.sim);
  let auc = 0;
  for (const a of pos) for (const b of neg) auc += a > b ? 1 : a === b ? 0.5 : 0;
  auc /= Math.max(1, pos.length * neg.length);
  return { ...best, auc };
}

async function main() {
  const det = await ort.InferenceSession.create(path.join(REPO, 'models', 'blazeface-back.onnx'));
  const recs = {
    faceres: { sess: await ort.InferenceSession.create(path.join(REPO, 'models', 'faceres.onnx')), size: 224, out: 'embedding' },
    mobileface: { sess: await ort.InferenceSession.create(path.join(REPO, 'models', 'mobileface.onnx')), size: 112, out: 'embedding' },
  };
  const faceapiOnnx = path.join(REPO, 'models', 'faceapi-recognition.onnx');
  if (fs.existsSync(faceapiOnnx)) {
    const sess = await ort.InferenceSession.create(faceapiOnnx);
    const crops = (process.env.EVAL_FACEAPI_CROPS || 'arcface:0.9,arcface:1,arcface:1.15,arcface:1.3,dlib:1,dlib:1.1').split(',');
    for (const c of crops) {
      const [template, f] = [c.split(':')[0], Number(c.split(':')[1])];
      recs[`faceapi-recognition ${template} x${f.toFixed(2)}`] = { sess, size: 150, out: 'embedding', looseness: f, template, euclid: true };
    }
  }
  const anc = anchors(256, [16, 32], [2, 6]);
  const pairSets = { 'pairs.csv': readPairs(path.join(DATASET, 'pairs.csv')), 'pairs-balanced.csv': readPairs(path.join(DATASET, 'pairs-balanced.csv')) };
  const files = [...new Set(Object.values(pairSets).flat().flatMap((p) => [p.x, p.y]))].sort();
  const emb = {};          // file -> {faceres, mobileface}
  const problems = [];
  const t0 = Date.now();
  for (const f of files) {
    let img;
    try {
      img = decodeImage(path.join(IMAGES, f));
    } catch (e) {
      problems.push(`${f}: cannot decode (${e.message})`);
      continue;
    }
    if (img.format !== 'jpeg') problems.push(`${f}: decoded as ${img.format} (${img.width}x${img.height})`);
    const lb = letterbox(img, 256);
    const r = await det.run({ input: new ort.Tensor('float32', toFloat(lb.image.data, 1 / 127.5, -1), [1, 256, 256, 3]) });
    const dets = decodeBlazeFace(r.regressors.data, r.classificators.data, anc, 256, 0.5, 0.3);
    if (!dets.length) { problems.push(`${f}: no face detected`); continue; }
    // the largest face (pairs images are portraits; group photos use the main subject)
    dets.sort((a, b) => (b.box[2] - b.box[0]) * (b.box[3] - b.box[1]) - (a.box[2] - a.box[0]) * (a.box[3] - a.box[1]));
    const side = Math.max(img.width, img.height);
    const kps = dets[0].kps.map(([x, y]) => [x * side, y * side]);
    emb[f] = {};
    for (const [name, m] of Object.entries(recs)) {
      const face = alignFace(img, kps, m.size, m.looseness || 1, m.template);
      const o = await m.sess.run({ input: new ort.Tensor('float32', toFloat(face.data, 1, 0), [1, m.size, m.size, 3]) });
      emb[f][name] = Float32Array.from(o[m.out].data);
    }
  }
  const secs = (Date.now() - t0) / 1000;
  const results = {};
  const scoresFor = (pairs, name, metric) => pairs.map((p) => {
    if (!(emb[p.x] && emb[p.y])) return { same: p.same, sim: null };
    const a = emb[p.x][name]; const b = emb[p.y][name];
    if (metric === 'cosine') return { same: p.same, sim: cosine(a, b) };
    let d = 0;
    for (let i = 0; i < a.length; i++) d += (a[i] - b[i]) ** 2;
    return { same: p.same, sim: -Math.sqrt(d) };
  });
  const accAt = (scored, thr) => scored.filter((p) => (p.sim !== null && p.sim > thr) === p.same).length / scored.length;
  for (const name of Object.keys(recs)) {
    for (const metric of recs[name].euclid ? ['cosine', 'euclidean'] : ['cosine']) {
      const label = metric === 'cosine' ? name : `${name} (-euclid)`;
      let trainThr = null;
      for (const [setName, pairs] of Object.entries(pairSets)) {
        const scored = scoresFor(pairs, name, metric);
        const r = bestAccuracy(scored);
        const rx = bestAccuracy(scored.filter((p) => p.sim !== null));
        const missing = scored.filter((p) => p.sim === null).length;
        const row = {
          pairs: pairs.length, same: pairs.filter((p) => p.same).length, missingFace: missing,
          bestAccuracy: Number(r.acc.toFixed(4)), threshold: Number(r.thr.toFixed(4)), auc: Number(r.auc.toFixed(4)),
          accExclMissing: Number(rx.acc.toFixed(4)), thrExclMissing: Number(rx.thr.toFixed(4)),
        };
        const q = (arr, f) => (arr.length ? Number(arr.sort((u, v) => u - v)[Math.min(arr.length - 1, Math.floor(f * arr.length))].toFixed(4)) : null);
        const sameS = scored.filter((p) => p.same && p.sim !== null).map((p) => p.sim);
        const diffS = scored.filter((p) => !p.same && p.sim !== null).map((p) => p.sim);
        Object.assign(row, { sameMin: q(sameS, 0), sameMedian: q(sameS, 0.5), diffMedian: q(diffS, 0.5), diffMax: q(diffS, 1) });
        if (setName === 'pairs.csv') trainThr = r.thr;
        else row.accAtPairsCsvThr = Number(accAt(scored, trainThr).toFixed(4));
        results[`${setName} / ${label}`] = row;
      }
    }
  }
  console.log(`images: ${files.length}, embedded: ${Object.keys(emb).length}, time ${secs.toFixed(1)} s`);
  problems.forEach((p) => console.log('  !', p));
  console.table(results);
  if (process.env.EVAL_JSON) fs.writeFileSync(process.env.EVAL_JSON, JSON.stringify({ problems, results }, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
