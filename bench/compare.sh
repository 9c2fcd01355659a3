#!/usr/bin/env bash
# bench/compare.sh: attention4j and PyTorch side by side on the same workloads, on this
# machine, with the same thread count, in one run.
#
# Each workload row runs `attn bench <args> --json` and `bench/reference/bench_torch.py
# <args> --json` (same arguments, same JSON fields), interleaved round by round: ours,
# theirs, ours, theirs, ... Every run reports the median of --repeats timed runs after a
# warm-up (default 10 s: the JIT compiles the largest vector kernels only after a few seconds
# of running on 2 cores; with 3 s, fused attention at L = 1024 timed 95 ms instead of its
# steady 75 ms); the table shows, per side, the median of those medians over the rounds, and
#   ratio = pytorch median time / attention4j median time   (> 1: attention4j is faster).
# Then the MEMORY_WORKLOADS rows run once on the attention4j side only and print peak_mb (bytes
# allocated by one run plus the kernels' per-thread workspaces; see `attn bench attention --help`).
#
# Reference PyTorch: $ATTN_REFERENCE_PYTHON if set, else .venv-reference (built by
# scripts/reference/venv.sh: the torch 2.x CPU wheel from disk), else Debian's python3-torch
# with a warning (it links the reference BLAS unless OpenBLAS is installed: ~30x slower).
# ATTN_LAUNCHER overrides the attention4j launcher (default: ./attn).
#
# Usage: bench/compare.sh [--threads T] [--repeats R] [--warmup-s S] [--rounds N]
#                         [--only REGEX] [--json]
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)

# ---------------------------------------------------------------- workloads
# One row per workload: "<label>|<arguments given to both `attn bench` and bench_torch.py>".
# Add a comparison by adding a line (the workload must exist on both sides).
WORKLOADS=(
  "gemm 512|gemm --size 512"
  "gemm 1024|gemm --size 1024"
  "gemm 2048|gemm --size 2048"
  # Fused causal attention, forward + backward, against F.scaled_dot_product_attention(is_causal=True).
  "attention causal fwd+bwd B4 H8 D64 L1024|attention --batch 4 --heads 8 --dim 64 --seq 1024 --causal --backward"
  "attention causal fwd+bwd B4 H8 D64 L2048|attention --batch 4 --heads 8 --dim 64 --seq 2048 --causal --backward"
  "attention causal fwd+bwd B4 H8 D64 L4096|attention --batch 4 --heads 8 --dim 64 --seq 4096 --causal --backward"
  # A whole multi-head layer (E = 512, 8 heads) returning every head's weights, against
  # nn.MultiheadAttention(need_weights=True, average_attn_weights=False).
  "MHA E512 H8 +weights causal fwd+bwd B4 L2048|attention --batch 4 --heads 8 --dim 64 --seq 2048 --causal --backward --projections --weights"
  # Transformer 3+3 layers, d_model 256, 4 heads, ff 1024, vocab 8000: one Adam training step on
  # a batch of 32 x 32 source / 32 target tokens (dropout 0.1), against nn.Transformer.
  "transformer train step B32 32/32 tokens|train-step"
  # Greedy decoding of 64 tokens at batch 1: ours with the KV cache, PyTorch's nn.Transformer
  # loop re-running the decoder over the prefix (it has no cache).
  "transformer greedy decode B1 64 tokens|decode"
)

# Rows measured on the attention4j side only, for their peak_mb (extra memory of one run:
# allocations plus kernel workspaces): fused causal attention, forward + backward. It should grow
# linearly with L.
MEMORY_WORKLOADS=(
  "attention causal fwd+bwd B4 H8 D64 L1024|attention --batch 4 --heads 8 --dim 64 --seq 1024 --causal --backward"
  "attention causal fwd+bwd B4 H8 D64 L2048|attention --batch 4 --heads 8 --dim 64 --seq 2048 --causal --backward"
  "attention causal fwd+bwd B4 H8 D64 L4096|attention --batch 4 --heads 8 --dim 64 --seq 4096 --causal --backward"
  "attention causal fwd+bwd B4 H8 D64 L8192|attention --batch 4 --heads 8 --dim 64 --seq 8192 --causal --backward"
)

threads=2
repeats=7
warmup_s=10
rounds=3
only=""
json=0

die() { echo "compare.sh: $*" >&2; exit 1; }
warn() { echo "compare.sh: warning: $*" >&2; }
usage() { sed -n '2,19s/^# \{0,1\}//p' "$0"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=${2:?--threads needs a value}; shift 2 ;;
    --repeats) repeats=${2:?--repeats needs a value}; shift 2 ;;
    --warmup-s) warmup_s=${2:?--warmup-s needs a value}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
    --only) only=${2:?--only needs a regular expression}; shift 2 ;;
    --json) json=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for v in threads repeats rounds; do
  if ! [[ ${!v} =~ ^[1-9][0-9]*$ ]]; then
    echo "compare.sh: --$v must be an integer >= 1, got '${!v}'" >&2
    exit 2
  fi
done

# ---------------------------------------------------------------- reference python
has_torch() { [ -x "$1" ] && "$1" -c 'import torch' >/dev/null 2>&1; }

