#!/usr/bin/env python3
"""Leave-one-collection-out cross-validation of Dossier's ranking settings on BEIR collections.

For every setting in a grid, `dossier eval` ranks every judged query of each collection once (a TREC run file);
the grid's title weight is set when an index is built, so each weight has its own indexes. Xapian's own BM25
defaults are ranked once per collection (`dossier eval --baseline`) on the index with titles counted once, as a
plain Xapian user indexes them. For each
collection in turn, the setting with the best mean over the *other* collections of the ratio to that baseline
(its worst ratio, MAP or nDCG@10, over them; then its mean ratio) is chosen, and reported on the collection left out: no figure is reported on a
collection its setting was chosen on. The setting Dossier ships is then the best over all collections.

usage: Benchmarks/relevance_cv.py EVAL_DIR [--dossier .build/release/dossier] [--out results.json]
                                  [--write-benchmarks BENCHMARKS.md] [--from-results results.json]
"""
import argparse, itertools, json, math, os, re, shutil, subprocess, sys, tempfile
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

GRID = {"k1": [1.2, 1.5], "b": [0.5, 0.75], "feedback-weight": [0.0, 0.3, 0.6],
        "feedback-documents": [5, 10], "feedback-terms": [10, 30], "feedback-min-score": [0.0, 0.6, 0.75],
        "title-weight": [1, 2, 3]}
# set when the index is built (`dossier eval --title-weight`): each weight has indexes of its own
INDEX_TIME = ("title-weight",)
PEERS = "best peer"  # the README of ../shared/eval: bm25s, FTS5, tantivy (the best of them per collection)


def settings():
    out = []
    for values in itertools.product(*GRID.values()):
        s = dict(zip(GRID.keys(), values))
        if s["feedback-weight"] == 0 and (s["feedback-documents"], s["feedback-terms"], s["feedback-min-score"]) != (5, 10, 0.0):
            continue  # feedback off: its other parameters do not matter
        out.append(s)
    return out


def objective(out, collections, base):
    """The worst ratio to Xapian's defaults over `collections` (MAP or nDCG@10, whichever is lower), then the mean
    ratio: the aim is never to fall below a plain Xapian on any collection, then to be best on average."""
    ratios = [(out[c]["map"] / base[c]["map"], out[c]["ndcg_cut_10"] / base[c]["ndcg_cut_10"]) for c in collections]
    return (round(min(min(r) for r in ratios), 4), sum(sum(r) / 2 for r in ratios) / len(ratios))


