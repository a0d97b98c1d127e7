#!/usr/bin/env python3
"""Dossier's speed benchmarks: builds the corpora, runs every measurement, writes the tables to BENCHMARKS.md.

Release build, side by side in one run: Dossier; a one-core Xapian reference (python3-xapian: term generator,
replace_document, commit); Xapian's `quest` on Dossier's index; SQLite FTS5 and tantivy on the same passages and
tags. Not part of `swift test`.

usage: python3 Benchmarks/run.py [--sizes 10000,100000,1000000] [--wikipedia ../shared/bench/wikipedia-articles.tar.zst
                                  [--wikipedia-files N]] [--work /tmp/dossier-bench] [--out BENCHMARKS.md]
Needs: swift, /usr/bin/python3 with python3-xapian, xapian-tools (quest), hyperfine, pip's tantivy, zstd.
"""
import argparse, json, os, random, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOSSIER = os.path.join(ROOT, ".build/release/dossier")
BENCH = os.path.join(ROOT, ".build/release/dossier-bench")
QUERIES = os.path.join(HERE, "queries.tsv")

def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)

def timed(cmd):
    """Wall, CPU seconds, peak RSS (MB) and stdout of a command, via GNU time."""
    out = sh(["/usr/bin/time", "-f", "TIME %e %U %S %M"] + cmd)
    line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1].split()
    return {"wall_s": float(line[1]), "cpu_s": float(line[2]) + float(line[3]), "rss_mb": int(line[4]) / 1024, "stdout": out.stdout}

def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)

