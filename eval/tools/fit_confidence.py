#!/usr/bin/env python3
"""Fit the recurring-phrase confidence model (data/formulas/confidence.json).

For every annotated evaluation set this reads the annotations (a phrase judged in a story)
and runs `recurrence_eval --features` (the evidence the engine reads on every family of
every story, computed by src/engine/recurrence/confidence.rs itself), joins them, and
fits an L2-regularised logistic regression: a flagged phrase labelled `formula` or `repeat`
is a positive, `entity`, `fragment` or `frame` a negative. The threshold is chosen by
cross-validation grouped by set (no set is scored by a model fitted on it): the lowest
threshold at which the pooled held-out precision reaches --target. It also records each
feature's `range` over the fitted phrases: the engine holds every feature inside it and does
not judge a document shorter than the shortest fitted story. (The cross-validated figures are
the raw model's, without that clamping.)

    cargo build --release --example recurrence_eval
    python3 eval/tools/fit_confidence.py [--bin target/release/examples/recurrence_eval]
        [--sets 0-47,101] [--target 0.9] [--out data/formulas/confidence.json]

Standard library only.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

R = "eval/recurrence/"
FOLDS = 5
L2 = 1.0
# Half the last printed unit of a `--features` value (four decimals).
HALF_PRINTED_UNIT = 0.00005


def set_args(n):
    """The recurrence_eval arguments of evaluation set `n` (0: the published annotations)."""
    if n == 0:
        return ["eval/published/xwlb.jsonl", "--annotations", R + "published-annotations.tsv"]
    if n == 1:
        return [
            "eval/published/xwlb.jsonl", R + "meetings.jsonl", "--only", R + "stories.txt",
            "--annotations", R + "annotations.tsv",
        ]
    name = "heldout" if n == 101 else f"heldout{n}"
    return [R + name + ".jsonl", "--only", R + name + ".txt",
            "--annotations", R + name + "-annotations.tsv"]


def parse_sets(spec):
    out = []
    for part in spec.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def run(binary, args):
    return subprocess.run([binary] + args, check=True, capture_output=True,
                          text=True).stdout.splitlines()


def rows_of_set(binary, n):
    """(set, genuine, evidence) of every annotated phrase of set `n` that is, in the story
    it was judged in, a family the rule would flag were it not for the model: not the
    story's topic, not a lexicon slogan (always flagged). The annotations are read from
    their file and the evidence from `--features`, which lists every family whatever the
    model says, so the fit doesn't depend on the model built in."""
    args = set_args(n)
    ann = args[args.index("--annotations") + 1]
    data_args = args[:args.index("--annotations")]
    labelled = []
    for line in open(ann, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(f) < 3 or not f[2]:
            continue
        if f[1] in ("formula", "repeat", "entity", "fragment", "frame"):
            labelled.append((f[0], f[1], f[2]))
    lines = run(binary, data_args + ["--features"])
    names = lines[0].split("\t")[5:]
    families = {}
    for line in lines[1:]:
        f = line.split("\t")
        story, forms = f[0], f[2].split("|") + [f[1]]
        eligible = f[3] == "false" and f[4] == "false"
        x = [float(v) for v in f[5:]]
        for w in forms:
            families.setdefault((story, w), (eligible, x))
    rows = []
    seen = set()
    for phrase, label, story in labelled:
        hit = families.get((story, phrase))
        if hit is None or not hit[0] or (story, phrase) in seen:
            continue
        seen.add((story, phrase))
        rows.append((n, label in ("formula", "repeat"), hit[1]))
    return names, rows


def solve(a, b):
    """Solves a·x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c] != 0:
                k = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def fit(xs, ys):
    """Weights (bias last) of an L2-regularised logistic regression on standardised
    features, by Newton's method, returned on the raw scale."""
    d = len(xs[0])
    mean = [sum(x[j] for x in xs) / len(xs) for j in range(d)]
    sd = [math.sqrt(sum((x[j] - mean[j]) ** 2 for x in xs) / len(xs)) or 1.0 for j in range(d)]
    zs = [[(x[j] - mean[j]) / sd[j] for j in range(d)] + [1.0] for x in xs]
    w = [0.0] * (d + 1)
    for _ in range(50):
        g = [L2 * w[j] if j < d else 0.0 for j in range(d + 1)]
        h = [[(L2 if i == j and i < d else 0.0) for j in range(d + 1)] for i in range(d + 1)]
        for z, y in zip(zs, ys):
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, z))))
            for i in range(d + 1):
                g[i] += (p - y) * z[i]
                for j in range(d + 1):
                    h[i][j] += p * (1 - p) * z[i] * z[j]
        step = solve(h, g)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    weights = [w[j] / sd[j] for j in range(d)]
    bias = w[d] - sum(w[j] * mean[j] / sd[j] for j in range(d))
    return weights, bias


