"""Group `safetensors`: a file with one tensor per dtype, for the Java reader.

`interop_dtypes.safetensors` holds f32 (2,3) and 1-D f16, bf16, i8, u8, i32, i64
tensors with metadata {"format": "pt"}; `interop_dtypes.json` gives, per name,
the expected values as a flat (row-major) list of numbers: the exact value
stored, after rounding to the dtype (0.333 is 0.3330078125 in F16 and
0.33203125 in BF16).
"""

from __future__ import annotations

import json
import os

import torch

from fx_common import save

NAME = "interop_dtypes"

VALUES = {
    "f32": (torch.float32, (2, 3), [0.0, -1.0, 2.5, 0.333, -1.0e-3, 3.4028234663852886e38]),
    # 65504 = F16 max; 2**-14 = smallest normal; 2**-24 = smallest subnormal.
    "f16": (torch.float16, (8,), [0.0, 1.0, -2.0, 0.333, 65504.0, -(2.0 ** -14), 2.0 ** -24, -0.0]),
    # 3.3895313892515355e38 = BF16 max; 2**-133 is subnormal in BF16.
    "bf16": (torch.bfloat16, (7,), [0.0, 1.0, -2.0, 0.333, 3.3895313892515355e38, -(2.0 ** -133), 1.0 / 3.0]),
    "i8": (torch.int8, (5,), [-128, -1, 0, 1, 127]),
    "u8": (torch.uint8, (5,), [0, 1, 127, 128, 255]),
    "i32": (torch.int32, (5,), [-2147483648, -1, 0, 7, 2147483647]),
    # Within +-2**53 so every value is exact as a JSON double.
    "i64": (torch.int64, (6,), [-(2 ** 53), -3000000000, -1, 0, 2 ** 32, 2 ** 53]),
}


def tensors() -> dict[str, torch.Tensor]:
    return {name: torch.tensor(vals, dtype=dt).reshape(shape)
            for name, (dt, shape, vals) in VALUES.items()}


def expected(ts: dict[str, torch.Tensor]) -> dict[str, list[float]]:
    return {name: [float(v) for v in t.reshape(-1).double().tolist()] for name, t in ts.items()}


def write(out_dir: str) -> list[str]:
    d = os.path.join(out_dir, "safetensors")
    os.makedirs(d, exist_ok=True)
    ts = tensors()
    st = os.path.join(d, NAME + ".safetensors")
    js = os.path.join(d, NAME + ".json")
    save(ts, st, {"format": "pt"})
    with open(js, "w") as f:
        json.dump(expected(ts), f, indent=1)
        f.write("\n")
    return [st, js]
