#!/usr/bin/env python3
"""Writes Sources/DossierCore/Text/Data/stopwords.tsv: for each language Dossier tells apart (English, French,
Dutch, German, Spanish, Italian, Portuguese), the stop words that belong to that language's list only, from the
stopwords-iso collection (`pip install stopwordsiso`; MIT licence, see NOTICE.md). A passage's language is the one
whose own stop words it uses most (`LanguageDetector`); Chinese is told by its script.

    python3 Tools/languages/generate.py
"""
import os, unicodedata
import stopwordsiso

LANGUAGES = ["en", "fr", "nl", "de", "es", "it", "pt"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources/DossierCore/Text/Data/stopwords.tsv")


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


def main():
    lists = {l: {fold(w) for w in stopwordsiso.stopwords(l) if w.isalpha() and len(w) > 1} for l in LANGUAGES}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# language <TAB> its own stop words (folded: lower case, no accents), in no other language's list here.\n")
        f.write(f"# From stopwords-iso (MIT), written by Tools/languages/generate.py.\n")
        for l in LANGUAGES:
            others = set().union(*(lists[o] for o in LANGUAGES if o != l))
            own = sorted(lists[l] - others)
            f.write(f"{l}\t{'|'.join(own)}\n")
            print(l, len(own))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
