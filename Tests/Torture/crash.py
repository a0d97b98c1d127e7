#!/usr/bin/env python3
"""Crash-safety torture test (issue: reliability). Not part of `swift test`: it needs a release build and ~2 min.

A generated corpus of ~20,000 passages is indexed; then 20 rounds: random edits to a few files (change, add and
delete paragraphs; add and delete files), `dossier index` started and killed with SIGKILL at a random moment.
After every kill:
  - the index opens and `dossier check` finds Xapian's check clean and the index internally whole
    (no missing, extra or wrongly hashed passages);
  - every file is indexed exactly as it was before the round or as it is now (never a mix, never lost);
After the rounds, one more `dossier index` and `dossier check` must report the index exactly equal to the corpus,
and `dossier facets` must give the counts taken from the passages' records.

The whole index must be the previous state or the new one, with one shard (the default under 16 MB of text,
one Xapian transaction) or several (`--shards N`: an update killed between two shard commits is completed
from its journal by the next command, here `dossier check`).

usage: python3 Tests/Torture/crash.py [--dossier .build/release/dossier] [--passages 20000] [--rounds 20] [--seed 1] [--shards N]
"""
import argparse, json, os, random, shutil, signal, subprocess, sys, tempfile, time

def paragraphs(text):
    return [" ".join(l.strip() for l in block.split("\n") if l.strip()) for block in text.split("\n\n") if block.strip()]

