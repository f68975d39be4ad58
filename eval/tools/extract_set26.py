#!/usr/bin/env python3
"""The twenty-sixth, twenty-seventh and twenty-eighth held-out sets for the recurrence
evaluation, from the 新闻联播 archive yuekcc/cctv_news.

Set 26 (the default): 新闻联播 of 2026-07-02..2026-08-21, the seven weeks after the last day any
other corpus holds (Ming-H/xwlb-daily, used for set 19, ends 2026-07-01; china-data/xwlb ends
2026-06-11), so none of these stories is in any other set, in the published corpus or in the
background table's years.

Set 27 (--from 20220101 --to 20231231 --skip-background-days --prefix held27 --n 250): 新闻联播
of 2022-2023, the archive's first two years, on the days the background statistics table
(data/formulas/background.tsv) was not mined from. These years are before the published corpus
(2024-01..2026-06) but inside the background table's range (2016-2023): that table was built
from 700 days of china-data/xwlb picked evenly over 2016-01-01..2023-12-31 (`extract_xwlb.py
GIT_DIR --from 2016-01-01 --to 2023-12-31 --days 700`), and --skip-background-days leaves out
every one of those days (175 of them fall in 2022-2023), so no story of set 27 was seen by the
table. The pick is recomputed here exactly as extract_xwlb.py makes it (its pick is inline in
its main(), so it is not imported): the days of the range that china-data/xwlb@710ba229765c
holds -- every day but 2021-05-07..2021-05-13, BACKGROUND_MISSING -- sorted, step = held / 700,
day int(i * step) for i < 700. That list was checked against the archive's assets/ listing and
against the dates of a run of extract_xwlb.py (700 days, 10553 stories, as the table's README
says); it is the same.

Set 28 (--from 20220101 --to 20231231 --skip-background-days --meetings --prefix held28 --n 120):
meeting reports (会议通稿) of the same days as set 27 -- 2022-2023 but the background table's
days -- none whose opening another set holds. --meetings keeps a story only when its title
reports a meeting, by the title test of extract_heldout2.py --meetings (its MEETING, AWAY and
HOSTED patterns, imported from it): MEETING (主持召开, 全体会议, 全会, 座谈会, 集体学习, 常务会议,
工作会议, NPC and CPPCC sessions, 主席团, 公报, 研讨班, 大会 ...) and not AWAY (会见, 会谈, 贺信,
将出席, 峰会, 论坛, 调研, 考察 ...) unless HOSTED (主持召开, 座谈会). The other rules are this
script's (at least MIN_CHARS characters, not extract_heldout2.py's 800). Of the 185 meeting
reports left out for their opening, sets 6 and 12 (drawn by extract_heldout2.py --meetings from
china-data/xwlb's 2022 and 2023, stories of at least 800 characters) hold 85 and 64 and set 27
holds 23, so 77 of set 28's 103 stories have fewer than 800 characters.

Set 29 (the set 27 arguments with --prefix held29): 250 more 新闻联播 stories of the same days,
drawn from the 1015 left once sets 27 and 28 (and every other set) hold theirs.

Source: the public GitHub repository yuekcc/cctv_news, commit f3f077685dd5 (2026-08-22; its
bot adds one day a day; its news/ starts on 2022-01-01). news/YYYYMMDD.md is one day's programme
as tv.cctv.com serves it, turned from the page's HTML into Markdown: a "## 新闻摘要" list of
headlines, then "## 详细新闻" with one "### TITLE" block a story, each story's paragraphs
separated by blank lines and closed by "[查看原文](https://tv.cctv.com/...shtml)", the story's own
tv.cctv.com address (checked against the page titles in the archive's dump_htmls/). The stories
are the full texts as published, not summaries. The same texts are in
DuckBurnIncense/xin-wen-lian-bo (as HTML <p> paragraphs). Files of 2022-2023 also wrap some
stories' paragraphs in "<!--repaste.body.begin-->" / "<!--repaste.body.end-->" lines (page
markers, not text); HTML comments are dropped (the 2026 files have none).

What it keeps: every story of days --from..--to (default FIRST_DAY..LAST_DAY) with at least
MIN_CHARS characters of text (whitespace not counted) except the 联播快讯 round-ups (a dozen
unrelated items under one title), with --skip-background-days every story of a background
day, and with --meetings every story whose title does not report a meeting. The text is the
story's paragraphs joined by "\\n", with the Markdown undone: bold markers (the
"**央视网消息**（新闻联播）：" byline and in-story subheads) dropped, remark's backslash
escapes ("\\~") and HTML entities ("&#xA0;") resolved, HTML comments dropped, each line
stripped. A story is left out when the first 40 characters of its text (whitespace and a
leading "央视网消息（新闻联播）：" byline not counted) open a story in
eval/recurrence/heldout*.jsonl (but this set's own file, heldoutNN.jsonl for --prefix heldNN,
and the --out file), eval/published/xwlb.jsonl or eval/recurrence/meetings.jsonl (these
openings are compared, not whole texts, so a story is also dropped when only a formulaic
opening such as "8月1日出版的第15期《求是》杂志发表……" matches a story of another year), and when
its whole text repeats an earlier story of this set (not its opening alone: three 2026-07-17
audiences share 40 opening characters and are kept). If more than N stories are left, N are
drawn by the SHA-1 of their tv.cctv.com address (a fixed draw that any rerun on the same commit
repeats), kept in date order; at this commit 145 are left for set 26, so all are kept, 1370
for set 27, of which 250 are drawn, and 103 for set 28, so all are kept. Ids are
PREFIX-YYYYMMDD-K (held26-..., held27-..., held28-...), K the story's place in that day's 详细新闻
list (1-based).

Sets drawn later count for the earlier ones when they are rebuilt: with heldout28.jsonl and
heldout29.jsonl in place, the set 27 command leaves out their openings too and reports 1004
left (not 1370), but its file is the same, since they hold none of set 27's stories and the
draw takes the first 250 by SHA-1 of what is left. The commands below still rebuild sets 26
to 29 byte for byte.

To rebuild (the git dir is the one `fetch` of github:yuekcc/cctv_news brings; no checkout):

    python3 eval/tools/extract_set26.py GIT_DIR \\
        [--commit f3f077685dd5] [--n 300] [--out eval/recurrence/heldout26.jsonl]
    python3 eval/tools/extract_set26.py GIT_DIR --commit f3f077685dd5 \\
        --from 20220101 --to 20231231 --skip-background-days --prefix held27 --n 250 \\
        --out eval/recurrence/heldout27.jsonl
    python3 eval/tools/extract_set26.py GIT_DIR --commit f3f077685dd5 \\
        --from 20220101 --to 20231231 --skip-background-days --meetings --prefix held28 --n 120 \\
        --out eval/recurrence/heldout28.jsonl
    python3 eval/tools/extract_set26.py GIT_DIR --commit f3f077685dd5 \\
        --from 20220101 --to 20231231 --skip-background-days --prefix held29 --n 250 \\
        --out eval/recurrence/heldout29.jsonl

Options: --from/--to YYYYMMDD, the day range (inclusive); --prefix, the ids' prefix (default
held26); --skip-background-days, leave out the background table's days; --meetings, keep
only stories whose title reports a meeting; --n, the most stories kept (default 300); --commit,
the archive's commit (default HEAD).
"""
import argparse
import datetime as dt
import glob
import hashlib
import html
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..")
FIRST_DAY = "20260702"
LAST_DAY = "20260821"
MIN_CHARS = 600
OPENING = 40
ROUND_UP = re.compile(r"联播快讯")
BYLINE = re.compile(r"^(央视网消息|中国网络电视台消息)[（(]新闻联播[）)][：:]")
LINK = re.compile(r"^\[查看原文\]\((\S+?)\)\s*$")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~|<>&])")
HTML_COMMENT = re.compile(r"<!--.*?-->")
# --meetings: the title test of extract_heldout2.py --meetings (its MEETING, AWAY and HOSTED;
# that module only defines names and imports its sibling tools when imported).
sys.path.insert(0, HERE)
from extract_heldout2 import AWAY, HOSTED, MEETING  # noqa: E402
# The background table's days: extract_xwlb.py GIT_DIR --from 2016-01-01 --to 2023-12-31
# --days 700 on china-data/xwlb@710ba229765c, whose assets/ hold every day of that range but
# BACKGROUND_MISSING.
BACKGROUND_FROM = dt.date(2016, 1, 1)
BACKGROUND_TO = dt.date(2023, 12, 31)
BACKGROUND_DAYS = 700
BACKGROUND_MISSING = frozenset(dt.date(2021, 5, d) for d in range(7, 14))


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True).stdout


