#!/usr/bin/env python3
"""Checks a safetensors file (e.g. one written by attention4j) with the reference
implementation.

    .venv-reference/bin/python scripts/reference/check_safetensors.py FILE [EXPECTED.json]

Opens FILE with safetensors.torch.load_file and prints, per tensor, its name,
dtype, shape and checksums (sum of the values as float64, and CRC32 of the raw
little-endian bytes). With EXPECTED.json, compares the values: the JSON maps
each name to a flat row-major list of numbers, or to an object
{"values": [...], "shape": [...], "dtype": "F16"} (shape and dtype optional).
Values must match exactly unless --rtol is given. Exit status 0 when it all
matches, 1 on any mismatch or unreadable file, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import zlib

import torch
from safetensors import safe_open
from safetensors.torch import load_file

DTYPES = {
    torch.float64: "F64", torch.float32: "F32", torch.float16: "F16",
    torch.bfloat16: "BF16", torch.int64: "I64", torch.int32: "I32",
    torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL",
}


def crc32(t: torch.Tensor) -> int:
    raw = t.contiguous().reshape(-1).view(torch.uint8) if t.numel() else torch.empty(0, dtype=torch.uint8)
    return zlib.crc32(raw.numpy().tobytes())


def close(a: float, e: float, rtol: float) -> bool:
    if math.isnan(e):
        return math.isnan(a)
    if rtol == 0.0:
        return a == e
    return abs(a - e) <= rtol * max(abs(e), 1e-30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("expected", nargs="?")
    ap.add_argument("--rtol", type=float, default=0.0,
                    help="relative tolerance for value comparison (default: exact)")
    args = ap.parse_args()

    try:
        tensors = load_file(args.file)
        with safe_open(args.file, framework="pt") as f:
            meta = f.metadata()
    except Exception as e:  # noqa: BLE001 - report any parse failure as a mismatch
        print(f"{args.file}: cannot read: {e}", file=sys.stderr)
        return 1

    print(f"{args.file}: {len(tensors)} tensors, metadata {json.dumps(meta or {}, sort_keys=True)}")
    for name in sorted(tensors):
        t = tensors[name]
        total = t.double().sum().item() if t.numel() else 0.0
        print(f"  {name:32s} {DTYPES.get(t.dtype, str(t.dtype)):5s} {list(t.shape)!s:18s} "
              f"sum={total!r} crc32={crc32(t):08x}")

    if not args.expected:
        return 0
    with open(args.expected) as f:
        expected = json.load(f)
    bad = 0
    for name, spec in expected.items():
        if isinstance(spec, dict):
            values, shape, dtype = spec.get("values"), spec.get("shape"), spec.get("dtype")
        else:
            values, shape, dtype = spec, None, None
        if name not in tensors:
            print(f"MISMATCH {name}: missing from file"); bad += 1; continue
        t = tensors[name]
        if dtype is not None and DTYPES.get(t.dtype) != dtype:
            print(f"MISMATCH {name}: dtype {DTYPES.get(t.dtype)} != expected {dtype}"); bad += 1
        if shape is not None and list(t.shape) != list(shape):
            print(f"MISMATCH {name}: shape {list(t.shape)} != expected {shape}"); bad += 1
        if values is None:
            continue
        got = t.reshape(-1).double().tolist()
        if len(got) != len(values):
            print(f"MISMATCH {name}: {len(got)} values != expected {len(values)}"); bad += 1; continue
        wrong = [(k, a, e) for k, (a, e) in enumerate(zip(got, values)) if not close(a, float(e), args.rtol)]
        if wrong:
            k, a, e = wrong[0]
            print(f"MISMATCH {name}: {len(wrong)} values differ; first at flat index {k}: {a!r} != expected {e!r}")
            bad += 1
    extra = sorted(set(tensors) - set(expected))
    if extra:
        print(f"note: tensors not in {args.expected}: {', '.join(extra)}")
    print("OK" if bad == 0 else f"{bad} mismatch(es)")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