def indexed_texts(dossier, index, path):
    out = subprocess.run([dossier, "search", "--index", index, "--file", path, "--limit", "100000", "--facets", "0",
                          "--sort", "date", "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"search failed after a kill: {out.stderr.strip()}")
    hits = json.loads(out.stdout)["hits"]
    return sorted(h["text"] for h in hits)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default=".build/release/dossier")
    ap.add_argument("--passages", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shards", type=int)
    args = ap.parse_args()
    dossier = os.path.abspath(args.dossier)
    # every shard gets a facet column, however small: `check` compares them with the values after every kill
    os.environ["DOSSIER_FACET_COLUMNS_FROM"] = "0"
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="dossier-crash-")
    corpus, index = os.path.join(work, "corpus"), os.path.join(work, "index")
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run([sys.executable, os.path.join(here, "..", "..", "Benchmarks", "gen_corpus.py"), str(args.passages), corpus,
                    "--per-file", "500", "--seed", str(args.seed)], check=True, capture_output=True)
    subprocess.run([dossier, "index", "--corpus", corpus, "--index", index, "--quiet"]
                   + (["--shards", str(args.shards)] if args.shards else []), check=True)
    # what the index holds for each file (sorted passage texts): the "previous state" of the next round
    def now(f):
        path = os.path.join(corpus, f)
        return sorted(paragraphs(open(path, encoding="utf-8").read())) if os.path.exists(path) else []
    indexed = {f: now(f) for f in os.listdir(corpus) if f.endswith(".txt")}
    killed = 0
    for round in range(1, args.rounds + 1):
        files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
        before = {f: open(os.path.join(corpus, f), encoding="utf-8").read() for f in files}
        touched = rng.sample(files, min(len(files), rng.randint(1, 6)))
        for f in touched:
            paras = before[f].split("\n\n")
            for _ in range(rng.randint(1, 40)):
                i = rng.randrange(len(paras))
                op = rng.random()
                if op < 0.6:
                    paras[i] = paras[i].rstrip("\n") + f" Edited in round {round}."
                elif op < 0.8:
                    paras.insert(i, f"A new paragraph of round {round} about trade and pandas in {1990 + round}.")
                elif len(paras) > 2:
                    paras.pop(i)
            with open(os.path.join(corpus, f), "w", encoding="utf-8") as out:
                out.write("\n\n".join(paras))
        if rng.random() < 0.3:
            name = f"new-{round}.txt"
            with open(os.path.join(corpus, name), "w", encoding="utf-8") as out:
                out.write(f"A new file in round {round}.\n\nIt mentions Belgium and China in {2000 + round}.\n")
            touched.append(name)
        if rng.random() < 0.2 and len(files) > 5:
            victim = rng.choice([f for f in files if f not in touched])
            os.remove(os.path.join(corpus, victim))
            touched.append(victim)
        # a full build now and then (new generation, stub switch), else an update
        cmd = [dossier, "index", "--corpus", corpus, "--index", index, "--quiet"] + (["--rebuild"] if rng.random() < 0.25 else [])
        p = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 1.5))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            killed += 1
        p.wait()
        check = subprocess.run([dossier, "check", "--corpus", corpus, "--index", index, "--json"], capture_output=True, text=True)
        report = json.loads(check.stdout)
        problems = [k for k in ("missing", "extra", "wrong_hash") if report[k]]
        if report["xapian_errors"] or problems:
            raise SystemExit(f"round {round}: index not whole after the kill: {report}")
        # every file that differs from what the index held: touched now, or left stale by an earlier kill
        files_now = {f for f in os.listdir(corpus) if f.endswith(".txt")}
        was_old, was_new = [], []
        for f in sorted(set(touched) | {f for f in files_now | set(indexed) if indexed.get(f, []) != now(f)}):
            got = indexed_texts(dossier, index, f)
            if got not in (indexed.get(f, []), now(f)):
                raise SystemExit(f"round {round}: {f} is neither its previous nor its new version in the index")
            if indexed.get(f, []) != now(f):
                (was_old if got == indexed.get(f, []) else was_new).append(f)
            indexed[f] = got
        # the whole index is the previous state or the new one: one shard commits atomically, and an update
        # of several shards killed between their commits is completed from its journal by `dossier check` above
        if was_old and was_new:
            raise SystemExit(f"round {round}: a mix of old ({was_old[:3]}) and new ({was_new[:3]}) files")
        print(f"round {round}: {'killed' if p.returncode == -signal.SIGKILL else 'finished'}; index whole, "
              f"{'previous state' if was_old and not was_new else 'new state' if not was_old else 'files old or new'}, "
              f"{len(report['stale_files'])} files not yet updated", flush=True)
    subprocess.run([dossier, "index", "--corpus", corpus, "--index", index, "--quiet"], check=True)
    final = subprocess.run([dossier, "check", "--corpus", corpus, "--index", index, "--json"], capture_output=True, text=True)
    if final.returncode != 0:
        raise SystemExit(f"final check failed: {final.stdout}{final.stderr}")
    if json.loads(final.stdout)["stale_facet_columns"]:
        raise SystemExit(f"facet columns not up to date after the last run: {final.stdout}")
    # facets come from keys named by a dictionary that every update extends: after all the kills they must
    # equal the counts taken from the passages' own records
    facets = json.loads(subprocess.run([dossier, "facets", "--index", index, "--json"], capture_output=True, text=True,
                                       check=True).stdout)["facets"]
    hits = json.loads(subprocess.run([dossier, "search", "--index", index, "--limit", "1000000", "--facets", "0", "--json"],
                                     capture_output=True, text=True, check=True).stdout)["hits"]
    expected = {"year": {}, "topic": {}, "entity": {}}
    for h in hits:
        for y in set(h["years"]):
            expected["year"][str(y)] = expected["year"].get(str(y), 0) + 1
        expected["topic"][h["topic"]] = expected["topic"].get(h["topic"], 0) + 1
        for e in {(e["kind"], e["name"]) for e in h["entities"]}:
            expected["entity"][e] = expected["entity"].get(e, 0) + 1
    got = {"year": {f["value"]: f["count"] for f in facets["year"]},
           "topic": {f["value"]: f["count"] for f in facets["topic"]},
           "entity": {(f["kind"], f["value"]): f["count"] for f in facets["entity"]}}
    for kind in expected:
        if got[kind] != expected[kind]:
            raise SystemExit(f"facets differ from the records for {kind}: "
                             f"{sorted(set(got[kind].items()) ^ set(expected[kind].items()))[:5]}")
    print(f"OK: {args.rounds} rounds, {killed} killed mid-run; the final run made the index equal to the corpus, "
          f"and its facets equal the records' counts ({len(got['entity'])} entities, {len(got['topic'])} topics)")
    shutil.rmtree(work, ignore_errors=True)

main()
