#!/usr/bin/env python3
"""PyTorch side of bench/compare.sh: the `attn bench` workloads, timed the same way.

Same command-line shape and the same JSON fields as `attn bench <workload> --json`:
warm-up for at least --warmup-s seconds and --warmup-runs runs, then --repeats timed
runs; median/min/max in ms; the workload's rate at the median (gflops, ...); gc_ms and
gc_count count Python's cyclic collector during the timed runs (PyTorch frees tensors
by reference counting, so these are usually 0).

    bench_torch.py gemm --size 1024 --threads 2 --json
    bench_torch.py attention --seq 2048 --causal --backward --json
    bench_torch.py train-step --threads 2 --json   # Transformer training step
    bench_torch.py decode --threads 2 --json       # greedy decoding without a KV cache
    bench_torch.py info --json     # torch version, BLAS and CPU capability

Adding a workload: write `def workload_x(args) -> (params, rates, body)` and register
it in WORKLOADS with its extra arguments.
"""

import argparse
import gc
import json
import math
import platform
import re
import statistics
import sys
import time
import warnings

import torch

IMPL = "pytorch"
UNITS = {"gflops": "GFLOPS", "tokens_per_s": "tokens/s"}


# ---------------------------------------------------------------- harness


class GcTimer:
    """Counts Python's cyclic garbage collections and their time while enabled."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self._start = None

    def __call__(self, phase, _info):
        if phase == "start":
            self._start = time.perf_counter()
        elif self._start is not None:
            self.seconds += time.perf_counter() - self._start
            self.count += 1
            self._start = None


def measure(body, repeats, warmup_s, warmup_runs):
    """Warms `body` up, then times `repeats` runs; returns the times (ms) and GC activity."""
    start = time.perf_counter()
    warm = 0
    while warm < warmup_runs or time.perf_counter() - start < warmup_s:
        body()
        warm += 1
    timer = GcTimer()
    gc.callbacks.append(timer)
    try:
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            body()
            times.append((time.perf_counter() - t0) * 1e3)
    finally:
        gc.callbacks.remove(timer)
    return times, warm, timer


def result(workload, params, rates, args, times, warm, timer):
    """The JSON record, with the field names and order of attention4j's BenchResult."""
    median = statistics.median(times)
    out = {"workload": workload, "impl": IMPL}
    out.update(params)
    out.update({
        "threads": torch.get_num_threads(),
        "repeats": args.repeats,
        "warmup": warm,
        "warmup_s": args.warmup_s,
        "median_ms": round(median, 4),
        "min_ms": round(min(times), 4),
        "max_ms": round(max(times), 4),
    })
    for key, amount in rates.items():
        out[key] = round(amount / (max(median, 1e-6) / 1e3), 3)
    out["gc_ms"] = round(timer.seconds * 1e3, 3)
    out["gc_count"] = timer.count
    return out


def print_table(r, rate_keys):
    params = " ".join(f"{k}={v}" for k, v in r.items()
                      if k not in ("workload", "impl", "threads", "repeats", "warmup",
                                   "warmup_s", "median_ms", "min_ms", "max_ms",
                                   "gc_ms", "gc_count") and k not in rate_keys)
    print(f"bench {r['workload']} (pytorch {torch.__version__}): {params}")
    print(f"threads {r['threads']}, {r['repeats']} timed runs after {r['warmup']} warm-up runs"
          f" (>= {r['warmup_s']:.1f} s)")
    for label in ("median", "min", "max"):
        ms = r[f"{label}_ms"]
        line = f"  {label:<9} {ms:12.3f} ms"
        if label == "median":
            line += "".join(f"  {r[k]:10.2f} {UNITS.get(k, k)}" for k in rate_keys)
        print(line)


# ---------------------------------------------------------------- workloads


def uniform(shape, gen):
    """Floats uniform in [-1, 1), like the Java side's RandomData (not the same numbers)."""
    return torch.rand(*shape, generator=gen) * 2 - 1


def workload_gemm(args):
    """C = op(A) @ op(B) in float32, the same shapes and layouts as `attn bench gemm`."""
    m = args.m or args.size
    n = args.n or args.size
    k = args.k or args.size
    for name, v in (("--size", args.size), ("--m", m), ("--n", n), ("--k", k)):
        if v < 1:
            usage_error(f"{name} must be >= 1, got {v}")
    gen = torch.Generator().manual_seed(1)
    a = uniform((k, m) if args.trans_a else (m, k), gen)  # op(A) is (m, k)
    b = uniform((n, k) if args.trans_b else (k, n), gen)  # op(B) is (k, n)
    op_a = a.t() if args.trans_a else a  # (m, k), a strided view when transposed
    op_b = b.t() if args.trans_b else b  # (k, n)
    c = torch.empty(m, n)
    params = {"size": args.size, "m": m, "n": n, "k": k,
              "trans_a": args.trans_a, "trans_b": args.trans_b}
    rates = {"gflops": 2.0 * m * n * k / 1e9}
    return params, rates, lambda: torch.mm(op_a, op_b, out=c)


