"""Group `ops`: embedding, index_select, gather, concat, stack, split, chunk."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from fx_common import Case, ints, randn

G = "ops"


def _ids(shape, vocab, pad_at=(), repeat_at=()):
    """Random ids in [1, vocab), with 0 placed at `pad_at` and one id repeated
    at every position in `repeat_at`."""
    ids = ints(*shape, lo=1, hi=vocab)
    for p in repeat_at:
        ids[p] = 4
    for p in pad_at:
        ids[p] = 0
    return ids


def _embedding_cases() -> list[Case]:
    def fn(i, pad):
        return F.embedding(i["ids"], i["weight"], padding_idx=None if pad < 0 else pad)

    cases = []
    for name, vocab, dim, shape, pad in (("embedding_pad0", 11, 7, (3, 5), 0),
                                         ("embedding_nopad", 11, 7, (3, 5), -1),
                                         ("embedding_wide_pad0", 13, 37, (2, 4), 0)):
        make = lambda v=vocab, d=dim, s=shape: {
            "weight": randn(v, d),
            "ids": _ids(s, v, pad_at=[(0, 1), (s[0] - 1, s[1] - 1)],
                        repeat_at=[(0, 0), (1, 2), (s[0] - 1, 0)])}
        cases.append(Case(G, name, "embedding", make,
                          lambda i, p=pad: fn(i, p), {"padding_idx": pad}))
    return cases


def _select_gather_cases() -> list[Case]:
    cases = [
        Case(G, "index_select_d0", "index_select",
             lambda: {"x": randn(5, 7), "index": torch.tensor([4, 0, 2, 2, 1, 4])},
             lambda i: torch.index_select(i["x"], 0, i["index"]), {"dim": 0}),
        Case(G, "index_select_d1", "index_select",
             lambda: {"x": randn(3, 37), "index": torch.tensor([36, 0, 5, 5, 17, 16, 36, 2, 33])},
             lambda i: torch.index_select(i["x"], 1, i["index"]), {"dim": 1}),
    ]
    for name, xs, dim, idx_shape in (("gather_d1", (3, 4, 7), 1, (3, 2, 7)),
                                     ("gather_d0", (3, 4, 7), 0, (2, 4, 7)),
                                     ("gather_d2_wide", (2, 3, 37), 2, (2, 3, 33))):
        cases.append(Case(
            G, name, "gather",
            lambda xs=xs, d=dim, s=idx_shape: {"x": randn(*xs), "index": ints(*s, lo=0, hi=xs[d])},
            lambda i, d=dim: torch.gather(i["x"], d, i["index"]), {"dim": dim}))
    return cases


def _parts(shapes):
    return lambda: {f"p{k}": randn(*s) for k, s in enumerate(shapes)}


def _part_list(i):
    return [i[f"p{k}"] for k in range(len(i))]


def _concat_stack_cases() -> list[Case]:
    cases = []
    for name, shapes, dim in (("concat_d0", [(2, 7), (3, 7), (1, 7)], 0),
                              ("concat_d1", [(3, 2), (3, 5), (3, 37)], 1),
                              ("concat_dlast_3d", [(2, 3, 4), (2, 3, 1), (2, 3, 19)], -1)):
        cases.append(Case(G, name, "concat", _parts(shapes),
                          lambda i, d=dim: torch.cat(_part_list(i), dim=d), {"dim": dim}))
    for name, shape, dim in (("stack_d0", (3, 7), 0), ("stack_dlast", (2, 37), -1)):
        cases.append(Case(G, name, "stack", _parts([shape] * 3),
                          lambda i, d=dim: torch.stack(_part_list(i), dim=d), {"dim": dim}))
    return cases


def _split_chunk_cases() -> list[Case]:
    cases = []
    for name, shape, size, dim in (("split_d0", (8, 19), 3, 0),
                                   ("split_dlast", (3, 37), 16, -1)):
        cases.append(Case(
            G, name, "split", lambda s=shape: {"x": randn(*s)},
            lambda i, n=size, d=dim: {str(k): t for k, t in enumerate(torch.split(i["x"], n, dim=d))},
            {"size": size, "dim": dim}))
    # chunk size is ceil(len / chunks); it may yield FEWER than `chunks` pieces:
    # chunk(6 columns, 4) gives 3 pieces of 2.
    for name, shape, chunks, dim in (("chunk_d0", (7, 5), 3, 0),
                                     ("chunk_d1_fewer", (3, 6), 4, 1),
                                     ("chunk_dlast", (2, 37), 3, -1)):
        cases.append(Case(
            G, name, "chunk", lambda s=shape: {"x": randn(*s)},
            lambda i, c=chunks, d=dim: {str(k): t for k, t in enumerate(torch.chunk(i["x"], c, dim=d))},
            {"chunks": chunks, "dim": dim}))
    return cases


def cases() -> list[Case]:
    return (_embedding_cases() + _select_gather_cases()
            + _concat_stack_cases() + _split_chunk_cases())
