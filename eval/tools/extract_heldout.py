#!/usr/bin/env python3
"""Held-out stories for the recurrence evaluation: stories of the same archive as
`meetings.jsonl` that the evaluation set (stories.txt) does not contain, so that the rule can
be checked on text it was not tuned on.

Source: the public GitHub repository caijing666666/xinwenlianbo (data/news/*.json,
2025-10..12, full Xinhua / gov.cn stories behind 新闻联播 items, each with its `sourceUrl`).
Keeps the stories whose title does NOT name a meeting (those are in meetings.jsonl: 会议, 全会,
座谈会, 集体学习), with at least 800 characters, one per title, paragraphs cleaned as
extract_meetings.py does; then picks N of them by the SHA-1 of their id (a fixed draw that
any rerun on the same commit repeats).

    python3 eval/tools/extract_heldout.py GIT_DIR [--n 40] [--out eval/recurrence/heldout.jsonl]
"""
import argparse
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_meetings import KEYS, git, paragraphs  # noqa: E402


def write_sample(pool, n, out):
    """Draws n stories of pool by the SHA-1 of their ids (a fixed, reproducible draw), writes
    them to out as JSON lines in id order; returns them and their character count."""
    pool.sort(key=lambda s: hashlib.sha1(s["id"].encode()).hexdigest())
    picked = sorted(pool[:n], key=lambda s: s["id"])
    with open(out, "w", encoding="utf-8") as f:
        for s in picked:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    return picked, sum(len(s["text"]) for s in picked)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--out", default="eval/recurrence/heldout.jsonl")
    args = ap.parse_args()
    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    names = sorted(n for n in git(args.git_dir, "ls-tree", "-r", "--name-only", "HEAD",
                                  "data/news").decode().split() if n.endswith(".json"))
    seen_titles = set()
    pool = []
    for name in names:
        d = json.loads(git(args.git_dir, "show", f"HEAD:{name}"))
        title = (d.get("title") or "").strip()
        if not title or any(k in title for k in KEYS) or title in seen_titles:
            continue
        text = "\n".join(paragraphs(d.get("content") or "", title))
        if len(text) < 800:
            continue
        seen_titles.add(title)
        sid = "held-" + d.get("id", name.rsplit("/", 1)[-1][:-5])
        pool.append({
            "id": sid,
            "date": d.get("date", ""),
            "title": title,
            "url": d.get("sourceUrl", ""),
            "source": f"caijing666666/xinwenlianbo@{commit[:12]}:{name}",
            "text": text,
        })
    picked, chars = write_sample(pool, args.n, args.out)
    print(f"{len(picked)} of {len(pool)} stories, {chars} characters -> {args.out}")


if __name__ == "__main__":
    main()
