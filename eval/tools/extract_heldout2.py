#!/usr/bin/env python3
"""A second held-out set for the recurrence evaluation, from another archive and period than
the first (heldout.jsonl: caijing666666/xinwenlianbo, 2025-10..12).

Source: the public GitHub repository china-data/xwlb (新闻联播 transcripts as tv.cctv.com serves
them, assets/YYYY/YYYYMMDD.json; each story keeps its tv.cctv.com address). Takes the days of
YEAR (2023 by default) that the background table (data/formulas/background.tsv) was NOT mined
from: that table read 700 days picked evenly over 2016-01-01..2023-12-31 by extract_xwlb.py,
and this script repeats the same pick to leave them out. The published corpus
(eval/published/xwlb.jsonl) starts in 2024, so none of these stories is in it either.
Keeps stories of at least 800 characters, one per title, and picks N of them by the SHA-1 of
their id (a fixed draw that any rerun on the same commit repeats).

    python3 eval/tools/extract_heldout2.py GIT_DIR [--year 2023] [--n 40]
        [--out eval/recurrence/heldout2.jsonl] [--prefix held2]

The third and fourth held-out sets (heldout3.jsonl, 2021; heldout4.jsonl, 2019) are the same
draw over other years:

    python3 eval/tools/extract_heldout2.py GIT_DIR --year 2021 --prefix held3 \
        --out eval/recurrence/heldout3.jsonl
    python3 eval/tools/extract_heldout2.py GIT_DIR --year 2019 --prefix held4 \
        --out eval/recurrence/heldout4.jsonl
"""
import argparse
import datetime as dt
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_heldout import write_sample  # noqa: E402
from extract_xwlb import git, paragraphs  # noqa: E402


def days(names, start, end):
    out = []
    for name in names:
        m = re.fullmatch(r"assets/\d{4}/(\d{4})(\d{2})(\d{2})\.json", name)
        if m:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            if start <= day <= end:
                out.append((day, name))
    out.sort()
    return out


def background_days(names):
    """The days extract_xwlb.py picks for the background table (--from 2016-01-01 --to
    2023-12-31 --days 700), the same way."""
    available = days(names, dt.date(2016, 1, 1), dt.date(2023, 12, 31))
    step = max(1, len(available) / 700)
    return {available[int(i * step)][0] for i in range(min(700, len(available)))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--out", default="eval/recurrence/heldout2.jsonl")
    ap.add_argument("--prefix", default="held2", help="story ids are PREFIX-YYYYMMDD-NUM")
    args = ap.parse_args()
    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    names = git(args.git_dir, "ls-tree", "-r", "--name-only", "HEAD", "assets").decode().split()
    skip = background_days(names)
    year = days(names, dt.date(args.year, 1, 1), dt.date(args.year, 12, 31))
    pool, seen_titles = [], set()
    for day, name in year:
        if day in skip:
            continue
        try:
            data = json.loads(git(args.git_dir, "show", f"HEAD:{name}"))
        except Exception as err:  # a broken day file: skip it, say so
            print(f"skip {name}: {err}", file=sys.stderr)
            continue
        for item in data.get("videoList") or []:
            detail = item.get("video_detail") or {}
            text = "\n".join(paragraphs(detail.get("content") or ""))
            title = re.sub(r"^\[视频\]", "", item.get("video_title") or "").strip()
            if len(text) < 800 or not title or title in seen_titles:
                continue
            seen_titles.add(title)
            pool.append({
                "id": f"{args.prefix}-{day:%Y%m%d}-{item.get('num')}",
                "date": day.isoformat(),
                "title": title,
                "url": item.get("video_url") or "",
                "source": f"github.com/china-data/xwlb@{commit[:12]}:{name}",
                "text": text,
            })
    picked, chars = write_sample(pool, args.n, args.out)
    print(f"{len(picked)} of {len(pool)} stories ({len(skip)} background days left out), "
          f"{chars} characters -> {args.out}")


if __name__ == "__main__":
    main()
