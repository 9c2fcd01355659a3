"""sacreBLEU fixtures for org.attention4j.eval (BLEU, chrF, tokenizers, buckets, SQuAD).

Writes models/src/test/resources/eval/sacrebleu.json: committed test sentences (English
and Spanish verses of the bundled Bible's test books, deterministically perturbed into
"hypotheses"; Chinese sentences written for this file; hand-made edge cases) together with
what sacreBLEU 2.x computes on them. The Java test SacrebleuFixtureTest reads the file and
never runs Python.

    .venv-reference/bin/python scripts/reference/fx_text_eval.py          # regenerate
    .venv-reference/bin/python scripts/reference/fx_text_eval.py --check  # compare only

The output is deterministic (no clock, seeded perturbations, keys in a fixed order).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import logging
import random
import re
import string
import sys
from pathlib import Path

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a
from sacrebleu.tokenizers.tokenizer_zh import TokenizerZh

ROOT = Path(__file__).resolve().parents[2]
BIBLE = ROOT / "models/src/main/resources/org/attention4j/data/bible/kjv-rv1909.tsv.gz"
OUT = ROOT / "models/src/test/resources/eval/sacrebleu.json"

logging.getLogger("sacrebleu").setLevel(logging.ERROR)

# Written for this fixture (not taken from any catalog or translation).
ZH = [
    "今天天气很好，我们去公园散步吧。", "这个程序无法打开文件“%s”。", "请输入您的用户名和密码。",
    "他昨天买了三本书和两支笔。", "机器翻译的质量在过去十年里提高了很多。",
    "注意力机制让模型能够关注输入的不同部分。", "我不知道他为什么没有来参加会议。",
    "这条河从山上流下来，经过一个小村庄。", "错误：磁盘空间不足，无法保存文件。",
    "你可以在设置菜单中更改语言。", "北京是中国的首都，人口超过两千万。",
    "她每天早上六点起床，然后去跑步。", "数据已成功导入，共处理了1,024条记录。",
    "如果问题仍然存在，请联系系统管理员。", "我们需要更多的时间来完成这个项目。",
    "这本书讲述了一个关于友谊的故事。", "文件已被删除，无法恢复。", "学生们在图书馆里安静地学习。",
    "春天来了，花园里的花都开了。", "请在下载完成后重新启动计算机。", "版本 2.5.1 修复了若干安全漏洞。",
    "他说：“明天见！”然后就走了。", "这个函数返回一个整数值。", "会议将于下午三点在二楼会议室举行。",
    "无效的参数：%d 不在允许的范围内。", "孩子们在操场上踢足球。", "我们的目标是让每个人都能使用这个工具。",
    "连接服务器失败，请检查网络设置。", "山很高，水很深，路很长。", "老师耐心地回答了每一个问题。",
    "使用 git commit 命令提交更改。", "该操作需要管理员权限。", "这家餐厅的饭菜又便宜又好吃。",
    "火车晚点了四十分钟。", "请不要在这里吸烟。", "内存不足（需要 512 MB，可用 256 MB）。",
    "他们在海边度过了一个愉快的周末。", "翻译模型的输出与参考译文进行比较。", "所有更改都已保存。",
    "你确定要退出吗？",
]
ZH_PARAPHRASES = {
    0: "今天天气不错，我们去公园走走吧。", 2: "请输入用户名和密码。",
    8: "错误：磁盘空间不够，不能保存文件。", 21: "他说“明天见”，然后离开了。",
    35: "内存不够（需要512MB，可用256MB）。", 39: "确定要退出吗?",
}

# (hypothesis, reference) pairs that exercise the tokenizers and the BLEU edge cases.
EDGE = [
    ("", "The cat sat on the mat."),
    ("The cat sat on the mat on the mat on the mat today.", "The cat sat on the mat."),
    ("Hello, world!!! (Really?) -- yes; no: maybe...", "Hello, world! (Really?) - yes; no: maybe."),
    ("It costs $1,000.50 or 1.000,50 EUR (3.5%).", "It costs $1,000.50, or 1.000,50 EUR (3.5 %)."),
    ("Pages 10-20 and 2019-2020.", "Pages 10 - 20 and 2019-2020."),
    ("AT&amp;T &quot;quoted&quot; &lt;tag&gt; &amp;amp;", "AT&T \"quoted\" <tag> &amp;"),
    ("word <skipped> word", "word word"),
    ("line one-\nline two\nthree", "line oneline two three"),
    ("Mixed 中文 and English, ¿sí?", "Mixed 中文 and English, ¿si?"),
    ("tabs\tand\u00a0nbsp\u3000ideographic  spaces ", "tabs and nbsp ideographic spaces"),
    ("emoji 👍🏽 and 👨‍👩‍👧 family", "emoji 👍 and 👨‍👩‍👧 family"),
    ("“Curly quotes” — and dashes – here…", "\"Curly quotes\" - and dashes - here..."),
    ("x", "x"),
    ("a b c", "a b c d e f g h"),
    ("The the the the the the the.", "The cat is on the mat."),
    ("version 2.0.1, build #42/7 @ 10:30 {a|b} [c] ^d_ `e` ~f", "version 2.0.1 build # 42 / 7 @ 10:30"),
    ("don't won't can't it's", "do not will not cannot it is"),
    ("  leading and trailing spaces  ", "leading and trailing spaces"),
    ("ALL CAPS SHOUTING", "all caps shouting"),
    ("Ünïcödé àccents ñ ç", "Unicode accents n c"),
    ("numbers 3.14, 2,718 and .5 or 5.", "numbers 3.14 , 2,718 and 0.5 or 5 ."),
    ("Ελληνικά και русский текст", "Ελληνικά και русский текст!"),
    ("سلام دنیا", "سلام بر دنیا"),
    ("日本語のテキスト、カタカナ。", "日本語のテキスト。"),
    ("e\u0301 vs \u00e9", "\u00e9 vs \u00e9"),
    ("some words here", ""),
    ("", ""),
    ("a\u2028b\u0085c\x1cd\x1fe", "a b c d e"),
    ("1-2-3 go-go 4 -5 a-1", "1 - 2 - 3 go-go 4 -5 a-1"),
    ("The end. The end, the END.", "The end. The end , the end ."),
]

ZH_EDGE = [
    ("𠀀𠀁 test 𠀂", "𠀀 test 𠀂"),
    ("引号“这样”——还有…", "引号\"这样\"--还有..."),
    ("\u2000\u2001\u2a6d\u2a6e\u2f80\u2f81\u2fa1\u2fa2 ok", "\u2001 \u2a6d ok"),
    ("ＡＢＣ１２３，全角！", "ABC123,全角!"),
    ("  前后空格  ", "前后空格"),
    ("", "空的假设。"),
]

SQUAD = [
    ("Denver Broncos", ["Denver Broncos", "The Denver Broncos"]),
    ("the Denver Broncos!", ["Denver Broncos"]),
    ("Broncos", ["Denver Broncos"]),
    ("Carolina Panthers", ["Denver Broncos"]),
    ("an apple a day", ["apple day"]),
    ("The  Eiffel-Tower.", ["Eiffel Tower", "eiffeltower"]),
    ("", ["something"]),
    ("1,000 years", ["1000 years", "a thousand years"]),
    ("Ça va, théâtre", ["ca va theatre", "Ça va théâtre"]),
    ("the the the", ["the"]),
    ("Santa Clara, California", ["Santa Clara", "Levi's Stadium in Santa Clara, California"]),
    ("«the» answer", ["answer"]),
    ("A", ["a"]),
    ("Northern Ireland and the UK", ["the United Kingdom", "UK"]),
]


def load_bible_test():
    pairs = []
    with gzip.open(BIBLE, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            ref, split, src, tgt = line.rstrip("\n").split("\t")
            if split == "test":
                pairs.append((ref, src, tgt))
    return pairs


def perturb_words(text: str, k: int, pool: list[str]) -> str:
    """A deterministic 'system output' made from a reference by dropping, swapping and
    replacing words or cutting it short; every sixth one is left as it is."""
    rng = random.Random(1000003 * k + 17)
    words = text.split(" ")
    op = k % 6
    if op == 0:
        return text
    if op in (1, 5):
        words = [w for w in words if rng.random() > 0.15] or words[:1]
    if op in (2, 5):
        for i in range(0, len(words) - 1, 3):
            if rng.random() < 0.5:
                words[i], words[i + 1] = words[i + 1], words[i]
    if op == 3:
        words = [pool[int(rng.random() * len(pool))] if rng.random() < 0.2 else w for w in words]
    if op == 4:
        words = words[: max(1, int(len(words) * (0.5 + 0.3 * rng.random())))]
    if op == 5 and words:
        words[0] = words[0].lower()
    return " ".join(words)


def perturb_chars(text: str, k: int) -> str:
    if k in ZH_PARAPHRASES:
        return ZH_PARAPHRASES[k]
    rng = random.Random(7919 * k + 3)
    chars = list(text)
    op = k % 5
    if op == 0:
        return text
    if op == 1:
        del chars[int(rng.random() * len(chars))]
    if op == 2:
        i = int(rng.random() * (len(chars) - 1))
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    if op == 3:
        chars[int(rng.random() * len(chars))] = "的"
    if op == 4:
        chars = chars[: max(1, int(len(chars) * 0.7))]
    return "".join(chars)


def bleu_json(s) -> dict:
    return {"score": s.score, "counts": list(s.counts), "totals": list(s.totals),
            "precisions": list(s.precisions), "bp": s.bp, "ratio": s.ratio,
            "sys_len": s.sys_len, "ref_len": s.ref_len, "text": str(s)}


def corpus_case(name, hyps, refs, tokenize="13a", lowercase=False, smooth_method="exp",
                smooth_value=None, effective_order=False, max_order=4, chrf=True):
    """refs: reference streams (sacreBLEU layout), None = no reference for that segment."""
    bleu = BLEU(tokenize=tokenize, lowercase=lowercase, smooth_method=smooth_method,
                smooth_value=smooth_value, effective_order=effective_order,
                max_ngram_order=max_order)
    sent = BLEU(tokenize=tokenize, lowercase=lowercase, smooth_method=smooth_method,
                smooth_value=smooth_value, effective_order=True, max_ngram_order=max_order)
    case = {"name": name, "tokenize": tokenize, "lowercase": lowercase,
            "smooth_method": smooth_method, "smooth_value": smooth_value,
            "effective_order": effective_order, "max_order": max_order,
            "hyps": hyps, "refs": refs,
            "corpus_bleu": bleu_json(bleu.corpus_score(hyps, refs))}
    seg_refs = [[s[i] for s in refs if s[i] is not None] for i in range(len(hyps))]
    case["sentence_bleu"] = [sent.sentence_score(h, r).score for h, r in zip(hyps, seg_refs)]
    if chrf:
        for key, word_order in (("chrf", 0), ("chrfpp", 2)):
            m = CHRF(word_order=word_order, lowercase=lowercase)
            s = m.corpus_score(hyps, refs)
            case["corpus_" + key] = {"score": s.score, "text": str(s)}
            case["sentence_" + key] = [m.sentence_score(h, r).score for h, r in zip(hyps, seg_refs)]
    return case


# The official SQuAD v1.1 evaluation functions (evaluate-v1.1.py), restated.
def squad_normalize(s):
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def squad_f1(pred, gold):
    p, g = squad_normalize(pred).split(), squad_normalize(gold).split()
    same = sum((collections.Counter(p) & collections.Counter(g)).values())
    if same == 0:
        return 0.0
    precision, recall = same / len(p), same / len(g)
    return 2 * precision * recall / (precision + recall)


def build() -> dict:
    bible = load_bible_test()
    en = [p[1] for p in bible[:200]]
    es = [p[2] for p in bible[200:400]]
    pool_en = sorted({w for s in en for w in s.split(" ")})
    pool_es = sorted({w for s in es for w in s.split(" ")})
    en_hyp = [perturb_words(s, k, pool_en) for k, s in enumerate(en)]
    es_hyp = [perturb_words(s, k, pool_es) for k, s in enumerate(es)]
    zh_hyp = [perturb_chars(s, k) for k, s in enumerate(ZH)]

    corpora = [
        corpus_case("en_bible", en_hyp, [en]),
        corpus_case("es_bible", es_hyp, [es]),
        corpus_case("zh", zh_hyp + [h for h, _ in ZH_EDGE], [ZH + [r for _, r in ZH_EDGE]],
                    tokenize="zh"),
        corpus_case("zh_as_13a", zh_hyp, [ZH]),
        corpus_case("edge", [h for h, _ in EDGE], [[r for _, r in EDGE]]),
    ]
    # Two references; the second stream lacks a few segments.
    multi = en[:30]
    second = [perturb_words(s, k + 1, pool_en) if k % 10 != 7 else None for k, s in enumerate(multi)]
    corpora.append(corpus_case("en_multi_ref", en_hyp[:30], [multi, second]))
    sub_h, sub_r = en_hyp[:60], [en[:60]]
    # Short segments whose corpus 3- and 4-gram matches are zero, so that smoothing matters.
    short_h, short_r = [h for h, _ in EDGE[12:15]], [[r for _, r in EDGE[12:15]]]
    corpora += [
        corpus_case("opt_lowercase", sub_h, sub_r, lowercase=True),
        corpus_case("opt_smooth_none", short_h, short_r, smooth_method="none", chrf=False),
        corpus_case("opt_smooth_floor", short_h, short_r, smooth_method="floor", chrf=False),
        corpus_case("opt_smooth_floor_0.3", short_h, short_r, smooth_method="floor",
                    smooth_value=0.3, chrf=False),
        corpus_case("opt_smooth_add_k", short_h, short_r, smooth_method="add-k", chrf=False),
        corpus_case("opt_smooth_add_k_0.5", short_h, short_r, smooth_method="add-k",
                    smooth_value=0.5, chrf=False),
        corpus_case("opt_effective_order", short_h, short_r, effective_order=True, chrf=False),
        corpus_case("opt_tokenize_none", sub_h, sub_r, tokenize="none", chrf=False),
        corpus_case("opt_max_order_2", sub_h, sub_r, max_order=2, chrf=False),
    ]

    # BLEU per source-length bucket: Spanish sources (whitespace tokens), English hypotheses.
    src = [p[2] for p in bible[:200]]
    lengths = [len(s.split()) for s in src]
    bounds = [10, 20, 30, 40, 50, 60]
    buckets = []
    for b in range(len(bounds) + 1):
        lo = 0 if b == 0 else bounds[b - 1]
        hi = bounds[b] if b < len(bounds) else None
        idx = [i for i, n in enumerate(lengths) if n >= lo and (hi is None or n < hi)]
        score = sacrebleu.corpus_bleu([en_hyp[i] for i in idx], [[en[i] for i in idx]]).score if idx else None
        buckets.append({"label": f"{lo}-{hi}" if hi else f"{lo}+", "sentences": len(idx), "score": score})

    tok_inputs = [h for h, _ in EDGE] + [r for _, r in EDGE] + [h for h, _ in ZH_EDGE] + ZH[:10] + en[:10] + es[:10]
    tok_inputs.append("".join(chr(c) for c in range(32, 127)))
    t13a, tzh = Tokenizer13a(), TokenizerZh()
    tokenize = [{"tokenizer": name, "input": s, "output": tok(s.rstrip())}
                for s in tok_inputs for name, tok in (("13a", t13a), ("zh", tzh))]

    squad = [{"prediction": p, "golds": g, "exact_match": max(squad_normalize(p) == squad_normalize(x) for x in g),
              "f1": max(squad_f1(p, x) for x in g), "normalized": squad_normalize(p)} for p, g in SQUAD]
    return {
        "generator": "scripts/reference/fx_text_eval.py",
        "sacrebleu": sacrebleu.__version__,
        "python": "%d.%d" % sys.version_info[:2],
        "tokenize": tokenize,
        "corpora": corpora,
        "buckets": {"source_lengths": lengths, "hyps": en_hyp, "refs": en, "bounds": bounds,
                    "expected": buckets},
        "squad": squad,
        "squad_corpus": {"exact_match": 100.0 * sum(c["exact_match"] for c in squad) / len(squad),
                         "f1": 100.0 * sum(c["f1"] for c in squad) / len(squad)},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed file only")
    args = ap.parse_args()
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.relative_to(ROOT)}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    data = json.loads(text)
    pairs = sum(len(c["hyps"]) for c in data["corpora"])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['corpora'])} corpora, {pairs} sentence pairs, "
          f"{len(data['tokenize'])} tokenizer cases, {len(data['squad'])} SQuAD cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
