#!/usr/bin/env python3
"""Writes Sources/DossierCore/Text/Data/stopwords.tsv: for each language Dossier tells apart (English, French,
Dutch, German, Spanish, Italian, Portuguese), its stop words from the stopwords-iso collection (`pip install
stopwordsiso`; MIT licence, see NOTICE.md). A word counts for every language whose list has it; a passage's language
is the one whose stop words it uses most (`LanguageDetector`); Chinese is told by its script.

Also writes Sources/DossierCore/Text/Data/query-stopwords.tsv: the stop words dropped from a question or description
parsed in French, Dutch, German, Spanish, Italian or Portuguese, from the python-stop-words collection (`pip install
stop-words`; BSD licence, see NOTICE.md). English queries use the Snowball list in `StopWords.swift`.

    python3 Tools/languages/generate.py
"""
import os, sys
import stopwordsiso
import stop_words
from importlib.metadata import version
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from folding import fold  # Dossier's own folding (TextFolding.swift)

LANGUAGES = ["en", "fr", "nl", "de", "es", "it", "pt"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources/DossierCore/Text/Data/stopwords.tsv")
QUERY_OUT = os.path.join(ROOT, "Sources/DossierCore/Text/Data/query-stopwords.tsv")


def main():
    lists = {l: {fold(w) for w in stopwordsiso.stopwords(l) if w.isalpha() and len(w) > 1} for l in LANGUAGES}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# language <TAB> its stop words (folded: lower case, no accents); a word may be in several languages' lists.\n")
        f.write(f"# From stopwords-iso (MIT), written by Tools/languages/generate.py.\n")
        for l in LANGUAGES:
            f.write(f"{l}\t{'|'.join(sorted(lists[l]))}\n")
            print(l, len(lists[l]))
    print(f"wrote {OUT}")
    with open(QUERY_OUT, "w", encoding="utf-8") as f:
        f.write("# language <TAB> stop words dropped from its bag-of-words queries (folded: lower case, no accents).\n")
        f.write(f"# From python-stop-words {version('stop-words')} (BSD), written by Tools/languages/generate.py.\n")
        for l in LANGUAGES[1:]:
            words = sorted({fold(w) for w in stop_words.get_stop_words(l) if w.replace("'", "").isalpha()})
            f.write(f"{l}\t{'|'.join(words)}\n")
    print(f"wrote {QUERY_OUT}")


if __name__ == "__main__":
    main()
