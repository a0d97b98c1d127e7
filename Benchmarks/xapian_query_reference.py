#!/usr/bin/python3
"""Query reference: python3-xapian on the reference index (built by xapian_reference.py), top 10 with
MSet.snippet. It searches as `dossier search` does: every word required, and when nothing has every word, any of
them (6 of the 20 queries of queries.tsv name a word the generated corpus lacks); a spelling correction is run
when it finds fewer than 3 (the reference index has no spelling data, so it never has one).
Prints p50/p95 in ms, and with --per-query the p50 of each query.
usage: /usr/bin/python3 Benchmarks/xapian_query_reference.py INDEX QUERIES.tsv [RUNS] [--per-query]"""
import json, sys, time
import xapian

def main():
    per_query = "--per-query" in sys.argv
    argv = [a for a in sys.argv if a != "--per-query"]
    index, queries = argv[1], argv[2]
    runs = int(argv[3]) if len(argv) > 3 else 5
    db = xapian.Database(index)
    qp = xapian.QueryParser()
    stem = xapian.Stem("english")
    qp.set_stemmer(stem)
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND)
    any_qp = xapian.QueryParser()
    any_qp.set_stemmer(stem)
    any_qp.set_database(db)
    any_qp.set_default_op(xapian.Query.OP_OR)
    flags = qp.FLAG_DEFAULT | qp.FLAG_SPELLING_CORRECTION
    lines = [l.rstrip("\n").split("\t") for l in open(queries) if l.strip()]
    out = {}
    def search(q, correct=True):
        enq = xapian.Enquire(db)
        enq.set_query(qp.parse_query(q, flags))
        mset = enq.get_mset(0, 10)
        correction = qp.get_corrected_query_string()
        if mset.get_matches_upper_bound() == 0 and len(q.split()) > 1:
            enq.set_query(any_qp.parse_query(q, flags))
            relaxed = enq.get_mset(0, 10)
            if relaxed.get_matches_upper_bound() > 0:
                mset = relaxed
        if correct and mset.get_matches_estimated() < 3 and correction:
            alt = search(correction.decode(), correct=False)
            if alt.get_matches_estimated() > mset.get_matches_estimated():
                mset = alt
        return mset

    for mode in ("plain",):
        times = []
        each = {}
        for q, year in lines:
            def once():
                mset = search(q)
                return [mset.snippet(m.document.get_data().decode(), 200, stem) for m in mset]
            once()
            mine = []
            for _ in range(runs):
                t = time.perf_counter()
                once()
                mine.append((time.perf_counter() - t) * 1000)
            times += mine
            each[q] = sorted(mine)[len(mine) // 2]
        times.sort()
        out[mode] = {"p50_ms": times[len(times) // 2], "p95_ms": times[min(len(times) - 1, len(times) * 95 // 100)], "runs": len(times)}
        if per_query:
            out[mode]["per_query_p50_ms"] = each
    print(json.dumps(out))

main()
