"""Group `ops`: movement ops (reshape, view, flatten, transpose, permute, narrow, slice,
select, expand, expand_as, unsqueeze, squeeze, contiguous, copy).

Input `in.x`; `expand_as` also `in.other` (its shape is the target; no gradient). Two meta
keys besides the op's own parameters:

- `pre_transpose` (`d0,d1`, optional): the op runs on `x.transpose(d0, d1)`, a
  non-contiguous view, and `grad.x` is the gradient of the untransposed `x`. It reaches the
  copying path of reshape / flatten / contiguous and the non-contiguous path of view.
- `shares_storage`: whether PyTorch's result shares storage with `x` (a view) or is a copy.
  The Java test asserts the same, so a reshape that copies where PyTorch views (or the
  reverse) fails even when the values agree.

`shape` / `sizes` may hold -1 and may be empty (a 0-d result: meta `shape` = "").
"""

from __future__ import annotations

import torch

from fx_common import Case

G = "ops"


def _slice(x, dim, start, end):
    """x[..., start:end, ...] along `dim`, with Python's clamping of out-of-range bounds."""
    index = [slice(None)] * x.dim()
    index[dim] = slice(start, end)
    return x[tuple(index)]


def _shares_storage(shape, pre, fn, other_shape=None) -> bool:
    """Runs the op on zeros (no random draws) and asks PyTorch whether it made a view."""
    x = torch.zeros(shape)
    i = {"x": x.transpose(*pre) if pre else x}
    if other_shape is not None:
        i["other"] = torch.zeros(other_shape)
    return fn(i).untyped_storage().data_ptr() == x.untyped_storage().data_ptr()


def _case(name, op, shape, fn, meta=None, pre=None, other_shape=None) -> Case:
    def run(i):
        x = i["x"].transpose(*pre) if pre else i["x"]
        return fn({**i, "x": x})

    def make():
        inputs = {"x": torch.randn(shape)}   # a tuple: () gives a 0-d tensor
        if other_shape is not None:
            inputs["other"] = torch.randn(other_shape)
        return inputs

    meta = dict(meta or {})
    if pre:
        meta["pre_transpose"] = list(pre)
    meta["shares_storage"] = _shares_storage(shape, pre, fn, other_shape)
    return Case(G, name, op, make, run, meta,
                no_grad=("other",) if other_shape is not None else ())


def _reshape_view_cases() -> list[Case]:
    reshape = lambda s: (lambda i: i["x"].reshape(s))
    view = lambda s: (lambda i: i["x"].view(s))
    return [
        _case("reshape_view", "reshape", (3, 4, 5), reshape([4, -1]), {"shape": [4, -1]}),
        # (4, 3, 5) with strides (5, 20, 1): dims 1 and 2 cannot merge, so this copies.
        _case("reshape_copy_transposed", "reshape", (3, 4, 5), reshape([4, 15]), {"shape": [4, 15]},
              pre=(0, 1)),
        # Splitting dim 0 of the same transposed view is still a view.
        _case("reshape_split_transposed", "reshape", (3, 4, 5), reshape([2, 2, 3, 5]),
              {"shape": [2, 2, 3, 5]}, pre=(0, 1)),
        _case("reshape_to_scalar", "reshape", (1, 1), reshape([]), {"shape": []}),
        _case("reshape_from_scalar", "reshape", (), reshape([1, 1, 1]), {"shape": [1, 1, 1]}),
        _case("view_infer", "view", (2, 3, 4), view([6, -1, 1]), {"shape": [6, -1, 1]}),
        # (6, 4) with strides (1, 6): dim 0 splits into (3, 2) with strides (2, 1).
        _case("view_split_transposed", "view", (4, 6), view([3, 2, 4]), {"shape": [3, 2, 4]},
              pre=(0, 1)),
    ]


def _flatten_cases() -> list[Case]:
    return [
        _case("flatten_all", "flatten", (2, 3, 4), lambda i: i["x"].flatten()),
        _case("flatten_1_2", "flatten", (2, 3, 4, 5), lambda i: i["x"].flatten(1, 2),
              {"start_dim": 1, "end_dim": 2}),
        _case("flatten_neg", "flatten", (2, 3, 4, 5), lambda i: i["x"].flatten(-3, -1),
              {"start_dim": -3, "end_dim": -1}),
        _case("flatten_transposed", "flatten", (2, 3, 4), lambda i: i["x"].flatten(), pre=(0, 1)),
        _case("flatten_scalar", "flatten", (), lambda i: i["x"].flatten()),
    ]


