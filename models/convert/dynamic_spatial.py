#!/usr/bin/env python3
"""Make a converted BlazeFace model accept any input height and width (multiples of its
largest stride), so that one pass can cover a whole photo at the scale its smallest face
needs, instead of many overlapping 256x256 tiles (docs/BENCHMARKS.md, "Detection plan").

BlazeFace is fully convolutional: only the graph's declared input shape and the Reshape
targets that flatten each head's grid into anchor rows pin it to 256x256. This rewrites
    input  [N,256,256,3]     -> [N,H,W,3]
    Reshape targets [0,A,C]  -> [0,-1,C]   (A anchors of the head at 256 -> as many as the grid has)
    outputs [N,896,C]        -> [N,anchors,C]
and leaves every weight untouched, so outputs at 256x256 are bit-identical to the input model.

    python3 dynamic_spatial.py IN.onnx OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def main(src, dst):
    m = onnx.load(src)
    g = m.graph
    dims = g.input[0].type.tensor_type.shape.dim
    dims[1].ClearField('dim_value')
    dims[1].dim_param = 'H'
    dims[2].ClearField('dim_value')
    dims[2].dim_param = 'W'
    inits = {i.name: i for i in g.initializer}
    for n in g.node:
        if n.op_type != 'Reshape':
            continue
        target = numpy_helper.to_array(inits[n.input[1]])
        if target.shape != (3,) or target[0] != 0:
            raise SystemExit(f'unexpected Reshape target {target} in {n.name}')
        fixed = np.array([0, -1, target[2]], dtype=target.dtype)
        inits[n.input[1]].CopyFrom(numpy_helper.from_array(fixed, n.input[1]))
    for o in g.output:
        d = o.type.tensor_type.shape.dim[1]
        d.ClearField('dim_value')
        d.dim_param = 'anchors'
    onnx.checker.check_model(m)
    onnx.save(m, dst)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
