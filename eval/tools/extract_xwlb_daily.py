#!/usr/bin/env python3
"""The nineteenth held-out set for the recurrence evaluation: 新闻联播 of 2026-06-12..2026-07-01,
the three weeks after the last day china-data/xwlb holds (2026-06-11), so none of these stories
is in any other set, in the published corpus or in the background table's years.

Source: the public GitHub repository Ming-H/xwlb-daily (data/daily/YYYYMMDD.json: one day's
stories as tv.cctv.com serves them, each with its title, tv.cctv.com address and text). The
archive keeps each story's text as one line (no paragraph breaks), and that is how the set keeps
it: a drafter pasting a story from a web page gets the same.

Keeps every story of at least MIN_CHARS characters except the 联播快讯 round-ups (a dozen
unrelated items under one title), one per text. All of them: at about 80 stories, a draw would
leave too few flagged phrases for a sample of 40.

    python3 eval/tools/extract_xwlb_daily.py GIT_DIR [--out eval/recurrence/heldout19.jsonl]
"""
import argparse
import json
import re
import subprocess

FIRST_DAY = "20260612"
LAST_DAY = "20260701"
MIN_CHARS = 600
ROUND_UP = re.compile(r"联播快讯")


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--out", default="eval/recurrence/heldout19.jsonl")
    ap.add_argument("--prefix", default="held19")
    args = ap.parse_args()
    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    names = sorted(n for n in git(args.git_dir, "ls-tree", "-r", "--name-only", "HEAD",
                                  "data/daily").decode().split() if n.endswith(".json"))
    picked, seen = [], set()
    for name in names:
        day = name.rsplit("/", 1)[-1][:8]
        if not FIRST_DAY <= day <= LAST_DAY:
            continue
        d = json.loads(git(args.git_dir, "show", f"HEAD:{name}"))
        for a in d.get("articles", []):
            text = (a.get("text") or "").strip()
            title = re.sub(r"^\[视频\]", "", (a.get("title") or "").strip())
            if len(text) < MIN_CHARS or ROUND_UP.search(title) or text in seen:
                continue
            seen.add(text)
            picked.append({
                "id": f"{args.prefix}-{day}-{a.get('index')}",
                "date": f"{day[:4]}-{day[4:6]}-{day[6:]}",
                "title": title,
                "url": a.get("url", ""),
                "source": f"github.com/Ming-H/xwlb-daily@{commit[:12]}:{name}",
                "text": text,
            })
    with open(args.out, "w", encoding="utf-8") as f:
        for s in picked:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    chars = sum(len(s["text"]) for s in picked)
    print(f"{len(picked)} stories, {chars} characters -> {args.out}")


if __name__ == "__main__":
    main()
