#!/usr/bin/env python3
"""eval/published/reports.jsonl: the national documents every drafter copies from, as a check
of the correctness rules — the State Council's government work reports (政府工作报告) of
2000-2025 and the reports to the 14th-20th National Congresses of the Communist Party of
China (1992-2022). A correctness rule that fires on them is wrong until shown otherwise.

Source: the public GitHub repository aldohemsn/chinese-political-corpora, files
government_work_reports.jsonl and cpc_congress_reports.jsonl (title, url, content, and year or
congress): the texts as transcribed on 中文维基文库 (zh.wikisource.org), each with its page
address. The work reports' resolutions (…关于政府工作报告的决议) and the congress reports before
the 14th are left out; the 2020 work report is not in the source.

Text: content, split into paragraphs on its line breaks. Removed: the wiki's licence box at the
end (from the first line that starts with 本作品 to the end). Lines the transcription broke off
inside a sentence at a wiki link or a subscript are joined back: a line after one ending on an
opening mark (《“（), a line starting with a closing mark or a comma (》”）、，。), a line
starting with a digit after one ending on a Latin letter (PM|2.5), a line after a bold run-in
head alone on its line (一是|发行…), then, apart from the salutations (同志们：, 各位代表：, kept
on lines of their own), by join_broken of
extract_province_reports.py (a line of punctuation only, a line ending in ，or 、, a short
unnumbered fragment between lines without a closing mark). Each paragraph then goes through clean_paragraph of
extract_rss_feeds.py (zero-width characters out, outer whitespace stripped); empty paragraphs
are dropped. Nothing else is changed: the 　 indents and the titles' spaced names (习　近　平)
inside a line stay as transcribed.

Date: the day the report was delivered — a work report on the opening day of the National
People's Congress's session, 5 March every year of 2000-2025 (the 2020 session, opened on
22 May, is not in the source); a congress report on the congress's opening day.

Id: gwr-YYYY (work report of year YYYY) or cpc-NN (report to the NN-th congress).

Usage: python3 eval/tools/extract_national_reports.py GIT_DIR [--out eval/published/reports.jsonl]
where GIT_DIR is the git directory of a clone of the repository (commit 99bc4b01d11c).
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_province_reports import git, join_broken  # noqa: E402
from extract_rss_feeds import clean_paragraph  # noqa: E402

REPO = "aldohemsn/chinese-political-corpora"
# Opening days of the 14th-20th National Congresses (中国共产党历次全国代表大会,
# cpc.people.com.cn/GB/64162/64168/).
CONGRESS_DAYS = {14: "1992-10-12", 15: "1997-09-12", 16: "2002-11-08", 17: "2007-10-15",
                 18: "2012-11-08", 19: "2017-10-18", 20: "2022-10-16"}


OPENS = tuple("《“（‘(")
CLOSES = tuple("》”）’)、，。；：！？,.;:!?")
# A bold run-in head the wiki set on a line of its own (一是|发行1000亿元长期国债…).
RUN_IN = re.compile(r"[一二三四五六七八九十]+[是要]")
SALUTATION = re.compile(r"[^。，,]{2,15}[：:]")


def join_links(lines):
    """The wiki links and subscripts a transcription breaks out of their sentence (贯彻《\n人口与
    计划生育法\n》。, 细颗粒物（PM\n2.5）): a line after one that ends on an opening mark, a line
    that starts with a closing mark or a comma, and a line of digits after one ending on a
    Latin letter join the line before; so does a line after a bold run-in head set alone
    (一是, 二要)."""
    out = []
    for line in lines:
        s = line.strip()
        subscript = out and out[-1][-1:].isascii() and out[-1][-1:].isalpha() and s[:1].isdigit()
        run_in = out and RUN_IN.fullmatch(out[-1])
        if out and (out[-1].endswith(OPENS) or s.startswith(CLOSES) or subscript or run_in):
            out[-1] += s
        else:
            out.append(s)
    return out


def paragraphs(content):
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    end = next((i for i, s in enumerate(lines) if s.strip().startswith("本作品")), len(lines))
    body = join_links([s for s in lines[:end] if s.strip()])
    # A salutation (同志们：, 各位代表：) stands alone: join_broken would take it for a broken
    # line's end after the speaker's spaced name (习　近　平).
    joined, chunk = [], []
    for line in body:
        if SALUTATION.fullmatch(line.strip()):
            joined += join_broken(chunk) + [line]
            chunk = []
        else:
            chunk.append(line)
    joined += join_broken(chunk)
    return [p for p in (clean_paragraph(s) for s in joined) if p]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--out", default="eval/published/reports.jsonl")
    args = ap.parse_args()
    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    stories = []
    for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl"):
        raw = git(args.git_dir, "show", f"{commit}:{name}").decode("utf-8")
        for line in raw.splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            if name.startswith("government"):
                year = d.get("year")
                if not year or "决议" in d["title"] or int(year) < 2000:
                    continue
                sid, date = f"gwr-{year}", f"{year}-03-05"
            else:
                n = d.get("congress")
                if n not in CONGRESS_DAYS:
                    continue
                sid, date = f"cpc-{n}", CONGRESS_DAYS[n]
            stories.append({
                "id": sid,
                "date": date,
                "title": d["title"],
                "url": d["url"],
                "source": f"{REPO}@{commit[:12]}:{name}",
                "text": "\n".join(paragraphs(d["content"])),
            })
    stories.sort(key=lambda s: (s["date"], s["id"]))
    with open(args.out, "w", encoding="utf-8") as f:
        for s in stories:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    chars = sum(len(s["text"]) for s in stories)
    print(f"{len(stories)} reports, {chars} characters -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
