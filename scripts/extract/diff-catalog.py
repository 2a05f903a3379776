#!/usr/bin/env python3
"""Compares what an extract script read out of a published package with the built-in catalog, and
prints what changed. Used by scripts/sdk-diff.sh for the web5 and native families:

    python3 scripts/extract/diff-catalog.py web5   EXTRACT.json   # from scripts/extract/web5.mjs
    python3 scripts/extract/diff-catalog.py native EXTRACT.json   # from scripts/extract/native.mjs

Lines: `new KEY = VALUE` (in the package, not the catalog), `absent KEY = VALUE` (in the catalog,
not the package: retired?), `renamed VALUE: OLD -> NEW`, `changed KEY: VALUE_IN_CATALOG -> VALUE`,
`text KEY: ...` (native Chinese comment changed), `template VALUE: ...` (a catalog template this version does not have),
`until VALUE: ...` (a code the newest version no longer defines). Exit 1 when anything differs."""
import json
import os
import sys
import tomllib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def load(family):
    name = {"web5": "web5.toml", "native": "native.toml"}[family]
    with open(os.path.join(ROOT, "assets", name), "rb") as f:
        return tomllib.load(f)["entry"]


def diff_native(extract, catalog):
    out = []
    by_key = {e["key"]: e for e in catalog}
    seen = set()
    for kind, category in (("errors", "error"), ("warnings", "warning")):
        for x in extract[kind]:
            key, value = x["key"], x["value"]
            seen.add(key)
            e = by_key.get(key)
            if e is None:
                same_value = [c["key"] for c in catalog if c["code"] == value and c["category"] == category]
                if same_value:
                    out.append(f"renamed {value}: {same_value[0]} -> {key}")
                else:
                    out.append(f"new {key} = {value} ({category})")
                continue
            if e["code"] != value:
                out.append(f"changed {key}: {e['code']} -> {value}")
            if e["description_zh"] != x["comment_zh"]:
                out.append(f"text {key}: {e['description_zh']!r} -> {x['comment_zh']!r}")
    for e in catalog:
        if e["key"] not in seen:
            out.append(f"absent {e['key']} = {e['code']}")
    return out


def diff_web5(extract, catalog):
    out = []
    newest = extract.get("newest", "?")
    by_id = {(e["category"], e["code"]): e for e in catalog}
    seen = set()
    for x in extract["entries"]:
        category = "sdk" if x["kind"] == "code" else "extra"
        ident = (category, x["value"])
        seen.add(ident)
        e = by_id.get(ident)
        if e is None:
            out.append(f"new {x['key']} = {x['value']} ({category}, since {x['first_version']})")
            continue
        if e.get("key") != x["key"]:
            out.append(f"renamed {x['value']}: {e.get('key')} -> {x['key']}")
        if (e.get("until") or None) != (x.get("last_version") or None):
            out.append(f"until {x['value']}: {e.get('until')} -> {x.get('last_version')} (newest read: {newest})")
        texts = {t for group in x.get("templates", []) for t in group.get("texts", [])}
        texts |= {m.strip('"') for group in x.get("explicit_messages", []) for m in group.get("messages", [])}
        # concat expressions as web5.mjs renders them, with {name} placeholders
        texts |= {t for group in x.get("explicit_messages", []) for t in group.get("templates", [])}
        for t in e.get("templates", []):
            if texts and t not in texts:
                out.append(f"template {x['value']}: not in this version: {t!r}")
    for ident, e in by_id.items():
        if ident not in seen:
            out.append(f"absent {e.get('key')} = {e['code']}")
    return out


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("web5", "native"):
        print(__doc__, file=sys.stderr)
        return 2
    family, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        extract = json.load(f)
    catalog = load(family)
    lines = diff_native(extract, catalog) if family == "native" else diff_web5(extract, catalog)
    for line in lines:
        print(line)
    if not lines:
        print(f"no difference: the {family} catalog matches {extract.get('package')}@{extract.get('version', extract.get('newest'))}")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