find_reference_python() {
  local venv_py="$root/.venv-reference/bin/python"
  if [ -n "${ATTN_REFERENCE_PYTHON:-}" ]; then
    has_torch "$ATTN_REFERENCE_PYTHON" ||
      die "ATTN_REFERENCE_PYTHON=$ATTN_REFERENCE_PYTHON cannot import torch"
    echo "$ATTN_REFERENCE_PYTHON"; return
  fi
  if has_torch "$venv_py"; then echo "$venv_py"; return; fi
  if [ -x "$root/scripts/reference/venv.sh" ]; then
    echo "compare.sh: building .venv-reference with scripts/reference/venv.sh" >&2
    "$root/scripts/reference/venv.sh" >&2 || warn "scripts/reference/venv.sh failed"
    if has_torch "$venv_py"; then echo "$venv_py"; return; fi
  fi
  if has_torch /usr/bin/python3; then
    warn "no .venv-reference; using Debian's python3-torch. It links the reference BLAS" \
         "unless OpenBLAS is installed (apt-get install libopenblas0-pthread): ~30x slower" \
         "GEMM, so the ratios below flatter attention4j"
    echo /usr/bin/python3; return
  fi
  die "no PyTorch found: run scripts/reference/venv.sh (torch 2.x CPU wheel from disk)" \
      "or apt-get install python3-torch"
}

py=$(find_reference_python)
torch_bench=("$py" "$here/reference/bench_torch.py")
attn=("${ATTN_LAUNCHER:-$root/attn}")

# ---------------------------------------------------------------- runs
results=$(mktemp "${TMPDIR:-/tmp}/attn-compare.XXXXXX")
trap 'rm -f "$results"' EXIT

# Builds the jar now if sources changed, so that no timed run pays for it.
"${attn[@]}" --version >/dev/null || die "./attn does not run; see the messages above"
printf 'info\tattention4j\t%s\n' "$("${attn[@]}" info --json)" >>"$results"
torch_info=$("${torch_bench[@]}" info --json) || die "$py cannot run bench_torch.py info"
printf 'info\tpytorch\t%s\n' "$torch_info" >>"$results"
# A torch 1.x (Debian's python3-torch) or one without an optimised BLAS makes a slow reference.
if ! "$py" -c 'import json, sys
i = json.loads(sys.argv[1])
fast = i["blas"].lower() in ("mkl", "openblas", "blis", "accelerate")
sys.exit(0 if fast and not i["torch"].startswith("1.") else 1)' "$torch_info"; then
  warn "reference torch ($torch_info) may use the reference BLAS: Debian's python3-torch" \
       "does unless OpenBLAS is installed (~30x slower GEMM); run scripts/reference/venv.sh"
fi

rows=()
for row in "${WORKLOADS[@]}"; do
  label=${row%%|*}
  if [ -z "$only" ] || [[ $label =~ $only ]]; then rows+=("$row"); fi
done
memory_rows=()
for row in "${MEMORY_WORKLOADS[@]}"; do
  label=${row%%|*}
  if [ -z "$only" ] || [[ $label =~ $only ]]; then memory_rows+=("$row"); fi
done
[ $((${#rows[@]} + ${#memory_rows[@]})) -gt 0 ] || die "no workload matches --only '$only'"

common=(--threads "$threads" --repeats "$repeats" --warmup-s "$warmup_s" --json)
# run_side LABEL SIDE COMMAND...: one benchmark run; its JSON line (or an error) into $results.
run_side() {
  local label=$1 side=$2 out
  shift 2
  if out=$("$@" | tail -n 1) && [ -n "$out" ]; then
    printf '%s\t%s\t%s\n' "$label" "$side" "$out" >>"$results"
  else
    warn "$side failed on '$label': $*"
    printf '%s\t%s\t{"error":true}\n' "$label" "$side" >>"$results"
  fi
}

for ((r = 1; r <= rounds; r++)); do
  for row in "${rows[@]}"; do
    label=${row%%|*}
    read -r -a args <<<"${row#*|}"
    echo "compare.sh: round $r/$rounds: $label" >&2
    run_side "$label" attention4j "${attn[@]}" bench "${args[@]}" "${common[@]}"
    run_side "$label" pytorch "${torch_bench[@]}" "${args[@]}" "${common[@]}"
  done
done

report_args=(--threads "$threads" --repeats "$repeats" --warmup-s "$warmup_s" --rounds "$rounds")
[ "$json" = 1 ] && report_args+=(--json)
if [ ${#rows[@]} -gt 0 ]; then
  "$py" "$here/reference/compare_report.py" "${report_args[@]}" <"$results"
fi

# ---------------------------------------------------------------- memory (attention4j only)
memory=$(mktemp "${TMPDIR:-/tmp}/attn-memory.XXXXXX")
trap 'rm -f "$results" "$memory"' EXIT
for row in "${memory_rows[@]}"; do
  label=${row%%|*}
  read -r -a args <<<"${row#*|}"
  echo "compare.sh: memory: $label" >&2
  results=$memory run_side "$label" attention4j "${attn[@]}" bench "${args[@]}" --threads "$threads" \
    --repeats 1 --warmup-s 0 --warmup-runs 1 --json
done
if [ ${#memory_rows[@]} -gt 0 ]; then
  "$py" - "$json" "$memory" <<'PY'
import json, sys
as_json, path = sys.argv[1] == "1", sys.argv[2]
rows = []
for line in open(path):
    label, side, payload = line.rstrip("\n").split("\t", 2)
    r = json.loads(payload)
    if side != "attention4j" or "peak_mb" not in r:
        continue
    rows.append((label, r["peak_mb"], r["median_ms"]))
if not rows:
    sys.exit(0)
if as_json:
    for label, mb, ms in rows:
        print(json.dumps({"workload": label, "attention4j_peak_mb": mb, "attention4j_ms": ms},
                         separators=(",", ":")))
else:
    print()
    print("peak_mb (attention4j, one run): bytes allocated by the run + kernel workspaces")
    width = max(len(r[0]) for r in rows)
    for label, mb, ms in rows:
        print(f"{label.ljust(width)} | {mb:9.1f} MB | {ms:10.1f} ms")
PY
fi
