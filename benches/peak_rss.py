#!/usr/bin/env python3
"""Peak resident memory of the server on documents of odd shapes (issue 17's target:
10 x the document's size + 60 MB).

Each shape is generated here, opened in a fresh `policy-lsp serve`, typed in 20 times (one
character a change, 150 ms apart) and left 2 s to settle; the process's VmHWM is then read
from /proc (Linux only). Run after `cargo build --release`:

    python3 benches/peak_rss.py [path/to/policy-lsp] [shape ...]

Shapes: lines2 (1M one-character lines, 2 MB), lines9 (4.5M of them, 9 MB), distinct2
(300,000 distinct number lines), distinct9 (1.2M of them), reports9 (the seeds repeated to
9 MB).
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def reports(size):
    seeds = os.path.join(ROOT, "seeds")
    text = "".join(open(os.path.join(seeds, f), encoding="utf-8").read()
                   for f in sorted(os.listdir(seeds)) if f.endswith(".txt"))
    out = text * (size // len(text.encode()) + 1)
    return out.encode()[:size].decode("utf-8", "ignore")


SHAPES = {
    "lines2": lambda: "a\n" * 1_000_000,
    "lines9": lambda: "a\n" * 4_500_000,
    "distinct2": lambda: "".join(f"{i}\n" for i in range(300_000)),
    "distinct9": lambda: "".join(f"{i}\n" for i in range(1_200_000)),
    "reports9": lambda: reports(9_000_000),
}


def frame(message):
    body = json.dumps(message, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def peak_kb(binary, text):
    server = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    w = server.stdin
    w.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
    w.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    w.flush()
    time.sleep(1.0)
    uri = "file:///peak/a.txt"
    w.write(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}))
    w.flush()
    time.sleep(2.0)
    for i in range(20):
        at = {"line": 3, "character": 1}
        w.write(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2 + i},
            "contentChanges": [{"range": {"start": at, "end": at}, "text": "的"}]}}))
        w.flush()
        time.sleep(0.15)
    time.sleep(2.0)
    with open(f"/proc/{server.pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    server.kill()
    server.wait()
    return int(fields["VmHWM"].split()[0])


def main():
    args = sys.argv[1:]
    binary = os.path.join(ROOT, "target", "release", "policy-lsp")
    if args and args[0] not in SHAPES:
        binary = args.pop(0)
    for name in args or list(SHAPES):
        text = SHAPES[name]()
        size = len(text.encode())
        peak = peak_kb(binary, text) / 1024
        target = 10 * size / 1e6 + 60
        print(f"{name:<10} {size / 1e6:6.1f} MB  peak {peak:6.1f} MB  target {target:6.1f} MB"
              f"  {'ok' if peak <= target else 'OVER'}")


if __name__ == "__main__":
    main()
