#!/usr/bin/env python3
"""The fifty-eighth held-out set (heldout58.jsonl): professionally edited newspaper and news-agency
text of January 2026 from full-text RSS archives, a source and genre (人民日报 articles of every
page, 新华社/新华网 stories) that no other set draws on.

Source: the public GitHub repository exposir/RSS, which commits its JSON feeds (jsonfeed 1.1:
items with id, url, title, date_published, content_html, content_text) every few minutes. Each
commit holds only the feed's current items, so this script walks every revision in the history
of HEAD of each copy of the two feeds and takes the union of their items:

    人民日报 (paper.people.com.cn): feeds/people-daily.json, next-app/public/feeds/people-daily.json,
        next-app/public/RSS/feeds/people-daily.json
    新华社 (www.news.cn):          feeds/xinhua.json, next-app/public/feeds/xinhua.json,
        next-app/public/RSS/feeds/xinhua.json

A revision whose blob the local copy lacks (a partial mirror) is skipped and counted. Items are
deduplicated by url, keeping the version with the longest text (the first one met, in the order
of the paths above and oldest commit first, among equally long ones); "source" names the commit
and path that version came from.

Text: made from content_html (content_text has lost the paragraph breaks). Some revisions hold a
flattened page in content_html instead (no markup, the page's script text and footer run into
the article); such a version counts as empty, so the kept version of an item is its longest one
with markup (for 人民日报: with the <div id="ozoom"> article element; for 新华社: with a <p>,
<br> or <div>), and an item that has none is left out. Every block element (p, div, br, blockquote, li, h1-h6, tr, td,
figure, figcaption, section ...) ends a paragraph, tags are removed, entities unescaped (the
standard html.parser), script/style dropped, no-break spaces read as spaces. For 人民日报 only the
article body (the <div id="ozoom"> element) is read, which leaves out the date header and the
copyright footer of the page. Each paragraph then goes through clean_paragraph: zero-width
characters (U+200B..U+200D, U+FEFF) removed, leading and trailing whitespace stripped; empty
paragraphs are dropped. Nothing else is changed (spaces inside a paragraph, as the other sets
keep them: 好客山东 好品山东, a dateline before its first sentence; half-width marks, U+3000,
image captions and bylines stay as published).

Date: the publication day the url carries (paper.people.com.cn/.../content/YYYYMM/DD/,
news.cn/YYYYMMDD/), else date_published in Beijing time. Id: PREFIX-YYYYMMDD-K, K numbering all
the unioned items of that day (both feeds, before any filter) from 1, 人民日报 first, then by
date_published and url, so an id does not depend on the filters or on N.

Selection: items with at least 800 characters of text, none whose first 30 non-space characters
open a story of another set (used_openings of extract_heldout2.py over eval/recurrence/*.jsonl
other than the output, which includes meetings.jsonl, plus eval/published/xwlb.jsonl), one per
opening (a story both feeds carry is kept from 人民日报). Then a fixed draw of N by the SHA-1 of the
id: N//2 from 人民日报 and N - N//2 from 新华社, each feed's share being its first items in SHA-1
order; if one feed has fewer items than its share, all of them are taken and the rest comes from
the other feed. The default N (1000) takes every item kept; heldout58.jsonl was built with it
(427 items: 208 of 人民日报, 219 of 新华社, from exposir/RSS@8f2baf25e147).

    python3 eval/tools/extract_rss_feeds.py GIT_DIR [--n 1000]
        [--out eval/recurrence/heldout58.jsonl] [--prefix held58]

GIT_DIR is the repository's git directory (e.g. a bare mirror of github.com/exposir/RSS).
"""
import argparse
import datetime as dt
import hashlib
import html.parser
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_heldout import write_sample  # noqa: E402
from extract_heldout2 import used_openings  # noqa: E402

FEEDS = [
    ("people-daily", ["feeds/people-daily.json", "next-app/public/feeds/people-daily.json",
                      "next-app/public/RSS/feeds/people-daily.json"]),
    ("xinhua", ["feeds/xinhua.json", "next-app/public/feeds/xinhua.json",
                "next-app/public/RSS/feeds/xinhua.json"]),
]
ZERO_WIDTH = re.compile("[\u200b-\u200d\ufeff]")
BLOCK = {"p", "div", "br", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
         "tr", "td", "th", "table", "figure", "figcaption", "section", "article", "hr", "dd",
         "dt", "dl", "center", "pre", "header", "footer"}
SKIP = {"script", "style"}
BEIJING = dt.timezone(dt.timedelta(hours=8))


def clean_paragraph(s):
    """The per-paragraph cleaning every new set shares: zero-width characters out, outer
    whitespace stripped."""
    return ZERO_WIDTH.sub("", s).strip()


