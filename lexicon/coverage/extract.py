#!/usr/bin/env python3
"""Quoted numbered slogans in 新闻联播 transcripts (央视网), with counts and provenance.

    python3 lexicon/coverage/extract.py GIT_DIR [--from 2022-01-01] [--to 2026-12-31]
        [--out lexicon/coverage/xwlb-2022-2026.tsv]

GIT_DIR is a clone (bare is fine) of https://github.com/china-data/xwlb, which archives the
daily transcript JSON tv.cctv.com serves (assets/YYYY/YYYYMMDD.json). Every day in the range
is read, every story of it.

A numbered slogan is what `src/engine/lexicon/numbered.rs` calls one in quotation marks: a
quoted phrase led by a numeral (“两个维护”“六稳”“八纵八横”), with a numeral of two or more
followed by a classifier (个 大 项 条 种 类 字 化 是 抓 要), or a numeral and one character
(六稳), or two numerals or more; a day of the year (五一, 九·一八) is not one. The rules here mirror that file; keep them in step.

The output is a small TSV: one row per distinct slogan with its number of occurrences, the
number of days it occurs on, and the first story it occurs in (date and tv.cctv.com
address), so every row can be traced to a published page. `cargo test --lib coverage`
reports the share of occurrences the built-in lexicon knows.
"""
import argparse
import collections
import datetime as dt
import html
import json
import re
import subprocess

NUMERALS = "一二两三四五六七八九十百"
QUOTED = re.compile(r"[“\"「]([" + NUMERALS + r"][^“”\"「」\s，。；：、,;:]{1,11})[”\"」]")
CLASSIFIERS = set("个大项条种类字化是抓要")
P_SPLIT = re.compile(r"</p\s*>|<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")


def is_numbered(s):
    numerals = sum(c in NUMERALS for c in s)
    lead_is_one = s[0] == "一" and not (len(s) > 1 and s[1] in NUMERALS)
    first_other = next((c for c in s if c not in NUMERALS), None)
    classified = first_other in CLASSIFIERS
    short = len(s) == 2 and numerals == 1
    return (((classified or short) and not lead_is_one) or numerals >= 2) \
        and not is_calendar_day(s)


def is_calendar_day(s):
    """五一, 三八, 十一, 九一八, 九·一八, 一二·九: a day of the year, not a slogan."""
    digits = ["〇一二三四五六七八九十".find(c) for c in s if c != "·"]
    if any(d < 0 for d in digits):
        return False

    def value(ds):
        if len(ds) == 1 and 1 <= ds[0] <= 10:
            return ds[0]
        if len(ds) == 2 and ds[0] == 10 and 1 <= ds[1] <= 9:
            return 10 + ds[1]
        if len(ds) == 2 and ds[1] == 10 and ds[0] in (2, 3):
            return ds[0] * 10
        if len(ds) == 3 and ds[0] in (2, 3) and ds[1] == 10 and 1 <= ds[2] <= 9:
            return ds[0] * 10 + ds[2]
        if len(ds) == 2 and 1 <= ds[0] <= 3 and 0 <= ds[1] <= 9:
            return ds[0] * 10 + ds[1]
        return None

    for k in range(1, len(digits)):
        m, d = value(digits[:k]), value(digits[k:])
        if m and d and 1 <= m <= 12 and 1 <= d <= 31:
            return True
    return False


def story_text(content):
    parts = (html.unescape(TAG.sub("", c)).replace("\u00a0", " ").strip()
             for c in P_SPLIT.split(content))
    return "\n".join(p for p in parts if p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--from", dest="start", default="2022-01-01")
    ap.add_argument("--to", dest="end", default="2026-12-31")
    ap.add_argument("--out", default="lexicon/coverage/xwlb-2022-2026.tsv")
    args = ap.parse_args()
    git = ["git", "--git-dir", args.git_dir]
    commit = subprocess.run(git + ["rev-parse", "HEAD"], check=True, capture_output=True,
                            text=True).stdout.strip()
    names = subprocess.run(git + ["ls-tree", "-r", "--name-only", "HEAD", "assets"],
                           check=True, capture_output=True, text=True).stdout.split()
    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    days = []
    for name in names:
        m = re.fullmatch(r"assets/\d{4}/(\d{4})(\d{2})(\d{2})\.json", name)
        if m and start <= dt.date(int(m[1]), int(m[2]), int(m[3])) <= end:
            days.append(name)
    days.sort()

    count = collections.Counter()
    on_days = collections.defaultdict(set)
    first = {}
    read_days = 0
    batch = subprocess.Popen(git + ["cat-file", "--batch"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    for name in days:
        batch.stdin.write(f"HEAD:{name}\n".encode())
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            continue
        raw = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            continue
        read_days += 1
        day = name[-13:-5]
        date = f"{day[:4]}-{day[4:6]}-{day[6:]}"
        for item in data.get("videoList") or []:
            detail = item.get("video_detail") or {}
            url = item.get("video_url") or item.get("url") or ""
            for m in QUOTED.finditer(story_text(detail.get("content") or "")):
                term = m[1]
                if not is_numbered(term):
                    continue
                count[term] += 1
                on_days[term].add(date)
                first.setdefault(term, (date, url))
    batch.stdin.close()
    batch.wait()

    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# Quoted numbered slogans in 新闻联播 transcripts {args.start}..{args.end}: "
                  f"{read_days} days, {sum(count.values())} occurrences, {len(count)} slogans.\n")
        out.write(f"# Source: github.com/china-data/xwlb commit {commit} (tv.cctv.com transcripts); "
                  "built by lexicon/coverage/extract.py.\n")
        out.write("term\toccurrences\tdays\tfirst_date\tfirst_url\n")
        for term, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])):
            date, url = first[term]
            out.write(f"{term}\t{n}\t{len(on_days[term])}\t{date}\t{url}\n")
    print(f"{read_days} days, {sum(count.values())} occurrences, {len(count)} slogans -> {args.out}")


if __name__ == "__main__":
    main()
