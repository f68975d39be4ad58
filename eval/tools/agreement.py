#!/usr/bin/env python3
"""Agreement between the annotators of recurring-phrase labels (issue 12, round 10).

Usage: python3 eval/tools/agreement.py

Then, for each held-out set NN with a file agreement/setNN-reviewer-C.tsv (sets 21 on), the
committed labels (heldoutNN-annotations.tsv) against that reader's: items, genuine shares,
fragments and agreement with Cohen's kappa. A phrase judged again in the same story counts
with its last label.

Reads eval/recurrence/agreement/items.tsv (the items: set, phrase, story) and the three
annotators' labels of them: reviewer-A.tsv (the committed annotation files' labels at 45ae0e4),
reviewer-B.tsv and reviewer-C.tsv. Prints, per set and overall, the
share each annotator judges genuine (formula or repeat; C's "genuine"), the fragments, and the
pairwise agreement on genuine-or-not with Cohen's kappa. Standard library only.
"""
import collections
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recurrence")


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def labels(name):
    return {int(c[0]): c[2] for c in rows(os.path.join(HERE, "agreement", name))}


def kappa(pairs):
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    pa = sum(a for a, _ in pairs) / n
    pb = sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return po, (po - pe) / (1 - pe) if pe < 1 else 1.0


def main():
    items = list(rows(os.path.join(HERE, "agreement", "items.tsv")))
    a, b, c = (labels(f"reviewer-{x}.tsv") for x in "ABC")
    by_set = collections.defaultdict(list)
    for item, set_name, _phrase, _story, _context in items:
        judged = (a[int(item)], b[int(item)], c[int(item)])
        by_set[set_name].append(judged)
        by_set["all"].append(judged)
    genuine = (lambda l: l in ("formula", "repeat"), lambda l: l in ("formula", "repeat"),
               lambda l: l == "genuine")
    print("set  items  genuine A / B / C        fragments A/B/C  agreement (kappa) AB, AC, BC")
    for name in ["19", "20", "pub", "all"]:
        v = by_set[name]
        g = [[genuine[k](x[k]) for k in range(3)] for x in v]
        share = [100 * sum(x[k] for x in g) / len(v) for k in range(3)]
        frag = [sum(x[k] == "fragment" for x in v) for k in range(3)]
        pairs = [kappa([(x[i], x[j]) for x in g]) for i, j in ((0, 1), (0, 2), (1, 2))]
        print(f"{name:4} {len(v):5}  {share[0]:5.1f} / {share[1]:5.1f} / {share[2]:5.1f}%"
              f"      {frag[0]}/{frag[1]}/{frag[2]}"
              + "".join(f"   {po:.2f} ({k:.2f})" for po, k in pairs))
    v = by_set["all"]
    majority = sum(sum(genuine[k](x[k]) for k in range(3)) >= 2 for x in v)
    print(f"genuine by at least two of three: {majority} of {len(v)} ({100 * majority / len(v):.1f}%)")


def set_rows():
    """Per held-out set with a reviewer-C file: committed labels against C's."""
    names = sorted(
        int(n[3:-len("-reviewer-C.tsv")])
        for n in os.listdir(os.path.join(HERE, "agreement"))
        if n.startswith("set") and n.endswith("-reviewer-C.tsv")
    )
    print("\nset  items  genuine policy / issue reader  fragments  agreement (kappa)")
    for n in names:
        policy = {(c[0], c[2]): c[1] for c in rows(os.path.join(HERE, f"heldout{n}-annotations.tsv"))}
        reader = {(c[0], c[2]): c[1] for c in rows(os.path.join(HERE, "agreement", f"set{n}-reviewer-C.tsv"))}
        keys = [k for k in reader if k in policy]
        g = [(policy[k] in ("formula", "repeat"), reader[k] == "genuine") for k in keys]
        share = [100 * sum(x[i] for x in g) / len(g) for i in range(2)]
        frag = (sum(policy[k] == "fragment" for k in keys), sum(reader[k] == "fragment" for k in keys))
        po, k = kappa(g)
        print(f"{n:4} {len(g):5}  {share[0]:5.1f} / {share[1]:5.1f}%"
              f"              {frag[0]}/{frag[1]}        {po:.2f} ({k:.2f})")


if __name__ == "__main__":
    main()
    set_rows()
