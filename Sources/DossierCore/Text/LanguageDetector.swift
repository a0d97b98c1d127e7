/// A passage's language, from its script and its stop words: Chinese when ideographs make up a third of its letters,
/// else the language whose own stop words (`Data/stopwords.tsv`, from stopwords-iso, each word in one language's
/// list only) it uses most in lower case (capitalized words are names: "San Salvador"), with English when none is used.
public enum LanguageDetector {
    /// The languages told apart, ISO 639-1 codes: English, French, Dutch, German, Spanish, Italian, Portuguese,
    /// Chinese.
    public static let codes = ["en", "fr", "nl", "de", "es", "it", "pt", "zh"]

    /// Folded stop word → the language whose own word it is.
    static let stopWords: [String: String] = {
        var table: [String: String] = [:]
        for line in String(decoding: PackageResources.stopwords_tsv, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            guard f.count == 2 else { continue }
            for w in f[1].split(separator: "|") { table[String(w)] = String(f[0]) }
        }
        return table
    }()

    /// Version of the rules and the list: part of `Tagger.dataHash`.
    static let dataVersion = "languages-1"

    /// The language of a passage's tokens; `folded` is each token folded.
    static func detect(_ tokens: [Token], folded: [String]) -> String {
        var ideographs = 0, words = 0
        var counts: [String: Int] = [:]
        for (i, t) in tokens.enumerated() where t.isWord {
            words += 1
            if CJKText.isIdeographToken(t) {
                ideographs += 1
            } else if !t.isCapitalized, let language = stopWords[folded[i]] {  // not in names: "San Salvador", "Buenos Aires"
                counts[language, default: 0] += 1
            }
        }
        if words > 0, ideographs * 3 >= words { return "zh" }
        // the most used; ties go to the order of `codes` (English first)
        let best = codes.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) || ((counts[$0] ?? 0) == (counts[$1] ?? 0) && codes.firstIndex(of: $0)! > codes.firstIndex(of: $1)!) }
        return best.flatMap { (counts[$0] ?? 0) > 0 ? $0 : nil } ?? "en"
    }

    /// A language's code from what a user types: "fr", "French", "français".
    public static func code(_ name: String) -> String? {
        let key = TextFolding.fold(name)
        if codes.contains(key) { return key }
        let names: [String: String] = [
            "english": "en", "french": "fr", "francais": "fr", "dutch": "nl", "nederlands": "nl", "german": "de",
            "deutsch": "de", "spanish": "es", "espanol": "es", "italian": "it", "italiano": "it", "portuguese": "pt",
            "portugues": "pt", "chinese": "zh", "zhongwen": "zh", "中文": "zh",
        ]
        return names[key]
    }
}
