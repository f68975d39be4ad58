#!/usr/bin/env python3
"""Build the published-text corpus from 新闻联播 transcripts (央视网).

Source: the public GitHub repository china-data/xwlb, which archives the daily
transcript JSON that tv.cctv.com serves (assets/YYYY/YYYYMMDD.json). Each story
keeps its own tv.cctv.com address, so every sentence can be traced to the page
it was published on.

    python3 eval/tools/extract_xwlb.py GIT_DIR [--from 2024-01-01] [--to 2026-06-30]
        [--days 240] [--out eval/published/xwlb.jsonl]

GIT_DIR is a clone (bare is fine) of https://github.com/china-data/xwlb.
Days are picked evenly over the range, so reruns give the same corpus for the
same commit. Text is kept as published: paragraphs from <p>, entities decoded,
nothing else changed.
"""
import argparse
import datetime as dt
import html
import json
import re
import subprocess
import sys

P_SPLIT = re.compile(r"</p\s*>|<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True).stdout


def paragraphs(content):
    out = []
    for chunk in P_SPLIT.split(content):
        text = html.unescape(TAG.sub("", chunk)).replace("\u00a0", " ").strip()
        if text:
            out.append(text)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--from", dest="start", default="2024-01-01")
    ap.add_argument("--to", dest="end", default="2026-06-30")
    ap.add_argument("--days", type=int, default=240)
    ap.add_argument("--out", default="eval/published/xwlb.jsonl")
    args = ap.parse_args()

    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    names = git(args.git_dir, "ls-tree", "-r", "--name-only", "HEAD", "assets").decode().split()
    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    available = []
    for name in names:
        m = re.fullmatch(r"assets/\d{4}/(\d{4})(\d{2})(\d{2})\.json", name)
        if m:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            if start <= day <= end:
                available.append((day, name))
    available.sort()
    if not available:
        sys.exit("no transcripts in that range")
    step = max(1, len(available) / args.days)
    picked = [available[int(i * step)] for i in range(min(args.days, len(available)))]

    stories = chars = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for day, name in picked:
            try:
                data = json.loads(git(args.git_dir, "show", f"HEAD:{name}"))
            except (subprocess.CalledProcessError, json.JSONDecodeError) as err:
                print(f"skip {name}: {err}", file=sys.stderr)
                continue
            for item in data.get("videoList") or []:
                detail = item.get("video_detail") or {}
                paras = paragraphs(detail.get("content") or "")
                text = "\n".join(paras)
                if len(text) < 40:
                    continue
                title = re.sub(r"^\[视频\]", "", item.get("video_title") or "").strip()
                record = {
                    "id": f"xwlb-{day:%Y%m%d}-{item.get('num')}",
                    "date": day.isoformat(),
                    "title": title,
                    "url": item.get("video_url") or "",
                    "source": f"github.com/china-data/xwlb@{commit[:12]}:{name}",
                    "text": text,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                stories += 1
                chars += len(text)
    print(f"{len(picked)} days, {stories} stories, {chars} characters -> {args.out}")


if __name__ == "__main__":
    main()