class _Text(html.parser.HTMLParser):
    """Plain paragraphs of an HTML fragment; with root_id, only of the element with that id."""

    def __init__(self, root_id=None):
        super().__init__(convert_charrefs=True)
        self.root_id, self.depth, self.done = root_id, 0 if root_id else 1, False
        self.root_tag, self.skip, self.parts = None, 0, [[]]

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            if not self.done and dict(attrs).get("id") == self.root_id:
                self.root_tag, self.depth = tag, 1
            return
        if self.root_tag == tag:
            self.depth += 1
        if tag in SKIP:
            self.skip += 1
        if tag in BLOCK:
            self.parts.append([])

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK and self.depth > 0:
            self.parts.append([])

    def handle_endtag(self, tag):
        if self.depth == 0:
            return
        if tag in SKIP and self.skip:
            self.skip -= 1
        if tag in BLOCK:
            self.parts.append([])
        if self.root_tag == tag:
            self.depth -= 1
            if self.depth == 0:
                self.done = True

    def handle_data(self, data):
        if self.depth > 0 and not self.skip:
            self.parts[-1].append(data)


def html_paragraphs(fragment, root_id=None):
    parser = _Text(root_id)
    parser.feed(fragment)
    parser.close()
    out = []
    for part in parser.parts:
        for line in "".join(part).replace("\u00a0", " ").split("\n"):
            line = clean_paragraph(line)
            if line:
                out.append(line)
    return out


def item_text(feed, item):
    body = item.get("content_html") or ""
    if feed == "people-daily":
        if 'id="ozoom"' not in body:
            return ""  # a flattened page (no markup, script text and footer run in)
        return "\n".join(html_paragraphs(body, "ozoom"))
    if not re.search(r"<(p|br|div)\b", body):
        return ""
    return "\n".join(html_paragraphs(body))


def item_date(item):
    url = item.get("url") or ""
    m = (re.search(r"/content/(\d{4})(\d{2})/(\d{2})/", url)
         or re.search(r"news\.cn/(?:[a-z]+/)?(\d{4})(\d{2})(\d{2})/", url))
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    stamp = dt.datetime.fromisoformat((item.get("date_published") or "").replace("Z", "+00:00"))
    return stamp.astimezone(BEIJING).date()


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True)


def union_items(git_dir, feed, paths, stats):
    """url -> (text length, item, text, commit, path) over every revision of every path."""
    best = {}
    for path in paths:
        log = git(git_dir, "log", "--reverse", "--format=%H", "HEAD", "--", path)
        for commit in log.stdout.decode().split():
            blob = git(git_dir, "cat-file", "blob", f"{commit}:{path}")
            if blob.returncode != 0:
                stats["missing"] += 1  # the file deleted there, or its blob absent here
                continue
            try:
                data = json.loads(blob.stdout)
            except ValueError:
                stats["broken"] += 1
                continue
            stats["revisions"] += 1
            for item in data.get("items") or []:
                url = item.get("url")
                if not url:
                    continue
                text = item_text(feed, item)
                if url not in best or len(text) > best[url][0]:
                    best[url] = (len(text), item, text, commit, path)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out", default="eval/recurrence/heldout58.jsonl")
    ap.add_argument("--prefix", default="held58", help="story ids are PREFIX-YYYYMMDD-NUM")
    args = ap.parse_args()

    used = used_openings(args.out, published=True)

    rows = []  # (date, feed order, date_published, url, feed, record)
    stats = {}
    for order, (feed, paths) in enumerate(FEEDS):
        stats[feed] = {"revisions": 0, "missing": 0, "broken": 0}
        for url, (_, item, text, commit, path) in union_items(args.git_dir, feed, paths,
                                                              stats[feed]).items():
            rows.append((item_date(item), order, item.get("date_published") or "", url, feed,
                         item, text, commit, path))
    rows.sort(key=lambda r: r[:4])

    pools = {feed: [] for feed, _ in FEEDS}
    totals = {feed: 0 for feed, _ in FEEDS}
    long_enough = {feed: 0 for feed, _ in FEEDS}
    seen, day, k = set(), None, 0
    for date, _, _, url, feed, item, text, commit, path in rows:
        k = k + 1 if date == day else 1
        day = date
        totals[feed] += 1
        if len(text) < 800:
            continue
        long_enough[feed] += 1
        opening = re.sub(r"\s", "", text)[:30]
        if opening in used or opening in seen:
            continue
        seen.add(opening)
        pools[feed].append({
            "id": f"{args.prefix}-{date:%Y%m%d}-{k}",
            "date": date.isoformat(),
            "title": re.sub(r"\s+", " ", item.get("title") or "").strip(),
            "url": url,
            "source": f"github.com/exposir/RSS@{commit[:12]}:{path}",
            "text": text,
        })

    for pool in pools.values():
        pool.sort(key=lambda s: hashlib.sha1(s["id"].encode()).hexdigest())
    (a, pa), (b, pb) = pools.items()
    share_a = min(len(pa), args.n // 2)
    share_b = min(len(pb), args.n - share_a)
    share_a = min(len(pa), args.n - share_b)
    picked = pa[:share_a] + pb[:share_b]
    picked, chars = write_sample(picked, len(picked), args.out)

    for feed, _ in FEEDS:
        s = stats[feed]
        print(f"{feed}: {s['revisions']} revisions read ({s['missing']} missing or deleted, "
              f"{s['broken']} unparsable), {totals[feed]} items, {long_enough[feed]} of at "
              f"least 800 characters, {len(pools[feed])} kept")
    print(f"{len(picked)} stories ({share_a} {a}, {share_b} {b}), {chars} characters -> "
          f"{args.out}")


if __name__ == "__main__":
    main()