def score(weights, bias, x):
    z = bias + sum(a * b for a, b in zip(weights, x))
    return 1 / (1 + math.exp(-z))


def cross_validated(rows):
    """(set, label, held-out score) of every row, each scored by a model fitted without
    its set."""
    sets = sorted({r[0] for r in rows})
    random.Random(16).shuffle(sets)
    out = []
    for k in range(FOLDS):
        held = set(sets[k::FOLDS])
        train = [r for r in rows if r[0] not in held]
        w, b = fit([r[2] for r in train], [r[1] for r in train])
        out.extend((r[0], r[1], score(w, b, r[2])) for r in rows if r[0] in held)
    return out


def curve(scored, threshold):
    kept = [s for s in scored if s[2] >= threshold]
    good = sum(1 for s in kept if s[1])
    total_good = sum(1 for s in scored if s[1])
    return len(kept), good, good / max(len(kept), 1), good / max(total_good, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/examples/recurrence_eval")
    ap.add_argument("--sets", default="0-47,101",
                    help="0: published annotations, 101: the first held-out set")
    ap.add_argument("--target", type=float, default=0.9)
    ap.add_argument("--out", default="data/formulas/confidence.json")
    a = ap.parse_args()
    sets = parse_sets(a.sets)
    names = None
    rows = []
    for n in sets:
        if n > 1 and n != 101 and not os.path.exists(R + f"heldout{n}-annotations.tsv"):
            continue
        names, r = rows_of_set(a.bin, n)
        rows.extend(r)
    scored = cross_validated(rows)
    thresholds = [t / 100 for t in range(0, 100)]
    chosen = next((t for t in thresholds if curve(scored, t)[2] >= a.target), 0.5)
    weights, bias = fit([r[2] for r in rows], [r[1] for r in rows])
    kept, good, precision, recall = curve(scored, chosen)
    base = curve(scored, 0.0)
    model = {
        "$comment": (
            "Logistic model of whether a recurring family is a formula to point out "
            "(src/engine/recurrence/confidence.rs). Fitted by eval/tools/fit_confidence.py "
            "on the labelled distinct flagged phrases of the evaluation sets named in "
            "`fittedOn` (lexicon slogans left out: always flagged); `crossValidated` gives "
            "the pooled figures with each set scored by a model fitted without it; "
            "`range` the least and greatest value of each feature over the fitted phrases "
            "(the engine holds each feature inside it and judges no shorter document)."
        ),
        "fittedOn": {"sets": a.sets, "phrases": len(rows),
                     "genuine": sum(1 for r in rows if r[1])},
        "crossValidated": {
            "folds": FOLDS, "target": a.target,
            "before": {"flagged": base[0], "genuine": base[1],
                       "precision": round(base[2], 4)},
            "after": {"flagged": kept, "genuine": good, "precision": round(precision, 4),
                      "genuineKept": round(recall, 4)},
        },
        "features": names,
        "weights": [round(w, 6) for w in weights],
        "bias": round(bias, 6),
        "threshold": chosen,
        # What the fit saw of each feature: the engine holds a feature inside its range and
        # judges no document shorter than the shortest here. `--features` prints four
        # decimals, so each bound is widened by half a unit of the last: the shortest fitted
        # story itself stays judged.
        "range": [[round(min(r[2][j] for r in rows) - HALF_PRINTED_UNIT, 5),
                   round(max(r[2][j] for r in rows) + HALF_PRINTED_UNIT, 5)]
                  for j in range(len(names))],
    }
    json.dump(model, open(a.out, "w"), ensure_ascii=False, indent=2)
    open(a.out, "a").write("\n")
    print(f"{len(rows)} phrases; cross-validated at {chosen}: {kept} flagged, "
          f"precision {base[2]:.3f} -> {precision:.3f}, genuine kept {recall:.3f}")
    for t in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85):
        print(t, curve(scored, t))


if __name__ == "__main__":
    main()
