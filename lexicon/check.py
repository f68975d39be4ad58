#!/usr/bin/env python3
"""Validate the policy-lsp built-in lexicon (stdlib only).

Usage: python3 check.py [path/to/lexicon.json ...]
Without arguments it checks builtin.json next to this script.
Exits 1 if any error is found; warnings never fail the run.
"""
import datetime
import json
import os
import re
import sys
import urllib.parse

ENTRY_KEYS_REQUIRED = ["id", "term", "full", "summary", "summary_en", "origin",
                       "source", "confidence", "scope", "category"]
ENTRY_KEYS_OPTIONAL = ["aliases", "components", "note", "region", "variants", "examples",
                       "source_date", "source_title", "valid_from", "valid_until",
                       "superseded_by", "flag_after_until", "accepted_use", "kind"]
ENTRY_KEYS = set(ENTRY_KEYS_REQUIRED) | set(ENTRY_KEYS_OPTIONAL)
VARIANT_KEYS = {"form", "components", "status", "until", "note", "valid_from", "valid_until",
                "superseded_by", "source", "era_markers"}
ORIGIN_KEYS = {"date", "occasion", "attested"}
# Hosts of authoritative sources: 人民网, 新华网, 求是, 中国政府网 (and government sites under
# gov.cn), 共产党员网, 央视网 (新闻联播 transcripts).
ALLOWED_HOSTS = ("people.com.cn", "news.cn", "xinhuanet.com", "qstheory.cn", "gov.cn",
                 "12371.cn", "cctv.com")
# Local formulations may cite the provincial party paper that published the originating
# report (the seeds' 安徽日报, 新疆日报, 河南日报); such entries stay unsure.
LOCAL_PAPER_HOSTS = ("ahnews.com.cn", "xjdaily.com", "henandaily.cn")
EXAMPLE_KEYS = {"ok", "flag"}
# "user" (an entry a workspace user added, without a source) is never in the built-in lexicon.
CONFIDENCE = {"confirmed", "unsure"}
SCOPES = {"national", "local"}
CATEGORIES = {"party-building", "governance", "economy", "epidemic", "poverty",
              "development", "ideology", "diplomacy", "local"}
