"""Shared machinery for the golden-fixture generators.

A fixture case is a `Case`: a function that builds its inputs (called right after
`torch.manual_seed(seed_of(group, name))`, so every case is reproducible on its
own), a function `fn(inputs) -> Tensor | dict[str, Tensor]` that runs the
operation, and the metadata the Java test needs to repeat the call.

`write_case` runs `fn` on float32 inputs, draws an upstream gradient and runs
backward, then writes one safetensors file per case:

    in.<name>          inputs (float32, or int64 for indices / targets)
    out | out.<name>   outputs (float32, or int64 for indices)
    grad_out[.<name>]  upstream gradient fed to backward (random normal)
    grad.<name>        gradient of every float input that requires grad

`verify_case` loads the file back, reruns `fn` in float64 on the stored inputs
and upstream gradients, and checks outputs and gradients against it.
"""

from __future__ import annotations

import json
import math
import os
import struct
import zlib
from dataclasses import dataclass, field
from typing import Callable, Mapping

import torch
from safetensors.torch import load_file, save_file

Tensor = torch.Tensor
Outputs = Tensor | dict[str, Tensor]

# Relative tolerance (normwise: max |a - b| / max |b|) for float32 vs float64.
REL_TOL = 1e-5


@dataclass
class Case:
    group: str
    name: str
    op: str
    make_inputs: Callable[[], dict[str, Tensor]]
    fn: Callable[[dict[str, Tensor]], Outputs]
    meta: dict[str, object] = field(default_factory=dict)
    # Float inputs that get no gradient (0/1 masks and conditions).
    no_grad: tuple[str, ...] = ()
    # False: forward only (comparisons, argmax, optimizer trajectories).
    backward: bool = True
    # Outputs that receive an upstream gradient; None means every float output.
    grad_on: tuple[str, ...] | None = None
    # Optional hook (output name, grad_out, inputs) -> grad_out, e.g. to zero the
    # upstream gradient at padded positions.
    shape_grad_out: Callable[[str, Tensor, dict[str, Tensor]], Tensor] | None = None

    @property
    def path(self) -> str:
        return os.path.join(self.group, self.name + ".safetensors")


def seed_of(group: str, name: str) -> int:
    """A per-case seed that does not shift when other cases are added."""
    return zlib.crc32(f"{group}/{name}".encode())


# ---------------------------------------------------------------- metadata

