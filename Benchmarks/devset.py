#!/usr/bin/env python3
"""Scores Dossier's tags against the hand-annotated development sets in Benchmarks/dev (issues 21 and 29).

    python3 Benchmarks/devset.py topics   [--relations ../shared/relations] [--dossier .build/release/dossier]
    python3 Benchmarks/devset.py entities [...]
    python3 Benchmarks/devset.py entities --check   (the check set: dev/entities-check, dev/topics-check)

Copies the annotated articles from the relations folder into a scratch corpus (with the bundled Corpus/'s tagging
files), indexes it with the release binary, and reads every annotated paragraph back (`dossier search --file F --json`, matched by the
line it starts on; the text is checked) to compare its tags:

- topics: the primary topic is right when the annotator listed it among the paragraph's acceptable topics; the
  share of `General`; the share of `General` among paragraphs the annotator gave a topic; precision of each
  topic Dossier gives as primary; topics outside the issue's vocabulary.
- entities: per paragraph, the distinct (canonical name, kind) pairs against the annotator's: precision and recall
  per kind and overall, and the annotated non-entities (wars, demonyms, ...) Dossier tagged anyway.

A benchmark, not a test: it reads ../shared (the annotations' texts), which tests never do.
"""
import argparse, collections, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VOCABULARY = ["Diplomatic relations", "High-level exchanges", "Trade", "Investment", "Economic cooperation",
              "Development aid", "Military and security", "Conflicts and disputes", "Consular affairs and migration",
              "Multilateral cooperation", "Culture", "Education", "Science and technology", "Transportation", "Tourism",
              "Health", "Environment and energy", "Agriculture and fisheries", "Local cooperation", "Human rights",
              "Law enforcement and justice", "General"]


def load(kind, check=False):
    path = os.path.join(HERE, "dev", kind + ("-check" if check else ""), "paragraphs.jsonl")
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def passages(items, relations, dossier):
    """Dossier's record of every annotated paragraph: (file, line) -> hit JSON."""
    work = tempfile.mkdtemp(prefix="dossier-devset-")
    try:
        corpus = os.path.join(work, "corpus")
        os.makedirs(corpus)
        for name in ("gazetteer.tsv", "topics.tsv"):
            shutil.copy(os.path.join(ROOT, "Corpus", name), corpus)
        files = sorted({item["file"] for item in items})
        for f in files:
            shutil.copy(os.path.join(relations, f), corpus)
        index = os.path.join(work, "index")
        subprocess.run([dossier, "index", "--corpus", corpus, "--index", index, "--quiet"], check=True)
        found = {}
        for f in files:
            # every passage of the file, by the line it starts on (headings are not passages, so paragraph N of
            # the index need not be line N of the file)
            out = subprocess.run([dossier, "search", "--index", index, "--file", f, "--limit", "1000000",
                                  "--facets", "0", "--json"], capture_output=True, text=True, check=True)
            for hit in json.loads(out.stdout)["hits"]:
                found[(f, hit["line"])] = hit
        return found
    finally:
        shutil.rmtree(work, ignore_errors=True)


def topics(items, found, errors=False):
    right = general = general_annotated = missing = 0
    given = collections.Counter()
    correct = collections.Counter()
    outside = collections.Counter()
    for item in items:
        hit = found.get((item["file"], item["line"]))
        if hit is None or hit["text"].strip() != item["text"].strip():
            missing += 1
            hit = None
        primary = hit["topic"] if hit else "General"
        given[primary] += 1
        if primary not in VOCABULARY:
            outside[primary] += 1
        if primary in item["topics"]:
            right += 1
            correct[primary] += 1
        elif errors:
            print(f"  {item['file']}:{item['line']}: gave {primary} ({', '.join(hit['topics']) if hit else '-'}; "
                  f"section {hit.get('section') if hit else '-'}), annotated {', '.join(item['topics'])}: {item['text'][:160]}")
        if primary == "General":
            general += 1
            if "General" not in item["topics"]:
                general_annotated += 1
    n = len(items)
    print(f"{n} paragraphs ({missing} not found as one passage)")
    print(f"primary topic acceptable: {right / n:.3f} ({right})")
    print(f"General: {general / n:.3f} of all; {general_annotated / max(1, sum('General' not in i['topics'] for i in items)):.3f} "
          f"of those the annotator gave a topic")
    print(f"primary topics outside the vocabulary: {sum(outside.values())} passages, {len(outside)} values "
          f"(e.g. {', '.join(repr(t) for t, _ in outside.most_common(5))})")
    print("precision of each primary topic Dossier gave (right / given):")
    for topic, count in given.most_common():
        print(f"  {topic:40.40} {correct[topic] / count:.2f}  ({correct[topic]}/{count})")


