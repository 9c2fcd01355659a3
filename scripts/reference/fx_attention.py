"""Group `attention`: torch.nn.MultiheadAttention and scaled_dot_product_attention.

MultiheadAttention runs batch-first through `functional_call` with the parameters stored
under PyTorch's names (`in.in_proj_weight`, `in.out_proj.weight`, or `in.q_proj_weight`...
when kdim/vdim differ). Masks are given in attention4j's polarity, true = may attend:
`in.lengths` (int64) for key padding, meta `causal=true` for a causal mask; the generator
converts them to PyTorch's polarity (True = masked) for MultiheadAttention. For
scaled_dot_product_attention a boolean mask already means "may attend".

Outputs: `out.context` and, with need_weights, `out.weights` (per head (B, h, Tq, Tk) or
averaged (B, Tq, Tk)); both receive upstream gradients. Dropout is 0.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
try:
    from torch.func import functional_call
except ImportError:  # torch 1.13
    from torch.nn.utils.stateless import functional_call

from fx_common import Case, randn

G = "attention"


def _mha(e, h, kdim=None, vdim=None, bias=True):
    return lambda: nn.MultiheadAttention(e, h, bias=bias, batch_first=True, kdim=kdim, vdim=vdim)


def _params(ctor):
    with torch.random.fork_rng(devices=[]):
        return {k: v.detach().clone() for k, v in ctor().named_parameters()}


def _padding(lengths, tk):
    # PyTorch key_padding_mask: True = ignore this key.
    return torch.arange(tk).view(1, -1) >= lengths.view(-1, 1)


def _causal(tq, tk):
    # PyTorch attn_mask (bool): True = not allowed.
    return torch.ones(tq, tk, dtype=torch.bool).triu(1)


def _run_mha(ctor, i, need_weights, average, causal):
    dtype = i["query"].dtype
    with torch.random.fork_rng(devices=[]):
        m = ctor().to(dtype)
    params = {k: i[k] for k, _ in m.named_parameters()}
    tq, tk = i["query"].shape[1], i["key"].shape[1]
    kpm = _padding(i["lengths"], tk) if "lengths" in i else None
    am = _causal(tq, tk) if causal else None
    ctx, w = functional_call(m, params, (i["query"], i["key"], i["value"]),
                             {"key_padding_mask": kpm, "attn_mask": am, "need_weights": need_weights,
                              "average_attn_weights": average})
    out = {"context": ctx}
    if need_weights:
        out["weights"] = w
    return out


def _mha_case(name, e, h, b, tq, tk, kdim=None, vdim=None, lengths=None, causal=False,
              need_weights=True, average=False, bias=True):
    ctor = _mha(e, h, kdim, vdim, bias)

    def make():
        x = {"query": randn(b, tq, e), "key": randn(b, tk, kdim or e), "value": randn(b, tk, vdim or e)}
        if lengths is not None:
            x["lengths"] = torch.tensor(lengths, dtype=torch.int64)
        x.update(_params(ctor))
        return x

    meta = {"embed_dim": e, "num_heads": h, "kdim": kdim or e, "vdim": vdim or e, "bias": bias,
            "causal": causal, "need_weights": need_weights, "average_attn_weights": average}
    return Case(G, name, "MultiheadAttention", make,
                lambda i: _run_mha(ctor, i, need_weights, average, causal), meta)


def _sdpa_case(name, b, h, tq, tk, d, dv, causal=False, masked=False, scale=None):
    def make():
        x = {"q": randn(b, h, tq, d), "k": randn(b, h, tk, d), "v": randn(b, h, tk, dv)}
        if masked:
            m = torch.rand(b, 1, tq, tk) < 0.7
            m[..., 0] = True  # every query sees at least one key (PyTorch gives NaN otherwise)
            x["allowed"] = m.to(torch.float32)
        return x

    def run(i):
        mask = i["allowed"] > 0.5 if "allowed" in i else None
        return F.scaled_dot_product_attention(i["q"], i["k"], i["v"], attn_mask=mask, is_causal=causal,
                                              scale=scale)

    meta = {"causal": causal, "scale": scale if scale is not None else "default"}
    return Case(G, name, "sdpa", make, run, meta, no_grad=("allowed",))


def cases() -> list[Case]:
    return [
        _mha_case("mha_self_per_head", 16, 4, 2, 5, 5, need_weights=True, average=False),
        _mha_case("mha_self_padding", 16, 4, 2, 5, 5, lengths=[5, 3], average=False),
        _mha_case("mha_self_causal_avg", 16, 4, 2, 6, 6, causal=True, average=True),
        _mha_case("mha_causal_padding", 12, 3, 3, 5, 5, lengths=[5, 2, 4], causal=True, average=False),
        _mha_case("mha_cross_kdim_vdim", 16, 2, 2, 4, 6, kdim=7, vdim=9, lengths=[6, 4], average=True),
        _mha_case("mha_nobias_noweights", 16, 4, 2, 3, 7, bias=False, need_weights=False),
        _mha_case("mha_wide", 64, 4, 2, 19, 33, lengths=[33, 20], average=False),
        _sdpa_case("sdpa_plain", 2, 3, 7, 9, 8, 5),
        _sdpa_case("sdpa_causal", 2, 3, 9, 9, 8, 8, causal=True),
        _sdpa_case("sdpa_masked", 2, 2, 6, 11, 4, 3, masked=True),
        _sdpa_case("sdpa_scaled_wide", 1, 2, 37, 41, 16, 16, scale=0.3),
    ]