def meta_str(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(meta_str(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def metadata(case: Case) -> dict[str, str]:
    meta = {"op": case.op}
    for k, v in case.meta.items():
        meta[k] = meta_str(v)
    if case.grad_on is not None:
        meta.setdefault("grad_on", meta_str(list(case.grad_on)))
    return meta


# ---------------------------------------------------------------- random inputs
# All draw from the global generator, seeded per case by the runner.

def randn(*shape: int, scale: float = 1.0) -> Tensor:
    return torch.randn(*shape) * scale


def uniform(*shape: int, lo: float, hi: float) -> Tensor:
    return torch.rand(*shape) * (hi - lo) + lo


def positive(*shape: int, lo: float = 0.2, hi: float = 2.0) -> Tensor:
    return uniform(*shape, lo=lo, hi=hi)


def away_from_zero(*shape: int, margin: float = 0.1) -> Tensor:
    """Normal values pushed out so that |x| >= margin (no kinks at 0)."""
    x = torch.randn(*shape)
    sign = torch.where(x >= 0, 1.0, -1.0)
    return x + sign * margin


def distinct(*shape: int, lo: float = -2.0, hi: float = 2.0) -> Tensor:
    """Values in [lo, hi) that are pairwise distinct (no ties for max/min)."""
    n = math.prod(shape)
    perm = torch.randperm(n).to(torch.float32)
    step = (hi - lo) / n
    return (lo + (perm + 0.25 + 0.5 * torch.rand(n)) * step).reshape(shape)


def grid(*shape: int, values=(-1.0, -0.5, 0.0, 0.5, 1.0)) -> Tensor:
    """Values drawn from a small set, so that comparisons see equal pairs."""
    v = torch.tensor(values, dtype=torch.float32)
    return v[torch.randint(len(values), shape)]


def ints(*shape: int, lo: int, hi: int) -> Tensor:
    return torch.randint(lo, hi, shape, dtype=torch.int64)


def bits(*shape: int, p: float = 0.5) -> Tensor:
    """A float 0/1 mask."""
    return (torch.rand(*shape) < p).to(torch.float32)


def shape_name(shape) -> str:
    return "x".join(str(d) for d in shape) if len(shape) else "scalar"


# ---------------------------------------------------------------- running

def _as_dict(outs: Outputs) -> dict[str, Tensor]:
    if isinstance(outs, Tensor):
        return {"": outs}
    return dict(outs)


def _out_key(prefix: str, name: str) -> str:
    return prefix if name == "" else f"{prefix}.{name}"


def _leaves(case: Case, inputs: Mapping[str, Tensor], dtype) -> dict[str, Tensor]:
    leaves = {}
    for k, v in inputs.items():
        if v.is_floating_point():
            v = v.detach().to(dtype).clone()
            if case.backward and k not in case.no_grad:
                v.requires_grad_(True)
        else:
            v = v.detach().clone()
        leaves[k] = v
    return leaves


def _grad_targets(case: Case, outs: dict[str, Tensor]) -> list[str]:
    names = case.grad_on if case.grad_on is not None else [
        k for k, v in outs.items() if v.is_floating_point()]
    for k in names:
        if k not in outs:
            raise ValueError(f"{case.path}: grad_on names unknown output {k!r}")
    return list(names)


def _backward(case, leaves, outs, grad_outs) -> dict[str, Tensor]:
    targets = [k for k in grad_outs]
    torch.autograd.backward([outs[k] for k in targets], [grad_outs[k] for k in targets])
    grads = {}
    for k, v in leaves.items():
        if v.requires_grad:
            grads[k] = v.grad if v.grad is not None else torch.zeros_like(v)
    return grads


def build_tensors(case: Case) -> dict[str, Tensor]:
    """Runs the case in float32 and returns the tensors of its file."""
    torch.manual_seed(seed_of(case.group, case.name))
    inputs = case.make_inputs()
    for k, v in inputs.items():
        if v.dtype not in (torch.float32, torch.int64):
            raise TypeError(f"{case.path}: input {k} has dtype {v.dtype}")
    leaves = _leaves(case, inputs, torch.float32)
    outs = _as_dict(case.fn(leaves))

    tensors = {f"in.{k}": v.detach().clone().contiguous() for k, v in inputs.items()}
    for k, v in outs.items():
        if v.dtype not in (torch.float32, torch.int64):
            raise TypeError(f"{case.path}: output {k!r} has dtype {v.dtype}")
        tensors[_out_key("out", k)] = v.detach().clone().contiguous()

    if case.backward:
        grad_outs = {}
        for k in _grad_targets(case, outs):
            g = torch.randn(outs[k].shape)
            if case.shape_grad_out is not None:
                g = case.shape_grad_out(k, g, inputs)
            grad_outs[k] = g
            tensors[_out_key("grad_out", k)] = g.clone().contiguous()
        for k, g in _backward(case, leaves, outs, grad_outs).items():
            tensors[f"grad.{k}"] = g.detach().clone().contiguous()
    return tensors


def save(tensors: dict[str, Tensor], path: str, meta: dict[str, str]) -> None:
    """save_file, then sort the header's __metadata__ keys in place.

    safetensors serialises metadata from a hash map, so its key order (and the
    file's bytes) would change from run to run; sorting keeps regenerated
    fixtures byte-identical. The header keeps its length, padding and layout."""
    save_file(tensors, path, metadata=meta)
    with open(path, "r+b") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        raw = f.read(n)
        text = raw.rstrip(b" ")
        header = json.loads(text)
        header["__metadata__"] = dict(sorted(header["__metadata__"].items()))
        canon = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
        if len(canon) != len(text):
            raise RuntimeError(f"{path}: header changed length while sorting metadata")
        f.seek(8)
        f.write(canon)


def write_case(case: Case, out_dir: str) -> str:
    tensors = build_tensors(case)
    path = os.path.join(out_dir, case.path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    save(tensors, path, metadata(case))
    return path


# ---------------------------------------------------------------- verification

def rel_err(actual: Tensor, expected: Tensor) -> float:
    a, e = actual.double(), expected.double()
    if a.shape != e.shape:
        return math.inf
    finite = torch.isfinite(e)
    if not torch.equal(finite, torch.isfinite(a)) or not torch.equal(a[~finite], e[~finite]):
        return math.inf
    if e.numel() == 0 or not finite.any():
        return 0.0
    diff = (a - e)[finite].abs().max().item()
    scale = e[finite].abs().max().item()
    if scale == 0.0:
        return 0.0 if diff == 0.0 else math.inf
    return diff / scale


def verify_case(case: Case, out_dir: str) -> list[str]:
    """Reloads the file and checks it against a float64 recomputation.

    Returns a list of problems (empty when the file is good)."""
    path = os.path.join(out_dir, case.path)
    stored = load_file(path)
    problems = []
    inputs = {k[3:]: v for k, v in stored.items() if k.startswith("in.")}
    leaves = _leaves(case, inputs, torch.float64)
    outs = _as_dict(case.fn(leaves))

    out_keys = {_out_key("out", k) for k in outs}
    stored_out = {k for k in stored if k == "out" or k.startswith("out.")}
    if out_keys != stored_out:
        problems.append(f"outputs {sorted(stored_out)} != {sorted(out_keys)}")
    for k, v in outs.items():
        key = _out_key("out", k)
        if key not in stored:
            continue
        s = stored[key]
        if s.is_floating_point():
            err = rel_err(s, v.detach())
            if err > REL_TOL:
                problems.append(f"{key}: rel err {err:.3g} vs float64")
        elif not torch.equal(s, v):
            problems.append(f"{key}: integer output differs from float64 run")

    if case.backward:
        grad_outs = {}
        for k in _grad_targets(case, outs):
            key = _out_key("grad_out", k)
            if key not in stored:
                problems.append(f"missing {key}")
                continue
            grad_outs[k] = stored[key].double()
        grads = _backward(case, leaves, outs, grad_outs)
        want = {f"grad.{k}" for k in grads}
        have = {k for k in stored if k.startswith("grad.")}
        if want != have:
            problems.append(f"grads {sorted(have)} != {sorted(want)}")
        for k, g in grads.items():
            key = f"grad.{k}"
            if key in stored:
                err = rel_err(stored[key], g)
                if err > REL_TOL:
                    problems.append(f"{key}: rel err {err:.3g} vs float64")
    elif any(k.startswith("grad") for k in stored):
        problems.append("forward-only case has gradient tensors")
    return problems
