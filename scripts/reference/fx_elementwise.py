"""Group `ops`: unary, tensor-float scalar, binary (broadcasting), comparisons, where,
masked_fill."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from fx_common import (Case, away_from_zero, bits, grid, positive, randn,
                       shape_name)

G = "ops"

# Two shapes per unary op: last dim 7 (scalar tail only) and 37 (two 16-lane
# vector bodies + a tail of 5).
UNARY_SHAPES = [(4, 7), (2, 3, 37)]


def _unary(op, fn, make, meta=None, suffix=""):
    out = []
    for shape in UNARY_SHAPES:
        name = f"{op}{suffix}_{shape_name(shape)}"
        out.append(Case(G, name, op, (lambda s=shape: {"x": make(*s)}),
                        lambda i, f=fn: f(i["x"]), dict(meta or {})))
    return out


def _clamp_input(*shape, lo=-0.5, hi=0.8, margin=0.05):
    """Normal values kept at least `margin` away from the clamp bounds."""
    x = torch.randn(*shape)
    for b in (lo, hi):
        near = (x - b).abs() < margin
        x = torch.where(near, x + 2 * margin * torch.sign(x - b + 1e-12), x)
    return x


def unary_cases() -> list[Case]:
    cases = []
    cases += _unary("neg", torch.neg, randn)
    cases += _unary("abs", torch.abs, away_from_zero)
    cases += _unary("exp", torch.exp, randn)
    cases += _unary("log", torch.log, positive)
    cases += _unary("sqrt", torch.sqrt, positive)
    cases += _unary("rsqrt", torch.rsqrt, positive)
    cases += _unary("tanh", torch.tanh, lambda *s: randn(*s, scale=2.0))
    cases += _unary("sigmoid", torch.sigmoid, lambda *s: randn(*s, scale=3.0))
    cases += _unary("relu", torch.relu, away_from_zero)
    cases += _unary("gelu", lambda x: F.gelu(x, approximate="none"),
                    lambda *s: randn(*s, scale=2.0))
    cases += _unary("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"),
                    lambda *s: randn(*s, scale=2.0))
    for e in (2.0, 0.5, 3.0, -1.0):
        cases += _unary("pow", lambda x, e=e: torch.pow(x, e), positive,
                        {"exponent": e}, suffix=f"_e{e:g}".replace(".", "p").replace("-", "m"))
    cases += _unary("square", torch.square, randn)
    cases += _unary("reciprocal", torch.reciprocal,
                    lambda *s: away_from_zero(*s, margin=0.4))
    cases += _unary("clamp", lambda x: torch.clamp(x, -0.5, 0.8), _clamp_input,
                    {"min": -0.5, "max": 0.8})
    return cases


# Tensor op Python float: Java's add/sub/mul/div(float). The scalar is not a power of
# two, so div(float) shows whether it divides (PyTorch does) or multiplies by 1/s.
FLOAT_SCALAR_OPS = [("add_float", torch.add, 0.7), ("sub_float", torch.sub, -1.3),
                    ("mul_float", torch.mul, 0.3), ("div_float", torch.div, 0.7)]


def float_scalar_cases() -> list[Case]:
    cases = []
    for op, f, s in FLOAT_SCALAR_OPS:
        cases += _unary(op, lambda x, f=f, s=s: f(x, s), randn, {"scalar": s})
    return cases


# (variant, shape of a, shape of b)
BINARY_SHAPES = [
    ("same", (3, 37), (3, 37)),
    ("bcast", (4, 1, 7), (3, 7)),
    ("scalar", (2, 19), (1,)),
    ("scalar_first", (1,), (3, 7)),
    ("first", (7,), (2, 3, 7)),
]


def _lattice(*shape, offset):
    """Values 0.2 k + offset (+-0.02 jitter): two lattices with offsets 0 and 0.1
    differ by >= 0.06 everywhere, whatever the broadcasting (no ties)."""
    k = torch.randint(-10, 11, shape).to(torch.float32)
    return 0.2 * k + offset + (torch.rand(*shape) - 0.5) * 0.04


def binary_cases() -> list[Case]:
    ops = {
        "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div,
        "maximum": torch.maximum, "minimum": torch.minimum,
    }
    cases = []
    for op, f in ops.items():
        for variant, sa, sb in BINARY_SHAPES:
            if op == "div":
                make = lambda sa=sa, sb=sb: {"a": randn(*sa), "b": away_from_zero(*sb, margin=0.5)}
            elif op in ("maximum", "minimum"):
                make = lambda sa=sa, sb=sb: {"a": _lattice(*sa, offset=0.0),
                                             "b": _lattice(*sb, offset=0.1)}
            else:
                make = lambda sa=sa, sb=sb: {"a": randn(*sa), "b": randn(*sb)}
            cases.append(Case(G, f"{op}_{variant}", op, make,
                              lambda i, f=f: f(i["a"], i["b"])))
    return cases


def compare_cases() -> list[Case]:
    ops = {"eq": torch.eq, "ne": torch.ne, "lt": torch.lt,
           "le": torch.le, "gt": torch.gt, "ge": torch.ge}
    cases = []
    for op, f in ops.items():
        for variant, sa, sb in (BINARY_SHAPES[0], BINARY_SHAPES[1]):
            # Outputs are stored as float32 0/1 (the same convention as masks).
            cases.append(Case(
                G, f"{op}_{variant}", op,
                lambda sa=sa, sb=sb: {"a": grid(*sa), "b": grid(*sb)},
                lambda i, f=f: f(i["a"], i["b"]).to(torch.float32),
                backward=False))
    return cases


def where_masked_fill_cases() -> list[Case]:
    where = lambda i: torch.where(i["cond"] != 0, i["a"], i["b"])
    cases = [
        Case(G, "where_same", "where",
             lambda: {"cond": bits(3, 19), "a": randn(3, 19), "b": randn(3, 19)},
             where, no_grad=("cond",)),
        Case(G, "where_bcast", "where",
             lambda: {"cond": bits(4, 1, 7), "a": randn(3, 7), "b": randn(1)},
             where, no_grad=("cond",)),
        Case(G, "where_bcast_wide", "where",
             lambda: {"cond": bits(2, 1, 37), "a": randn(3, 1), "b": randn(3, 37)},
             where, no_grad=("cond",)),
    ]
    for name, xs, ms, value in (("masked_fill_same", (3, 19), (3, 19), -1.5),
                                ("masked_fill_bcast", (2, 3, 37), (3, 37), -1e9),
                                ("masked_fill_bcast_rows", (2, 4, 7), (2, 4, 1), 0.0)):
        cases.append(Case(
            G, name, "masked_fill",
            lambda xs=xs, ms=ms: {"x": randn(*xs), "mask": bits(*ms)},
            lambda i, v=value: i["x"].masked_fill(i["mask"] != 0, v),
            {"value": value}, no_grad=("mask",)))
    return cases


def cases() -> list[Case]:
    return (unary_cases() + float_scalar_cases() + binary_cases() + compare_cases()
            + where_masked_fill_cases())
