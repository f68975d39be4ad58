#!/usr/bin/env python3
"""The fifty-ninth held-out set (heldout59.jsonl): the 2026 government work reports (政府工作报告)
of the 31 provincial-level governments, long, professionally edited official text of the genre
the rule is used on, from a source no other set draws on.

Source: the public GitHub repository johncodes404/china-provincial-gov-reports-2026, files
output/2026_raw_text/2026_<省>_政府工作报告.csv at HEAD, one row each (province, year, title,
source_url, publish_date, full_text): the text of a provincial government site or a newspaper
copy of the report (several through a library proxy, s.fjlib.net), scraped line by line.

Text: full_text, split into paragraphs on its own line breaks (if a report had none, it would
be split only after 。！？ and before a heading 一、 or （一）, and the script says so; at the
commit used every report has line breaks). Web-page leftovers are removed by these rules only:

  head (the lines before the first line that starts with 各位代表): a line that is one of the
    page's buttons and labels (下载 打印 全屏 收藏 【字号： 【字体： 加大 还原 减小 大 中 小 【 】
    分享： 您的位置: 当前位置： 首页 > 阅读量：); a bare label 来源：/时间：/发表时间： together with
    the line after it (its value); a line 来源：X, 时间：X or 发表时间：X; a time stamp alone on a
    line (2026-02-03 09:02:33, 2026年02月10日 07时41分); the line after a breadcrumb '>'; and a
    line that repeats an earlier head line (the page title shown twice). Title, dateline,
    speaker and photo caption lines stay.
  tail: everything from the first line after the opening 各位代表 that is a page-footer marker
    (相关报道： 相关文档： 相关附件>> 相关链接>> 扫一扫在手机打开当前页 》》点击图片进入专题《《
    打印本页 关闭窗口 责任编辑：, or 编辑：X, or （来源：X）) to the end; the reports' own notes and
    annexes (名词解释, 注释, 附件) before it stay.
  body: the newspaper's page-jump marks （下转第X版） and （紧接第X版） are removed; a line that the
    scraper broke off inside a sentence at an inline link or subscript is joined back: a line
    that is only punctuation goes to its neighbour (an opening bracket to the next line, other
    marks to the previous one); a line ending in ，or 、 takes the next line; a line of at most 6
    characters that is not a label (附件, 注释, 各位代表 …), not numbered (一、 （一） 1. ［1］) and
    not ending in 。！？：；!?:; joins the previous line, and the next line too, when the previous
    line ends without one of those marks.

Each paragraph then goes through clean_paragraph of extract_rss_feeds.py (zero-width characters
out, outer whitespace stripped; spaces inside a paragraph stay as published); empty paragraphs
are dropped. Nothing else is changed.

Id: PREFIX-YYYYMMDD-K with the report's publish_date (20260101 when it has none), K numbering
the reports of that day from 1 in the order of their file names. url is source_url. Reports
whose first 30 non-space characters open a story of another set (used_openings of
extract_heldout2.py plus eval/published/xwlb.jsonl) would be left out. By default every report
is taken; --n N draws N of them by the SHA-1 of their id.

    python3 eval/tools/extract_province_reports.py GIT_DIR [--n N]
        [--out eval/recurrence/heldout59.jsonl] [--prefix held59]

GIT_DIR is the repository's git directory (e.g. a bare mirror of the repository above).
"""
import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_heldout import write_sample  # noqa: E402
from extract_heldout2 import used_openings  # noqa: E402
from extract_rss_feeds import clean_paragraph  # noqa: E402

FOLDER = "output/2026_raw_text"
NAME = re.compile(r"output/2026_raw_text/2026_(.+)_政府工作报告\.csv")
NAV = {"下载", "打印", "全屏", "收藏", "【字号：", "【字体：", "加大", "还原", "减小", "大", "中", "小",
       "【", "】", "分享：", "分享:", "您的位置:", "您的位置：", "当前位置：", "当前位置:", "首页", ">",
       "阅读量：", "阅读量:"}
LABEL = {"来源：", "来源:", "时间：", "时间:", "发表时间：", "发表时间:"}
LABELLED = re.compile(r"(来源|时间|发表时间)[:：].+")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?|\d{4}年\d{2}月\d{2}日 \d{2}时\d{2}分")
FOOTER = {"相关报道：", "相关文档：", "相关附件>>", "相关链接>>", "扫一扫在手机打开当前页",
          "》》点击图片进入专题《《", "打印本页", "关闭窗口", "责任编辑："}
