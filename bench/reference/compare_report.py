#!/usr/bin/env python3
"""Prints bench/compare.sh's table from the runs it collected.

Reads tab-separated lines `label<TAB>side<TAB>json` on stdin: two `info` lines (one per
side) and one line per benchmark run, side `attention4j` or `pytorch`. For each workload
and side it takes the median over the rounds of each run's `median_ms` and prints

    workload | attention4j | pytorch | ratio

where ratio = pytorch time / attention4j time (> 1: attention4j is faster). With --json it
prints one JSON line per workload instead.
"""

import argparse
import json
import statistics
import sys

SIDES = ("attention4j", "pytorch")
RATES = {"gflops": "GFLOPS", "tokens_per_s": "tok/s"}


def read_runs(lines):
    info, runs, order = {}, {}, []
    for line in lines:
        if not line.strip():
            continue
        label, side, payload = line.rstrip("\n").split("\t", 2)
        record = json.loads(payload)
        if label == "info":
            info[side] = record
            continue
        if label not in runs:
            runs[label] = {s: [] for s in SIDES}
            order.append(label)
        if not record.get("error"):
            runs[label][side].append(record)
    return info, runs, order


def summarise(records):
    """Median over rounds of the median time, and of the workload's rate (if it has one)."""
    if not records:
        return None
    ms = statistics.median(r["median_ms"] for r in records)
    key = next((k for k in RATES if k in records[0]), None)
    rate = statistics.median(r[key] for r in records) if key else None
    return {"ms": ms, "rate_key": key, "rate": rate, "runs": len(records)}


def cell(s):
    if s is None:
        return "failed"
    text = f"{s['ms']:9.3f} ms"
    if s["rate_key"]:
        text += f"  {s['rate']:8.1f} {RATES[s['rate_key']]}"
    return text


def header(info, args):
    ours, theirs = info.get("attention4j", {}), info.get("pytorch", {})
    lines = [
        f"attention4j {ours.get('version', '?')}: JDK {ours.get('jdk_version', '?')}, "
        f"{ours.get('vector_lanes', '?')} float lanes (vectors "
        f"{'on' if ours.get('vector_enabled') else 'off'}), CPU {ours.get('cpu_model', '?')}, "
        f"{ours.get('logical_cores', '?')} logical cores",
        f"pytorch {theirs.get('torch', '?')}: BLAS {theirs.get('blas', '?')}"
        + (f" ({theirs['blas_detail']})" if theirs.get("blas_detail") else "")
        + f", CPU capability {theirs.get('cpu_capability') or '?'}, "
        f"python {theirs.get('python', '?')}",
        f"threads {args.threads} on both sides; rounds {args.rounds} (interleaved), each the median"
        f" of {args.repeats} runs after >= {args.warmup_s} s warm-up; table: median over rounds",
    ]
    return lines


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", required=True)
    p.add_argument("--repeats", required=True)
    p.add_argument("--warmup-s", required=True)
    p.add_argument("--rounds", required=True)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    info, runs, order = read_runs(sys.stdin)

    rows = []
    for label in order:
        ours, theirs = (summarise(runs[label][s]) for s in SIDES)
        ratio = theirs["ms"] / ours["ms"] if ours and theirs else None
        rows.append((label, ours, theirs, ratio))

    if args.json:
        for label, ours, theirs, ratio in rows:
            out = {"workload": label, "threads": int(args.threads), "rounds": int(args.rounds)}
            for side, s in zip(SIDES, (ours, theirs)):
                out[f"{side}_ms"] = round(s["ms"], 4) if s else None
                if s and s["rate_key"]:
                    out[f"{side}_{s['rate_key']}"] = round(s["rate"], 3)
            out["ratio"] = round(ratio, 3) if ratio else None
            print(json.dumps(out, separators=(",", ":")))
        return 0

    for line in header(info, args):
        print(line)
    print()
    table = [("workload", "attention4j", "pytorch", "ratio")]
    for label, ours, theirs, ratio in rows:
        table.append((label, cell(ours), cell(theirs), f"{ratio:.2f}" if ratio else "-"))
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    for i, r in enumerate(table):
        print(" | ".join(c.ljust(w) if j == 0 else c.rjust(w)
                         for j, (c, w) in enumerate(zip(r, widths))).rstrip())
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    print()
    print("ratio = pytorch time / attention4j time: > 1 means attention4j is faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
