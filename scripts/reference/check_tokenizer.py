"""Loads attention4j's tokenizer.json files with Hugging Face `tokenizers` and checks encodings.

The Java test HfCompatibilityTest writes three tokenizers trained on a committed corpus
(models/src/test/resources/text/hf/{bpe,word,char}.tokenizer.json). This script loads each
with `tokenizers.Tokenizer.from_file`, encodes the committed sample sentences (samples.json)
and

  * with --write, stores the ids, tokens and decoded text in expected.json, which the Java
    test compares with its own encodings (so the comparison runs without Python);
  * otherwise compares them with expected.json and, when the Java test has run, with the Java
    encodings it dumped to models/target/hf-check/java-encodings.json, and prints a report.

Also checks in Python that BPE and char decode(encode(s)) == s for every sample.

    .venv-reference/bin/pip install --no-index --find-links /opt/pypi/files tokenizers
    .venv-reference/bin/python scripts/reference/check_tokenizer.py [--write]
    .venv-reference/bin/python scripts/reference/check_tokenizer.py --file T.json "some text"
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tokenizers import Tokenizer, __version__ as TOKENIZERS_VERSION

ROOT = Path(__file__).resolve().parents[2]
DIR = ROOT / "models/src/test/resources/text/hf"
JAVA = ROOT / "models/target/hf-check/java-encodings.json"
KINDS = ("bpe", "word", "char")
SPECIAL_IDS = {"<pad>", "<s>", "</s>"}


def encode_all(kind: str, samples: list[str]) -> list[dict]:
    tok = Tokenizer.from_file(str(DIR / f"{kind}.tokenizer.json"))
    skip = {tok.token_to_id(s) for s in SPECIAL_IDS}
    out = []
    for text in samples:
        enc = tok.encode(text)
        # Our decode drops <pad>, <s>, </s> and keeps <unk> as text; do the same here.
        decoded = tok.decode([i for i in enc.ids if i not in skip], skip_special_tokens=False)
        out.append({"text": text, "ids": enc.ids, "tokens": enc.tokens, "decoded": decoded})
    return out


def compare(name: str, ours: dict, theirs: dict) -> int:
    bad = 0
    for kind in KINDS:
        for a, b in zip(ours[kind], theirs[kind]):
            if a["ids"] != b["ids"]:
                bad += 1
                print(f"  {kind}: {a['text']!r}\n    hf   {a['ids']}\n    {name} {b['ids']}")
            elif kind != "word" and a["decoded"] != b["decoded"]:
                bad += 1
                print(f"  {kind}: decode of {a['text']!r}: hf {a['decoded']!r}, {name} {b['decoded']!r}")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write expected.json")
    ap.add_argument("--file", help="encode TEXT with this tokenizer.json and print ids and tokens")
    ap.add_argument("text", nargs="*")
    args = ap.parse_args()
    if args.file:
        tok = Tokenizer.from_file(args.file)
        for t in args.text:
            enc = tok.encode(t)
            print(json.dumps({"text": t, "ids": enc.ids, "tokens": enc.tokens}, ensure_ascii=False))
        return 0

    samples = json.loads((DIR / "samples.json").read_text(encoding="utf-8"))
    hf = {kind: encode_all(kind, samples) for kind in KINDS}
    problems = 0
    for kind in ("bpe", "char"):
        for case in hf[kind]:
            if case["decoded"] != case["text"] and not set(case["tokens"]) & (SPECIAL_IDS | {"<unk>"}):
                problems += 1
                print(f"  {kind}: hf round trip of {case['text']!r} gave {case['decoded']!r}")
    n = len(samples)
    print(f"tokenizers {TOKENIZERS_VERSION}: loaded {', '.join(k + '.tokenizer.json' for k in KINDS)}; "
          f"{n} samples each")
    if args.write:
        data = {"tokenizers": TOKENIZERS_VERSION, **hf}
        (DIR / "expected.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
        print(f"wrote {(DIR / 'expected.json').relative_to(ROOT)}")
    else:
        committed = json.loads((DIR / "expected.json").read_text(encoding="utf-8"))
        bad = compare("committed", hf, committed)
        print(f"committed expected.json: {bad} of {3 * n} encodings differ")
        problems += bad
        if JAVA.exists():
            java = json.loads(JAVA.read_text(encoding="utf-8"))
            bad = compare("java", hf, java)
            print(f"Java encodings ({JAVA.relative_to(ROOT)}): {bad} of {3 * n} differ")
            problems += bad
        else:
            print(f"no Java encodings at {JAVA.relative_to(ROOT)} (run HfCompatibilityTest first)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
