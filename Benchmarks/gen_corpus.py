#!/usr/bin/env python3
"""Deterministic generator of relations-like passages for benchmarks.

Recombines the sentences of the bundled corpus (Corpus/china-belgium.txt), with varied years, countries and
names, into N passages of about 500 bytes, written as files of 1,000 passages (blank-line separated).

usage: Benchmarks/gen_corpus.py N OUT_DIR [--seed 1] [--per-file 1000]
"""
import argparse, os, random, re

COUNTRIES = ["Belgium", "France", "Germany", "Italy", "Spain", "Portugal", "Netherlands", "Poland", "Greece",
             "Hungary", "Austria", "Sweden", "Denmark", "Finland", "Ireland", "Norway", "Brazil", "Argentina",
             "Chile", "Mexico", "Kenya", "Nigeria", "Egypt", "Ethiopia", "Indonesia", "Vietnam", "Thailand",
             "Malaysia", "Pakistan", "Kazakhstan", "Mongolia", "Serbia", "Croatia", "Romania", "Bulgaria"]
FIRST = ["Anna", "Marc", "Sophie", "Jan", "Luc", "Elena", "Pieter", "Chen", "Wang", "Li", "Zhang", "Liu", "Maria",
         "Paul", "Ines", "Tomas", "Karin", "Yusuf", "Amina", "Jorge", "Lucia", "Henrik", "Olga", "Rafael"]
LAST = ["Janssens", "Peeters", "Dubois", "Lambert", "Martens", "Wei", "Hua", "Ming", "Jun", "Fernandes", "Novak",
        "Kowalski", "Rossi", "Muller", "Silva", "Haddad", "Okafor", "Nguyen", "Sato", "Larsen", "Horvath", "Ivanova"]
TITLES = ["President", "Premier", "Prime Minister", "Foreign Minister", "Vice Premier", "Minister", "Ambassador", "Mayor"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

def sentences(text):
    out = []
    for para in text.split("\n"):
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para.strip()):
            if len(s) > 30:
                out.append(s)
    return out

def vary(s, rng):
    country = rng.choice(COUNTRIES)
    s = s.replace("Belgium", country).replace("Belgian", country + "'s")
    s = re.sub(r"\b(19[5-9]\d|20[0-2]\d)\b", lambda m: str(rng.randint(1950, 2025)), s)
    s = re.sub(r"\b(" + "|".join(MONTHS) + r")\b", lambda m: rng.choice(MONTHS), s)
    s = re.sub(r"\b(President|Premier|Prime Minister|King|Queen|Princess|Vice Premier) [A-Z][a-z]+( [A-Z][a-z]+)?",
               lambda m: f"{rng.choice(TITLES)} {rng.choice(FIRST)} {rng.choice(LAST)}", s)
    return s

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-file", type=int, default=1000)
    ap.add_argument("--source", default=os.path.join(os.path.dirname(__file__), "..", "Corpus", "china-belgium.txt"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = sentences(open(args.source, encoding="utf-8").read())
    os.makedirs(args.out, exist_ok=True)
    written = 0
    file_no = 0
    while written < args.n:
        file_no += 1
        count = min(args.per_file, args.n - written)
        paras = []
        for _ in range(count):
            p, size = [], 0
            while size < 450:
                s = vary(rng.choice(pool), rng)
                p.append(s)
                size += len(s) + 1
            paras.append(" ".join(p))
        with open(os.path.join(args.out, f"relations-{file_no:05d}.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras) + "\n")
        written += count
    print(f"{written} passages in {file_no} files under {args.out}")

if __name__ == "__main__":
    main()
