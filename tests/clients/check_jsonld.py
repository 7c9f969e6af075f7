"""Reads the schema.org JSON-LD of every page of a built site, as search
engines do, and checks it against the schema.org vocabulary (release 12.0,
vendored in schemaorg-12.0-subset.json): every @type is a schema.org type,
every property is defined for the node's type or one of its ancestors, and
its value fits the property's range (a nested node's type, or text, a URL
or an ISO 8601 date where the range allows it). Events need a name and, when
their date has a form for it, a startDate; news articles a headline and,
when the source gives one, datePublished (known from the site's
events.json). Usage: check_jsonld.py OUTPUT_DIR"""
import html.parser
import json
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
vocab = json.loads(pathlib.Path(__file__).with_name("schemaorg-12.0-subset.json").read_text(encoding="utf-8"))
TYPES, PROPS = vocab["types"], vocab["properties"]
DATA = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Boolean"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


class Scripts(html.parser.HTMLParser):
    """The text of every <script type="application/ld+json">."""

    def __init__(self):
        super().__init__()
        self.found, self.inside = [], False

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self.inside:
            self.found.append("")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.found[-1] += data


def ancestors(t):
    seen, todo = set(), [t]
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo.extend(TYPES.get(x, []))
    return seen


problems = []


def check_value(where, prop, value):
    ranges = set(PROPS[prop]["ranges"])
    if isinstance(value, list):
        for v in value:
            check_value(where, prop, v)
    elif isinstance(value, dict):
        t = value.get("@type")
        if t and not ancestors(t) & ranges:
            problems.append(f"{where}: {prop} holds a {t}, but takes {sorted(ranges)}")
        check_node(f"{where} > {prop}", value)
    elif isinstance(value, str):
        if not ranges & DATA:
            problems.append(f"{where}: {prop} is text, but takes {sorted(ranges)}")
        elif ranges <= {"Date", "DateTime"} and not (ISO_DATE.match(value) or ISO_DATETIME.match(value)):
            problems.append(f"{where}: {prop} `{value}` is not an ISO 8601 date")
        elif ranges == {"URL"} and not re.match(r"^https?://", value):
            problems.append(f"{where}: {prop} `{value}` is not an absolute URL")
    else:
        problems.append(f"{where}: {prop} has a value of an unexpected kind: {value!r}")


def check_node(where, node):
    t = node.get("@type")
    if t is None:
        problems.append(f"{where}: a node without @type")
        return
    if t not in TYPES:
        problems.append(f"{where}: `{t}` is not a schema.org type")
        return
    mine = ancestors(t)
    for prop, value in node.items():
        if prop.startswith("@"):
            if prop not in ("@type", "@context", "@id"):
                problems.append(f"{where}: unexpected keyword {prop}")
            continue
        if prop not in PROPS or not mine & set(PROPS[prop]["domains"]):
            hint = "" if t in vocab["types_with_properties"] else f" (or {t} is missing from USED in vendor_schemaorg.py)"
            problems.append(f"{where}: `{prop}` is not a property of {t}{hint}")
            continue
        check_value(f"{where} ({t})", prop, value)


# The site's tree and each further language's (`es/`), each with its own
# events.json.
trees = [""] + sorted(
    d.name + "/" for d in out.iterdir() if d.is_dir() and (d / "events.json").is_file()
)
published, dated, expected = {}, {}, 0
for tree in trees:
    data = json.loads((out / tree / "events.json").read_text(encoding="utf-8"))
    published.update({tree + s["page"]: s["published"] for s in data["sources"]})
    dated.update({
        tree + e["page"]: re.match(r"^\d{4}", e["date"]) and not e["date"].startswith("0000")
        for e in data["events"]
    })
    expected += len(data["events"]) + len(data["sources"])
pages = 0
for path in sorted(out.rglob("index.html")):
    rel = path.parent.relative_to(out).as_posix() + "/"
    parser = Scripts()
    parser.feed(path.read_text(encoding="utf-8"))
    for text in parser.found:
        pages += 1
        node = json.loads(text)
        if node.get("@context") != "https://schema.org":
            problems.append(f"{rel}: @context is {node.get('@context')!r}")
        check_node(rel, node)
        t = node.get("@type")
        if t == "Event":
            if not node.get("name"):
                problems.append(f"{rel}: an Event without a name")
            if dated.get(rel) and not node.get("startDate"):
                problems.append(f"{rel}: an Event without a startDate")
        if t == "NewsArticle":
            if not node.get("headline"):
                problems.append(f"{rel}: a NewsArticle without a headline")
            if published.get(rel) and not node.get("datePublished"):
                problems.append(f"{rel}: a NewsArticle without the datePublished its source gives")
if pages != expected:
    problems.append(f"{pages} JSON-LD blocks, but {expected} event and source pages")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"{pages} JSON-LD blocks are valid schema.org {vocab['version']}")
