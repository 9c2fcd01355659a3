"""Group `ops`: reductions, softmax / log_softmax, layer_norm, matmul."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from fx_common import Case, distinct, grid, randn, uniform

G = "ops"

# (suffix, shape, dims, keepdim)
REDUCE_VARIANTS = [
    ("d1", (3, 4, 19), [1], False),
    ("d1_keep", (3, 4, 19), [1], True),
    ("d0_2", (3, 4, 19), [0, 2], False),
    ("all", (3, 4, 19), [0, 1, 2], False),
    ("dlast_keep", (2, 5, 37), [-1], True),
]


def _sum_mean_cases() -> list[Case]:
    cases = []
    for op, f in (("sum", torch.sum), ("mean", torch.mean)):
        for suffix, shape, dims, keep in REDUCE_VARIANTS:
            cases.append(Case(
                G, f"{op}_{suffix}", op, lambda s=shape: {"x": randn(*s)},
                lambda i, f=f, d=dims, k=keep: f(i["x"], dim=d, keepdim=k),
                {"dims": dims, "keepdim": keep}))
    return cases


def _max_min_cases() -> list[Case]:
    cases = []
    for op, f in (("max", torch.max), ("min", torch.min)):
        variants = [("d1", (3, 4, 19), 1, False, distinct),
                    ("dlast_keep", (2, 5, 37), -1, True, distinct),
                    # Ties: PyTorch returns the first extremal index and routes
                    # the whole gradient to it.
                    ("ties_d1", (3, 4, 7), 1, False, grid)]
        for suffix, shape, dim, keep, make in variants:
            def fn(i, f=f, d=dim, k=keep):
                r = f(i["x"], dim=d, keepdim=k)
                return {"values": r.values, "indices": r.indices}
            cases.append(Case(G, f"{op}_{suffix}", op,
                              lambda s=shape, m=make: {"x": m(*s)}, fn,
                              {"dims": [dim], "keepdim": keep},
                              grad_on=("values",)))
    # Over all elements (Java's max() / min(), a 0-d result). No ties: PyTorch's x.max()
    # splits the gradient evenly among tied maxima, ours sends it all to the first one.
    for op, f in (("max_all", torch.max), ("min_all", torch.min)):
        for suffix, shape in (("3x4x19", (3, 4, 19)), ("37", (37,))):
            cases.append(Case(G, f"{op}_{suffix}", op, lambda s=shape: {"x": distinct(*s)},
                              lambda i, f=f: f(i["x"])))
    for op, f in (("argmax", torch.argmax), ("argmin", torch.argmin)):
        variants = [("d1", (3, 4, 19), 1, False, distinct),
                    ("dlast_keep", (2, 5, 37), -1, True, distinct),
                    ("ties_d1", (3, 4, 7), 1, False, grid)]
        for suffix, shape, dim, keep, make in variants:
            cases.append(Case(G, f"{op}_{suffix}", op,
                              lambda s=shape, m=make: {"x": m(*s)},
                              lambda i, f=f, d=dim, k=keep: f(i["x"], dim=d, keepdim=k),
                              {"dims": [dim], "keepdim": keep}, backward=False))
    return cases


def _big_rows(shape, rows):
    """Normal values, with the given index tuples replaced by values in
    [80, 100] (positive) or [-100, -80] (negative): exp overflows float32 there."""
    def make():
        x = randn(*shape, scale=2.0)
        for sign, idx in rows:
            x[idx] = sign * uniform(*x[idx].shape, lo=80.0, hi=100.0)
        return {"x": x}
    return make


def _masked(shape, dim, p=0.4):
    """Normal values with about a fraction p set to -inf, but never a whole slice along
    `dim` (PyTorch gives NaN for softmax of an all -inf row; ours gives zeros: that case is
    covered by closed-form tests, not fixtures)."""
    def make():
        x = randn(*shape, scale=2.0)
        drop = torch.rand(*shape) < p
        keep = torch.randint(shape[dim], (*shape[:dim], 1, *shape[dim + 1:]) if dim >= 0 else
                             (*shape[:dim], 1))
        drop.scatter_(dim, keep, False)
        return {"x": x.masked_fill(drop, float("-inf"))}
    return make


def _logsumexp_var_cases() -> list[Case]:
    cases = []
    lse = [
        ("d1", (3, 4, 19), [1], False, [(+1, (1,)), (-1, (2, slice(None), 3))]),
        ("d1_2", (3, 4, 19), [1, 2], False, [(+1, (0,))]),
        ("dlast_keep", (2, 5, 37), [-1], True, [(+1, (0, 2)), (-1, (1, 4))]),
    ]
    for suffix, shape, dims, keep, rows in lse:
        cases.append(Case(G, f"logsumexp_{suffix}", "logsumexp", _big_rows(shape, rows),
                          lambda i, d=dims, k=keep: torch.logsumexp(i["x"], dim=d, keepdim=k),
                          {"dims": dims, "keepdim": keep}))
    for suffix, shape, dim, keep in (("d1_masked", (3, 4, 19), 1, False),
                                     ("dlast_masked_keep", (2, 5, 37), -1, True)):
        cases.append(Case(G, f"logsumexp_{suffix}", "logsumexp", _masked(shape, dim),
                          lambda i, d=dim, k=keep: torch.logsumexp(i["x"], dim=[d], keepdim=k),
                          {"dims": [dim], "keepdim": keep}))
    var = [
        ("d1_c1", (3, 4, 19), [1], False, 1),
        ("d1_c0", (3, 4, 19), [1], False, 0),
        ("d0_2_c1", (3, 4, 19), [0, 2], False, 1),
        ("dlast_keep_c0", (2, 5, 37), [-1], True, 0),
        ("dlast_c1_offset", (2, 5, 37), [-1], False, 1),
    ]
    for suffix, shape, dims, keep, c in var:
        offset = 10.0 if suffix.endswith("offset") else 0.0
        cases.append(Case(G, f"var_{suffix}", "var",
                          lambda s=shape, o=offset: {"x": randn(*s) + o},
                          lambda i, d=dims, k=keep, c=c: torch.var(i["x"], dim=d, correction=c, keepdim=k),
                          {"dims": dims, "keepdim": keep, "correction": c}))
    return cases


def _softmax_cases() -> list[Case]:
    cases = []
    variants = [
        ("dlast", (2, 3, 37), -1, [(+1, (0, 1)), (-1, (1, 2))]),
        ("d1", (2, 5, 7), 1, [(+1, (1, slice(None), 2))]),
        ("dlast_small", (4, 7), -1, []),
    ]
    for op, f in (("softmax", F.softmax), ("log_softmax", F.log_softmax)):
        for suffix, shape, dim, rows in variants:
            cases.append(Case(G, f"{op}_{suffix}", op, _big_rows(shape, rows),
                              lambda i, f=f, d=dim: f(i["x"], dim=d), {"dim": dim}))
        # Partially masked rows (-inf entries): softmax 0 and log_softmax -inf there.
        for suffix, shape, dim in (("dlast_masked", (2, 3, 37), -1), ("d1_masked", (2, 5, 7), 1)):
            cases.append(Case(G, f"{op}_{suffix}", op, _masked(shape, dim),
                              lambda i, f=f, d=dim: f(i["x"], dim=d), {"dim": dim}))
    return cases


def _layer_norm_cases() -> list[Case]:
    def affine_inputs(shape, offset=0.0):
        def make():
            n = shape[-1]
            return {"x": randn(*shape, scale=2.0) + offset,
                    "weight": 1.0 + 0.5 * randn(n), "bias": 0.5 * randn(n)}
        return make

    def ln(i):
        n = i["x"].shape[-1]
        return F.layer_norm(i["x"], (n,), i.get("weight"), i.get("bias"), eps=1e-5)

    cases = []
    for name, shape, affine, offset in (("layer_norm_affine", (3, 4, 19), True, 0.0),
                                        ("layer_norm_plain", (3, 4, 19), False, 0.0),
                                        ("layer_norm_affine_wide", (2, 37), True, 0.0),
                                        ("layer_norm_plain_offset", (3, 37), False, 20.0)):
        make = affine_inputs(shape, offset) if affine else (
            lambda s=shape, o=offset: {"x": randn(*s, scale=2.0) + o})
        cases.append(Case(G, name, "layer_norm", make, ln,
                          {"normalized_shape": [shape[-1]], "eps": 1e-5, "affine": affine}))
    # Only one of weight and bias (F.layer_norm(x, shape, weight=w, bias=None) and the reverse).
    for name, shape, keep in (("layer_norm_weight_only", (3, 4, 19), "weight"),
                              ("layer_norm_bias_only", (2, 37), "bias")):
        def make(shape=shape, keep=keep):
            full = affine_inputs(shape)()
            return {"x": full["x"], keep: full[keep]}
        cases.append(Case(G, name, "layer_norm", make, ln,
                          {"normalized_shape": [shape[-1]], "eps": 1e-5, "affine": keep}))
    return cases


# (name, shape of in.a, shape of in.b, transpose_a, transpose_b)
MATMUL = [
    ("matmul_2d", (5, 7), (7, 3), False, False),
    ("matmul_vec_mat", (7,), (7, 3), False, False),
    ("matmul_mat_vec", (5, 7), (7,), False, False),
    ("matmul_batched", (2, 5, 7), (2, 7, 3), False, False),
    ("matmul_bcast_batch", (2, 1, 5, 7), (3, 7, 4), False, False),
    ("matmul_batched_2d", (2, 17, 37), (37, 19), False, False),
    ("matmul_large", (35, 37), (37, 33), False, False),
    ("matmul_ta", (7, 5), (7, 3), True, False),
    ("matmul_tb", (5, 7), (3, 7), False, True),
    ("matmul_tab_large", (37, 34), (35, 37), True, True),
    ("matmul_vec_vec", (37,), (37,), False, False),   # dot product: a 0-d result
    ("matmul_vec_vec_short", (5,), (5,), False, False),
]


def _matmul_cases() -> list[Case]:
    cases = []
    for name, sa, sb, ta, tb in MATMUL:
        def fn(i, ta=ta, tb=tb):
            a = i["a"].T if ta else i["a"]
            b = i["b"].T if tb else i["b"]
            return torch.matmul(a, b)
        cases.append(Case(G, name, "matmul",
                          lambda sa=sa, sb=sb: {"a": randn(*sa), "b": randn(*sb)}, fn,
                          {"transpose_a": ta, "transpose_b": tb}))
    return cases


def cases() -> list[Case]:
    return (_sum_mean_cases() + _max_min_cases() + _logsumexp_var_cases()
            + _softmax_cases() + _layer_norm_cases() + _matmul_cases())
