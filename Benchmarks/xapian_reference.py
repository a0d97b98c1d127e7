#!/usr/bin/python3
"""One-core reference: only Xapian's share of indexing, through python3-xapian.

Splits every .txt file of CORPUS into passages exactly as Dossier does (blank-line blocks, or lines in a file
without blank lines), and for each passage runs Xapian's TermGenerator (English stemmer, Xapian's default
strategy), stores the text as document data, and calls replace_document on a unique id term; commits at the
end (Xapian flushes every 10,000 documents by itself). Prints one JSON object.

usage: /usr/bin/python3 Benchmarks/xapian_reference.py CORPUS INDEX
"""
import json, os, sys, time, resource
import xapian

def passages(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline is not a blank line (as in Dossier's Paragraphs.split)
    blank = any(not l.strip() for l in lines) and any(l.strip() for l in lines)
    block = []
    for line in lines:
        if not line.strip():
            if block:
                yield " ".join(block); block = []
            continue
        block.append(line.strip())
        if not blank:
            yield " ".join(block); block = []
    if block:
        yield " ".join(block)

def main():
    corpus, index = sys.argv[1], sys.argv[2]
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".txt"))
    start = time.time()
    cpu0 = time.process_time()
    db = xapian.WritableDatabase(index, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    n = 0
    size = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        size += len(text.encode())
        for p in passages(text):
            n += 1
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(p)
            doc.set_data(p)
            term = "Q%d" % n
            doc.add_boolean_term(term)
            db.replace_document(term, doc)
    db.commit()
    db.close()
    wall = time.time() - start
    cpu = time.process_time() - cpu0
    disk = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(index) for f in fs)
    print(json.dumps({"passages": n, "bytes": size, "wall_s": wall, "cpu_s": cpu, "passages_per_s": n / wall,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "index_bytes": disk}))

if __name__ == "__main__":
    main()
