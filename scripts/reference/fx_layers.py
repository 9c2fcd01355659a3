"""Group `layers`: torch.nn modules run with parameters stored in the file.

Parameters are stored under their PyTorch names (`in.weight`, `in.bias_hh_l1_reverse`),
the input as `in.x`, gradients as `grad.x`, `grad.<param>`. Each case builds the
module (in the input's dtype) and calls it through `torch.func.functional_call`
with the stored parameters, so the float64 check uses exactly the same weights.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
try:
    from torch.func import functional_call
except ImportError:  # torch 1.13 (Debian's python3-torch)
    from torch.nn.utils.stateless import functional_call
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from fx_common import Case, ints, randn

G = "layers"
IN, HID = 7, 5          # RNN input and hidden sizes
B, T = 3, 6             # batch, time
LENGTHS = [4, 6, 1]     # not sorted: exercises enforce_sorted=False


def _module(ctor, dtype):
    # Building a module draws init values; fork so the case's RNG stream
    # (the upstream gradients drawn after fn) does not depend on it.
    with torch.random.fork_rng(devices=[]):
        return ctor().to(dtype)


def _params_of(ctor):
    """make_inputs helper: the module's own (seeded) initial parameters."""
    return {k: v.detach().clone() for k, v in ctor().named_parameters()}


def _call(ctor, i, *args):
    m = _module(ctor, next(v for v in i.values() if v.is_floating_point()).dtype)
    params = {k: i[k] for k, _ in m.named_parameters()}
    return functional_call(m, params, args)


def _simple_cases() -> list[Case]:
    cases = []
    for name, n_in, n_out, bias in (("linear_bias", IN, 5, True),
                                    ("linear_nobias", IN, 5, False),
                                    ("linear_wide", 37, 33, True)):
        ctor = lambda n_in=n_in, n_out=n_out, bias=bias: nn.Linear(n_in, n_out, bias=bias)
        cases.append(Case(
            G, name, "Linear",
            lambda ctor=ctor, n_in=n_in: {"x": randn(2, 3, n_in), **_params_of(ctor)},
            lambda i, ctor=ctor: _call(ctor, i, i["x"]),
            {"in_features": n_in, "out_features": n_out, "bias": bias}))

    ln = lambda: nn.LayerNorm(19, eps=1e-5)
    cases.append(Case(
        G, "layer_norm", "LayerNorm",
        # Random affine parameters (the default init is ones / zeros).
        lambda: {"x": randn(3, 4, 19, scale=2.0), "weight": 1.0 + 0.5 * randn(19),
                 "bias": 0.5 * randn(19)},
        lambda i: _call(ln, i, i["x"]),
        {"normalized_shape": [19], "eps": 1e-5, "elementwise_affine": True}))

    emb = lambda: nn.Embedding(11, 7, padding_idx=0)

    def emb_inputs():
        ids = ints(3, 5, lo=1, hi=11)
        ids[0, 0] = ids[1, 3] = ids[2, 2] = 4   # repeated id: gradients accumulate
        ids[0, 4] = ids[2, 0] = 0               # padding: row 0 gets no gradient
        return {"x": ids, **_params_of(emb)}    # init zeroes row 0 of weight

    cases.append(Case(G, "embedding_pad", "Embedding", emb_inputs,
                      lambda i: _call(emb, i, i["x"]),
                      {"num_embeddings": 11, "embedding_dim": 7, "padding_idx": 0}))
    return cases


def _sinusoid_table(max_len: int, d: int) -> torch.Tensor:
    """Vaswani et al. (2017), section 3.5, in float64: PE(pos, 2i) = sin(pos / 10000^(2i/d)),
    PE(pos, 2i+1) = cos(pos / 10000^(2i/d)); an odd d ends with a sine column."""
    pos = torch.arange(max_len, dtype=torch.float64).view(-1, 1)         # (L, 1)
    j = torch.arange(d, dtype=torch.float64)                             # (d,)
    angle = pos * torch.pow(10000.0, -(j - j.remainder(2)) / d)          # (L, d)
    return torch.where(j.remainder(2) == 0, torch.sin(angle), torch.cos(angle))