def load_headings():
    path = os.path.join(HERE, "dev", "topics", "headings.jsonl")
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def headings(structure, found, relations):
    """Plain-text structure: the lines Dossier did not make passages (headings, image names) against the
    annotator's headings and junk lines; and the section of each annotated paragraph (its innermost heading)."""
    tp = fp = fn = 0
    misses, extras = [], []
    for s in structure:
        lines = open(os.path.join(relations, s["file"]), encoding="utf-8").read().split("\n")
        expected = set(s["headings"]) | set(s["junk"])
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            dropped = (s["file"], n) not in found
            if dropped and n in expected:
                tp += 1
            elif dropped:
                fp += 1
                extras.append(f"{s['file']}:{n} {line[:50]!r}")
            elif n in expected:
                fn += 1
                misses.append(f"{s['file']}:{n} {line[:50]!r}")
    print(f"headings and junk lines kept out of passages ({len(structure)} files): precision {tp / max(1, tp + fp):.3f}, "
          f"recall {tp / max(1, tp + fn):.3f} ({tp} right, {fp} wrong, {fn} missed)")
    for label, rows in (("  wrongly taken for headings:", extras), ("  missed:", misses)):
        if rows:
            print(label, "; ".join(rows[:8]) + (" …" if len(rows) > 8 else ""))


def sections(items, found):
    right = total = 0
    for item in items:
        hit = found.get((item["file"], item["line"]))
        if item.get("section") is None or hit is None:
            continue
        total += 1
        ours = (hit.get("section") or "").split(" > ")[-1]
        right += ours == item["section"].split(" > ")[-1]
    print(f"innermost heading of the section right: {right / max(1, total):.3f} ({right}/{total} paragraphs under a heading)")


def kind_table(right, ours, annotated):
    """Precision and recall per entity kind and overall, from Counters by kind."""
    print(f"{'kind':14} {'precision':>9} {'recall':>7}   right / ours / annotated")
    for kind in ("person", "place", "organization", "all"):
        r, o, a = ((sum(c.values()) if kind == "all" else c[kind]) for c in (right, ours, annotated))
        print(f"{kind:14} {r / max(1, o):9.3f} {r / max(1, a):7.3f}   {r} / {o} / {a}")


def entities(items, found, show_errors=False):
    tp = collections.Counter()
    fp = collections.Counter()
    fn = collections.Counter()
    junk = 0
    junk_examples = []
    for item in items:
        hit = found.get((item["file"], item["line"]))
        ours = {(e["name"].casefold(), e["kind"]) for e in (hit or {}).get("entities", [])}
        gold = {(e["name"].casefold(), e["kind"]) for e in item["entities"]}
        for name, kind in ours & gold:
            tp[kind] += 1
        for name, kind in ours - gold:
            fp[kind] += 1
        for name, kind in gold - ours:
            fn[kind] += 1
        if show_errors and ours != gold:
            print(f"  {item['file']}:{item['line']}: wrong {sorted(ours - gold)}; missed {sorted(gold - ours)}")
        not_entities = {s.casefold() for s in item.get("not_entities", [])}
        for name, kind in ours:
            if name in not_entities:
                junk += 1
                junk_examples.append(name)
    print(f"{len(items)} paragraphs; distinct (name, kind) pairs per paragraph, names compared case-folded")
    kind_table(tp, tp + fp, tp + fn)
    print(f"annotated non-entities tagged as entities: {junk} (e.g. {', '.join(sorted(set(junk_examples))[:6])})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=["topics", "entities"])
    ap.add_argument("--relations", default=os.path.join(ROOT, "..", "shared", "relations"))
    ap.add_argument("--dossier", default=os.path.join(ROOT, ".build", "release", "dossier"))
    ap.add_argument("--errors", action="store_true", help="print each paragraph whose primary topic is not acceptable, or whose entities differ")
    ap.add_argument("--check", action="store_true",
                    help="score the check set (dev/SET-check: other articles, annotated after the rules were written) "
                         "instead of the development set")
    args = ap.parse_args()
    items = load(args.set, args.check)
    if args.set == "topics" and args.check:
        found = passages(items, args.relations, args.dossier)
        topics(items, found, args.errors)
        sections(items, found)
    elif args.set == "topics":
        structure = load_headings()
        found = passages(items + [{"file": s["file"]} for s in structure], args.relations, args.dossier)
        topics(items, found, args.errors)
        sections(items, found)
        headings(structure, found, args.relations)
    else:
        entities(items, passages(items, args.relations, args.dossier), args.errors)


if __name__ == "__main__":
    sys.exit(main())
