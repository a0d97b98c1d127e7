#!/usr/bin/env python3
"""Writes Sources/DossierCore/Tagging/Data/months.tsv: the months' names in the languages Dossier reads besides
English (French, Dutch, German, Spanish, Italian, Portuguese), from the Unicode CLDR through the `babel` package
(`pip install babel`), so that "le 25 octobre 1971" and "in maart 2014" are dates.

    python3 Tools/dates/generate.py

One line a name: the name folded (lower case, no accents), TAB, the month's number, TAB, the languages that write it,
TAB, the name as they write it in lower case (with its accents), when that differs.
CLDR is licensed under the Unicode License (see NOTICE.md in this folder)."""
import os, sys
from babel import __version__ as babel_version
from babel.dates import get_month_names
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from folding import fold  # Dossier's own folding (TextFolding.swift)

LANGUAGES = ["fr", "nl", "de", "es", "it", "pt"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources/DossierCore/Tagging/Data/months.tsv")


def main():
    names, written = {}, {}
    for lang in LANGUAGES:
        for number, name in get_month_names("wide", locale=lang).items():
            names.setdefault((fold(name), number), []).append(lang)
            if name.lower() != fold(name):
                written.setdefault((fold(name), number), set()).add(name.lower())
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(f"# Month names of {', '.join(LANGUAGES)} from the Unicode CLDR (babel {babel_version}), written by Tools/dates/generate.py.\n")
        # names English shares (april, september) are here too: the date rules take English names capitalized only,
        # and Dutch writes them in lower case ("op 3 april 2018")
        f.write("# folded name <TAB> month <TAB> languages <TAB> as written (accents).\n")
        for (name, number), langs in sorted(names.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            f.write(f"{name}\t{number}\t{','.join(langs)}\t{','.join(sorted(written.get((name, number), [name])))}\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