def opening(text):
    t = re.sub(r"\s", "", text)
    return BYLINE.sub("", t)[:OPENING]


def background_days():
    """YYYYMMDD of each day extract_xwlb.py picks for the background table (its own rule)."""
    available = [BACKGROUND_FROM + dt.timedelta(i)
                 for i in range((BACKGROUND_TO - BACKGROUND_FROM).days + 1)]
    available = [d for d in available if d not in BACKGROUND_MISSING]
    step = max(1, len(available) / BACKGROUND_DAYS)
    picked = [available[int(i * step)] for i in range(min(BACKGROUND_DAYS, len(available)))]
    return {f"{d:%Y%m%d}" for d in picked}


def reports_meeting(title):
    """A title that reports a meeting, as extract_heldout2.py --meetings tests it: MEETING
    (国务院常务会议, 政治局会议 and 集体学习, 全会, 座谈会, NPC and CPPCC sessions, 公报 ...) and
    not a meeting's side news or a visit (AWAY: 会见, 贺信, 将出席, 峰会, 论坛 ...) unless the
    title names a meeting it chairs (HOSTED: 主持召开, 座谈会)."""
    if not MEETING.search(title):
        return False
    return not (AWAY.search(title) and not HOSTED.search(title))


def clean_line(line):
    line = HTML_COMMENT.sub("", line)
    line = line.replace("**", "")
    line = MD_ESCAPE.sub(r"\1", line)
    line = html.unescape(line)
    return line.strip().strip("\u00a0").strip()