def median_run(runs, fn):
    results = [fn() for _ in range(runs)]
    results.sort(key=lambda r: r["wall_s"])
    return results[len(results) // 2]

def build_dossier(corpus, index, runs):
    def once():
        shutil.rmtree(index, ignore_errors=True)
        r = timed([DOSSIER, "index", "--corpus", corpus, "--index", index, "--json"])
        r["summary"] = json.loads(r.pop("stdout"))
        r["index_bytes"] = du(index)
        return r
    return median_run(runs, once)

def build_reference(corpus, index, runs):
    def once():
        shutil.rmtree(index, ignore_errors=True)
        r = timed(["/usr/bin/python3", os.path.join(HERE, "xapian_reference.py"), corpus, index])
        r["summary"] = json.loads(r.pop("stdout"))
        r["index_bytes"] = du(index)
        return r
    return median_run(runs, once)

def incremental(corpus, index, runs=5):
    files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
    target = os.path.join(corpus, files[len(files) // 2])
    times = []
    for i in range(runs):
        with open(target, encoding="utf-8") as f:
            paras = f.read().split("\n\n")
        paras[7] = paras[7].rstrip("\n") + f" Edit {i} for the benchmark."
        with open(target, "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras))
        r = timed([DOSSIER, "index", "--corpus", corpus, "--index", index, "--json"])
        s = json.loads(r["stdout"])
        assert s["changed"] == 1 and not s["full_build"], s
        times.append(r["wall_s"])
    return {"median_s": statistics.median(times), "runs": times}

def hyperfine(commands):
    with tempfile.NamedTemporaryFile(suffix=".json") as t:
        sh(["hyperfine", "-N", "-w", "3", "-r", "20", "--export-json", t.name] + commands)
        return [(r["command"], r["median"] * 1000) for r in json.load(open(t.name))["results"]]

def fmt_rate(n, s):
    return f"{n / s:,.0f}"

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--wikipedia")
    ap.add_argument("--wikipedia-files", type=int, default=0, help="only the first N files (0: all)")
    ap.add_argument("--work", default="/tmp/dossier-bench")
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.skip_build:
        # the Swift runtime linked in: a self-contained binary that starts ~5 ms sooner (whole-process figures)
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib"], cwd=ROOT, check=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows, notes = [], []
    largest = None
    corpora = []
    for n in sizes:
        corpus = os.path.join(args.work, f"gen-{n}")
        if not os.path.isdir(corpus):
            sh([sys.executable, os.path.join(HERE, "gen_corpus.py"), str(n), corpus])
        corpora.append((f"generated {n:,}", corpus, 3 if n <= 100_000 else 1))
    if args.wikipedia:
        corpus = os.path.join(args.work, "wikipedia")
        if not os.path.isdir(corpus):
            os.makedirs(corpus)
            sh(["tar", "--zstd", "-xf", args.wikipedia, "-C", corpus])
        if args.wikipedia_files:
            files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".txt"))
            sub = os.path.join(args.work, f"wikipedia-{args.wikipedia_files}")
            if not os.path.isdir(sub):
                os.makedirs(sub)
                for f in files[:args.wikipedia_files]:
                    os.link(f, os.path.join(sub, os.path.relpath(f, corpus).replace("/", "_")))
            corpus = sub
        corpora.append((f"Wikipedia ({args.wikipedia_files or 'all'} files)", corpus, 1))

    for name, corpus, runs in corpora:
        print(f"building {name} …", file=sys.stderr)
        ours = build_dossier(corpus, os.path.join(args.work, "ix-" + os.path.basename(corpus)), runs)
        ref = build_reference(corpus, os.path.join(args.work, "ref-" + os.path.basename(corpus)), runs)
        passages = ours["summary"]["passages"]
        mb = ref["summary"]["bytes"] / 1e6
        tag = events = None
        if passages <= 1_000_000:  # the target is set at 1M (one core, ~50 s there for each run)
            # the entities issue's share leaves event coding out (issue 30 counts it apart): tagging is timed with
            # and without it
            t = json.loads(sh([BENCH, "tagging", "--corpus", corpus, "--no-events"]).stdout)
            tag = (t["tag_cpu_s"] + t["split_cpu_s"]) / ours["cpu_s"]
            e = json.loads(sh([BENCH, "tagging", "--corpus", corpus]).stdout)
            events = max(0.0, e["tag_cpu_s"] - t["tag_cpu_s"]) / ours["cpu_s"]
        rows.append({"name": name, "passages": passages, "mb": mb, "ours": ours, "ref": ref, "tag_share": tag, "events_share": events,
                     "corpus": corpus, "index": os.path.join(args.work, "ix-" + os.path.basename(corpus)),
                     "ref_index": os.path.join(args.work, "ref-" + os.path.basename(corpus))})
        if name.startswith("generated"):
            largest = rows[-1]

    out = ["<!-- speed:begin (written by Benchmarks/run.py) -->", "",
           f"Run of {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores: `python3 Benchmarks/run.py --sizes {args.sizes}"
           + (f" --wikipedia {args.wikipedia} --wikipedia-files {args.wikipedia_files}" if args.wikipedia else "") + "`.", "",
           "### Full build (Dossier: tagging included, all cores; reference: Xapian's share only, one core)", "",
           "| corpus | passages | MB | Dossier passages/s | reference passages/s | ratio (target ≥ 1.8) | Dossier CPU s | Dossier MB/s | peak RSS (target < 500 MB) | index size, Dossier / reference (target ≤ 0.8) | tagging share, events apart (target < 15%) | event coding share |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        o, f = r["ours"], r["ref"]
        out.append(f"| {r['name']} | {r['passages']:,} | {r['mb']:.0f} | {fmt_rate(r['passages'], o['wall_s'])} | "
                   f"{fmt_rate(f['summary']['passages'], f['wall_s'])} | **{(r['passages'] / o['wall_s']) / (f['summary']['passages'] / f['wall_s']):.2f}×** | "
                   f"{o['cpu_s']:.1f} | {r['mb'] / o['wall_s']:.1f} | {o['rss_mb']:.0f} MB | "
                   f"{o['index_bytes'] / 1e6:.0f} / {f['index_bytes'] / 1e6:.0f} MB = **{o['index_bytes'] / f['index_bytes']:.2f}×** | "
                   + (f"{r['tag_share'] * 100:.0f}%" if r["tag_share"] is not None else "–") + " | "
                   + (f"{r['events_share'] * 100:.0f}%" if r["events_share"] is not None else "–") + " |")

    if largest:
        print("incremental, queries …", file=sys.stderr)
        inc = incremental(largest["corpus"], largest["index"])
        out += ["", f"### One edited paragraph, {largest['name']} passages (`dossier index` end to end; target < 0.5 s)", "",
                f"Median of 5 runs: **{inc['median_s']:.3f} s** (runs: {', '.join(f'{t:.3f}' for t in inc['runs'])})."]
        ours_q = json.loads(sh([BENCH, "queries", "--index", largest["index"], "--queries", QUERIES, "--runs", "5"]).stdout)
        ref_q = json.loads(sh(["/usr/bin/python3", os.path.join(HERE, "xapian_query_reference.py"), largest["ref_index"], QUERIES, "5"]).stdout)
        export = os.path.join(args.work, "export.jsonl")
        with open(export, "w") as f:
            subprocess.run([BENCH, "export", "--index", largest["index"]], stdout=f, check=True)
        eng = json.loads(sh([sys.executable, os.path.join(HERE, "engines.py"), export, os.path.join(args.work, "engines"), QUERIES, "3"]).stdout)
        def cell(d):
            return f"{d['p50_ms']:.1f} / {d['p95_ms']:.1f}" if d and "p50_ms" in d else "–"
        t = eng.get("tantivy", {})
        out += ["", f"### Queries in process, {largest['name']} passages, 20 queries (`Benchmarks/queries.tsv`): p50 / p95 ms", "",
                "| | Dossier | Xapian reference (python, top 10 + `MSet::snippet`) | SQLite FTS5 | tantivy |", "|---|---|---|---|---|",
                f"| top 10 with snippets, exact total | {cell(ours_q['plain'])} | – | {cell(eng['fts5']['plain'])} | {cell(t.get('plain'))} |",
                f"| top 10 with snippets, estimated total (`--estimate-total`; as the reference) | {cell(ours_q['estimated'])} | {cell(ref_q['plain'])} | – | – |",
                f"| with a year filter | {cell(ours_q['year'])} | – | {cell(eng['fts5']['year'])} | {cell(t.get('year'))} |",
                f"| with exact year, topic and entity facets | {cell(ours_q['facets'])} | – | {cell(eng['fts5']['facets'])} (GROUP BY) | {cell(t.get('facets'))} (aggregations) |",
                "", f"Ratios at p50: top 10 Dossier / reference **{ours_q['estimated']['p50_ms'] / ref_q['plain']['p50_ms']:.2f}×** with an estimated total as the reference "
                f"({ours_q['plain']['p50_ms'] / ref_q['plain']['p50_ms']:.2f}× counting every match) (target ≤ 1); "
                f"facets FTS5 / Dossier **{eng['fts5']['facets']['p50_ms'] / ours_q['facets']['p50_ms']:.1f}×** (target ≥ 10)"
                + (f"; facets Dossier / tantivy **{ours_q['facets']['p50_ms'] / t['facets']['p50_ms']:.1f}×** (target ≤ 5)" if "facets" in t else "") + ".",
                f"Other engines' builds from the exported passages: FTS5 {eng['fts5']['build_s']:.1f} s ({eng['fts5']['index_bytes'] / 1e6:.0f} MB)"
                + (f", tantivy {t['build_s']:.1f} s ({t['index_bytes'] / 1e6:.0f} MB)" if "build_s" in t else "") + "."]
    generated = [r for r in rows if r["name"].startswith("generated")]
    if generated:
        # whole process, every generated size, dossier and quest side by side in one hyperfine run per size
        out += ["", "### Whole process (hyperfine, 20 runs, median ms; static-stdlib build, position-independent, default flags: "
                "exact total and facets, snippets, JSON; target ≤ 3× `quest` at 10,000, ≤ 2× at 100,000 and 1,000,000)", "",
                "| passages | `giant panda` Dossier | quest | ratio | `trade` Dossier | quest | ratio | `--facets 0 --estimate-total`: `giant panda` / `trade` ratios | `dossier --version` |",
                "|---|---|---|---|---|---|---|---|---|"]
        for r in generated:
            ix = r["index"]
            ms = [m for _, m in hyperfine([f"{DOSSIER} search --index {ix} {q} --json" for q in ("giant panda", "trade")]
                                          + [f"{DOSSIER} search --index {ix} {q} --json --facets 0 --estimate-total" for q in ("giant panda", "trade")]
                                          + [f"quest -d {ix} '{q}'" for q in ("giant panda", "trade")] + [f"{DOSSIER} --version"])]
            out.append(f"| {r['passages']:,} | {ms[0]:.1f} | {ms[4]:.1f} | **{ms[0] / ms[4]:.2f}×** | {ms[1]:.1f} | {ms[5]:.1f} | "
                       f"**{ms[1] / ms[5]:.2f}×** | {ms[2] / ms[4]:.2f}× / {ms[3] / ms[5]:.2f}× | {ms[6]:.1f} |")
    out += ["", "<!-- speed:end -->"]
    text = "\n".join(out)
    md = open(args.out).read() if os.path.exists(args.out) else "# Benchmarks\n"
    begin, end = md.find("<!-- speed:begin"), md.find("<!-- speed:end -->")
    md = md[:begin] + text + md[end + len("<!-- speed:end -->"):] if begin >= 0 and end >= 0 else md.rstrip("\n") + "\n\n" + text + "\n"
    with open(args.out, "w") as f:
        f.write(md)
    print(text)

if __name__ == "__main__":
    main()