FOOTER_RE = re.compile(r"编辑：.+|（来源：.+）")
PAGE_JUMP = re.compile(r"（(下转|紧接)第[一二三四五六七八九十\d]+版）")
NUMBERED = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|［\d+］")
KEEP_SHORT = re.compile(r"附件\d*|注释|名词解释|各位代表[：！]")
PUNCT_ONLY = re.compile(r"[\s。，、；：！？“”‘’（）《》【】…—·.,;:!?()]+")
OPENING = "（“《‘【("
ENDS = tuple("。！？：；!?:;")
HEADING = re.compile(r"(?<=[。！？])(?=[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def git(git_dir, *args):
    return subprocess.run(["git", "-c", "core.quotepath=false", "--git-dir", git_dir, *args],
                          check=True, capture_output=True).stdout


def clean_head(head):
    out, seen, drop_next = [], set(), False
    for i, line in enumerate(head):
        s = line.strip()
        dropped = (drop_next or s in NAV or s in LABEL or LABELLED.fullmatch(s)
                   or STAMP.fullmatch(s) or (i > 0 and head[i - 1].strip() == ">")
                   or s in seen)
        drop_next = s in LABEL
        seen.add(s)
        if not dropped:
            out.append(line)
    return out


def join_broken(lines):
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if s and PUNCT_ONLY.fullmatch(s):
            if s[-1] in OPENING and nxt is not None:
                lines[i + 1] = s + nxt.lstrip()
            elif out:
                out[-1] += s
            else:
                out.append(line)
            i += 1
            continue
        if (out and 0 < len(s) <= 6 and not KEEP_SHORT.fullmatch(s) and not s.endswith(ENDS)
                and not NUMBERED.match(s) and not out[-1].rstrip().endswith(ENDS)):
            out[-1] += s
            if nxt is not None and not PUNCT_ONLY.fullmatch(nxt.strip()):
                out[-1] += nxt.strip()
                i += 1
            i += 1
            continue
        if out and out[-1].rstrip().endswith(("，", "、")):
            out[-1] = out[-1].rstrip() + s
        else:
            out.append(line)
        i += 1
    return out


def report_paragraphs(text, name):
    """The report's paragraphs and a note of what was removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text:
        print(f"{name}: no line breaks; split after 。！？ before 一、/（一） headings only",
              file=sys.stderr)
        text = HEADING.sub("\n", text)
    lines = text.split("\n")
    start = next((i for i, s in enumerate(lines) if s.strip().startswith("各位代表")), 0)
    head = clean_head(lines[:start])
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].strip() in FOOTER or FOOTER_RE.fullmatch(lines[i].strip())),
               len(lines))
    body = [PAGE_JUMP.sub("", s) for s in lines[start:end]]
    body = join_broken(body)
    note = f"{start - len(head)} head lines, {len(lines) - end} tail lines removed"
    paragraphs = [p for p in (clean_paragraph(s) for s in head + body) if p]
    return paragraphs, note


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--n", type=int, help="draw N reports by the SHA-1 of their id (default: all)")
    ap.add_argument("--out", default="eval/recurrence/heldout59.jsonl")
    ap.add_argument("--prefix", default="held59", help="story ids are PREFIX-YYYYMMDD-NUM")
    args = ap.parse_args()

    used = used_openings(args.out, published=True)

    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    names = sorted(n for n in git(args.git_dir, "ls-tree", "-r", "--name-only", "HEAD",
                                  FOLDER).decode().split("\n") if NAME.fullmatch(n))
    pool, per_day = [], {}
    for name in names:
        data = git(args.git_dir, "show", f"HEAD:{name}").decode("utf-8-sig")
        for row in csv.DictReader(io.StringIO(data, newline="")):
            date = (row.get("publish_date") or "").strip()[:10] or "2026-01-01"
            day = date.replace("-", "")
            per_day[day] = per_day.get(day, 0) + 1
            paragraphs, note = report_paragraphs(row.get("full_text") or "", name)
            text = "\n".join(paragraphs)
            print(f"{NAME.fullmatch(name)[1]}: {note}, {len(text)} characters", file=sys.stderr)
            if not text or re.sub(r"\s", "", text)[:30] in used:
                continue
            pool.append({
                "id": f"{args.prefix}-{day}-{per_day[day]}",
                "date": date,
                "title": (row.get("title") or "").strip(),
                "url": (row.get("source_url") or "").strip(),
                "source": f"github.com/johncodes404/china-provincial-gov-reports-2026@"
                          f"{commit[:12]}:{name}",
                "text": text,
            })
    picked, chars = write_sample(pool, len(pool) if args.n is None else args.n, args.out)
    print(f"{len(picked)} of {len(pool)} reports ({len(names)} files), {chars} characters -> "
          f"{args.out}")


if __name__ == "__main__":
    main()