def run_grid(args, collections, grid):
    """Xapian's defaults and every setting of the grid on every collection: (baseline, [(setting, figures)]).
    Xapian's defaults rank on the index with titles counted once, as a plain Xapian user indexes them
    (`../shared/eval/xapian_bm25.py`): the one baseline every setting, title weight included, is measured against."""
    work = tempfile.mkdtemp(prefix="dossier-cv-")
    base = {}
    weights = sorted({s.get("title-weight", 1) for s in grid})
    try:
        for c in collections:
            folder = os.path.join(args.eval_dir, c)
            # one index per collection, title weight and worker, built once (eval reuses an up-to-date index)
            for t in weights:
                for w in range(2):
                    out = subprocess.run([args.dossier, "eval", folder, "--index", f"{work}/{c}-t{t}-{w}", "--json",
                                          "--title-weight", str(t)] + (["--baseline"] if t == 1 else []),
                                         check=True, capture_output=True, text=True)
                if t == 1:
                    base[c] = json.loads(out.stdout)["baseline"]
            print(f"{c}: Xapian's defaults MAP {base[c]['map']:.4f} nDCG@10 {base[c]['ndcg_cut_10']:.4f}", file=sys.stderr)

        def evaluate(job):
            n, s = job
            out = {}
            for c in collections:
                flags = [x for k, v in s.items() if k not in INDEX_TIME for x in (f"--{k}", str(v))]
                index = f"{work}/{c}-t{s.get('title-weight', 1)}-{n % 2}"
                r = subprocess.run([args.dossier, "eval", os.path.join(args.eval_dir, c), "--index", index, "--title-weight",
                                    str(s.get("title-weight", 1)), "--json"] + flags, check=True, capture_output=True, text=True)
                out[c] = json.loads(r.stdout)
            return s, out

        with ThreadPoolExecutor(2) as pool:
            return base, list(pool.map(evaluate, enumerate(grid)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("eval_dir")
    ap.add_argument("--dossier", default=".build/release/dossier")
    ap.add_argument("--out")
    ap.add_argument("--write-benchmarks")
    ap.add_argument("--from-results", help="re-score the JSON an earlier run wrote with --out, without running dossier")
    args = ap.parse_args()
    collections = sorted(d for d in os.listdir(args.eval_dir) if os.path.exists(os.path.join(args.eval_dir, d, "corpus.jsonl")))
    grid = settings()
    if args.from_results:
        saved = json.load(open(args.from_results))
        base = saved["baseline"]
        results = [(row["setting"], {c: row[c] for c in collections}) for row in saved["all"]]
        grid = [s for s, _ in results]
    else:
        base, results = run_grid(args, collections, grid)

    report = {"collections": collections, "settings": len(grid), "baseline": base, "left_out": []}
    for c in collections:
        rest = [x for x in collections if x != c]
        s, out = max(results, key=lambda r: objective(r[1], rest, base))
        report["left_out"].append({"collection": c, "setting": s, "reported": out[c]})
    shipped, shipped_out = max(results, key=lambda r: objective(r[1], collections, base))
    report["shipped"] = {"setting": shipped, "figures": shipped_out}
    report["all"] = [{"setting": s, **out} for s, out in results]
    if args.out:
        with open(args.out, "w") as f:
            json.dump(report, f, indent=1)

    rows = ["| collection left out | setting chosen on the other six | MAP | Xapian MAP | nDCG@10 | Xapian nDCG@10 |",
            "|---|---|---|---|---|---|"]
    below = 0
    for item in report["left_out"]:
        c, r, b = item["collection"], item["reported"], base[item["collection"]]
        s = item["setting"]
        setting = f"k1 {s['k1']}, b {s['b']}, titles ×{s.get('title-weight', 1)}, feedback " + (
            "off" if s["feedback-weight"] == 0 else f"{s['feedback-terms']} terms / {s['feedback-documents']} docs × {s['feedback-weight']}, "
            f"docs ≥ {s['feedback-min-score']} of the top score")
        mark = lambda x, y: f"**{x:.3f}**" if x >= y else f"{x:.3f} (below)"
        below += (r["map"] < b["map"]) + (r["ndcg_cut_10"] < b["ndcg_cut_10"])
        rows.append(f"| {c} | {setting} | {mark(r['map'], b['map'])} | {b['map']:.3f} | {mark(r['ndcg_cut_10'], b['ndcg_cut_10'])} | {b['ndcg_cut_10']:.3f} |")
    mean = lambda key, src: sum(src[c][key] for c in collections) / len(collections)
    reported = {item["collection"]: item["reported"] for item in report["left_out"]}
    rows.append(f"| mean | | {mean('map', reported):.3f} | {mean('map', base):.3f} | {mean('ndcg_cut_10', reported):.3f} | {mean('ndcg_cut_10', base):.3f} |")
    s = shipped
    table = "\n".join(rows) + (
        f"\n\nShipped (best over all seven): k1 {s['k1']}, b {s['b']}, title words counted {s.get('title-weight', 1)}×, feedback "
        + ("off" if s["feedback-weight"] == 0 else f"{s['feedback-terms']} terms from the top {s['feedback-documents']} at weight "
           f"{s['feedback-weight']}, from passages scoring at least {s['feedback-min-score']} of the first")
        + f". {len(grid)} settings; figures below Xapian's defaults: {below}.\n")
    print(table)
    if args.write_benchmarks:
        text = open(args.write_benchmarks).read()
        start, end = "<!-- relevance_cv:start -->", "<!-- relevance_cv:end -->"
        block = f"{start}\n{table}{end}"
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda m: block, text, flags=re.S) if start in text else text + "\n" + block + "\n"
        open(args.write_benchmarks, "w").write(text)


if __name__ == "__main__":
    main()