def gemm_args(p):
    p.add_argument("--size", type=int, default=1024)
    p.add_argument("--m", type=int)
    p.add_argument("--n", type=int)
    p.add_argument("--k", type=int)
    p.add_argument("--trans-a", action="store_true")
    p.add_argument("--trans-b", action="store_true")


def workload_attention(args):
    """`attn bench attention`: F.scaled_dot_product_attention on (B, H, L, D) inputs, or with
    --projections a whole nn.MultiheadAttention of width H*D (batch_first, self-attention);
    --weights returns every head's weights (bare attention then runs the explicit
    softmax(q k^T / sqrt(D)) v, since SDPA returns no weights; the layer runs with
    need_weights=True, average_attn_weights=False); --backward adds the backward pass of
    sum(context * g) for a fixed g (the weights are not part of the loss)."""
    b, h, d, length = args.batch, args.heads, args.dim, args.seq
    for name, v in (("--batch", b), ("--heads", h), ("--dim", d), ("--seq", length)):
        if v < 1:
            usage_error(f"{name} must be >= 1, got {v}")
    gen = torch.Generator().manual_seed(1)
    params = {"batch": b, "heads": h, "dim": d, "seq": length, "causal": args.causal,
              "backward": args.backward, "weights": args.weights, "projections": args.projections}
    rates = {"tokens_per_s": float(b * length)}
    masked = torch.triu(torch.ones(length, length, dtype=torch.bool), 1)  # True = may NOT attend
    grad_on = args.backward

    if args.projections:
        e = h * d
        torch.manual_seed(5)
        mha = torch.nn.MultiheadAttention(e, h, batch_first=True)
        x = uniform((b, length, e), gen).requires_grad_(grad_on)
        g = uniform((b, length, e), gen)
        mask = masked if args.causal else None

        def body():
            with torch.set_grad_enabled(grad_on):
                out, _ = mha(x, x, x, need_weights=args.weights, average_attn_weights=False,
                             attn_mask=mask, is_causal=args.causal)
                if grad_on:
                    out.backward(g)
                    mha.zero_grad(set_to_none=True)
                    x.grad = None
        return params, rates, body

    q, k, v = (uniform((b, h, length, d), gen).requires_grad_(grad_on) for _ in range(3))
    g = uniform((b, h, length, d), gen)
    scale = 1.0 / d ** 0.5

    def attend():
        if not args.weights:
            return torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=args.causal)
        s = (q @ k.transpose(-2, -1)) * scale  # (B, H, L, D) @ (B, H, D, L) -> (B, H, L, L)
        if args.causal:
            s = s.masked_fill(masked, float("-inf"))
        w = s.softmax(-1)
        return w @ v

    def body():
        with torch.set_grad_enabled(grad_on):
            out = attend()
            if grad_on:
                out.backward(g)
                q.grad = k.grad = v.grad = None
    return params, rates, body


def attention_args(p):
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--seq", type=int, default=1024)
    p.add_argument("--causal", action="store_true")
    p.add_argument("--backward", action="store_true")
    p.add_argument("--weights", action="store_true")
    p.add_argument("--projections", action="store_true")


# The Transformer of `attn bench train-step` and `attn bench decode`: ids 0 = padding, 1 = BOS,
# real tokens from 3 up (2 = EOS is never used: both sides decode a fixed number of tokens).
PAD, BOS, FIRST_TOKEN = 0, 1, 3


