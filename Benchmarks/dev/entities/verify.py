"""Check paragraphs.jsonl against the source texts."""
import collections, json, os, sys

SRC = os.environ.get("RELATIONS_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "relations"))
HERE = os.environ.get("SET_DIR", os.path.dirname(os.path.abspath(__file__)))  # the check set passes its own
errors, kinds, files = [], collections.Counter(), collections.Counter()
rows = [json.loads(l) for l in open(os.path.join(HERE, "paragraphs.jsonl"), encoding="utf-8")]
seen = set()
for r in rows:
    where = f'{r["file"]}:{r["line"]}'
    if (r["file"], r["line"]) in seen:
        errors.append(where + " duplicate paragraph")
    seen.add((r["file"], r["line"]))
    lines = open(os.path.join(SRC, r["file"]), encoding="utf-8").read().split("\n")
    if lines[r["line"] - 1] != r["text"]:
        errors.append(where + " text differs from the file's line")
    names = [e["name"] for e in r["entities"]]
    if len(names) != len(set(names)):
        errors.append(where + " duplicate canonical name")
    for e in r["entities"]:
        if e["kind"] not in ("person", "place", "organization"):
            errors.append(f'{where} bad kind {e["kind"]}')
        if not e["mentions"]:
            errors.append(f'{where} {e["name"]} has no mention')
        for m in e["mentions"]:
            if m not in r["text"]:
                errors.append(f'{where} mention not in text: {m!r}')
        kinds[e["kind"]] += 1
    for n in r["not_entities"]:
        if n not in r["text"]:
            errors.append(f'{where} not_entity not in text: {n!r}')
    files[r["file"]] += 1
print(len(rows), "paragraphs from", len(files), "files;", dict(kinds),
      "; not_entities:", sum(len(r["not_entities"]) for r in rows))
MIN = int(os.environ.get("MIN_PARAGRAPHS", "70"))
if len(rows) < MIN:
    errors.append(f"fewer than {MIN} paragraphs")
for e in errors:
    print("ERROR", e)
sys.exit(1 if errors else 0)
