/// Words joined by an apostrophe that a search must see apart: French and Italian elided articles, pronouns and
/// conjunctions (`l'ambassade`, `d'État`, `qu'il`, `dell'Unione`), and the Dutch plural `'s` after a vowel
/// (`panda's`). Xapian's term generator keeps a word with an inner apostrophe whole, so `l'ambassade` was the term
/// `l'ambassad` and a search for `ambassade` missed it. Text of those languages is given to the term generator,
/// and queries parsed for them, with the elided word and its apostrophe left out (`ambassade`, `panda`), as
/// Lucene's `ElisionFilter` does.
///
/// The elided words are Lucene's (`FrenchAnalyzer.DEFAULT_ARTICLES`, `ItalianAnalyzer.DEFAULT_ARTICLES`, Apache
/// License 2.0), the lists its `ElisionFilter` strips.
public enum Elision {
    /// Part of the index's tagging data hash (`Tagger.dataHash`): a change re-indexes every passage.
    static let version = "elision-1"

    static let elided: [String: Set<String>] = [
        "fr": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
        "it": ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl",
               "un", "m", "t", "s", "v", "d"],
    ]

    /// True for the languages whose text `strip` changes.
    static func applies(to language: String) -> Bool {
        elided[language] != nil || language == "nl"
    }

    static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "\u{2019}" }

    /// `text` with each elision of `language` cut off: an elided word goes with its apostrophe, and so does a
    /// Dutch `'s` after a letter. Other languages' text (and text without an apostrophe) is returned as it is.
    public static func strip(_ text: String, language: String) -> String {
        guard applies(to: language), text.utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 }) else { return text }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isApostrophe) else { return text }
        let articles = elided[language]
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        var wordStart = 0
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if isApostrophe(s), i > wordStart, i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic {
                if let articles {
                    if articles.contains(String(String.UnicodeScalarView(scalars[wordStart..<i])).lowercased()) {
                        out.removeLast(i - wordStart)  // l'ambassade → ambassade
                        i += 1
                        wordStart = i
                        continue
                    }
                } else if scalars[i + 1] == "s" || scalars[i + 1] == "S",
                          i + 2 == scalars.count || !scalars[i + 2].properties.isAlphabetic {
                    i += 2  // panda's → panda
                    continue
                }
            }
            if !s.properties.isAlphabetic { wordStart = i + 1 }
            out.append(s)
            i += 1
        }
        return String(String.UnicodeScalarView(out))
    }
}
