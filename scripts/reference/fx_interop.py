"""Group `safetensors`: files written by Python's safetensors, for the Java reader and writer.

`interop_dtypes.safetensors` holds f32 (2,3) and 1-D f16, bf16, i8, u8, i32, i64
tensors with metadata {"format": "pt"}; `interop_dtypes.json` gives, per name,
the expected values as a flat (row-major) list of numbers: the exact value
stored, after rounding to the dtype (0.333 is 0.3330078125 in F16 and
0.33203125 in BF16).

`interop_f32.safetensors` holds only F32 tensors and one metadata key, written by
`safetensors.torch.save_file` untouched (with one key the header is deterministic), so
that the Java writer must reproduce it byte for byte after reading it back. Its tensor
names sort differently in UTF-16 (Java's String order) and in code-point / UTF-8 byte
order (the official writer's): U+FF21 sorts before U+1F600 only in code-point order.
It also has a 0-d tensor, an empty one, and -0.0, +-inf, NaN, the largest float and the
smallest subnormal, which must survive reading and writing bit for bit.
"""

from __future__ import annotations

import json
import os

import torch
from safetensors.torch import save_file

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


F32_NAME = "interop_f32"


def f32_tensors() -> dict[str, torch.Tensor]:
    special = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 3.4028234663852886e38,
               2.0 ** -149, -1.0 / 3.0]
    return {
        "w": (torch.arange(105, dtype=torch.float32) * 0.37 - 19.0).reshape(3, 5, 7),
        "b": torch.tensor(special, dtype=torch.float32),
        "A.bias": torch.arange(3, dtype=torch.float32) - 1.5,
        "scalar": torch.tensor(2.5, dtype=torch.float32),
        "empty": torch.zeros(0, 4, dtype=torch.float32),
        "\u00e9t\u00e9": torch.full((1, 2), 0.1, dtype=torch.float32),
        "\uff21": torch.tensor([7.0], dtype=torch.float32),        # FULLWIDTH LATIN CAPITAL A
        "\U0001f600": torch.tensor([-7.0, 8.0], dtype=torch.float32),  # an emoji: a surrogate pair in UTF-16
    }


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
    f32 = os.path.join(d, F32_NAME + ".safetensors")
    save_file(f32_tensors(), f32, metadata={"format": "pt"})
    return [st, js, f32]
