"""Build sentences.jsonl from annotations.txt (the file the codes were typed in).

annotations.txt format:
  @ file line      -- paragraph = 1-based line of RELATIONS_DIR/file
  S sentence       -- verbatim substring of that line; starts a new sentence record
  E PLOVER | mode | CAMEO | source codes | source text | target codes | target text | date | status
                   -- one coded event of the preceding S; "-" means null (or [] for code lists)
A sentence with no E lines is a no-event sentence ("events": []).
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))


def nul(x):
    x = x.strip()
    return None if x == "-" else x


def codes(x):
    x = x.strip()
    return [] if x == "-" else [c.strip() for c in x.split(",")]


def main():
    rows, cur_file, cur_line, cur = [], None, None, None
    for n, raw in enumerate(open(os.path.join(HERE, "annotations.txt"), encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        tag, rest = line[:1], line[2:]
        if tag == "@":
            f, l = rest.rsplit(" ", 1)
            cur_file, cur_line = f.strip(), int(l)
        elif tag == "S":
            cur = {"file": cur_file, "line": cur_line, "sentence": rest, "events": []}
            rows.append(cur)
        elif tag == "E":
            p = [x.strip() for x in rest.split("|")]
            if len(p) != 9:
                raise SystemExit(f"annotations.txt:{n}: expected 9 fields, got {len(p)}")
            cur["events"].append({
                "plover": p[0], "mode": nul(p[1]), "cameo": p[2],
                "source": codes(p[3]), "source_text": nul(p[4]),
                "target": codes(p[5]), "target_text": nul(p[6]),
                "date": nul(p[7]), "status": p[8]})
        else:
            raise SystemExit(f"annotations.txt:{n}: unknown line tag {tag!r}")
    rows.sort(key=lambda r: (r["file"], r["line"]))
    with open(os.path.join(HERE, "sentences.jsonl"), "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences, {sum(len(r['events']) for r in rows)} events")


if __name__ == "__main__":
    main()
