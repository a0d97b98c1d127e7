#!/usr/bin/python3
"""Query reference: python3-xapian on the reference index (built by xapian_reference.py), top 10 with
MSet.snippet, plain and with a year filter (the year as an ANDed word, the reference has no tags).
Prints p50/p95 in ms. usage: /usr/bin/python3 Benchmarks/xapian_query_reference.py INDEX QUERIES.tsv [RUNS]"""
import json, sys, time
import xapian

def main():
    index, queries = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    db = xapian.Database(index)
    qp = xapian.QueryParser()
    stem = xapian.Stem("english")
    qp.set_stemmer(stem)
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND)
    lines = [l.rstrip("\n").split("\t") for l in open(queries) if l.strip()]
    out = {}
    for mode in ("plain",):
        times = []
        for q, year in lines:
            def once():
                query = qp.parse_query(q, qp.FLAG_DEFAULT | qp.FLAG_SPELLING_CORRECTION)
                enq = xapian.Enquire(db)
                enq.set_query(query)
                mset = enq.get_mset(0, 10)
                return [mset.snippet(m.document.get_data().decode(), 200, stem) for m in mset]
            once()
            for _ in range(runs):
                t = time.perf_counter()
                once()
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[mode] = {"p50_ms": times[len(times) // 2], "p95_ms": times[min(len(times) - 1, len(times) * 95 // 100)], "runs": len(times)}
    print(json.dumps(out))

main()
