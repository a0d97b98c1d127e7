#!/usr/bin/env python3
"""Two-fold cross-validation of Dossier's ranking settings on BEIR collections.

For every setting in a grid, `dossier eval` runs each collection once (writing a TREC run file); the measures
are then computed per query half (odd and even positions in queries.jsonl). The setting with the best mean of
MAP and nDCG@10 over all collections on one half is reported on the other half, and the reverse.

usage: Benchmarks/relevance_cv.py EVAL_DIR [--dossier .build/release/dossier] [--out results.json]
"""
import argparse, itertools, json, math, os, shutil, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

def load_qrels(path):
    qrels = {}
    with open(path) as f:
        for i, line in enumerate(f):
            p = line.rstrip("\n").split("\t")
            if i == 0 and not p[-1].lstrip("-").isdigit():
                continue
            qrels.setdefault(p[0], {})[p[1]] = int(p[2])
    return qrels

def load_run(path):
    run = {}
    with open(path) as f:
        for line in f:
            q, _, d, _r, s, _t = line.split()
            run.setdefault(q, []).append((d, float(s)))
    return run

def measures(ranked, judged):
    """trec_eval's map, ndcg_cut_10, P_10, recall_100 for one query (ties: score desc, docid desc)."""
    relevant = {d: g for d, g in judged.items() if g > 0}
    ranked = sorted(ranked, key=lambda x: (-x[1], [-ord(c) for c in x[0]]))
    found, ap, dcg, p10, r100 = 0, 0.0, 0.0, 0, 0
    for i, (d, _) in enumerate(ranked):
        g = judged.get(d, 0)
        if g <= 0:
            continue
        found += 1
        ap += found / (i + 1)
        if i < 10:
            p10 += 1
            dcg += g / math.log2(i + 2)
        if i < 100:
            r100 += 1
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return {"map": ap / len(relevant), "ndcg_cut_10": dcg / idcg if idcg else 0.0,
            "P_10": p10 / 10, "recall_100": r100 / len(relevant)}

def score(run, qrels, queries):
    per = [measures(run.get(q, []), qrels[q]) for q in queries if q in qrels and any(g > 0 for g in qrels[q].values())]
    return {m: sum(p[m] for p in per) / len(per) for m in ("map", "ndcg_cut_10", "P_10", "recall_100")} | {"queries": len(per)}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("eval_dir")
    ap.add_argument("--dossier", default=".build/release/dossier")
    ap.add_argument("--out")
    args = ap.parse_args()
    collections = sorted(d for d in os.listdir(args.eval_dir) if os.path.exists(os.path.join(args.eval_dir, d, "corpus.jsonl")))
    grid = {"k1": [1.0, 1.2, 1.5], "b": [0.6, 0.75], "feedback-weight": [0.0, 0.5, 0.7, 0.85, 1.0],
            "feedback-documents": [5, 10], "feedback-terms": [20, 30]}
    settings = []
    for values in itertools.product(*grid.values()):
        s = dict(zip(grid.keys(), values))
        if s["feedback-weight"] == 0 and (s["feedback-documents"], s["feedback-terms"]) != (10, 20):
            continue  # feedback off: its other parameters do not matter
        settings.append(s)
    work = tempfile.mkdtemp(prefix="dossier-cv-")
    halves = {}
    qrels = {}
    for c in collections:
        folder = os.path.join(args.eval_dir, c)
        qrels[c] = load_qrels(os.path.join(folder, "qrels", "test.tsv"))
        with open(os.path.join(folder, "queries.jsonl")) as f:
            ids = [json.loads(l)["_id"] for l in f if l.strip()]
        halves[c] = {"odd": set(ids[0::2]), "even": set(ids[1::2])}
        # one index per collection and worker, built once (eval reuses an up-to-date index)
        for w in range(2):
            subprocess.run([args.dossier, "eval", folder, "--index", f"{work}/{c}-{w}", "--json"],
                           check=True, capture_output=True)

    def evaluate(job):
        n, s = job
        out = {}
        for c in collections:
            run_file = f"{work}/{c}-{n}.run"
            flags = [x for k, v in s.items() for x in (f"--{k}", str(v))]
            subprocess.run([args.dossier, "eval", os.path.join(args.eval_dir, c), "--index", f"{work}/{c}-{n % 2}",
                            "--run", run_file, "--json"] + flags, check=True, capture_output=True)
            run = load_run(run_file)
            out[c] = {h: score(run, qrels[c], halves[c][h]) for h in ("odd", "even")}
            out[c]["all"] = score(run, qrels[c], set(qrels[c]))
        return s, out

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(evaluate, enumerate(settings)))
    shutil.rmtree(work, ignore_errors=True)

    def objective(out, half):
        return sum(out[c][half]["map"] + out[c][half]["ndcg_cut_10"] for c in collections) / (2 * len(collections))

    report = {"collections": collections, "settings": len(settings), "folds": []}
    for tune, test in (("odd", "even"), ("even", "odd")):
        best_s, best_out = max(results, key=lambda r: objective(r[1], tune))
        report["folds"].append({"tuned_on": tune, "reported_on": test, "setting": best_s,
                                "tuned": {c: best_out[c][tune] for c in collections},
                                "reported": {c: best_out[c][test] for c in collections}})
    report["all"] = [{"setting": s, **{c: out[c]["all"] for c in collections}} for s, out in results]
    text = json.dumps(report, indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    for fold in report["folds"]:
        print(f"tuned on {fold['tuned_on']}, reported on {fold['reported_on']}: {fold['setting']}")
        for c in collections:
            r = fold["reported"][c]
            print(f"  {c:10} MAP {r['map']:.4f}  nDCG@10 {r['ndcg_cut_10']:.4f}  ({r['queries']} queries)")

if __name__ == "__main__":
    main()
