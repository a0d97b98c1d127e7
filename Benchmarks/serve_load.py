#!/usr/bin/env python3
"""Load test of `dossier serve` on loopback, bounded in time, beside the same searches in process.

For the 20 benchmark queries (`Benchmarks/queries.tsv`) with exact totals and facets, as `/api/search` answers them
by default:
  1. in process: `dossier-bench queries --modes facets --interleave` (p50, p95, p99 of a search on the open index,
     the queries in turn as wrk sends them);
  2. one connection (wrk -c1): the whole HTTP round trip, p50 and p99, against (1);
  3. 16 connections (wrk -c16): requests per second, failed requests;
  4. with --reindex-corpus (the corpus the index was built from): 16 connections again while the corpus is indexed
     again under the server, an edited file (an update) and then `--rebuild` (a full build that switches the index
     to new shards); every request must succeed.

usage: Benchmarks/serve_load.py --index DIR [--reindex-corpus DIR] [--duration 20] [--connections 16]
                                [--dossier .build/release/dossier] [--bench .build/release/dossier-bench]
Loopback only; each wrk run lasts --duration seconds.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, threading, time, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def start_server(dossier, index):
    proc = subprocess.Popen([dossier, "serve", "--index", index, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = ""
    while "http://" not in line:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            raise SystemExit("dossier serve did not start")
    url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()  # keep its output drained
    return proc, url


def wrk(url, paths, connections, duration):
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write("local paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\n"
                 "local i = 0\n"
                 "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
    script.close()
    threads = min(2, connections)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script.name, url],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)

    def ms(label):
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)) if "Socket errors" in out else 0
    return {"p50_ms": ms("50%"), "p99_ms": ms("99%"), "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": requests, "failed": non2xx + errors, "raw": out}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--reindex-corpus")
    ap.add_argument("--duration", type=int, default=20)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--dossier", default=os.path.join(ROOT, ".build", "release", "dossier"))
    ap.add_argument("--bench", default=os.path.join(ROOT, ".build", "release", "dossier-bench"))
    args = ap.parse_args()
    queries = [line.split("\t")[0] for line in open(args.queries, encoding="utf-8") if line.strip()]
    paths = ["/api/search?q=" + urllib.parse.quote(q) for q in queries]

    # in process, the queries in turn as wrk sends them (each query's runs in a row would find it hot in the caches)
    inproc = json.loads(subprocess.run([args.bench, "queries", "--index", args.index, "--queries", args.queries, "--modes", "facets",
                                        "--runs", "10", "--interleave"], capture_output=True, text=True, check=True).stdout)["facets"]
    proc, url = start_server(args.dossier, args.index)
    report = {"index": args.index, "queries": len(paths), "in_process": inproc}
    try:
        for p in paths:  # warm: every query once on every worker's searcher
            for _ in range(4):
                subprocess.run(["curl", "-sf", "-o", "/dev/null", url + p], check=True)
        one = wrk(url, paths, 1, args.duration)
        many = wrk(url, paths, args.connections, args.duration)
        report["one_connection"] = {k: v for k, v in one.items() if k != "raw"}
        report[f"{args.connections}_connections"] = {k: v for k, v in many.items() if k != "raw"}
        report["ratio_p50"] = one["p50_ms"] / inproc["p50_ms"]
        report["ratio_p99"] = one["p99_ms"] / inproc["p99_ms"]
        if args.reindex_corpus:
            result = {}
            edited = os.path.join(args.reindex_corpus, sorted(f for f in os.listdir(args.reindex_corpus) if f.endswith(".txt"))[0])
            original = open(edited, encoding="utf-8").read()

            def reindex():
                time.sleep(2)
                with open(edited, "a", encoding="utf-8") as f:
                    f.write("\nA quokka delegation visited Ghent in 2021.\n")
                t = time.time()
                subprocess.run([args.dossier, "index", "--corpus", args.reindex_corpus, "--index", args.index, "--quiet"], check=True)
                result["update_s"] = round(time.time() - t, 2)
                with open(edited, "w", encoding="utf-8") as f:
                    f.write(original)
                t = time.time()
                subprocess.run([args.dossier, "index", "--corpus", args.reindex_corpus, "--index", args.index, "--rebuild", "--quiet"], check=True)
                result["rebuild_s"] = round(time.time() - t, 2)

            worker = threading.Thread(target=reindex)
            worker.start()
            during = wrk(url, paths, args.connections, args.duration)
            worker.join()
            report["during_reindex"] = {k: v for k, v in during.items() if k != "raw"} | result
            if during["failed"]:
                print(during["raw"], file=sys.stderr)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        report["exit_status"] = proc.returncode
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
