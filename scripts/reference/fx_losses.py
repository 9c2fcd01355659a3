"""Group `ops`: cross_entropy, nll_loss, mse_loss.

Inputs: `in.x` (logits, or log-probabilities for nll_loss; class dim 1),
`in.target` (int64 class ids; float for mse_loss). Reductions mean / sum give a
0-d output (and a 0-d grad_out); reduction none gives the per-element loss.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from fx_common import Case, ints, randn, uniform

G = "ops"
C = 5  # classes

C_WIDE = 37  # classes of the wide case: vector body + tail in the class rows

SHAPES = {"2d": ((6, C), (6,)), "3d": ((3, C, 4), (3, 4)), "2d_wide": ((4, C_WIDE), (4,))}


def _targets(shape, ignore, with_ignored, classes=C):
    t = ints(*shape, lo=0, hi=classes)
    flat = t.view(-1)
    if with_ignored:
        # A few ignored positions (not all: a mean over nothing is 0/0 = NaN).
        for p in (1, 4) if flat.numel() > 4 else (1,):
            flat[p] = ignore
    if ignore != 2:
        flat[0] = 2  # class 2 appears even where it is not ignored
    return t


def _logits(shape, large):
    x = randn(*shape, scale=2.0)
    if large:
        x[0] = uniform(*x[0].shape, lo=80.0, hi=100.0)
        x[2] = -uniform(*x[2].shape, lo=80.0, hi=100.0)
    return x


def _ce_cases() -> list[Case]:
    # (name, dims, reduction, ignore_index, ignored targets present, label_smoothing, large)
    variants = [
        ("ce_2d_mean", "2d", "mean", -100, False, 0.0, False),
        ("ce_2d_sum", "2d", "sum", -100, False, 0.0, False),
        ("ce_2d_none", "2d", "none", -100, False, 0.0, False),
        ("ce_3d_mean", "3d", "mean", -100, False, 0.0, False),
        ("ce_3d_sum", "3d", "sum", -100, False, 0.0, False),
        ("ce_3d_none", "3d", "none", -100, False, 0.0, False),
        ("ce_2d_large_mean", "2d", "mean", -100, False, 0.0, True),
        ("ce_2d_ignore_default_mean", "2d", "mean", -100, True, 0.0, False),
        ("ce_2d_ignore2_mean", "2d", "mean", 2, True, 0.0, False),
        ("ce_2d_ignore2_none", "2d", "none", 2, True, 0.0, False),
        ("ce_3d_ignore2_mean", "3d", "mean", 2, True, 0.0, False),
        ("ce_3d_ignore2_sum", "3d", "sum", 2, True, 0.0, False),
        ("ce_2d_ls_mean", "2d", "mean", -100, False, 0.1, False),
        ("ce_2d_ls_none", "2d", "none", -100, False, 0.1, False),
        ("ce_3d_ls_sum", "3d", "sum", -100, False, 0.1, False),
        ("ce_2d_ls_ignore2_mean", "2d", "mean", 2, True, 0.1, False),
        ("ce_2d_ls_ignore2_sum", "2d", "sum", 2, True, 0.1, False),
        ("ce_2d_ls_ignore2_none", "2d", "none", 2, True, 0.1, False),
        ("ce_3d_ls_ignore2_mean", "3d", "mean", 2, True, 0.1, False),
        ("ce_2d_wide_ls_ignore2_mean", "2d_wide", "mean", 2, True, 0.1, False),
    ]
    cases = []
    for name, dims, red, ign, with_ign, ls, large in variants:
        xs, ts = SHAPES[dims]
        cases.append(Case(
            G, name, "cross_entropy",
            lambda xs=xs, ts=ts, ign=ign, w=with_ign, large=large: {
                "x": _logits(xs, large), "target": _targets(ts, ign, w, classes=xs[1])},
            lambda i, red=red, ign=ign, ls=ls: F.cross_entropy(
                i["x"], i["target"], reduction=red, ignore_index=ign, label_smoothing=ls),
            {"reduction": red, "ignore_index": ign, "label_smoothing": ls}))
    # 1-D logits (C,) and a 0-d target: PyTorch gives a 0-d loss for every reduction.
    for name, classes, red, target, ign, ls in (
            ("ce_1d_mean", C, "mean", None, -100, 0.0),
            ("ce_1d_sum", C, "sum", None, -100, 0.0),
            ("ce_1d_none", C, "none", None, -100, 0.0),
            ("ce_1d_ls_mean", C, "mean", None, -100, 0.1),
            ("ce_1d_wide_ls_none", C_WIDE, "none", None, -100, 0.1),
            # The one target is ignored: sum (and none) give 0 and a zero gradient.
            ("ce_1d_ignored_sum", C, "sum", 2, 2, 0.0)):
        cases.append(Case(
            G, name, "cross_entropy",
            lambda c=classes, t=target: {
                "x": _logits((c,), False),
                "target": ints(lo=0, hi=c) if t is None else torch.tensor(t, dtype=torch.int64)},
            lambda i, red=red, ign=ign, ls=ls: F.cross_entropy(
                i["x"], i["target"], reduction=red, ignore_index=ign, label_smoothing=ls),
            {"reduction": red, "ignore_index": ign, "label_smoothing": ls}))
    return cases


def _nll_cases() -> list[Case]:
    variants = [
        ("nll_2d_mean", "2d", "mean", -100, False),
        ("nll_2d_sum", "2d", "sum", -100, False),
        ("nll_2d_none", "2d", "none", -100, False),
        ("nll_2d_ignore2_mean", "2d", "mean", 2, True),
        ("nll_3d_mean", "3d", "mean", -100, False),
        ("nll_3d_ignore2_none", "3d", "none", 2, True),
    ]
    cases = []
    for name, dims, red, ign, with_ign in variants:
        xs, ts = SHAPES[dims]
        cases.append(Case(
            G, name, "nll_loss",
            lambda xs=xs, ts=ts, ign=ign, w=with_ign: {
                "x": F.log_softmax(randn(*xs, scale=2.0), dim=1),
                "target": _targets(ts, ign, w)},
            lambda i, red=red, ign=ign: F.nll_loss(
                i["x"], i["target"], reduction=red, ignore_index=ign),
            {"reduction": red, "ignore_index": ign}))
    return cases


def _mse_cases() -> list[Case]:
    cases = []
    for name, shape, red in (("mse_mean", (3, 19), "mean"), ("mse_sum", (3, 19), "sum"),
                             ("mse_none", (3, 19), "none"), ("mse_wide_mean", (2, 37), "mean")):
        cases.append(Case(
            G, name, "mse_loss",
            lambda s=shape: {"x": randn(*s), "target": randn(*s)},
            lambda i, red=red: F.mse_loss(i["x"], i["target"], reduction=red),
            {"reduction": red}))
    return cases


def cases() -> list[Case]:
    return _ce_cases() + _nll_cases() + _mse_cases()
