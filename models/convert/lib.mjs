// Shared helpers for parity.mjs and evaluate.mjs (image decode, resize/warp, BlazeFace decode, alignment).
// Dependencies are resolved from the temp install dir given in $CONVERT_WORK (see convert.sh).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
export const WORK = process.env.CONVERT_WORK || path.join(HERE, '.work');
export const requireDep = createRequire(path.join(WORK, 'package.json'));
export const SRC_MODELS = path.join(WORK, 'node_modules', '@vladmandic', 'human-models', 'models');
export const DATASET = process.env.DEEPFACE_PAIRS || path.join(REPO, 'testdata', 'deepface-pairs');

// ---------------------------------------------------------------------------------------------
// images: {width, height, data: Uint8Array RGB interleaved}
export function decodeImage(file) {
  const buf = fs.readFileSync(file);
  if (buf.length > 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') {
    // WebP (e.g. deepface-pairs img47.jpg despite its name): libwebp compiled to WebAssembly, RGBA -> RGB
    const img = requireDep('@cwasm/webp').decode(buf);
    const data = new Uint8Array(img.width * img.height * 3);
    for (let i = 0, j = 0; j < data.length; i += 4, j += 3) { data[j] = img.data[i]; data[j + 1] = img.data[i + 1]; data[j + 2] = img.data[i + 2]; }
    return { width: img.width, height: img.height, data, format: 'webp' };
  }
  const jpeg = requireDep('jpeg-js');
  if (!(buf[0] === 0xff && buf[1] === 0xd8)) throw new Error(`not a JPEG or WebP: ${file}`);
  const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048, maxResolutionInMP: 200 });
  return { width: img.width, height: img.height, data: img.data, format: 'jpeg' };
}

function sample(img, x, y, c) {
  // bilinear sample at continuous pixel coords (pixel centres at integer+0.5 -> use x-0.5), zero outside
  const fx = x - 0.5;
  const fy = y - 0.5;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const ax = fx - x0;
  const ay = fy - y0;
  const { width: w, height: h, data } = img;
  const px = (xx, yy) => {
    if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
      // clamp to edge when just outside (half pixel), zero when further out
      if (xx >= -1 && yy >= -1 && xx <= w && yy <= h) {
        const cx = Math.min(Math.max(xx, 0), w - 1);
        const cy = Math.min(Math.max(yy, 0), h - 1);
        return data[(cy * w + cx) * 3 + c];
      }
      return 0;
    }
    return data[(yy * w + xx) * 3 + c];
  };
  return (1 - ay) * ((1 - ax) * px(x0, y0) + ax * px(x0 + 1, y0)) + ay * ((1 - ax) * px(x0, y0 + 1) + ax * px(x0 + 1, y0 + 1));
}

// affine warp: m maps output pixel (u,v) -> source (x,y): x = m[0]*u + m[1]*v + m[2], y = m[3]*u + m[4]*v + m[5]
// (coordinates in continuous pixel space, pixel centres at +0.5). Area-averaging via supersampling when shrinking.
export function warpAffine(img, m, outW, outH) {
  const scale = Math.hypot(m[0], m[3]);
  const ss = Math.max(1, Math.min(8, Math.ceil(scale)));
  const out = new Uint8Array(outW * outH * 3);
  for (let v = 0; v < outH; v++) {
    for (let u = 0; u < outW; u++) {
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        for (let sy = 0; sy < ss; sy++) {
          for (let sx = 0; sx < ss; sx++) {
            const uu = u + (sx + 0.5) / ss;
            const vv = v + (sy + 0.5) / ss;
            acc += sample(img, m[0] * uu + m[1] * vv + m[2], m[3] * uu + m[4] * vv + m[5], c);
          }
        }
        out[(v * outW + u) * 3 + c] = Math.max(0, Math.min(255, Math.round(acc / (ss * ss))));
      }
    }
  }
  return { width: outW, height: outH, data: out };
}

// crop the axis-aligned box (x, y, w, h in source pixels) and resize to outW x outH
export function cropResize(img, x, y, w, h, outW, outH) {
  return warpAffine(img, [w / outW, 0, x, 0, h / outH, y], outW, outH);
}

// letterbox: whole image, padded with black at the right/bottom to a square, resized to size x size.
// Returns the image and the factor to map model pixels back to source pixels (src = model * factor).
export function letterbox(img, size) {
  const side = Math.max(img.width, img.height);
  return { image: cropResize(img, 0, 0, side, side, size, size), factor: side / size };
}

// ---------------------------------------------------------------------------------------------
// BlazeFace (MediaPipe SSD) anchors: for each layer, rows y, cols x, n anchors per cell, centre = (x+0.5)*stride/size
export function anchors(inputSize, strides, perCell) {
  const out = [];
  strides.forEach((stride, i) => {
    const grid = Math.ceil(inputSize / stride);
    for (let y = 0; y < grid; y++) {
      for (let x = 0; x < grid; x++) {
        for (let n = 0; n < perCell[i]; n++) out.push([(x + 0.5) / grid, (y + 0.5) / grid]);
      }
    }
  });
  return out;
}