class Seq2SeqTransformer(torch.nn.Module):
    """nn.Transformer (post-norm, batch_first, ReLU) with what attention4j's Transformer adds
    around it: source and target embeddings scaled by sqrt(d_model) plus sinusoidal positions,
    dropout on their sum, and an output projection without bias. (nn.Transformer also puts a
    final LayerNorm after each stack, which attention4j's post-norm model does not have: two
    LayerNorms over (B*T, d_model) more work on this side.)"""

    def __init__(self, a, max_len):
        super().__init__()
        d = a.d_model
        self.d = d
        self.src_emb = torch.nn.Embedding(a.vocab, d, padding_idx=PAD)
        self.tgt_emb = torch.nn.Embedding(a.vocab, d, padding_idx=PAD)
        pos = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
        div = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
        pe = torch.zeros(max_len, d)
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("pe", pe)
        self.dropout = torch.nn.Dropout(a.dropout)
        self.transformer = torch.nn.Transformer(
            d_model=d, nhead=a.heads, num_encoder_layers=a.layers, num_decoder_layers=a.layers,
            dim_feedforward=a.ff_dim, dropout=a.dropout, batch_first=True)
        self.proj = torch.nn.Linear(d, a.vocab, bias=False)

    def embed(self, table, ids):
        return self.dropout(table(ids) * math.sqrt(self.d) + self.pe[: ids.shape[1]])

    def forward(self, src, tgt):
        """Teacher forcing: logits (B, T, V), with the masks attention4j builds (source padding
        for encoder self- and cross-attention; causal and target padding for decoder self)."""
        src_pad, tgt_pad = src == PAD, tgt == PAD
        causal = causal_mask(tgt.shape[1])
        y = self.transformer(self.embed(self.src_emb, src), self.embed(self.tgt_emb, tgt),
                             tgt_mask=causal, src_key_padding_mask=src_pad,
                             tgt_key_padding_mask=tgt_pad, memory_key_padding_mask=src_pad,
                             tgt_is_causal=True)
        return self.proj(y)


def causal_mask(length):
    """(T, T) bool, True = may NOT attend (the type of the key padding masks, so that PyTorch
    does not convert between mask types)."""
    return torch.triu(torch.ones(length, length, dtype=torch.bool), 1)


def transformer_params(a):
    for name, v in (("--d-model", a.d_model), ("--heads", a.heads), ("--layers", a.layers),
                    ("--ff-dim", a.ff_dim), ("--source-len", a.source_len), ("--batch", a.batch)):
        if v < 1:
            usage_error(f"{name} must be >= 1, got {v}")
    if a.vocab < FIRST_TOKEN + 1:
        usage_error(f"--vocab must be >= {FIRST_TOKEN + 1}, got {a.vocab}")
    if not 0 <= a.dropout < 1:
        usage_error(f"--dropout must be in [0, 1), got {a.dropout}")
    if a.d_model % a.heads:
        usage_error(f"--heads ({a.heads}) must divide --d-model ({a.d_model})")
    return {"d_model": a.d_model, "heads": a.heads, "layers": a.layers, "ff_dim": a.ff_dim,
            "vocab": a.vocab, "dropout": a.dropout, "source_len": a.source_len}


def tokens(rows, length, vocab, gen):
    return torch.randint(FIRST_TOKEN, vocab, (rows, length), generator=gen)


def workload_train_step(args):
    """`attn bench train-step`: zero_grad, teacher-forced forward, CrossEntropyLoss(ignore_index
    = padding) over the target tokens, backward, Adam step; training mode (dropout on)."""
    if args.target_len < 1:
        usage_error(f"--target-len must be >= 1, got {args.target_len}")
    params = {"batch": args.batch, "target_len": args.target_len}
    params.update(transformer_params(args))
    torch.manual_seed(1)
    model = Seq2SeqTransformer(args, max(args.source_len, args.target_len)).train()
    adam = torch.optim.Adam(model.parameters(), lr=1e-4)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=PAD)
    gen = torch.Generator().manual_seed(2)
    src = tokens(args.batch, args.source_len, args.vocab, gen)
    out = tokens(args.batch, args.target_len, args.vocab, gen)
    inp = torch.cat([torch.full((args.batch, 1), BOS), out[:, :-1]], dim=1)  # BOS + shifted

    def body():
        with torch.enable_grad():
            adam.zero_grad(set_to_none=True)
            logits = model(src, inp)                                         # (B, T, V)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), out.reshape(-1))
            if not math.isfinite(loss.item()):
                raise RuntimeError(f"train-step: loss is {loss.item()}")
            loss.backward()
            adam.step()
    return params, {"tokens_per_s": float(args.batch * args.target_len)}, body


