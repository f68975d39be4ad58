#!/usr/bin/env python3
"""Find 新闻联播 transcripts (央视网, tv.cctv.com) that carry a formulation's wording.

    python3 lexicon/tools/find_source.py CORPUS.jsonl TERM [FULL] [--components A|B|C]

CORPUS.jsonl has one story per line ({"date", "title", "url", "text"}), e.g. written from a
clone of https://github.com/china-data/xwlb with lexicon/tools/dump_xwlb.py. Prints, earliest
first, the stories whose text holds the full form verbatim ("full"), else all components in
order within one paragraph ("components"), else the term ("term"), with the sentence around
the first hit, so that a curator reads the wording before citing the address.
"""
import argparse
import json
import re


def in_order(paragraph, parts):
    at = 0
    for p in parts:
        i = paragraph.find(p, at)
        if i < 0:
            return False
        at = i + len(p)
    return True


def find(stories, term, full=None, components=None, limit=3):
    hits = {"full": [], "components": [], "term": []}
    for s in stories:
        text = s["text"]
        kind = None
        if full and full in text:
            kind, needle = "full", full
        elif components and any(in_order(p, components) for p in text.split("\n")):
            kind, needle = "components", components[0]
        elif term in text:
            kind, needle = "term", term
        if kind and len(hits[kind]) < limit:
            i = text.find(needle)
            start = max(text.rfind("。", 0, i) + 1, i - 80)
            end = text.find("。", i)
            end = len(text) if end < 0 else min(end + 1, i + 160)
            hits[kind].append((s["date"], s["url"], s["title"], text[start:end]))
    return hits


def load(path):
    with open(path, encoding="utf-8") as f:
        return sorted((json.loads(l) for l in f), key=lambda s: s["date"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("term")
    ap.add_argument("full", nargs="?")
    ap.add_argument("--components")
    a = ap.parse_args()
    comps = a.components.split("|") if a.components else None
    for kind, rows in find(load(a.corpus), a.term, a.full, comps).items():
        for date, url, title, ctx in rows:
            print(f"{kind}\t{date}\t{url}\t{title}\n\t{ctx}")


if __name__ == "__main__":
    main()
