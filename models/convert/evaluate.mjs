// Sanity evaluation of the converted ONNX models (onnxruntime-node) on the deepface pairs:
// blazeface-back detect -> 4-point similarity alignment (eyes, nose, mouth centre onto the ArcFace 112 template,
// x2 for 224) -> faceres (1024-d) and mobileface (256-d) embeddings -> cosine similarity -> accuracy at the best
// threshold for pairs.csv and pairs-balanced.csv.
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
      const face = alignFace(img, kps, m.size);
      const o = await m.sess.run({ input: new ort.Tensor('float32', toFloat(face.data, 1, 0), [1, m.size, m.size, 3]) });
      emb[f][name] = Float32Array.from(o[m.out].data);
    }
  }
  const secs = (Date.now() - t0) / 1000;
  const results = {};
  for (const [setName, pairs] of Object.entries(pairSets)) {
    for (const name of Object.keys(recs)) {
      const scored = pairs.map((p) => ({ same: p.same, sim: emb[p.x] && emb[p.y] ? cosine(emb[p.x][name], emb[p.y][name]) : null }));
      const r = bestAccuracy(scored);
      const rx = bestAccuracy(scored.filter((p) => p.sim !== null));
      const missing = scored.filter((p) => p.sim === null).length;
      results[`${setName} / ${name}`] = {
        pairs: pairs.length, same: pairs.filter((p) => p.same).length, missingFace: missing,
        bestAccuracy: Number(r.acc.toFixed(4)), threshold: Number(r.thr.toFixed(4)), auc: Number(r.auc.toFixed(4)),
        accExclMissing: Number(rx.acc.toFixed(4)), thrExclMissing: Number(rx.thr.toFixed(4)),
      };
    }
  }
  console.log(`images: ${files.length}, embedded: ${Object.keys(emb).length}, time ${secs.toFixed(1)} s`);
  problems.forEach((p) => console.log('  !', p));
  console.table(results);
  if (process.env.EVAL_JSON) fs.writeFileSync(process.env.EVAL_JSON, JSON.stringify({ problems, results }, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
