#!/usr/bin/env python3
"""Build newswire.txt and sentences.jsonl from annotations.txt (see README.md)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def parse(path):
    records, cur = [], None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("S "):
                cur = {"sentence": line[2:], "events": []}
                records.append(cur)
            elif line.startswith("E "):
                if cur is None:
                    sys.exit(f"{path}:{n}: E line before any S line")
                parts = [p.strip() for p in line[2:].split(" | ")]
                if len(parts) != 9:
                    sys.exit(f"{path}:{n}: expected 9 fields, got {len(parts)}")
                plover, mode, cameo, src, src_text, tgt, tgt_text, date, status = parts
                null = lambda v: None if v == "-" else v
                codes = lambda v: [] if v == "-" else [c.strip() for c in v.split(",")]
                cur["events"].append({
                    "plover": plover, "mode": null(mode), "cameo": cameo,
                    "source": codes(src), "source_text": null(src_text),
                    "target": codes(tgt), "target_text": null(tgt_text),
                    "date": null(date), "status": status,
                })
            else:
                sys.exit(f"{path}:{n}: cannot parse: {line!r}")
    return records


def main():
    records = parse(os.path.join(HERE, "annotations.txt"))
    with open(os.path.join(HERE, "newswire.txt"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(r["sentence"] + "\n")
    with open(os.path.join(HERE, "sentences.jsonl"), "w", encoding="utf-8") as f:
        for i, r in enumerate(records, 1):
            rec = {"file": "newswire.txt", "line": i, "sentence": r["sentence"], "events": r["events"]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} sentences, {sum(len(r['events']) for r in records)} events")


if __name__ == "__main__":
    main()
