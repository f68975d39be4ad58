#!/usr/bin/env python3
"""Write every 新闻联播 story of a china-data/xwlb clone as one JSON line for find_source.py.

    python3 lexicon/tools/dump_xwlb.py GIT_DIR OUT.jsonl [--from 2016] [--to 2026]

GIT_DIR is a clone (bare is fine) of https://github.com/china-data/xwlb (the daily
transcript JSON tv.cctv.com serves, assets/YYYY/YYYYMMDD.json). Each line holds the
broadcast day, the story's title, its tv.cctv.com address and its text (paragraphs from <p>,
entities decoded). The output is a working file for curators, not part of the repository.
"""
import argparse
import html
import json
import re
import subprocess

P_SPLIT = re.compile(r"</p\s*>|<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("out")
    ap.add_argument("--from", dest="start", type=int, default=2016)
    ap.add_argument("--to", dest="end", type=int, default=2026)
    a = ap.parse_args()
    git = ["git", "--git-dir", a.git_dir]
    names = subprocess.run(git + ["ls-tree", "-r", "--name-only", "HEAD", "assets"],
                           check=True, capture_output=True, text=True).stdout.split()
    names = [n for n in names if (m := re.fullmatch(r"assets/(\d{4})/\d{8}\.json", n))
             and a.start <= int(m[1]) <= a.end]
    batch = subprocess.Popen(git + ["cat-file", "--batch"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    with open(a.out, "w", encoding="utf-8") as out:
        for name in names:
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
            for item in data.get("videoList") or []:
                detail = item.get("video_detail") or {}
                paras = (html.unescape(TAG.sub("", c)).replace("\u00a0", " ").strip()
                         for c in P_SPLIT.split(detail.get("content") or ""))
                out.write(json.dumps({
                    "date": name[-13:-5],
                    "title": item.get("video_title") or detail.get("title"),
                    "url": item.get("video_url") or item.get("url") or "",
                    "text": "\n".join(p for p in paras if p),
                }, ensure_ascii=False) + "\n")
    batch.stdin.close()
    batch.wait()


if __name__ == "__main__":
    main()
