"""Build paragraphs.jsonl from annotations.txt and the texts in /work/shared/relations."""
import json, os, sys

SRC = os.environ.get("RELATIONS_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "relations"))
HERE = os.environ.get("SET_DIR", os.path.dirname(os.path.abspath(__file__)))  # the check set passes its own
KINDS = {"P": "person", "L": "place", "O": "organization"}


def parse(path):
    items, cur = [], None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        tag, _, rest = line.partition(" ")
        if tag == "@":
            fname, num = rest.rsplit(" ", 1)
            cur = {"file": fname, "line": int(num), "entities": [], "not_entities": []}
            items.append(cur)
        elif tag in KINDS:
            name, eq, ms = rest.partition(" = ")
            mentions = [m.strip() for m in ms.split(" | ")] if eq else [name.strip()]
            cur["entities"].append({"name": name.strip(), "kind": KINDS[tag], "mentions": mentions})
        elif tag == "N":
            cur["not_entities"] += [m.strip() for m in rest.split(" | ")]
        else:
            sys.exit("bad line: " + line)
    return items


def main():
    out = []
    for it in parse(os.path.join(HERE, "annotations.txt")):
        lines = open(os.path.join(SRC, it["file"]), encoding="utf-8").read().split("\n")
        out.append({"file": it["file"], "line": it["line"], "text": lines[it["line"] - 1],
                    "entities": it["entities"], "not_entities": it["not_entities"]})
    with open(os.path.join(HERE, "paragraphs.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(len(out), "paragraphs written")


if __name__ == "__main__":
    main()
