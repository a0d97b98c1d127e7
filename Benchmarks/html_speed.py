#!/usr/bin/env python3
"""Indexing speed of web pages against the same text as plain files (issue 25's target: HTML at >= 70% of the
passages per second of .txt).

    python3 Benchmarks/html_speed.py [--passages 100000] [--runs 3] [--dossier .build/release/dossier]

Generates a relations-like corpus (gen_corpus.py), writes each file a second time as a saved web page (a <p> per
passage, inside <main>, with a navigation bar, a script, a style sheet and a footer around it), and indexes both
folders alternately with a full build (`--rebuild`), printing the median passages per second of each and the ratio.
"""
import argparse, html, json, os, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PAGE_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ font-family: sans-serif }} nav a {{ margin: 0 1em }}</style>
<script>window.dataLayer = window.dataLayer || []; function track() {{ dataLayer.push(arguments) }}</script>
</head><body>
<header><a href="/">Ministry of Foreign Affairs</a><nav><a href="/news">News</a><a href="/trade">Trade</a><a href="/visas">Visas</a></nav></header>
<main><h1>{title}</h1>
"""
PAGE_TAIL = """</main>
<footer><p>Copyright Ministry of Foreign Affairs</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dossier", default=os.path.join(HERE, "..", ".build", "release", "dossier"))
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="dossier-html-")
    try:
        text = os.path.join(work, "text")
        pages = os.path.join(work, "pages")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), str(args.passages), text], check=True,
                       capture_output=True)
        os.makedirs(pages)
        for name in sorted(os.listdir(text)):
            if not name.endswith(".txt"):
                continue
            lines = [l for l in open(os.path.join(text, name), encoding="utf-8").read().split("\n") if l.strip()]
            title = name[:-4].replace("-", " ")
            with open(os.path.join(pages, name[:-4] + ".html"), "w", encoding="utf-8") as f:
                f.write(PAGE_HEAD.format(title=html.escape(title)))
                for line in lines:
                    f.write("<p>" + html.escape(line) + "</p>\n")
                f.write(PAGE_TAIL)
        rates = {"txt": [], "html": []}
        counts = {}
        for _ in range(args.runs):
            for kind, folder in (("txt", text), ("html", pages)):
                out = subprocess.run([args.dossier, "index", "--corpus", folder, "--index", os.path.join(work, "ix-" + kind),
                                      "--rebuild", "--json"], check=True, capture_output=True, text=True)
                summary = json.loads(out.stdout)
                counts[kind] = summary["passages"]
                rates[kind].append(summary["passages"] / summary["seconds"])
        t, h = statistics.median(rates["txt"]), statistics.median(rates["html"])
        print(json.dumps({"passages": counts, "txt_passages_per_s": round(t), "html_passages_per_s": round(h),
                          "ratio": round(h / t, 3), "runs": args.runs}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
