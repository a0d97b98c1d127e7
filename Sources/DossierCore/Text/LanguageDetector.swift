/// A passage's language, from its script and its stop words: Chinese when ideographs make up a third of its letters,
/// else the language whose stop words (`Data/stopwords.tsv`, from stopwords-iso; a word counts for every language
/// whose list has it: "in" for English, Dutch, German and Italian) it uses most, when at least two of them are not
/// common English words; English otherwise, and on ties. Words in capitals are left out, and so are capitalized
/// words except a sentence's first (they are names: "San Salvador", "El Salvador has an embassy"). A short clause
/// of another language with fewer than two such words ("Hij is ziek") is English: too little to tell.
public enum LanguageDetector {
    /// The languages told apart, ISO 639-1 codes: English, French, Dutch, German, Spanish, Italian, Portuguese,
    /// Chinese.
    public static let codes = ["en", "fr", "nl", "de", "es", "it", "pt", "zh"]

    /// A stop word's languages (indices in `codes`), and whether it is a common English word (`StopWords.english`,
    /// the short list queries drop; stopwords-iso's English list also has "de", "la", "un", "et").
    struct StopWord: Sendable {
        var languages: [Int]
        var commonEnglish: Bool
    }

    /// Folded stop word → its languages.
    static let stopWords: WordTable<StopWord> = {
        var table: [String: StopWord] = [:]
        for list in StopWords.lists(PackageResources.stopwords_tsv) {
            guard let language = codes.firstIndex(of: list.language) else { continue }
            for w in list.words {
                table[w, default: StopWord(languages: [], commonEnglish: StopWords.english.contains(w))].languages.append(language)
            }
        }
        return WordTable(table)
    }()

    /// Version of the rules and the list: part of `Tagger.dataHash`.
    static let dataVersion = "languages-4"

    /// Stop words another language needs before it is chosen over English, counting only those that are not common
    /// English words: one is chance ("Modern era"), and a common English word is no evidence against English
    /// ("constant frequency oscillators comment on" has French "comment" and "on", but "on" is English too).
    static let minimumEvidence = 2

    /// The language of a passage's tokens; `folded` is each token folded.
    static func detect(_ tokens: [Token], folded: [String]) -> String {
        var ideographs = 0, words = 0
        var counts = [Int](repeating: 0, count: codes.count)
        var notEnglish = [Int](repeating: 0, count: codes.count)  // the language's stop words that are not common English
        var sentenceStart = true
        for (i, t) in tokens.enumerated() {
            guard t.isWord else {
                if t.kind == .punctuation, SentenceSplitter.isStop(t.text) || SentenceSplitter.isCJKStop(t.text) { sentenceStart = true }
                continue
            }
            let first = sentenceStart
            sentenceStart = false
            words += 1
            if CJKText.isIdeographToken(t) {
                ideographs += 1
            } else if !t.isCapitalized || (first && !Self.inCapitals(t.text)),
                      let word = stopWords[folded[i]] {
                for l in word.languages {
                    counts[l] += 1
                    if !word.commonEnglish { notEnglish[l] += 1 }
                }
            }
        }
        if words > 0, ideographs * 3 >= words { return "zh" }
        // the most used; ties go to the order of `codes` (English first)
        var best = 0
        for l in counts.indices where counts[l] > counts[best] { best = l }
        return notEnglish[best] >= minimumEvidence ? codes[best] : "en"
    }

    /// True for a word of two letters or more, all capitals ("WORD", "DE").
    static func inCapitals(_ word: String) -> Bool {
        // ASCII from the bytes (walking Characters breaks graphemes)
        guard word.utf8.count > 1 else { return false }
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return !word.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } }
        return !word.contains { $0.isLowercase }
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