def stories(md):
    """(place, title, url, text) of each story of one day's file."""
    if "\n## 详细新闻\n" not in md:
        return
    body = md.split("\n## 详细新闻\n", 1)[1]
    body = re.split(r"\n---\s*\n", body)[0]
    for k, block in enumerate(re.split(r"\n### ", "\n" + body)[1:], 1):
        title, _, rest = block.partition("\n")
        url, lines = "", []
        for raw in rest.split("\n"):
            m = LINK.match(raw.strip())
            if m:
                url = m.group(1)
                continue
            line = clean_line(raw)
            if line:
                lines.append(line)
        yield k, clean_line(title), url, "\n".join(lines)


def known_openings(own):
    files = sorted(glob.glob(os.path.join(EVAL, "recurrence", "heldout*.jsonl")))
    files += [os.path.join(EVAL, "published", "xwlb.jsonl"),
              os.path.join(EVAL, "recurrence", "meetings.jsonl")]
    seen = set()
    for path in files:
        if os.path.basename(path) in own or os.path.realpath(path) in own:
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    seen.add(opening(json.loads(line)["text"]))
    return seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--prefix", default="held26")
    ap.add_argument("--from", dest="first", default=FIRST_DAY)
    ap.add_argument("--to", dest="last", default=LAST_DAY)
    ap.add_argument("--skip-background-days", action="store_true")
    ap.add_argument("--meetings", action="store_true",
                    help="only stories whose title reports a meeting (extract_heldout2.py's test)")
    ap.add_argument("--out", default=os.path.normpath(
        os.path.join(EVAL, "recurrence", "heldout26.jsonl")))
    args = ap.parse_args()
    for day in (args.first, args.last):
        if not re.fullmatch(r"\d{8}", day):
            ap.error(f"not YYYYMMDD: {day}")
        dt.datetime.strptime(day, "%Y%m%d")
    commit = git(args.git_dir, "rev-parse", args.commit).decode().strip()
    names = sorted(n for n in git(args.git_dir, "ls-tree", "--name-only", commit,
                                  "news/").decode().split()
                   if re.fullmatch(r"news/\d{8}\.md", n))
    own = {os.path.realpath(args.out)}
    if args.prefix.startswith("held"):
        own.add(f"heldout{args.prefix[4:]}.jsonl")
    seen = known_openings(own)
    background = background_days() if args.skip_background_days else set()
    texts, picked = set(), []
    skipped = {"short": 0, "round-up": 0, "known opening": 0, "repeated text": 0}
    if args.meetings:
        skipped["not a meeting"] = 0
    if args.skip_background_days:
        skipped["background day"] = 0
    days = skipped_days = 0
    for name in names:
        day = name[5:13]
        if not args.first <= day <= args.last:
            continue
        days += 1
        md = git(args.git_dir, "show", f"{commit}:{name}").decode("utf-8")
        if day in background:
            skipped_days += 1
            skipped["background day"] += sum(1 for _ in stories(md))
            continue
        for k, title, url, text in stories(md):
            if ROUND_UP.search(title):
                skipped["round-up"] += 1
                continue
            if args.meetings and not reports_meeting(title):
                skipped["not a meeting"] += 1
                continue
            if len(re.sub(r"\s", "", text)) < MIN_CHARS:
                skipped["short"] += 1
                continue
            if opening(text) in seen:
                skipped["known opening"] += 1
                continue
            if text in texts:
                skipped["repeated text"] += 1
                continue
            texts.add(text)
            picked.append({
                "id": f"{args.prefix}-{day}-{k}",
                "date": f"{day[:4]}-{day[4:6]}-{day[6:]}",
                "title": title,
                "url": url,
                "source": f"github.com/yuekcc/cctv_news@{commit[:12]}:{name}",
                "text": text,
            })
    qualified = len(picked)
    if qualified > args.n:
        order = sorted(range(qualified), key=lambda i: hashlib.sha1(
            (picked[i]["url"] or picked[i]["text"]).encode("utf-8")).hexdigest())
        keep = set(order[:args.n])
        picked = [s for i, s in enumerate(picked) if i in keep]
    with open(args.out, "w", encoding="utf-8") as f:
        for s in picked:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    chars = sum(len(s["text"]) for s in picked)
    print(f"{qualified} qualified ({', '.join(f'{v} {k}' for k, v in skipped.items())} left out); "
          f"{len(picked)} stories, {chars} characters, "
          f"{picked[0]['date'] if picked else '-'}..{picked[-1]['date'] if picked else '-'}, "
          f"commit {commit} -> {args.out}", file=sys.stderr)
    if args.skip_background_days:
        print(f"{days} days in {args.first}..{args.last}, {skipped_days} of them background "
              f"days left out", file=sys.stderr)


if __name__ == "__main__":
    main()