def _dim_order_cases() -> list[Case]:
    return [
        _case("transpose_2d", "transpose", (3, 4), lambda i: i["x"].transpose(0, 1),
              {"dim0": 0, "dim1": 1}),
        _case("transpose_neg", "transpose", (2, 3, 4, 5), lambda i: i["x"].transpose(-1, 1),
              {"dim0": -1, "dim1": 1}),
        _case("permute_3d", "permute", (2, 3, 4), lambda i: i["x"].permute(2, 0, 1),
              {"dims": [2, 0, 1]}),
        _case("permute_neg", "permute", (2, 3, 4, 5), lambda i: i["x"].permute(-1, 0, -2, 1),
              {"dims": [-1, 0, -2, 1]}),
    ]


def _narrow_slice_select_cases() -> list[Case]:
    narrow = lambda d, s, n: (lambda i: i["x"].narrow(d, s, n))
    sl = lambda d, s, e: (lambda i: _slice(i["x"], d, s, e))
    select = lambda d, k: (lambda i: i["x"].select(d, k))
    return [
        _case("narrow_d1", "narrow", (3, 7, 5), narrow(1, 2, 4), {"dim": 1, "start": 2, "length": 4}),
        _case("narrow_neg_dim", "narrow", (3, 37), narrow(-1, 5, 19), {"dim": -1, "start": 5, "length": 19}),
        _case("slice_d0", "slice", (6, 5), sl(0, 1, 4), {"dim": 0, "start": 1, "end": 4}),
        _case("slice_neg", "slice", (3, 37), sl(-1, -20, -3), {"dim": -1, "start": -20, "end": -3}),
        _case("slice_neg_start", "slice", (5, 7), sl(0, -4, 3), {"dim": 0, "start": -4, "end": 3}),
        # Out-of-range bounds clamp, as in Python: the whole dim.
        _case("slice_clamped", "slice", (4, 6), sl(1, -100, 100), {"dim": 1, "start": -100, "end": 100}),
        _case("select_d1", "select", (3, 4, 5), select(1, 2), {"dim": 1, "index": 2}),
        _case("select_neg", "select", (3, 4, 5), select(-1, -2), {"dim": -1, "index": -2}),
        _case("select_to_scalar", "select", (7,), select(0, -1), {"dim": 0, "index": -1}),
        _case("select_transposed", "select", (3, 4, 5), select(0, 1), {"dim": 0, "index": 1},
              pre=(0, 2)),
    ]


def _expand_squeeze_cases() -> list[Case]:
    expand = lambda s: (lambda i: i["x"].expand(*s))
    return [
        _case("expand_same_rank", "expand", (3, 1, 5), expand([3, 4, 5]), {"sizes": [3, 4, 5]}),
        _case("expand_keep_neg1", "expand", (3, 1), expand([-1, 6]), {"sizes": [-1, 6]}),
        _case("expand_new_leading", "expand", (3, 1, 5), expand([2, 3, 4, 5]), {"sizes": [2, 3, 4, 5]}),
        _case("expand_scalar", "expand", (), expand([2, 3]), {"sizes": [2, 3]}),
        _case("expand_as", "expand_as", (1, 5), lambda i: i["x"].expand_as(i["other"]),
              other_shape=(3, 4, 5)),
        _case("unsqueeze_0", "unsqueeze", (3, 4), lambda i: i["x"].unsqueeze(0), {"dim": 0}),
        _case("unsqueeze_1", "unsqueeze", (3, 4), lambda i: i["x"].unsqueeze(1), {"dim": 1}),
        _case("unsqueeze_neg", "unsqueeze", (3, 4), lambda i: i["x"].unsqueeze(-1), {"dim": -1}),
        _case("squeeze_d1", "squeeze", (3, 1, 4), lambda i: i["x"].squeeze(1), {"dim": 1}),
        _case("squeeze_neg", "squeeze", (3, 4, 1), lambda i: i["x"].squeeze(-1), {"dim": -1}),
        _case("squeeze_to_scalar", "squeeze", (1,), lambda i: i["x"].squeeze(0), {"dim": 0}),
    ]


def _copy_cases() -> list[Case]:
    return [
        _case("contiguous_already", "contiguous", (3, 5), lambda i: i["x"].contiguous()),
        _case("contiguous_transposed", "contiguous", (4, 6), lambda i: i["x"].contiguous(), pre=(0, 1)),
        _case("copy_contiguous", "copy", (3, 5), lambda i: i["x"].clone()),
        _case("copy_permuted", "copy", (2, 3, 4), lambda i: i["x"].clone(), pre=(1, 2)),
    ]


def cases() -> list[Case]:
    return (_reshape_view_cases() + _flatten_cases() + _dim_order_cases()
            + _narrow_slice_select_cases() + _expand_squeeze_cases() + _copy_cases())
