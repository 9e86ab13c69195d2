#!/usr/bin/python3
"""face-api.js FaceRecognitionNet (dlib ResNet-34-like, 150x150 RGB -> 128-d) -> ONNX (opset 13).

The network is not a TF.js graph model: @vladmandic/face-api ships only a weights manifest
(`face_recognition_model-weights_manifest.json` + `face_recognition_model.bin`, most tensors
uint8-quantised with per-tensor min/scale) and the architecture lives in its source code
(`src/faceRecognitionNet/*.ts`).  This script writes that architecture out by hand, node for node:

    FaceRecognitionNet.forwardInput (src/faceRecognitionNet/FaceRecognitionNet.ts):
      x   = cast(input, float32)                         # [N,150,150,3] NHWC RGB 0..255
      x   = (x - [122.782, 117.001, 104.298]) / 255      # ops/normalize.ts, then .div(255)
      out = convDown(x, conv32_down)                     # 7x7/2 'valid' conv + bias, scale, relu -> 72x72x32
      out = maxPool(out, 3, 2, 'valid')                  # -> 35x35x32
      out = residual x3 (conv32_1..3)
      out = residualDown(conv64_down);  residual x3 (conv64_1..3)     # -> 17x17x64
      out = residualDown(conv128_down); residual x2 (conv128_1..2)    # -> 8x8x128
      out = residualDown(conv256_down); residual x2 (conv256_1..2)    # -> 4x4x256
      out = residualDown(conv256_down_out)                            # -> 2x2x256
      emb = matMul(mean(out, [1,2]), fc)                 # fc [256,128]; no L2 normalisation

    convLayer   (convLayer.ts):   conv2d(x, filters, strides, padding) + bias; then scale layer
                                  (x * weights + biases, scaleLayer.ts); relu unless convNoRelu.
                                  conv/convNoRelu: stride 1 'same' (3x3 -> pads 1); convDown: stride 2 'valid'.
    residual    (residualLayer.ts): relu(convNoRelu(conv(x, conv1), conv2) + x)
    residualDown(residualLayer.ts): out = convNoRelu(convDown(x, conv1), conv2)
                                  pooled = avgPool(x, 2, 2, 'valid'), zero-padded on channels if the
                                  channel count grew; if out is spatially smaller than pooled, one zero
                                  row then one zero column are appended (end) to out; relu(pooled + out).

Weights: decoded exactly as tf.io.decodeWeights does (uint8: float32(v * scale + min) computed in double,
float32 tensors stored raw little-endian), shards of a group concatenated in order.

The ONNX graph input keeps face-api's tensor layout: `input` [N,150,150,3] float32 NHWC RGB 0..255, dynamic
batch; normalisation is inside the graph (Sub, Div) in NHWC exactly as face-api, then one Transpose to NCHW.
Output `embedding` [N,128] float32 (face-api's raw descriptor; compare with Euclidean distance or cosine).

    /usr/bin/python3 faceapi_recognition.py --src <face-api model dir> --out <dir for .onnx>
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
PACKAGE = '@vladmandic/face-api@1.7.15'
MANIFEST = 'face_recognition_model-weights_manifest.json'
DST = 'faceapi-recognition.onnx'
SIZE = 150
MEAN_RGB = [122.782, 117.001, 104.298]
DOC = ('face-api.js FaceRecognitionNet (dlib ResNet-34-like face descriptor), input 150x150 NHWC RGB 0..255 '
       '(graph subtracts mean RGB [122.782,117.001,104.298] and divides by 255), output 128-d descriptor [N,128] '
       '(not L2-normalised).')

# (block name, kind) in forward order; kind: 'res' = residual, 'down' = residualDown
BLOCKS = [
    ('conv32_1', 'res'), ('conv32_2', 'res'), ('conv32_3', 'res'),
    ('conv64_down', 'down'), ('conv64_1', 'res'), ('conv64_2', 'res'), ('conv64_3', 'res'),
    ('conv128_down', 'down'), ('conv128_1', 'res'), ('conv128_2', 'res'),
    ('conv256_down', 'down'), ('conv256_1', 'res'), ('conv256_2', 'res'),
    ('conv256_down_out', 'down'),
]


def load_weights(model_dir):
    """weights manifest -> {name: float32 array}, decoded like tf.io.decodeWeights (TF.js 4.x)."""
    with open(os.path.join(model_dir, MANIFEST)) as f:
        manifest = json.load(f)
    weights = {}
    for group in manifest:
        buf = b''.join(open(os.path.join(model_dir, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            shape = [int(d) for d in w['shape']]
            count = int(np.prod(shape)) if shape else 1
            if w['dtype'] != 'float32':
                raise SystemExit(f"unsupported dtype {w['dtype']} for {w['name']}")
            q = w.get('quantization')
            if q:
                if q['dtype'] != 'uint8':
                    raise SystemExit(f"unsupported quantization {q} for {w['name']}")
                raw = np.frombuffer(buf, dtype=np.uint8, count=count, offset=off)
                # TF.js: values[i] = v * scale + min  (JS double arithmetic, stored into a Float32Array)
                arr = (raw.astype(np.float64) * float(q['scale']) + float(q['min'])).astype(np.float32)
                off += count
            else:
                arr = np.frombuffer(buf, dtype='<f4', count=count, offset=off).astype(np.float32)
                off += 4 * count
            weights[w['name']] = arr.reshape(shape)
        if off != len(buf):
            raise SystemExit(f'weight buffer size mismatch {off} != {len(buf)}')
    return weights


class Builder:
    def __init__(self, weights):
        self.w = weights
        self.used = set()
        self.nodes = []
        self.inits = []
        self.names = set()

    def uniq(self, base):
        n = base
        i = 1
        while n in self.names:
            n = f'{base}_{i}'
            i += 1
        self.names.add(n)
        return n

    def init(self, arr, name):
        name = self.uniq(name)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def weight(self, name):
        self.used.add(name)
        return self.w[name]

    def node(self, op, inputs, name, **attrs):
        out = self.uniq(name)
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def conv_layer(self, x, prefix, stride, relu, padding, size):
        """convLayer.ts: conv2d + bias -> scale (x*w + b) -> optional relu. Returns (tensor, out size)."""
        f = self.weight(f'{prefix}/conv/filters')             # TF HWIO [kh, kw, cin, cout]
        kh, kw, _, _ = f.shape
        kernel = self.init(f.transpose(3, 2, 0, 1), f'{prefix}/conv/filters')   # OIHW
        bias = self.init(self.weight(f'{prefix}/conv/bias'), f'{prefix}/conv/bias')
        if padding == 'same':
            out_size = -(-size // stride)
            total = max((out_size - 1) * stride + kh - size, 0)
            pads = [total // 2, total // 2, total - total // 2, total - total // 2]   # TF: extra at the end
        else:
            out_size = (size - kh) // stride + 1
            pads = [0, 0, 0, 0]
        y = self.node('Conv', [x, kernel, bias], f'{prefix}/conv', kernel_shape=[kh, kw], strides=[stride, stride],
                      pads=pads, dilations=[1, 1], group=1)
        sw = self.weight(f'{prefix}/scale/weights').reshape(1, -1, 1, 1)
        sb = self.weight(f'{prefix}/scale/biases').reshape(1, -1, 1, 1)
        y = self.node('Mul', [y, self.init(sw, f'{prefix}/scale/weights')], f'{prefix}/scale/mul')
        y = self.node('Add', [y, self.init(sb, f'{prefix}/scale/biases')], f'{prefix}/scale/add')
        if relu:
            y = self.node('Relu', [y], f'{prefix}/relu')
        return y, out_size

    def residual(self, x, prefix, size):
        out, s = self.conv_layer(x, f'{prefix}/conv1', 1, True, 'same', size)
        out, s = self.conv_layer(out, f'{prefix}/conv2', 1, False, 'same', s)
        out = self.node('Add', [out, x], f'{prefix}/add')
        return self.node('Relu', [out], f'{prefix}/relu'), s

    def residual_down(self, x, prefix, size, channels):
        out, s = self.conv_layer(x, f'{prefix}/conv1', 2, True, 'valid', size)
        out, s = self.conv_layer(out, f'{prefix}/conv2', 1, False, 'same', s)
        out_ch = self.w[f'{prefix}/conv2/conv/filters'].shape[3]
        pooled = self.node('AveragePool', [x], f'{prefix}/avgpool', kernel_shape=[2, 2], strides=[2, 2],
                           pads=[0, 0, 0, 0])
        pooled_size = (size - 2) // 2 + 1
        if pooled_size != s:
            # face-api: concat a zero row (axis H) then a zero column (axis W) at the end of `out`
            if pooled_size != s + 1:
                raise SystemExit(f'{prefix}: unexpected shapes pooled {pooled_size} vs out {s}')
            out = self.node('Pad', [out, self.init(np.array([0, 0, 0, 0, 0, 0, 1, 1], np.int64), f'{prefix}/pad_hw')],
                            f'{prefix}/pad_hw', mode='constant')
            s = pooled_size
        if channels != out_ch:
            # face-api: concat zeros (same shape as pooled) along channels -> pooled has 2x channels
            if out_ch != 2 * channels:
                raise SystemExit(f'{prefix}: unexpected channels {channels} -> {out_ch}')
            pooled = self.node('Pad', [pooled, self.init(np.array([0, 0, 0, 0, 0, channels, 0, 0], np.int64),
                                                         f'{prefix}/pad_c')], f'{prefix}/pad_c', mode='constant')
        out = self.node('Add', [pooled, out], f'{prefix}/add')
        return self.node('Relu', [out], f'{prefix}/relu'), s, out_ch

    def build(self):
        x = 'input'
        self.names.add(x)
        mean = self.init(np.array(MEAN_RGB, np.float32).reshape(1, 1, 1, 3), 'mean_rgb')
        y = self.node('Sub', [x, mean], 'normalize/sub')
        y = self.node('Div', [y, self.init(np.array(255, np.float32), 'div_255')], 'normalize/div')
        y = self.node('Transpose', [y], 'to_nchw', perm=[0, 3, 1, 2])
        y, s = self.conv_layer(y, 'conv32_down', 2, True, 'valid', SIZE)
        y = self.node('MaxPool', [y], 'maxpool', kernel_shape=[3, 3], strides=[2, 2], pads=[0, 0, 0, 0])
        s = (s - 3) // 2 + 1
        ch = self.w['conv32_down/conv/filters'].shape[3]
        for name, kind in BLOCKS:
            if kind == 'res':
                y, s = self.residual(y, name, s)
            else:
                y, s, ch = self.residual_down(y, name, s, ch)
        y = self.node('ReduceMean', [y], 'global_avg', axes=[2, 3], keepdims=0)      # [N,256]
        fc = self.init(self.weight('fc'), 'fc')                                     # [256,128]
        self.nodes.append(helper.make_node('MatMul', [y, fc], ['embedding'], name='fc'))
        unused = set(self.w) - self.used - {'fc'}
        if unused:
            raise SystemExit(f'unused weights: {sorted(unused)}')
        graph = helper.make_graph(
            self.nodes, 'faceapi_recognition',
            [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['N', SIZE, SIZE, 3])],
            [helper.make_tensor_value_info('embedding', TensorProto.FLOAT, ['N', self.w['fc'].shape[1]])],
            self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)],
                              producer_name='visage-faceapi2onnx', producer_version='1')
        m.ir_version = 7
        return m


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--src', required=True, help='face-api model directory (weights manifest + .bin shards)')
    ap.add_argument('--out', required=True, help='output directory for the .onnx file')
    args = ap.parse_args()
    m = Builder(load_weights(args.src)).build()
    helper.set_model_props(m, {'source': f'{PACKAGE}/model/{MANIFEST}', 'description': DOC})
    m.doc_string = DOC
    onnx.checker.check_model(m)
    dst = os.path.join(args.out, DST)
    data = m.SerializeToString(deterministic=True)
    with open(dst, 'wb') as f:
        f.write(data)
    print(f'{dst}: {len(data)} bytes sha256={sha256(dst)} nodes={len(m.graph.node)}')


if __name__ == '__main__':
    sys.exit(main())
