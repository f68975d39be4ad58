#!/usr/bin/env python3
"""What each of the three readers makes of the phrases recurring-phrase flags now (issue 12).

Usage: python3 eval/tools/three_readers.py [RECURRENCE_EVAL_BINARY] [--sets LO-HI]

Sets 42 to 60 were judged blind by three readers: the policy annotator (the committed
heldoutNN-annotations.tsv: formula or repeat is genuine), a second policy annotator who also read
the earlier sets' labels as precedent (agreement/setNN-reviewer-D.tsv, same labels) and a reader
with only the issue's words (agreement/setNN-reviewer-C.tsv: genuine, topic, entity, frame,
fragment). For every distinct phrase the binary flags on those sets (the same run as
recurrence_sets.sh: `--only heldoutNN.txt --annotations heldoutNN-annotations.tsv --all`; set
60 reads eval/published/reports.jsonl), this prints

- each reader's genuine share, the share two readers of three call genuine, and fragments;
- the same by the length of the document the phrase is flagged in (under 3,000 characters: a
  news story or a short meeting report; longer: a feature, a communiqué, a work report);
- for each reader, the chance that a random sample of 40 of these phrases (drawn without
  replacement, as the issue's reviewer does) holds at least 36 genuine ones: the issue's
  "≥ 90% of a random sample of 40", computed exactly from the hypergeometric distribution.

A phrase a reader has not judged (a rule change can flag one no set labelled) is counted as not
genuine for that reader and listed. The binary defaults to target/release/examples/
recurrence_eval (build it with `cargo build --release --example recurrence_eval`).
Standard library only.
"""
import json
import math
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
R = os.path.join(ROOT, "eval", "recurrence")
SHORT_CHARS = 3000
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from agreement import rows  # noqa: E402
SAMPLE, NEEDED = 40, 36


def set_inputs(k):
    if k == 60:
        return [os.path.join(ROOT, "eval", "published", "reports.jsonl")]
    return [os.path.join(R, f"heldout{k}.jsonl")]


def lengths(paths):
    out = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                out[d["id"]] = len(d.get("text", ""))
    return out


def flagged(binary, k):
    """(phrase, committed label, story) of every distinct phrase flagged on set k."""
    args = [binary, *set_inputs(k), "--only", os.path.join(R, f"heldout{k}.txt"),
            "--annotations", os.path.join(R, f"heldout{k}-annotations.tsv"), "--all"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [tuple(l.split("\t")[:3]) for l in out.splitlines()[2:] if l.count("\t") >= 3]


def at_least(n, good, sample=SAMPLE, needed=NEEDED):
    """P(at least `needed` good in `sample` drawn without replacement from n with `good`)."""
    if n < sample:
        return float("nan")
    total = math.comb(n, sample)
    return sum(math.comb(good, k) * math.comb(n - good, sample - k)
               for k in range(needed, sample + 1)) / total


def main():
    argv = sys.argv[1:]
    lo, hi = 42, 60
    if "--sets" in argv:
        i = argv.index("--sets")
        lo, hi = (int(x) for x in argv[i + 1].split("-"))
        del argv[i:i + 2]
    binary = argv[0] if argv else os.path.join(ROOT, "target", "release", "examples",
                                               "recurrence_eval")
    items = []  # (set, phrase, story, short, P, D, C, fragment P/D/C)
    unjudged = []
    for k in range(lo, hi + 1):
        long_ = lengths(set_inputs(k))
        d = {(r[0], r[2]): r[1] for r in rows(os.path.join(R, "agreement",
                                                            f"set{k}-reviewer-D.tsv"))}
        c = {(r[0], r[2]): r[1] for r in rows(os.path.join(R, "agreement",
                                                            f"set{k}-reviewer-C.tsv"))}
        for phrase, p, story in flagged(binary, k):
            ld, lc = d.get((phrase, story)), c.get((phrase, story))
            if p == "?" or ld is None or lc is None:
                unjudged.append((k, phrase, story))
            items.append({
                "short": long_.get(story, 0) < SHORT_CHARS,
                "P": p in ("formula", "repeat"),
                "D": ld in ("formula", "repeat"),
                "C": lc == "genuine",
                "fP": p == "fragment", "fD": ld == "fragment", "fC": lc == "fragment",
            })
    if not items:
        print("no phrases flagged")
        return

    def line(name, group):
        n = len(group)
        if n == 0:
            return
        share = {r: 100 * sum(x[r] for x in group) / n for r in "PDC"}
        two = 100 * sum(x["P"] + x["D"] + x["C"] >= 2 for x in group) / n
        frag = "/".join(f"{100 * sum(x['f' + r] for x in group) / n:.1f}" for r in "PDC")
        print(f"{name:34s} {n:4d}  P {share['P']:5.1f}  D {share['D']:5.1f}  "
              f"C {share['C']:5.1f}  2 of 3 {two:5.1f}  fragments {frag}%")

    print(f"sets {lo}-{hi}: distinct phrases flagged, genuine share per reader")
    line("all", items)
    line(f"in documents < {SHORT_CHARS} characters", [x for x in items if x["short"]])
    line(f"in documents >= {SHORT_CHARS} characters", [x for x in items if not x["short"]])
    n = len(items)
    chances = ", ".join(f"{r} {at_least(n, sum(x[r] for x in items)):.2f}" for r in "PDC")
    print(f"chance that a random sample of {SAMPLE} holds >= {NEEDED} genuine: {chances}")
    for k, phrase, story in unjudged:
        print(f"not judged by every reader: set {k} {phrase} ({story})")


if __name__ == "__main__":
    main()
