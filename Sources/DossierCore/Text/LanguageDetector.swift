/// A passage's language, from its script and its stop words: Chinese when ideographs make up a third of its letters,
/// else the language whose stop words (`Data/stopwords.tsv`, from stopwords-iso; a word counts for every language
/// whose list has it: "in" for English, Dutch, German and Italian) it uses most, when it uses at least two; English
/// otherwise, and on ties. Words in capitals are left out, and so are capitalized words except a sentence's first
/// (they are names: "San Salvador", "El Salvador has an embassy").
public enum LanguageDetector {
    /// The languages told apart, ISO 639-1 codes: English, French, Dutch, German, Spanish, Italian, Portuguese,
    /// Chinese.
    public static let codes = ["en", "fr", "nl", "de", "es", "it", "pt", "zh"]

    /// Folded stop word → the languages (indices in `codes`) whose list has it.
    static let stopWords: [String: [Int]] = {
        var table: [String: [Int]] = [:]
        for list in StopWords.lists(PackageResources.stopwords_tsv) {
            guard let language = codes.firstIndex(of: list.language) else { continue }
            for w in list.words { table[w, default: []].append(language) }
        }
        return table
    }()

    /// Version of the rules and the list: part of `Tagger.dataHash`.
    static let dataVersion = "languages-2"

    /// Stop words another language needs before it is chosen over English: one is chance ("comment on" in a
    /// title; "Modern era").
    static let minimumEvidence = 2

    /// The language of a passage's tokens; `folded` is each token folded.
    static func detect(_ tokens: [Token], folded: [String]) -> String {
        var ideographs = 0, words = 0
        var counts = [Int](repeating: 0, count: codes.count)
        var sentenceStart = true
        for (i, t) in tokens.enumerated() {
            guard t.isWord else {
                if t.kind == .punctuation, let c = t.text.first, ".!?。！？".contains(c) { sentenceStart = true }
                continue
            }
            let first = sentenceStart
            sentenceStart = false
            words += 1
            if CJKText.isIdeographToken(t) {
                ideographs += 1
            } else if !t.isCapitalized || (first && !Self.inCapitals(t.text)), let languages = stopWords[folded[i]] {
                for l in languages { counts[l] += 1 }
            }
        }
        if words > 0, ideographs * 3 >= words { return "zh" }
        // the most used; ties go to the order of `codes` (English first)
        var best = 0
        for l in counts.indices where counts[l] > counts[best] { best = l }
        return counts[best] >= minimumEvidence ? codes[best] : "en"
    }

    /// True for a word of two letters or more, all capitals ("WORD", "DE").
    static func inCapitals(_ word: Substring) -> Bool {
        word.utf8.count > 1 && !word.contains { $0.isLowercase }
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
