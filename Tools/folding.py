"""Folding for the generators, the same as Dossier's own (`Sources/DossierCore/Text/TextFolding.swift`, `fold`):
canonical decomposition, combining marks dropped, the letters that do not decompose replaced (ø, ł, đ, æ, œ, ß, ı),
curly apostrophes made straight, then lower case. A generated table's folded words must be the words Dossier folds
from the text, or they never match ("außer" is "ausser" to Dossier).

    import sys, os; sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from folding import fold
"""
import unicodedata

EXTRA = {
    "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
    "\u2019": "'", "\u2018": "'",
}


def fold(s):
    out = []
    for c in unicodedata.normalize("NFD", s):
        if unicodedata.category(c) in ("Mn", "Me"):
            continue
        out.append(EXTRA.get(c, c))
    return "".join(out).lower()