def workload_decode(args):
    """`attn bench decode`: the usual nn.Transformer greedy loop, WITHOUT a key-value cache:
    encode once, then each step re-runs the decoder over the whole prefix and takes the argmax
    of the last position; --new-tokens steps, eval mode, no grad."""
    if args.new_tokens < 1:
        usage_error(f"--new-tokens must be >= 1, got {args.new_tokens}")
    params = {"batch": args.batch, "new_tokens": args.new_tokens}
    params.update(transformer_params(args))
    # eval() lets the encoder take PyTorch's inference fast path (nested tensors), which warns
    # that nested tensors are a prototype.
    warnings.filterwarnings("ignore", message=".*nested tensors.*")
    torch.manual_seed(1)
    model = Seq2SeqTransformer(args, max(args.source_len, args.new_tokens + 1)).eval()
    t = model.transformer
    src = tokens(args.batch, args.source_len, args.vocab, torch.Generator().manual_seed(2))

    def body():
        with torch.no_grad():
            src_pad = src == PAD
            memory = t.encoder(model.embed(model.src_emb, src), src_key_padding_mask=src_pad)
            ys = torch.full((args.batch, 1), BOS, dtype=torch.long)
            for _ in range(args.new_tokens):
                causal = causal_mask(ys.shape[1])
                y = t.decoder(model.embed(model.tgt_emb, ys), memory, tgt_mask=causal,
                              memory_key_padding_mask=src_pad, tgt_is_causal=True)
                next_id = model.proj(y[:, -1]).argmax(-1, keepdim=True)      # (B, 1)
                ys = torch.cat([ys, next_id], dim=1)
    return params, {"tokens_per_s": float(args.batch * args.new_tokens)}, body


def transformer_args(p, batch):
    p.add_argument("--batch", type=int, default=batch)
    p.add_argument("--d-model", type=int, default=256)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--ff-dim", type=int, default=1024)
    p.add_argument("--vocab", type=int, default=8000)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--source-len", type=int, default=32)


def train_step_args(p):
    transformer_args(p, 32)
    p.add_argument("--target-len", type=int, default=32)


def decode_args(p):
    transformer_args(p, 1)
    p.add_argument("--new-tokens", type=int, default=64)



# name -> (add its arguments, build (params, rates, body))
WORKLOADS = {
    "gemm": (gemm_args, workload_gemm),
    "attention": (attention_args, workload_attention),
    "train-step": (train_step_args, workload_train_step),
    "decode": (decode_args, workload_decode),
}


# ---------------------------------------------------------------- info and CLI


def torch_info():
    """The torch build the numbers come from: version, BLAS, CPU capability."""
    cfg = torch.__config__.show()
    found = re.search(r"BLAS_INFO=([^,\s]+)", cfg)
    blas = found.group(1) if found else next(
        (b for b in ("mkl", "openblas", "blis", "accelerate") if b in cfg.lower()), "unknown")
    mkl = re.search(r"Math Kernel Library Version ([0-9.]+)", cfg)
    detail = f"MKL {mkl.group(1)}" if mkl else next(
        (line.strip(" -") for line in cfg.splitlines() if "OpenBLAS" in line), "")
    try:
        capability = torch.backends.cpu.get_cpu_capability()
    except AttributeError:  # torch < 2.1
        capability = None
    return {"impl": IMPL, "torch": torch.__version__, "blas": blas, "blas_detail": detail,
            "cpu_capability": capability, "mkldnn": bool(torch.backends.mkldnn.is_available()),
            "python": platform.python_version(), "torch_file": torch.__file__,
            "threads": torch.get_num_threads()}


def usage_error(message):
    print(f"bench_torch.py: {message}", file=sys.stderr)
    sys.exit(2)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="workload", required=True)
    info = sub.add_parser("info", help="torch version, BLAS, CPU capability")
    info.add_argument("--json", action="store_true")
    for name, (add_args, _) in WORKLOADS.items():
        p = sub.add_parser(name)
        add_args(p)
        p.add_argument("--threads", type=int, default=None)
        p.add_argument("--repeats", type=int, default=10)
        p.add_argument("--warmup-s", type=float, default=3.0)
        p.add_argument("--warmup-runs", type=int, default=3)
        p.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    if args.workload == "info":
        i = torch_info()
        print(json.dumps(i) if args.json else "\n".join(f"{k:<15} {v}" for k, v in i.items()))
        return 0
    if args.threads is not None:
        if args.threads < 1:
            usage_error(f"--threads must be >= 1, got {args.threads}")
        torch.set_num_threads(args.threads)
    if args.repeats < 1:
        usage_error(f"--repeats must be >= 1, got {args.repeats}")
    if args.warmup_s < 0 or args.warmup_runs < 0:
        usage_error("--warmup-s and --warmup-runs must be >= 0")

    params, rates, body = WORKLOADS[args.workload][1](args)
    with torch.no_grad():
        times, warm, timer = measure(body, args.repeats, args.warmup_s, args.warmup_runs)
    r = result(args.workload, params, rates, args, times, warm, timer)
    if args.json:
        print(json.dumps(r, separators=(",", ":")))
    else:
        print_table(r, list(rates))
    return 0


if __name__ == "__main__":
    sys.exit(main())
