#!/usr/bin/env python3
"""Writes data/segment/dict.txt, the word list the segmenter loads, from jieba-rs's own
dictionary (src/data/dict.txt of the jieba-rs version in Cargo.lock).

Same words and frequencies, so segmentation is unchanged; only the part-of-speech tags that
src/engine/recurrence/tokens.rs::class_of tells apart are kept (names nr*, numerals and
measure words m/q/mq, pronouns r/rr/rz, the u c p y e o families, plain verbs v, places ns,
organisations nt, other proper nouns nz, 方位词 f and time words t: the recurrence filters use
them to keep phrases whole constituents and to tell names from formulas; and the words of
manner that open a verb phrase, adjectives a, adverbs ad d vd, idioms i l: a formula opening on
one and a verb says what to do, where a noun phrase names a thing). Every other tag
classifies exactly like an empty one there, and an empty tag costs jieba-rs no heap string
per word (about 12 MB fewer at run time).

The lines are sorted by the word's UTF-8 bytes, one line per word: src/engine/segment.rs
binary-searches this text to load only the words a paragraph contains. A word listed twice
is resolved as jieba-rs's load_dict does: the first line's tag, the last line's frequency.

Run from the repository root after changing the jieba-rs version or class_of:
    python3 data/segment/generate.py
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "data" / "segment" / "dict.txt"


def jieba_dict() -> pathlib.Path:
    meta = json.loads(
        subprocess.check_output(
            ["cargo", "metadata", "--format-version", "1", "--locked"], cwd=ROOT
        )
    )
    for p in meta["packages"]:
        if p["name"] == "jieba-rs":
            return pathlib.Path(p["manifest_path"]).parent / "src" / "data" / "dict.txt"
    sys.exit("jieba-rs is not a dependency")


def kept(tag: str) -> bool:
    return (
        tag.startswith("nr")
        or tag in ("m", "q", "mq", "r", "rr", "rz", "v", "ns", "nt", "nz", "f", "t")
        or tag in ("a", "ad", "d", "vd", "i", "l")
        or tag[:1] in ("u", "c", "p", "y", "e", "o")
    )


def main() -> None:
    src = jieba_dict()
    entries = {}  # word -> [freq, tag]
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        word = parts[0]
        freq = str(int(parts[1])) if len(parts) > 1 else "0"
        tag = parts[2] if len(parts) > 2 else ""
        if word in entries:
            entries[word][0] = freq
        else:
            entries[word] = [freq, tag if kept(tag) else ""]
    out = []
    for word in sorted(entries, key=lambda w: w.encode("utf-8")):
        freq, tag = entries[word]
        out.append(f"{word} {freq} {tag}" if tag else f"{word} {freq}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(out)} words from {src}")


if __name__ == "__main__":
    main()
