"""Group `optim`: three optimizer steps with fixed gradients.

Inputs: the initial parameters `in.weight` (5,3) and `in.bias` (3,), and the
gradient of each step `in.grad.step<k>.<p>`. Outputs: the parameters after each
step, `out.step<k>.<p>`. Forward only (no grad_out / grad.* tensors).
"""

from __future__ import annotations

import torch

from fx_common import Case, randn

G = "optim"
STEPS = 3
SHAPES = {"weight": (5, 3), "bias": (3,)}


def _make(grad_scale):
    def make():
        inputs = {n: randn(*s) for n, s in SHAPES.items()}
        for k in range(STEPS):
            for n, s in SHAPES.items():
                inputs[f"grad.step{k}.{n}"] = randn(*s, scale=grad_scale)
        return inputs
    return make


def _run(opt_cls, kwargs):
    def fn(i):
        params = {n: i[n].detach().clone().requires_grad_(True) for n in SHAPES}
        opt = opt_cls(list(params.values()), foreach=False, **kwargs)
        out = {}
        for k in range(STEPS):
            for n, p in params.items():
                p.grad = i[f"grad.step{k}.{n}"].detach().clone()
            opt.step()
            for n, p in params.items():
                out[f"step{k}.{n}"] = p.detach().clone()
        return out
    return fn


def cases() -> list[Case]:
    betas = (0.9, 0.999)
    adam = [
        ("adam", torch.optim.Adam, 1e-2, 0.0, 1.0),
        ("adam_wd0p1", torch.optim.Adam, 1e-2, 0.1, 1.0),
        ("adamw_wd0p01", torch.optim.AdamW, 1e-2, 0.01, 1.0),
        # Gradients ~1e-7, comparable to eps: shows where eps enters the update.
        ("adamw_tiny_grads", torch.optim.AdamW, 1e-2, 0.01, 1e-7),
    ]
    cases = []
    for name, cls, lr, wd, scale in adam:
        kw = {"lr": lr, "betas": betas, "eps": 1e-8, "weight_decay": wd, "amsgrad": False}
        cases.append(Case(G, name, cls.__name__, _make(scale), _run(cls, kw),
                          {**kw, "steps": STEPS, "params": list(SHAPES)}, backward=False))
    for name, nesterov in (("sgd_momentum", False), ("sgd_nesterov", True)):
        kw = {"lr": 0.1, "momentum": 0.9, "dampening": 0.0, "nesterov": nesterov,
              "weight_decay": 0.01}
        cases.append(Case(G, name, "SGD", _make(1.0), _run(torch.optim.SGD, kw),
                          {**kw, "steps": STEPS, "params": list(SHAPES)}, backward=False))
    return cases