def _positional_cases() -> list[Case]:
    """No torch module: the sinusoidal table is computed from the formula in float64 (and
    rounded to the input's dtype); the learned encoding is an embedding of the positions
    0..T-1 added to x, so rows >= T of its weight get no gradient."""
    cases = []
    for name, max_len, d, shape in (("sinusoidal_pe_d16", 50, 16, (2, 9, 16)),
                                    ("sinusoidal_pe_odd_d7", 64, 7, (3, 64, 7)),
                                    ("sinusoidal_pe_odd_d37_2d", 40, 37, (11, 37))):
        def fn(i, max_len=max_len, d=d):
            table = _sinusoid_table(max_len, d).to(i["x"].dtype)
            return {"y": i["x"] + table[:i["x"].shape[-2]], "table": table}
        cases.append(Case(G, name, "SinusoidalPositionalEncoding",
                          lambda s=shape: {"x": randn(*s)}, fn,
                          {"max_len": max_len, "dim": d}, grad_on=("y",)))
    for name, max_len, d, shape in (("learned_pe", 10, 7, (2, 6, 7)),
                                    ("learned_pe_full_wide", 6, 37, (3, 6, 37))):
        def fn(i):
            t = i["x"].shape[-2]
            return i["x"] + F.embedding(torch.arange(t), i["weight"])   # (B, T, d) + (T, d)
        cases.append(Case(G, name, "LearnedPositionalEncoding",
                          lambda s=shape, m=max_len, d=d: {"x": randn(*s), "weight": randn(m, d)},
                          fn, {"max_len": max_len, "dim": d}))
    return cases


def _cell_cases() -> list[Case]:
    gru = lambda: nn.GRUCell(IN, HID)
    lstm = lambda: nn.LSTMCell(IN, HID)
    meta = {"input_size": IN, "hidden_size": HID, "bias": True}
    return [
        Case(G, "gru_cell", "GRUCell",
             lambda: {"x": randn(B, IN), "h0": randn(B, HID), **_params_of(gru)},
             lambda i: {"h": _call(gru, i, i["x"], i["h0"])}, dict(meta)),
        Case(G, "lstm_cell", "LSTMCell",
             lambda: {"x": randn(B, IN), "h0": randn(B, HID), "c0": randn(B, HID),
                      **_params_of(lstm)},
             lambda i: dict(zip(("h", "c"), _call(lstm, i, i["x"], (i["h0"], i["c0"])))),
             dict(meta)),
    ]


def _zero_padded(name, g, inputs):
    """Upstream gradient of y is irrelevant at padded steps: make it zero."""
    if name != "y" or "lengths" not in inputs:
        return g
    t = torch.arange(g.shape[1]).view(1, -1)
    valid = t < inputs["lengths"].view(-1, 1)           # (B, T)
    return g * valid.unsqueeze(-1).to(g.dtype)


def _rnn_case(kind, layers, bidir, packed, has_h0) -> Case:
    is_lstm = kind == "LSTM"
    cls = nn.LSTM if is_lstm else nn.GRU
    ctor = lambda: cls(IN, HID, num_layers=layers, bidirectional=bidir, batch_first=True)
    dirs = 2 if bidir else 1

    def make():
        inputs = {"x": randn(B, T, IN)}
        if has_h0:
            inputs["h0"] = randn(layers * dirs, B, HID)
            if is_lstm:
                inputs["c0"] = randn(layers * dirs, B, HID)
        if packed:
            inputs["lengths"] = torch.tensor(LENGTHS, dtype=torch.int64)
        return {**inputs, **_params_of(ctor)}

    def fn(i):
        x = i["x"]
        if packed:
            x = pack_padded_sequence(x, i["lengths"], batch_first=True, enforce_sorted=False)
        hx = None
        if has_h0:
            hx = (i["h0"], i["c0"]) if is_lstm else i["h0"]
        y, h = _call(ctor, i, x, hx)
        if packed:
            y, _ = pad_packed_sequence(y, batch_first=True, total_length=T)  # (B, T, dirs*H), 0 at pads
        if is_lstm:
            return {"y": y, "h_n": h[0], "c_n": h[1]}
        return {"y": y, "h_n": h}

    name = f"{kind.lower()}_{'packed_' if packed else ''}l{layers}{'_bi' if bidir else ''}{'_h0' if has_h0 else ''}"
    return Case(G, name, kind, make, fn,
                {"input_size": IN, "hidden_size": HID, "num_layers": layers,
                 "bidirectional": bidir, "batch_first": True, "bias": True,
                 "packed": packed, "has_h0": has_h0},
                grad_on=("y",), shape_grad_out=_zero_padded)


def _rnn_cases() -> list[Case]:
    cases = []
    for kind in ("GRU", "LSTM"):
        cases += [_rnn_case(kind, 1, False, False, False),
                  _rnn_case(kind, 2, True, False, False),
                  _rnn_case(kind, 2, True, False, True),
                  _rnn_case(kind, 1, False, True, False),
                  _rnn_case(kind, 2, True, True, False)]
    return cases


def cases() -> list[Case]:
    return _simple_cases() + _positional_cases() + _cell_cases() + _rnn_cases()
