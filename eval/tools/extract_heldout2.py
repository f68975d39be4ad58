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

The fifth (heldout5.jsonl) is a draw of meeting reports only, of 2025-2026, the period the
rule is used on: `--meetings` keeps stories whose title reports a meeting (MEETING below: 国务院
常务会议, 政治局会议 and 集体学习, 全会, 座谈会, NPC and CPPCC sessions, 公报 …) and not a
meeting's side news (AWAY: 会见, 贺信, 将出席 …), from the days eval/published/xwlb.jsonl was NOT
read from (so none of them is in the published corpus, and 2025-26 is after the background
table's years), and leaves out any story whose opening sentence is in a story the other sets
hold (meetings.jsonl, heldout*.jsonl), with at least 800 characters, one per text; N are drawn by
the SHA-1 of their id as above.

    python3 eval/tools/extract_heldout2.py GIT_DIR --meetings --year 2025 --to-year 2026 \
        --prefix held5 --out eval/recurrence/heldout5.jsonl

The twentieth (heldout20.jsonl, round 9) is a draw of every kind of story of 2025-2026 from
the same days as the fifth's, leaving out every story another set holds (the fifth's meeting
reports among them):

    python3 eval/tools/extract_heldout2.py GIT_DIR --news --year 2025 --to-year 2026 \
        --prefix held20 --n 100 --out eval/recurrence/heldout20.jsonl

The sixth (heldout6.jsonl) is the same draw of meeting reports over 2022, a year no other set
uses (the published-corpus days are irrelevant there; the background table's days are left out):

    python3 eval/tools/extract_heldout2.py GIT_DIR --meetings --year 2022 --prefix held6 \
        --n 200 --out eval/recurrence/heldout6.jsonl
"""
import argparse
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..")
MEETING = re.compile(r"主持召开|召开会议|全体会议|全会|座谈会|集体学习|常务会议|工作会议|主席会议|负责人会议|"
                     r"会议(在京|开幕|闭幕|举行)|在京(开幕|闭幕)|预备会议|主席团|公报|研讨班|"
                     r"(?<!代表)大会|审议时|团拜会|茶话会|工作汇报")
# Side news of meetings and visits, speeches at assemblies abroad; a title naming a meeting it chairs (主持召开, 座谈会) stays.
AWAY = re.compile(r"会见|会谈|会晤|贺信|贺电|致信|将出席|《求是》|在基层|欢迎宴会|峰会|论坛|调研|考察|并发言")
HOSTED = re.compile(r"主持召开|座谈会(?!精神)")


def used_openings(out_path, published=False):
    """The opening 30 characters of every story the other recurrence sets hold (every
    .jsonl of eval/recurrence except the one being written), and with `published` those of
    the published corpus (eval/published/xwlb.jsonl) too."""
    out = set()
    folder = os.path.join(EVAL, "recurrence")
    own = os.path.basename(out_path)
    paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder))
             if name.endswith(".jsonl") and name != own]
    if published:
        paths.append(os.path.join(EVAL, "published", "xwlb.jsonl"))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                out.add(re.sub(r"\s", "", text)[:30])
    return out


def published_days():
    with open(os.path.join(EVAL, "published", "xwlb.jsonl"), encoding="utf-8") as f:
        return {dt.date.fromisoformat(json.loads(line)["date"]) for line in f}

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
    ap.add_argument("--to-year", type=int, help="last year of the range (default: --year)")
    ap.add_argument("--meetings", action="store_true",
                    help="meeting reports only, from days the published corpus left out")
    ap.add_argument("--news", action="store_true",
                    help="every kind of story, from days the published corpus left out, "
                         "none whose opening another set holds")
    args = ap.parse_args()
    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    names = git(args.git_dir, "ls-tree", "-r", "--name-only", "HEAD", "assets").decode().split()
    skip = background_days(names)
    used = set()
    if args.meetings or args.news:
        skip |= published_days()
        used = used_openings(args.out)
    year = days(names, dt.date(args.year, 1, 1), dt.date(args.to_year or args.year, 12, 31))
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
            if len(text) < 800 or not title:
                continue
            if args.meetings:
                # Reports of recurring meetings share a title (李强主持召开国务院常务会议).
                opening = re.sub(r"\s", "", text)[:30]
                away = AWAY.search(title) and not HOSTED.search(title)
                if not MEETING.search(title) or away or opening in used:
                    continue
                if text in seen_titles:
                    continue
                seen_titles.add(text)
            elif args.news:
                if re.sub(r"\s", "", text)[:30] in used or text in seen_titles:
                    continue
                seen_titles.add(text)
            elif title in seen_titles:
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
