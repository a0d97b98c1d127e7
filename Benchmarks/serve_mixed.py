#!/usr/bin/env python3
"""Mixed API requests against a running `dossier serve`, many at once, for a bounded time (loopback only).

    python3 Benchmarks/serve_mixed.py http://127.0.0.1:8080 [--seconds 180] [--seed 1] [--connections 12]

Each request is drawn (seeded; the seed is printed) from searches with and without words, filters, every facet,
sorts and pages, facet listings, timelines, events, entities and passages (known and unknown), as the web page
asks for them. Any answer but 200, 400 or 404, or a connection the server drops, is printed and stops the run;
the last line gives the count. This is how the server's crash on Xapian's shared `Query::MatchAll` was
reproduced (BENCHMARKS.md, "A crash in the server"): run it against a debug build with a CPU kept busy beside it.
"""
import argparse, concurrent.futures, random, sys, time, urllib.error, urllib.parse, urllib.request

WORDS = ["trade", "panda", "visit", "Xi Jinping", "Belgium", "China", "agreement", "harbour", "ledger", "culture",
         "Brussels", "king", "2015", "students", "investment", "p*", "tra*", '"trade agreement"', "year:2015",
         "topic:Trade", "xss", "script", "onerror"]


def request(rnd):
    p = {"q": " ".join(rnd.sample(WORDS, rnd.randint(1, 3)))}
    if rnd.random() < .3: p["year"] = str(rnd.choice([2015, 2016, 1750, 1800, 2019]))
    if rnd.random() < .2: p["topic"] = rnd.choice(["Trade", "Culture", "High-level exchanges"])
    if rnd.random() < .2: p["entity"] = rnd.choice(["Belgium", "China", "Xi Jinping", "Brussels"])
    if rnd.random() < .2: p["offset"] = str(rnd.choice([0, 10, 20]))
    if rnd.random() < .2: p["sort"] = rnd.choice(["date", "-date", "relevance"])
    if rnd.random() < .5: p.update({"facets": "30", "year-facets": "10000", "entity-facets": "30"})
    if rnd.random() < .3: p["limit"] = str(rnd.choice([0, 20]))
    if rnd.random() < .15: p.pop("q")  # no words: every passage, filtered
    if rnd.random() < .1: p.update({"from": "1750", "to": "2016"})
    k = rnd.random()
    if k < .45: return "/api/search?" + urllib.parse.urlencode(p)
    if k < .60: return "/api/facets?" + urllib.parse.urlencode(p)
    if k < .72: return "/api/timeline?" + urllib.parse.urlencode(p)
    if k < .82: return "/api/events?" + urllib.parse.urlencode({"q": p.get("q", ""), "limit": "100"})
    if k < .90: return "/api/entity?" + urllib.parse.urlencode({"name": rnd.choice(["Belgium", "China", "Xi Jinping", "Nobody"])})
    return "/api/passage/" + urllib.parse.quote(rnd.choice(["china-belgium.txt:2", "china-belgium.txt#4", "nope"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--connections", type=int, default=12)
    args = ap.parse_args()
    host = urllib.parse.urlparse(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("serve_mixed.py: loopback only")
    print("seed", args.seed, flush=True)
    rnd = random.Random(args.seed)
    urls = [request(rnd) for _ in range(5000)]

    def get(u):
        try:
            with urllib.request.urlopen(args.base + u, timeout=30) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
        except Exception as e:  # a dropped connection: the server died or refused
            return type(e).__name__

    end, n, bad = time.time() + args.seconds, 0, 0
    with concurrent.futures.ThreadPoolExecutor(args.connections) as pool:
        while time.time() < end and not bad:
            batch = [rnd.choice(urls) for _ in range(60)]
            for u, status in zip(batch, pool.map(get, batch)):
                n += 1
                if status not in (200, 400, 404):
                    bad += 1
                    print("BAD", status, u)
    print(f"requests {n}, failed {bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
