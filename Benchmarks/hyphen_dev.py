#!/usr/bin/env python3
"""Scores the entities Dossier finds in hyphenated words against Benchmarks/dev/entities-hyphen (issue 21).

    python3 Benchmarks/hyphen_dev.py [--dossier .build/release/dossier] [--errors]

Each annotated sentence is a file of its own, indexed twice: as written, and with its hyphenated words replaced by a
word that names nothing ("zzz"). What the hyphenated words add is the difference: the entities of the first that the
second lacks, against the annotated entities of the compounds that the second lacks too (an entity the sentence also
names elsewhere is no evidence either way, nor a longer name that holds the word, "Non-Aligned Movement"). Names are compared case-folded, with "organisation" read as
"organization" and hyphens as spaces. Prints precision and recall per kind and, with --errors, each sentence's misses
and extras.

A benchmark, not a test: the sentences are quoted from ../shared/relations, kept in Benchmarks/dev for the record.
"""
import argparse, collections, json, os, re, shutil, subprocess, tempfile

from devset import kind_table

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def norm(name):
    return re.sub(r"\s+", " ", name.lower().replace("organisation", "organization").replace("-", " ")).strip()


def entities(sentences, dossier):
    """The (name, kind) pairs Dossier tags in each sentence (a list of texts), in order."""
    work = tempfile.mkdtemp(prefix="dossier-hyphen-")
    try:
        corpus = os.path.join(work, "corpus")
        os.makedirs(corpus)
        shutil.copy(os.path.join(ROOT, "Corpus", "gazetteer.tsv"), corpus)
        for n, text in enumerate(sentences):
            with open(os.path.join(corpus, f"s{n:04d}.txt"), "w", encoding="utf-8") as f:
                f.write(text + "\n")
        index = os.path.join(work, "index")
        subprocess.run([dossier, "index", "--corpus", corpus, "--index", index, "--quiet"], check=True)
        out = subprocess.run([dossier, "search", "--index", index, "--limit", "1000000", "--facets", "0", "--json"],
                             capture_output=True, text=True, check=True)
        found = [set() for _ in sentences]
        for hit in json.loads(out.stdout)["hits"]:
            n = int(hit["file"][1:5])
            found[n] |= {(norm(e["name"]), e["kind"]) for e in hit["entities"]}
        return found
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default=os.path.join(ROOT, ".build", "release", "dossier"))
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    items = [json.loads(l) for l in open(os.path.join(HERE, "dev", "entities-hyphen", "compounds.jsonl"), encoding="utf-8") if l.strip()]
    blanked = []
    for item in items:
        s = item["sentence"]
        for c in sorted({c["text"] for c in item["compounds"]}, key=len, reverse=True):
            s = re.sub(r"(?<![\w-])" + re.escape(c) + r"(?![\w-])", "zzz", s)
        blanked.append(s)
    written = entities([i["sentence"] for i in items], args.dossier)
    without = entities(blanked, args.dossier)
    right, ours, annotated = collections.Counter(), collections.Counter(), collections.Counter()
    for item, w, b in zip(items, written, without):
        # a longer name holding the word ("Non-Aligned Movement", "Nigeria-Niger Joint Commission") is the name's own
        # evidence, not the word's: counted neither way
        words = [norm(c["text"]).strip(".") for c in item["compounds"]]
        gold = {(norm(e["name"]), e["kind"]) for c in item["compounds"] for e in c["entities"]} - b
        added = {e for e in w - b if e in gold or not any(x in e[0] and x != e[0] for x in words)}
        for kind in ("person", "place", "organization"):
            right[kind] += len({e for e in added & gold if e[1] == kind})
            ours[kind] += len({e for e in added if e[1] == kind})
            annotated[kind] += len({e for e in gold if e[1] == kind})
        if args.errors and (added - gold or gold - added):
            print(f"  {item['file']}: {[c['text'] for c in item['compounds']]} extra {sorted(added - gold)} missed {sorted(gold - added)}")
    print(f"{len(items)} sentences, {sum(len(i['compounds']) for i in items)} hyphenated words; entities the hyphenated words add")
    kind_table(right, ours, annotated)


if __name__ == "__main__":
    main()
