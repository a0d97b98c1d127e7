#!/usr/bin/env python3
"""Scores Dossier's event coder against the hand-coded sentences of Benchmarks/dev/events (issue 30).

    python3 Benchmarks/events_dev.py [--relations ../shared/relations] [--dossier .build/release/dossier] [--errors]
    python3 Benchmarks/events_dev.py --set events-newswire   (the newswire-style check set)

Copies the coded articles into a scratch corpus (with the bundled Corpus/'s tagging files), indexes it with the
release binary, lists every event (`dossier events --format jsonl`), and matches them to the coded sentences (same
file, one sentence inside the other). For each PLOVER type it prints, over the coder's events: how often an event of
that type was found in the sentence (event right), how often its actors were right too (source and target
countries; the union of both sides for the symmetric kinds, as the set's README says), and the events Dossier gave
that the coder did not (extra), with the no-event sentences that got one. Also the share of right dates and statuses
among the events found.

A benchmark, not a test: it reads ../shared (the annotations' texts), which tests never do.
"""
import argparse, collections, json, os, shutil, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def actor_codes(actors):
    out = set()
    for a in actors:
        if a.get("country"): out.add(a["country"])
        elif a.get("kind") == "organization": out.add(a["name"])
    return out


def symmetric(gold):
    return gold["plover"] == "CONSULT" or (gold["plover"] == "SUPPORT" and gold["cameo"] in ("057", "054")) \
        or (gold["plover"] == "ASSAULT" and not gold["target"])


def actors_right(gold, ev):
    gs, gt = set(gold["source"]), set(gold["target"])
    ss, st = actor_codes(ev["source"]), actor_codes(ev["target"])
    if symmetric(gold):
        return gs | gt == ss | st
    return gs == ss and gt == st


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--relations", default=os.path.join(os.path.dirname(ROOT), "shared", "relations"))
    ap.add_argument("--dossier", default=os.path.join(ROOT, ".build", "release", "dossier"))
    ap.add_argument("--errors", action="store_true", help="print every miss and extra event")
    ap.add_argument("--set", default="events",
                    help="the set in Benchmarks/dev: events (relations articles, the development set) or events-newswire "
                         "(newswire-style sentences written and coded apart from the rules, a check set; its text is in "
                         "its folder)")
    args = ap.parse_args()
    folder = os.path.join(HERE, "dev", args.set)
    gold = [json.loads(l) for l in open(os.path.join(folder, "sentences.jsonl"), encoding="utf-8") if l.strip()]
    work = tempfile.mkdtemp(prefix="dossier-events-dev-")
    try:
        corpus = os.path.join(work, "corpus")
        os.makedirs(corpus)
        for name in ("gazetteer.tsv", "topics.tsv"):
            if os.path.exists(os.path.join(ROOT, "Corpus", name)):
                shutil.copy(os.path.join(ROOT, "Corpus", name), corpus)
        for f in sorted({g["file"] for g in gold}):
            own = os.path.join(folder, f)
            shutil.copy(own if os.path.exists(own) else os.path.join(args.relations, f), corpus)
        index = os.path.join(work, "index")
        subprocess.run([args.dossier, "index", "--corpus", corpus, "--index", index], check=True, capture_output=True)
        out = subprocess.run([args.dossier, "events", "--index", index, "--format", "jsonl", "--limit", "10000000"],
                             check=True, capture_output=True, text=True).stdout
        events = [json.loads(l) for l in out.splitlines() if l.strip()]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    by_file = collections.defaultdict(list)
    for e in events: by_file[e["file"]].append(e)
    per = collections.defaultdict(lambda: collections.Counter())
    extra_total = 0; noevent_fp = 0; dates = [0, 0]; statuses = [0, 0]; sentences_with_gold = 0
    errors = []
    for g in gold:
        cands = [e for e in by_file[g["file"]] if g["sentence"] in e["sentence"] or (len(e["sentence"]) > 20 and e["sentence"] in g["sentence"])]
        used = set()
        for ge in g["events"]:
            per[ge["plover"]]["gold"] += 1
            match = None
            for k, e in enumerate(cands):
                if k in used or not e["plover"] or e["plover"]["event"] != ge["plover"]: continue
                if match is None or actors_right(ge, e): match = k
                if actors_right(ge, e): break
            if match is None:
                errors.append(f"MISS {ge['plover']} {ge['cameo']} {ge['source']}->{ge['target']}: {g['sentence'][:150]}")
                continue
            used.add(match)
            e = cands[match]
            per[ge["plover"]]["type"] += 1
            if actors_right(ge, e): per[ge["plover"]]["actors"] += 1
            else: errors.append(f"ACTORS {ge['plover']} gold {ge['source']}->{ge['target']} got {sorted(actor_codes(e['source']))}->{sorted(actor_codes(e['target']))}: {g['sentence'][:150]}")
            dates[1] += 1; dates[0] += (e["date"] == ge["date"])
            statuses[1] += 1; statuses[0] += (e["status"] == ge["status"])
        # CAMEO's symbolic acts (017) have no PLOVER type, and the coder of the set dropped CAMEO 01 and 02: not extra
        extras = [e for k, e in enumerate(cands) if k not in used and e["plover"]]
        for e in extras:
            per[e["plover"]["event"] if e["plover"] else "?"]["extra"] += 1
            errors.append(f"EXTRA {e['plover']['event'] if e['plover'] else '?'} {e['cameo']} {e['action']} {sorted(actor_codes(e['source']))}->{sorted(actor_codes(e['target']))}: {g['sentence'][:150]}")
        extra_total += len(extras)
        if not g["events"] and cands: noevent_fp += 1
    types = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
             "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
    print(f"{'PLOVER type':12} {'coded':>6} {'event right':>12} {'+ actors':>9} {'extra':>6}")
    tot = collections.Counter()
    for t in types:
        c = per[t]
        tot.update(c)
        g = c["gold"] or 1
        print(f"{t:12} {c['gold']:6} {c['type'] / g:12.0%} {c['actors'] / g:9.0%} {c['extra']:6}")
    g = tot["gold"] or 1
    print(f"{'all':12} {tot['gold']:6} {tot['type'] / g:12.0%} {tot['actors'] / g:9.0%} {tot['extra']:6}")
    print(f"events found: dates right {dates[0]}/{dates[1]} ({dates[0] / max(1, dates[1]):.0%}), "
          f"status right {statuses[0]}/{statuses[1]} ({statuses[0] / max(1, statuses[1]):.0%}); "
          f"no-event sentences with an event: {noevent_fp}/{sum(1 for x in gold if not x['events'])}; "
          f"extra events per coded event: {extra_total / g:.2f}")
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
