#!/usr/bin/env python3
"""Meeting reports (会议通稿) for the recurrence evaluation, from full Xinhua / gov.cn stories.

Source: the public GitHub repository caijing666666/xinwenlianbo, which archives the stories
behind 新闻联播 items as scraped from news.cn / gov.cn (data/news/*.json, 2025-10..12), each
with its `sourceUrl`. Picks the stories whose title names a meeting (会议, 全会, 座谈会,
集体学习) and whose text has at least 600 characters, and keeps their paragraphs as published
(the page furniture the scraper kept — 字号, 打印, 责任编辑, 相关稿件 — is dropped).

    python3 eval/tools/extract_meetings.py GIT_DIR [--out eval/recurrence/meetings.jsonl]

GIT_DIR is a clone (bare is fine) of https://github.com/caijing666666/xinwenlianbo.
Output: one story per line, `id`, `date`, `title`, `url`, `source`, `text` (as in
eval/published). Reruns on the same commit give the same file.
"""
import argparse
import json
import re
import subprocess

KEYS = ("会议", "全会", "座谈会", "集体学习")
FURNITURE = re.compile(r"^(字号|打印|来源|默认|大|超大|\||【我要纠错】|责任编辑|相关稿件|\d{4}-\d\d-\d\d)")


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True).stdout


def paragraphs(content, title):
    out = []
    for chunk in re.split(r"\n|\u2003\u2003", content):
        text = chunk.replace("\u00a0", " ").replace("\u3000", " ").strip()
        if not text or FURNITURE.match(text) or len(text) < 15:
            continue
        # The scraper glues the headline (without spaces) to the first paragraph.
        squashed = title.replace(" ", "")
        if text.startswith(squashed) and len(text) > len(squashed):
            text = text[len(squashed):].strip()
        if text == title or text == squashed:
            continue
        if text not in out:
            out.append(text)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("git_dir")
    ap.add_argument("--out", default="eval/recurrence/meetings.jsonl")
    args = ap.parse_args()
    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    names = sorted(n for n in git(args.git_dir, "ls-tree", "-r", "--name-only", "HEAD",
                                  "data/news").decode().split() if n.endswith(".json"))
    seen_titles = set()
    stories = []
    for name in names:
        d = json.loads(git(args.git_dir, "show", f"HEAD:{name}"))
        title = (d.get("title") or "").strip()
        if not any(k in title for k in KEYS) or title in seen_titles:
            continue
        paras = paragraphs(d.get("content") or "", title)
        text = "\n".join(paras)
        if len(text) < 600:
            continue
        seen_titles.add(title)
        stories.append({
            "id": "meet-" + d.get("id", name.rsplit("/", 1)[-1][:-5]),
            "date": d.get("date", ""),
            "title": title,
            "url": d.get("sourceUrl", ""),
            "source": f"caijing666666/xinwenlianbo@{commit[:12]}:{name}",
            "text": text,
        })
    with open(args.out, "w", encoding="utf-8") as f:
        for s in stories:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    chars = sum(len(s["text"]) for s in stories)
    print(f"{len(stories)} stories, {chars} characters -> {args.out}")


if __name__ == "__main__":
    main()
