#!/usr/bin/env python3
"""Readers during writes (issue: reliability). Not part of `swift test`: it needs a release build and ~1.5 min.

Several reader processes run `dossier search` in a loop while a writer re-indexes continuously for a minute
(edits between runs, and a full rebuild now and then, which switches the shard generation under the readers).
No reader may ever fail, and every answer must be consistent: as many hits as the total says (when it fits the
limit), every hit's text containing the query word, facet counts never above the total. Each index run also
marks three files with a word of its own; a reader that searches it must find all three passages or none
(with `--shards 2` they usually lie in both shards, which commit one after the other: never one of them alone).

usage: python3 Tests/Torture/readers.py [--dossier .build/release/dossier] [--seconds 60] [--readers 3] [--shards N]
"""
import argparse, json, os, random, shutil, subprocess, sys, tempfile, threading, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default=".build/release/dossier")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--readers", type=int, default=3)
    ap.add_argument("--passages", type=int, default=5000)
    ap.add_argument("--shards", type=int)
    args = ap.parse_args()
    dossier = os.path.abspath(args.dossier)
    # every shard gets a facet column, however small: readers count facets from them while the writer replaces them
    os.environ["DOSSIER_FACET_COLUMNS_FROM"] = "0"
    work = tempfile.mkdtemp(prefix="dossier-readers-")
    corpus, index = os.path.join(work, "corpus"), os.path.join(work, "index")
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run([sys.executable, os.path.join(here, "..", "..", "Benchmarks", "gen_corpus.py"), str(args.passages), corpus,
                    "--per-file", "250"], check=True, capture_output=True)
    subprocess.run([dossier, "index", "--corpus", corpus, "--index", index, "--quiet"]
                   + (["--shards", str(args.shards)] if args.shards else []), check=True)
    stop = time.time() + args.seconds
    failures, searches, writes, marker, marked = [], [0], [0], [0], [0]

    def writer():
        rng = random.Random(7)
        files = sorted(os.listdir(corpus))
        while time.time() < stop:
            marker[0] += 1
            for name in rng.sample(files, 3):
                f = os.path.join(corpus, name)
                text = open(f, encoding="utf-8").read().split("\n\n")
                i = rng.randrange(len(text))
                text[i] = text[i].rstrip("\n") + f" More trade news zqmark{marker[0]}."
                open(f, "w", encoding="utf-8").write("\n\n".join(text))
            cmd = [dossier, "index", "--corpus", corpus, "--index", index, "--quiet", "--wait"]
            if rng.random() < 0.2:
                cmd.append("--rebuild")
            # a pause after each shard commit widens the window in which a reader could see one shard alone
            env = dict(os.environ, DOSSIER_FAULT_PAUSE_BETWEEN_SHARD_COMMITS_MS="300")
            r = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if r.returncode != 0:
                failures.append(f"writer: {r.stderr.strip()}")
            writes[0] += 1

    def reader(n):
        rng = random.Random(n)
        while time.time() < stop:
            if rng.random() < 0.3 and marker[0] > 0:
                m = marker[0]
                r = subprocess.run([dossier, "search", f"zqmark{m}", "--index", index, "--json", "--facets", "0"],
                                   capture_output=True, text=True)
                searches[0] += 1
                total = json.loads(r.stdout)["total"] if r.returncode == 0 else None
                if total not in (0, 3):
                    failures.append(f"reader {n}: run {m}'s marker in {total} passages (0 or 3 expected): {r.stderr.strip()}")
                marked[0] += 1
                continue
            word = rng.choice(["trade", "panda", "visit", "culture", "investment"])
            args_ = [dossier, "search", word, "--index", index, "--json", "--limit", "50", "--facets", "5"]
            if rng.random() < 0.3:
                args_ += ["--year", str(rng.randint(1960, 2025))]
            r = subprocess.run(args_, capture_output=True, text=True)
            searches[0] += 1
            if r.returncode != 0:
                failures.append(f"reader {n}: exit {r.returncode}: {r.stderr.strip()}")
                continue
            try:
                j = json.loads(r.stdout)
            except ValueError:
                failures.append(f"reader {n}: not JSON: {r.stdout[:200]}")
                continue
            hits = j["hits"]
            if len(hits) != min(50, j["total"]):
                failures.append(f"reader {n}: {len(hits)} hits for a total of {j['total']}")
            if any(word[:4] not in h["text"].lower() for h in hits):
                failures.append(f"reader {n}: a hit without '{word}'")
            for facet in j["facets"].values():
                if any(v["count"] > j["total"] for v in facet):
                    failures.append(f"reader {n}: a facet count above the total")

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader, args=(n,)) for n in range(args.readers)]
    for t in threads: t.start()
    for t in threads: t.join()
    shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("\n".join(failures[:20]))
        raise SystemExit(f"FAILED: {len(failures)} problems in {searches[0]} searches during {writes[0]} index runs")
    print(f"OK: {searches[0]} searches by {args.readers} readers during {writes[0]} index runs ({marked[0]} of them for a"
          f" run's marker, always all or none), no error, every answer consistent")

main()
