#!/usr/bin/env python3
"""SQLite FTS5 and tantivy on the same passages and tags (exported from a Dossier index by
`dossier-bench export`): build time, size, and query latency for top 10 with snippets, and with exact year,
topic and entity facets (FTS5: GROUP BY; tantivy: terms aggregations). Prints one JSON object.
usage: python3 Benchmarks/engines.py EXPORT.jsonl WORKDIR QUERIES.tsv [RUNS]"""
import json, os, shutil, sqlite3, sys, time

def pct(times):
    times.sort()
    return {"p50_ms": times[len(times) // 2], "p95_ms": times[min(len(times) - 1, len(times) * 95 // 100)], "runs": len(times)}

def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)

def fts5(rows, work, queries, runs):
    path = os.path.join(work, "fts5.db")
    if os.path.exists(path):
        os.remove(path)
    t = time.time()
    c = sqlite3.connect(path)
    c.execute("PRAGMA journal_mode=OFF")
    c.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='porter unicode61')")
    c.execute("CREATE TABLE y(pid INTEGER, year INTEGER)")
    c.execute("CREATE TABLE t(pid INTEGER, topic TEXT)")
    c.execute("CREATE TABLE e(pid INTEGER, entity TEXT)")
    for i, r in enumerate(rows, 1):
        c.execute("INSERT INTO p(rowid, text) VALUES (?, ?)", (i, r["text"]))
        c.executemany("INSERT INTO y VALUES (?, ?)", [(i, v) for v in r["years"]])
        c.execute("INSERT INTO t VALUES (?, ?)", (i, r["topic"]))
        c.executemany("INSERT INTO e VALUES (?, ?)", [(i, v) for v in r["entities"]])
    c.execute("CREATE INDEX yi ON y(pid)"); c.execute("CREATE INDEX ti ON t(pid)"); c.execute("CREATE INDEX ei ON e(pid)")
    c.execute("CREATE INDEX yy ON y(year, pid)")
    c.commit()
    build = time.time() - t
    out = {"build_s": build, "index_bytes": dir_size(path)}
    def plain(q, year):
        return c.execute("SELECT rowid, snippet(p, 0, '[', ']', '…', 20) FROM p WHERE p MATCH ? ORDER BY rank LIMIT 10", (q,)).fetchall()
    def with_year(q, year):
        return c.execute("SELECT rowid, snippet(p, 0, '[', ']', '…', 20) FROM p WHERE p MATCH ? AND EXISTS (SELECT 1 FROM y WHERE y.pid = p.rowid AND y.year = ?) ORDER BY rank LIMIT 10", (q, int(year))).fetchall()
    def facets(q, year):
        top = plain(q, year)
        m = "CREATE TEMP TABLE IF NOT EXISTS m(pid INTEGER PRIMARY KEY)"
        c.execute(m); c.execute("DELETE FROM m")
        c.execute("INSERT INTO m SELECT rowid FROM p WHERE p MATCH ?", (q,))
        f = [c.execute("SELECT year, count(*) n FROM y JOIN m ON y.pid = m.pid GROUP BY year ORDER BY n DESC LIMIT 10").fetchall(),
             c.execute("SELECT topic, count(*) n FROM t JOIN m ON t.pid = m.pid GROUP BY topic ORDER BY n DESC LIMIT 10").fetchall(),
             c.execute("SELECT entity, count(*) n FROM e JOIN m ON e.pid = m.pid GROUP BY entity ORDER BY n DESC LIMIT 10").fetchall()]
        return top, f
    for name, fn in (("plain", plain), ("year", with_year), ("facets", facets)):
        times = []
        for q, year in queries:
            fq = " ".join('"%s"' % w for w in q.split())
            fn(fq, year)
            for _ in range(runs):
                t = time.perf_counter(); fn(fq, year); times.append((time.perf_counter() - t) * 1000)
        out[name] = pct(times)
    c.close()
    return out

def tantivy_bench(rows, work, queries, runs):
    import tantivy
    path = os.path.join(work, "tantivy")
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("text", stored=True, tokenizer_name="en_stem")
    sb.add_integer_field("year", stored=False, indexed=True, fast=True)
    sb.add_text_field("topic", stored=False, tokenizer_name="raw", fast=True)
    sb.add_text_field("entity", stored=False, tokenizer_name="raw", fast=True)
    schema = sb.build()
    t = time.time()
    index = tantivy.Index(schema, path=path)
    w = index.writer(heap_size=256_000_000, num_threads=2)
    for r in rows:
        w.add_document(tantivy.Document(text=r["text"], year=r["years"], topic=r["topic"], entity=r["entities"]))
    w.commit()
    w.wait_merging_threads()
    build = time.time() - t
    index.reload()
    s = index.searcher()
    out = {"build_s": build, "index_bytes": dir_size(path)}
    def run(q, year, mode):
        query = index.parse_query(q, ["text"])
        if mode == "year":
            query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query),
                                                 (tantivy.Occur.Must, tantivy.Query.term_query(schema, "year", int(year)))])
        hits = s.search(query, 10).hits
        gen = tantivy.SnippetGenerator.create(s, query, schema, "text")
        snippets = [gen.snippet_from_doc(s.doc(a)).to_html() for _, a in hits]
        if mode == "facets":
            aggs = {"y": {"terms": {"field": "year", "size": 10}}, "t": {"terms": {"field": "topic", "size": 10}},
                    "e": {"terms": {"field": "entity", "size": 10}}}
            s.aggregate(query, aggs)
        return snippets
    for mode in ("plain", "year", "facets"):
        times = []
        for q, year in queries:
            qq = " AND ".join(q.split())
            run(qq, year, mode)
            for _ in range(runs):
                t = time.perf_counter(); run(qq, year, mode); times.append((time.perf_counter() - t) * 1000)
        out[mode] = pct(times)
    return out

def main():
    export, work, qfile = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    rows = [json.loads(l) for l in open(export)]
    queries = [l.rstrip("\n").split("\t") for l in open(qfile) if l.strip()]
    os.makedirs(work, exist_ok=True)
    result = {"passages": len(rows), "fts5": fts5(rows, work, queries, runs)}
    try:
        result["tantivy"] = tantivy_bench(rows, work, queries, runs)
    except Exception as e:  # a missing or different tantivy version: report, do not stop
        result["tantivy"] = {"error": str(e)}
    print(json.dumps(result))

main()
