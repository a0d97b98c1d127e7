#!/usr/bin/env python3
"""The tagging share of one full build, from its own CPU samples (a share measured inside one run does not move
with the machine's speed, as two runs side by side do).

    perf record -g -F 199 -o perf.data .build/release/dossier index --corpus CORPUS --index IX --quiet
    perf script -i perf.data | python3 Benchmarks/tagging_share.py

A sample counts as event coding when a frame of its stack is the event coder's, else as tagging when one is the
tagger's or the paragraph splitter's (the entities issue's tagging share: topics, dates, entities, languages,
names resolved across a file, and splitting), else as the rest of the build (Xapian, records, facets, I/O).
Samples whose stack is cut short fall in the rest: Xapian's (its library has no frame pointers), and those in
glibc's malloc and free, whose callers are lost whoever they are. The tagging share printed is a floor by the
latter: libc is ~7% of the tagger's own CPU.
"""
import re
import sys
from collections import Counter

EVENTS = re.compile(r"EventCoder")
TAGGING = re.compile(r"DossierCore6TaggerV|DossierCore10ParagraphsO")


def main():
    counts, total = Counter(), 0
    for sample in sys.stdin.read().split("\n\n"):
        lines = sample.strip().split("\n")
        if len(lines) < 2:
            continue
        total += 1
        stack = " ".join(lines[1:])
        if EVENTS.search(stack):
            counts["event coding"] += 1
        elif TAGGING.search(stack):
            counts["tagging and splitting"] += 1
        else:
            counts["rest of the build"] += 1
    if not total:
        sys.exit("no samples on standard input (perf script output expected)")
    print(f"{total} samples")
    for name in ("tagging and splitting", "event coding", "rest of the build"):
        print(f"{name:22s} {100 * counts[name] / total:5.1f}%")


if __name__ == "__main__":
    main()