// decode raw outputs: regressors Float32Array [896*16], logits [896]; scale = input size in pixels.
// Returns detections in normalised [0,1] model-input coordinates.
export function decodeBlazeFace(regressors, logits, anchorList, scale, minScore = 0.5, iou = 0.3) {
  const dets = [];
  for (let i = 0; i < anchorList.length; i++) {
    const logit = Math.max(-100, Math.min(100, logits[i]));
    const score = 1 / (1 + Math.exp(-logit));
    if (score < minScore) continue;
    const r = regressors.subarray(i * 16, i * 16 + 16);
    const [ax, ay] = anchorList[i];
    const cx = ax + r[0] / scale;
    const cy = ay + r[1] / scale;
    const w = r[2] / scale;
    const h = r[3] / scale;
    const kps = [];
    for (let k = 0; k < 6; k++) kps.push([ax + r[4 + 2 * k] / scale, ay + r[5 + 2 * k] / scale]);
    dets.push({ score, box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], kps });
  }
  dets.sort((a, b) => b.score - a.score);
  const keep = [];
  for (const d of dets) {
    if (keep.every((k) => boxIou(k.box, d.box) < iou)) keep.push(d);
  }
  return keep;
}

function boxIou(a, b) {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const ua = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return ua > 0 ? inter / ua : 0;
}

// ---------------------------------------------------------------------------------------------
// ArcFace 112x112 template (left eye, right eye, nose, left mouth, right mouth) in image coords
export const ARCFACE_112 = [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]];
// 4-point template: eyes, nose, mouth centre
export const TEMPLATE4_112 = [ARCFACE_112[0], ARCFACE_112[1], ARCFACE_112[2],
  [(ARCFACE_112[3][0] + ARCFACE_112[4][0]) / 2, (ARCFACE_112[3][1] + ARCFACE_112[4][1]) / 2]];

// least-squares similarity transform (Umeyama, no reflection) mapping src points -> dst points.
// returns [a, -b, tx, b, a, ty] such that dst = [[a,-b],[b,a]] * src + t
export function similarity(src, dst) {
  const n = src.length;
  let msx = 0; let msy = 0; let mdx = 0; let mdy = 0;
  for (let i = 0; i < n; i++) { msx += src[i][0]; msy += src[i][1]; mdx += dst[i][0]; mdy += dst[i][1]; }
  msx /= n; msy /= n; mdx /= n; mdy /= n;
  let sxx = 0; let sab = 0; let sba = 0;
  for (let i = 0; i < n; i++) {
    const x = src[i][0] - msx; const y = src[i][1] - msy;
    const u = dst[i][0] - mdx; const v = dst[i][1] - mdy;
    sxx += x * x + y * y;
    sab += x * u + y * v;
    sba += x * v - y * u;
  }
  const a = sab / sxx;
  const b = sba / sxx;
  return [a, -b, mdx - (a * msx - b * msy), b, a, mdy - (b * msx + a * msy)];
}

export function invertAffine(m) {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det];
}

// dlib-style 150x150 face chip (dlib::get_face_chip_details(det, 150, 0.25) in dlib/image_transforms/interpolation.h,
// the crop the dlib ResNet descriptor behind face-api's FaceRecognitionNet expects): dlib's mean face shape
// (mean_face_shape_x/y, landmarks 17..67 normalised to [0,1]) mapped by (padding + u) / (2 * padding + 1) * size,
// i.e. pixel = (u + 0.25) * 100. 4 points: eye centres (mean of landmarks 36-41 / 42-47), nose tip (30), mouth
// centre (midpoint of corners 48/54). Image-left eye first, like TEMPLATE4_112.
export const TEMPLATE4_DLIB150 = [[47.549, 46.596], [100.476, 46.596], [74.013, 76.563], [74.013, 103.023]];

// align a face given BlazeFace keypoints in SOURCE pixel coords (kps[0]=right eye of the subject = image-left eye,
// kps[1]=left eye, kps[2]=nose tip, kps[3]=mouth centre) onto the 4-point ArcFace template scaled to outSize.
// looseness > 1 shrinks the template about the crop centre (more context around the face), < 1 zooms in:
// template point p (112 space) -> ((p - 56) / looseness + 56) * outSize / 112.
// template 'dlib' uses TEMPLATE4_DLIB150 (scaled by outSize / 150) instead of the ArcFace template.
export function alignFace(img, kps, outSize, looseness = 1, template = 'arcface') {
  const [tpl, base] = template === 'dlib' ? [TEMPLATE4_DLIB150, 150] : [TEMPLATE4_112, 112];
  const s = outSize / base;
  const c = base / 2;
  const dst = looseness === 1 ? tpl.map(([x, y]) => [x * s, y * s])
    : tpl.map(([x, y]) => [((x - c) / looseness + c) * s, ((y - c) / looseness + c) * s]);
  const src = [kps[0], kps[1], kps[2], kps[3]];
  const fwd = similarity(src, dst);     // source -> aligned
  return warpAffine(img, invertAffine(fwd), outSize, outSize);
}

export function toFloat(u8, scale, offset) {
  const f = new Float32Array(u8.length);
  for (let i = 0; i < u8.length; i++) f[i] = u8[i] * scale + offset;
  return f;
}

export function cosine(a, b) {
  let ab = 0; let aa = 0; let bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return ab / Math.sqrt(aa * bb);
}

export function sha256(file) {
  return requireDep('node:crypto').createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
