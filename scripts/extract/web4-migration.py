#!/usr/bin/env python3
"""Writes migration_en / migration_zh ("what a 5.x user sees instead") into the 4.x entries of
assets/catalog.toml, from the conversion table that scripts/extract/web5.mjs read out of the
trtc-sdk-v5 bundle (tests/fixtures/sdk/web5/migration-from-4x.json). Rerun after either changes:
    python3 scripts/extract/web4-migration.py
Entries whose 4.x code is not public (0x4050–0x4052 exist only inside 5.x) are skipped."""
import json
import os
import re

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
rows = json.load(open(f"{ROOT}/tests/fixtures/sdk/web5/migration-from-4x.json", encoding="utf-8"))
path = f"{ROOT}/assets/catalog.toml"
text = open(path, encoding="utf-8").read()


def toml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def strip_lead(s, *leads):
    for lead in leads:
        if s.startswith(lead):
            return s[len(lead):].strip()
    return s


blocks = text.split("\n[[entry]]\n")
by_code = {r["web4_code"]: r for r in rows}
done = 0
for i, block in enumerate(blocks):
    if 'category = "sdk"' not in block:
        continue
    m = re.search(r"^code = (0x[0-9A-Fa-f]+|\d+)$", block, re.M)
    if not m:
        continue
    row = by_code.get(int(m.group(1), 0))
    if not row:
        continue
    # The label says "In 5.x" / "5.x 中"; the text need not repeat it.
    en = strip_lead(row["en"], "In 5.x:")
    en = en[:1].upper() + en[1:]
    zh = strip_lead(row["zh"], "5.x 中：", "5.x 中:")
    block = re.sub(r"^migration_(en|zh) = .*\n", "", block, flags=re.M)
    block = re.sub(
        r"^source = ",
        f"migration_zh = {toml_string(zh)}\nmigration_en = {toml_string(en)}\nsource = ",
        block,
        count=1,
        flags=re.M,
    )
    blocks[i] = block
    done += 1
open(path, "w", encoding="utf-8").write("\n[[entry]]\n".join(blocks))
print(f"migration written for {done} entries")