KINDS = {"formulation", "name", "term"}
STATUSES = {"accepted", "era-bound", "deprecated", "garbled"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
URL_RE = re.compile(r"^https?://[^\s]+$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# half-width punctuation that must not appear in Chinese text fields
HALF_WIDTH_RE = re.compile(r"[,;:()\"?!]")
QUOTE_CHARS = "“”‘’\"'「」『』"


class Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.warnings = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"{where}: {msg}")

    # ---- helpers -------------------------------------------------------
    def check_source_host(self, where, url, e):
        host = (urllib.parse.urlsplit(url).hostname or "") if isinstance(url, str) else ""
        under = lambda hosts: any(host == h or host.endswith("." + h) for h in hosts)
        if under(ALLOWED_HOSTS):
            return
        if e.get("scope") == "local" and under(LOCAL_PAPER_HOSTS) and e.get("confidence") == "unsure":
            return
        self.err(where, f"source host {host!r} is not an authoritative source ({', '.join(ALLOWED_HOSTS)})")

    def check_date(self, where, value):
        if not isinstance(value, str) or not DATE_RE.match(value):
            self.err(where, f"date {value!r} is not ISO yyyy, yyyy-mm or yyyy-mm-dd")
            return
        parts = [int(p) for p in value.split("-")]
        try:
            if len(parts) == 3:
                datetime.date(*parts)
            elif len(parts) == 2:
                datetime.date(parts[0], parts[1], 1)
        except ValueError as e:
            self.err(where, f"date {value!r} is not a real date ({e})")

    def check_zh(self, where, text, allow_ascii_quote=False):
        if not isinstance(text, str) or not text.strip():
            self.err(where, "must be a non-empty string")
            return False
        if text != text.strip():
            self.err(where, "has leading/trailing whitespace")
        bad = HALF_WIDTH_RE.findall(text)
        if bad:
            self.err(where, f"half-width punctuation {sorted(set(bad))} in Chinese text; use full-width")
        return True

    @staticmethod
    def in_order(text, items):
        """True if every item occurs in text, in the given order, without overlap."""
        pos = 0
        for it in items:
            i = text.find(it, pos)
            if i < 0:
                return False
            pos = i + len(it)
        return True

    def check_components(self, where, comps, full):
        if not isinstance(comps, list) or len(comps) < 2:
            self.err(where, "components must be a list of at least 2 strings")
            return
        for c in comps:
            self.check_zh(where + ".components[]", c)
        if len(set(comps)) != len(comps):
            self.err(where, "components contain duplicates")
        if isinstance(full, str) and not self.in_order(full, comps):
            missing = [c for c in comps if c not in full]
            if missing:
                self.err(where, f"components not found in the text they enumerate: {missing}")
            else:
                self.err(where, "components do not appear in this order in the text they enumerate")

    # ---- main ----------------------------------------------------------
    def run(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                raw = f.read()
        except (OSError, UnicodeDecodeError) as e:
            self.err(self.path, f"cannot read as UTF-8: {e}")
            return
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            self.err(self.path, f"invalid JSON: {e}")
            return
        pretty = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if raw != pretty:
            self.err(self.path, "not pretty-printed (expected json.dumps(ensure_ascii=False, indent=2) + newline)")
        if not isinstance(data, dict):
            self.err(self.path, "top level must be an object")
            return
        for k in data:
            if k not in {"$schema", "version", "entries"}:
                self.err(self.path, f"unknown top-level key {k!r}")
        if data.get("version") != 1:
            self.err(self.path, "version must be 1")
        entries = data.get("entries")
        if not isinstance(entries, list):
            self.err(self.path, "entries must be a list")
            return
        ids, terms = {}, {}
        for n, e in enumerate(entries):
            self.check_entry(n, e, ids, terms)

    def check_entry(self, n, e, ids, terms):
        where = f"entries[{n}]"
        if not isinstance(e, dict):
            self.err(where, "entry must be an object")
            return
        eid = e.get("id")
        if isinstance(eid, str):
            where = f"entries[{n}] ({eid})"
        for k in ENTRY_KEYS_REQUIRED:
            if k not in e:
                self.err(where, f"missing required field {k!r}")
        for k in e:
            if k not in ENTRY_KEYS:
                self.err(where, f"unknown field {k!r}")
        # id
        if not isinstance(eid, str) or not ID_RE.match(eid):
            self.err(where, f"id {eid!r} must be lowercase ascii kebab-case")
        elif eid in ids:
            self.err(where, f"duplicate id (also entries[{ids[eid]}])")
        else:
            ids[eid] = n
        # term / aliases
        term = e.get("term")
        if self.check_zh(where + ".term", term):
            if term in terms:
                self.err(where, f"term {term!r} already used as a term or alias by {terms[term]}")
            terms[term] = eid
        aliases = e.get("aliases")
        if aliases is not None:
            if not isinstance(aliases, list) or not aliases:
                self.err(where, "aliases must be a non-empty list when present")
            else:
                for a in aliases:
                    if not self.check_zh(where + ".aliases[]", a):
                        continue
                    if a == term:
                        self.err(where, f"alias {a!r} repeats the term")
                    if a[0] in QUOTE_CHARS and a[-1] in QUOTE_CHARS:
                        self.err(where, f"alias {a!r} is only a quoted form (quotes are matched automatically)")
                if len(set(aliases)) != len(aliases):
                    self.err(where, "duplicate aliases")
                for a in set(aliases):
                    if isinstance(a, str) and a != term:
                        if a in terms:
                            self.err(where, f"alias {a!r} already used as a term or alias by {terms[a]}")
                        terms[a] = eid
        # full / components
        full = e.get("full")
        self.check_zh(where + ".full", full)
        if "components" in e:
            self.check_components(where, e["components"], full)
        # summaries
        if self.check_zh(where + ".summary", e.get("summary")):
            if not CJK_RE.search(e["summary"]):
                self.err(where, "summary must be Simplified Chinese")
        se = e.get("summary_en")
        if not isinstance(se, str) or not se.strip():
            self.err(where, "summary_en must be a non-empty string")
        elif CJK_RE.search(se) and len(CJK_RE.findall(se)) > len(se) // 3:
            self.err(where, "summary_en looks like it is not English")
        # origin
        origin = e.get("origin")
        if not isinstance(origin, dict):
            self.err(where, "origin must be an object")
        else:
            for k in origin:
                if k not in ORIGIN_KEYS:
                    self.err(where, f"unknown origin field {k!r}")
            if "date" not in origin or "occasion" not in origin:
                self.err(where, "origin needs date and occasion")
            self.check_date(where + ".origin.date", origin.get("date"))
            if "attested" in origin and not isinstance(origin["attested"], bool):
                self.err(where, "origin.attested must be true or false")
            self.check_zh(where + ".origin.occasion", origin.get("occasion"))
        # source
        src = e.get("source")
        if not isinstance(src, str) or not URL_RE.match(src):
            self.err(where, f"source {src!r} must be a single public http(s) URL")
        else:
            self.check_source_host(where, src, e)
        if "source_date" in e:
            self.check_date(where + ".source_date", e["source_date"])
        if "source_title" in e:
            self.check_zh(where + ".source_title", e["source_title"], allow_ascii_quote=True)
        # period
        for k in ("valid_from", "valid_until"):
            if k in e:
                self.check_date(f"{where}.{k}", e[k])
        if "superseded_by" in e:
            self.check_zh(where + ".superseded_by", e["superseded_by"])
            if "valid_until" not in e:
                self.err(where, "superseded_by needs valid_until")
        if "flag_after_until" in e and (e["flag_after_until"] is not True or "valid_until" not in e):
            self.err(where, "flag_after_until is true and needs valid_until")
        # confidence / note
        conf = e.get("confidence")
        if conf not in CONFIDENCE:
            self.err(where, f"confidence {conf!r} not in {sorted(CONFIDENCE)}")
        if "note" in e:
            self.check_zh(where + ".note", e["note"])
        if conf == "unsure" and not e.get("note"):
            self.err(where, "confidence 'unsure' requires a note saying what is unsure")
        # scope / region / category
        scope = e.get("scope")
        if scope not in SCOPES:
            self.err(where, f"scope {scope!r} not in {sorted(SCOPES)}")
        if scope == "local" and not e.get("region"):
            self.err(where, "local entries must name a region")
        if scope == "national" and "region" in e:
            self.err(where, "national entries must not have a region")
        if "region" in e:
            self.check_zh(where + ".region", e["region"])
        if e.get("category") not in CATEGORIES:
            self.err(where, f"category {e.get('category')!r} not in {sorted(CATEGORIES)}")
        if e.get("kind", "formulation") not in KINDS:
            self.err(where, f"kind {e.get('kind')!r} not in {sorted(KINDS)}")
        # variants
        if "variants" in e:
            vs = e["variants"]
            if not isinstance(vs, list) or not vs:
                self.err(where, "variants must be a non-empty list when present")
            else:
                for i, v in enumerate(vs):
                    self.check_variant(f"{where}.variants[{i}]", v, e)
        # accepted_use: {partial?, any_order?, note, source}
        if "accepted_use" in e:
            au = e["accepted_use"]
            if (not isinstance(au, dict) or not {"note", "source"} <= set(au)
                    or not set(au) <= {"partial", "any_order", "note", "source"}):
                self.err(where, "accepted_use: object with note, source, partial/any_order")
            elif not URL_RE.match(au["source"]):
                self.err(where, "accepted_use.source must be an http(s) URL")
            elif not (au.get("partial") is True or au.get("any_order") is True):
                self.err(where, "accepted_use needs partial or any_order set to true")
        # examples
        if "examples" in e:
            self.check_examples(where, e["examples"], e)

    def check_variant(self, where, v, e):
        if not isinstance(v, dict):
            self.err(where, "variant must be an object")
            return
        for k in v:
            if k not in VARIANT_KEYS:
                self.err(where, f"unknown variant field {k!r}")
        if "form" not in v and "components" not in v:
            self.err(where, "variant needs form or components")
        st = v.get("status")
        if st not in STATUSES:
            self.err(where, f"status {st!r} not in {sorted(STATUSES)}")
        if st == "era-bound" and "until" not in v:
            self.err(where, "era-bound variant needs until")
        if "until" in v:
            self.check_date(where + ".until", v["until"])
        for k in ("valid_from", "valid_until"):
            if k in v:
                self.check_date(f"{where}.{k}", v[k])
        if "superseded_by" in v:
            self.check_zh(where + ".superseded_by", v["superseded_by"])
        if "valid_until" in v:
            if st == "garbled":
                self.err(where, "a garbled form has no period")
            if not isinstance(v.get("source"), str) or not URL_RE.match(v["source"]):
                self.err(where, "a form with valid_until cites the source of the change in source")
            else:
                self.check_source_host(where, v["source"], e)
        if "note" in v:
            self.check_zh(where + ".note", v["note"])
        if "era_markers" in v:
            m = v["era_markers"]
            if st not in ("era-bound",) and "valid_until" not in v:
                self.err(where, "era_markers belong to a dated form (era-bound or with valid_until)")
            if not isinstance(m, list) or not m or len(set(m)) != len(m):
                self.err(where, "era_markers is a non-empty list of distinct words")
            else:
                for i, w in enumerate(m):
                    self.check_zh(f"{where}.era_markers[{i}]", w)
        if "form" in v:
            self.check_zh(where + ".form", v["form"])
            if v["form"] in (e.get("term"), e.get("full")):
                self.err(where, "variant form repeats the entry's term or full text")
        if "components" in v:
            self.check_components(where, v["components"], v.get("form", v["components"] and "".join(v["components"])))
            if v["components"] == e.get("components"):
                self.err(where, "variant components identical to the entry's components")

    def check_examples(self, where, ex, e):
        if not isinstance(ex, dict) or not ex:
            self.err(where, "examples must be a non-empty object")
            return
        for k, lst in ex.items():
            if k not in EXAMPLE_KEYS:
                self.err(where, f"unknown examples key {k!r}")
                continue
            if not isinstance(lst, list) or not lst:
                self.err(where, f"examples.{k} must be a non-empty list")
                continue
            for s in lst:
                self.check_zh(f"{where}.examples.{k}[]", s)
        needles = [e.get("term")] + list(e.get("aliases") or []) + [e.get("full")]
        needles += [v["form"] for v in e.get("variants") or [] if "form" in v]
        comps = e.get("components") or []
        orders = [comps] if comps else []
        orders += [v["components"] for v in e.get("variants") or [] if v.get("components")]
        for s in ex.get("ok") or []:
            if isinstance(s, str) and not any(n and n in s for n in needles) \
                    and not any(self.in_order(s, o) for o in orders):
                self.warn(where, f"ok example does not contain the term, an alias or the full components: {s!r}")
        for s in ex.get("flag") or []:
            if isinstance(s, str) and comps and self.in_order(s, comps):
                self.err(where, f"flag example contains the canonical enumeration in order: {s!r}")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    paths = argv[1:] or [os.path.join(here, "builtin.json")]
    failed = False
    for p in paths:
        c = Checker(p)
        c.run()
        for w in c.warnings:
            print("warning:", w)
        for er in c.errors:
            print("error:", er)
        if c.errors:
            failed = True
            print(f"{p}: {len(c.errors)} error(s), {len(c.warnings)} warning(s)")
        else:
            try:
                with open(p, encoding="utf-8") as f:
                    entries = json.load(f)["entries"]
                unsure = sum(1 for e in entries if e.get("confidence") == "unsure")
                local = sum(1 for e in entries if e.get("scope") == "local")
                print(f"{p}: OK, {len(entries)} entries ({unsure} unsure, {local} local), {len(c.warnings)} warning(s)")
            except Exception:  # pragma: no cover
                print(f"{p}: OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
