#!/usr/bin/env python3
"""Regenerates the PyTorch golden fixtures that the Java tests compare against.

    scripts/reference/venv.sh
    .venv-reference/bin/python scripts/reference/fixtures.py [--out DIR] [--only SUBSTR]

Writes one safetensors file per case under DIR/<group>/<case>.safetensors
(groups: ops, layers, optim, attention, safetensors), then reloads every file and checks
its outputs and gradients against a float64 recomputation. Deterministic: each
case seeds torch from its own name and runs single-threaded. See README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

import torch  # noqa: E402

import fx_attention  # noqa: E402
import fx_elementwise  # noqa: E402
import fx_index  # noqa: E402
import fx_interop  # noqa: E402
import fx_layers  # noqa: E402
import fx_losses  # noqa: E402
import fx_movement  # noqa: E402
import fx_optim  # noqa: E402
import fx_reduce  # noqa: E402
import re  # noqa: E402

from fx_common import Case, build_tensors, metadata, verify_case, write_case  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(ROOT, "core", "src", "test", "resources", "fixtures")
GROUPS = ("ops", "layers", "optim", "attention", "safetensors")


def all_cases() -> list[Case]:
    cases = (fx_elementwise.cases() + fx_reduce.cases() + fx_index.cases() + fx_movement.cases()
             + fx_losses.cases() + fx_layers.cases() + fx_optim.cases() + fx_attention.cases())
    seen = set()
    for c in cases:
        if c.path in seen:
            raise SystemExit(f"fixtures.py: duplicate case {c.path}")
        seen.add(c.path)
    return cases


def remove_stale(out_dir: str, written: set[str]) -> list[str]:
    """Deletes files in our groups that this run did not write (renamed cases)."""
    removed = []
    for g in GROUPS:
        d = os.path.join(out_dir, g)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            p = os.path.join(d, f)
            if f.endswith((".safetensors", ".json")) and os.path.abspath(p) not in written:
                os.remove(p)
                removed.append(p)
    return removed


RNN_PARAM = re.compile(r"(weight|bias)_(ih|hh)(_l\d+)?(_reverse)?$")


def print_table(cases: list[Case]) -> None:
    """A markdown table: per op, its cases, metadata keys and tensor names."""
    rows: dict[tuple[str, str], dict[str, list]] = {}
    for c in cases:
        row = rows.setdefault((c.group, c.op), {"cases": [], "meta": [], "keys": []})
        row["cases"].append(c.name)
        for k in metadata(c):
            if k != "op" and k not in row["meta"]:
                row["meta"].append(k)
        for k in sorted(build_tensors(c)):
            prefix, _, rest = k.partition(".")
            if RNN_PARAM.match(rest):
                k = f"{prefix}.<params>"
            elif c.group == "optim" and rest.startswith(("step", "grad.step")):
                k = re.sub(r"step\d+\.\w+$", "step<k>.<p>", k)
            elif c.op in ("split", "chunk") and rest.isdigit():
                k = f"{prefix}.<i>"
            elif c.op in ("concat", "stack") and rest.startswith("p"):
                k = f"{prefix}.p<i>"
            if k not in row["keys"]:
                row["keys"].append(k)
    print("| group | op | cases | meta keys (besides op) | tensors |")
    print("|---|---|---|---|---|")
    for (group, op), row in rows.items():
        print(f"| {group} | {op} | {', '.join(row['cases'])} | {', '.join(row['meta']) or '-'} "
              f"| {', '.join(row['keys'])} |")


def main() -> int:
    ap = argparse.ArgumentParser(description="Regenerate PyTorch golden fixtures.")
    ap.add_argument("--out", default=DEFAULT_OUT, help=f"output directory (default: {DEFAULT_OUT})")
    ap.add_argument("--only", default=None,
                    help="only cases whose <group>/<name> contains this text (no stale-file cleanup)")
    ap.add_argument("--list", action="store_true",
                    help="print a markdown table of ops, cases, meta keys and tensor names; write nothing")
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    if args.list:
        print_table([c for c in all_cases() if args.only is None or args.only in c.path])
        return 0
    start = time.time()
    out_dir = os.path.abspath(args.out)

    cases = [c for c in all_cases() if args.only is None or args.only in c.path]
    written: set[str] = set()
    for c in cases:
        written.add(os.path.abspath(write_case(c, out_dir)))
    if args.only is None or "safetensors" in args.only:
        written.update(os.path.abspath(p) for p in fx_interop.write(out_dir))

    failures = 0
    for c in cases:
        problems = verify_case(c, out_dir)
        for p in problems:
            print(f"FAIL {c.path}: {p}", file=sys.stderr)
        failures += bool(problems)

    removed = remove_stale(out_dir, written) if args.only is None else []
    for p in removed:
        print(f"removed stale {os.path.relpath(p, out_dir)}")

    total = sum(os.path.getsize(p) for p in written)
    by_group = {}
    for p in written:
        g = os.path.basename(os.path.dirname(p))
        by_group[g] = by_group.get(g, 0) + 1
    groups = ", ".join(f"{g} {n}" for g, n in sorted(by_group.items()))
    print(f"{len(written)} files ({groups}), {total} bytes, in {out_dir} "
          f"[torch {torch.__version__}, {time.time() - start:.1f} s]")
    if failures:
        print(f"{failures} case(s) failed the float64 check", file=sys.stderr)
        return 1
    print(f"all {len(cases)} cases reload and match float64 recomputation (rel tol 1e-5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
